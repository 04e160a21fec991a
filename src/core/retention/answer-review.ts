import { removalRecord } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";
import type { AuditEvent } from "../audit/chain.js";
import { updateTopic } from "../disclosure/notify.js";
import { formatItemId, parseItemId } from "../items/item-id.js";
import type { CommandContext } from "../use-cases/context.js";
import { formatTime, joinReasons, message, refusal, type Reply } from "../views/message.js";
import { blockRequestsWithRemoved } from "./block-requests.js";
import { reviewLines } from "./review-lines.js";
import { formatReviewId, parseReviewId, type RetentionReview, type Verdict } from "./types.js";
import { answeredReviewView, reviewAskView, reviewTopic } from "./views.js";

/** `/ciic review <id> keep|let-go [items…] [reason: …]`, or a Keep / Let go button (every item left). */
export interface ReviewAnswer {
  ref: string;
  verdict: Verdict;
  /** Item ids as typed; empty: every item of the review without a verdict yet. */
  items: string[];
  reason?: string;
}

const mayAnswer = (ctx: CommandContext, review: RetentionReview | undefined): review is RetentionReview =>
  review !== undefined && review.party === ctx.member.party && (ctx.member.roles.includes("liaison") || ctx.member.roles.includes("deputy"));

/**
 * A party's liaison or deputy answers a retention review (Wiv 2017) for some or all of its items.
 * Keep starts a new review period; let go removes the item: its value, source and note are
 * destroyed, the record that it existed stays, and pending disclosures that contain it are
 * closed unreleased. Under the review's row lock, each verdict is a conditional write: a double
 * click or two liaisons at once decide each item once.
 */
export async function answerReview(ctx: CommandContext, answer: ReviewAnswer): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const refuse = async (code: string, text: string, subject?: string) => {
    await tx.audit.append([{ action: "retention.refused", actor: member.id, subject, details: { code, ref: answer.ref.slice(0, 20), verdict: answer.verdict, reason: text } }], now);
    return refusal(code, text);
  };
  const id = parseReviewId(answer.ref);
  // Another party's question is answered as a missing one (Art 7.2).
  if (!id || !mayAnswer(ctx, await tx.retention.review(id))) {
    return refuse("retention.not_found", `Nothing was changed: there is no retention review ${answer.ref.slice(0, 20) || "(none given)"} of your party. \`/ciic requests\` lists the open ones.`);
  }
  const review = (await tx.retention.lock(id))!;
  const rid = formatReviewId(review.id);
  const entries = await tx.retention.entries(review.id);
  if (review.state !== "OPEN") {
    const by = [...new Set(entries.map((e) => e.decidedByName).filter(Boolean))].join(", ");
    return refuse("retention.already_answered", `Already answered: ${rid} was answered${by ? ` by ${by}` : ""}${review.closedAt ? ` (completed ${formatTime(review.closedAt)})` : ""}; nothing was changed.`, `review:${review.id}`);
  }
  const problems: string[] = [];
  const targets = new Set<number>();
  for (const ref of answer.items) {
    const itemId = parseItemId(ref);
    const entry = itemId === undefined ? undefined : entries.find((e) => e.itemId === itemId);
    if (itemId === undefined) problems.push(`\`${ref.slice(0, 40)}\` is not an item id (I-42)`);
    else if (!entry) problems.push(`${formatItemId(itemId)} is not in ${rid}`);
    else if (entry.verdict) problems.push(`${formatItemId(itemId)} was already ${entry.verdict === "KEEP" ? "kept" : "let go"}${entry.decidedByName ? ` by ${entry.decidedByName}` : ""}`);
    else targets.add(itemId);
  }
  if (answer.items.length === 0) for (const e of entries.filter((e) => e.verdict === null)) targets.add(e.itemId);
  if (problems.length > 0) return refuse("retention.invalid", `Nothing was changed: ${joinReasons(problems)}.`, `review:${review.id}`);
  const written = answer.reason?.trim().slice(0, 500);
  const guarded = written ? await guardText(tx, member, { what: ctx.t.text("guard.what.reason"), text: written, audience: removalRecord() }, ctx.t) : undefined;
  if (guarded && !guarded.ok) return refuse("retention.invalid", `Nothing was changed: ${guarded.problem}.`, `review:${review.id}`);
  const reason = guarded?.text ?? `no longer relevant (retention review ${rid})`;
  const events: AuditEvent[] = [];
  const decided: number[] = [];
  const removed: number[] = [];
  for (const itemId of [...targets].sort((a, b) => a - b)) {
    if (!(await tx.retention.decide(review.id, itemId, answer.verdict, member, now))) continue;
    decided.push(itemId);
    if (answer.verdict === "KEEP") {
      await tx.retention.restartPeriod(itemId, now);
      continue;
    }
    const item = await tx.items.byId(itemId);
    if (!item || !(await tx.retention.removeItem(itemId, now))) continue;
    removed.push(itemId);
    // The record that it existed and was removed, never its value (Wiv 2017).
    events.push({
      action: "item.removed",
      actor: member.id,
      subject: `item:${itemId}`,
      details: { item: itemId, type: item.type, party: item.party, submittedAt: item.submittedAt.toISOString(), decidedBy: member.id, decidedByName: member.name, at: now.toISOString(), reason, review: rid },
    });
  }
  const blocked = await blockRequestsWithRemoved(tx, directory, removed, now, member.id);
  const after = await tx.retention.entries(review.id);
  const lines = await reviewLines(tx.items, after);
  const complete = after.every((e) => e.verdict !== null) && (await tx.retention.close(review.id, now));
  const view = complete ? answeredReviewView({ ...review, state: "ANSWERED", closedAt: now }, lines) : reviewAskView(review, lines);
  await tx.outbox.enqueue([...updateTopic(reviewTopic(review.id), view), ...blocked.outbound], now);
  await tx.audit.append(
    [
      { action: answer.verdict === "KEEP" ? "retention.kept" : "retention.let_go", actor: member.id, subject: `review:${review.id}`, details: { review: rid, party: review.party, items: decided, reason: answer.verdict === "LET_GO" ? reason : null } },
      ...events,
      ...blocked.events,
      ...(complete ? [{ action: "retention.answered", actor: member.id, subject: `review:${review.id}`, details: { review: rid, party: review.party } }] : []),
    ],
    now,
  );
  const ids = decided.map(formatItemId).join(", ");
  const done = answer.verdict === "KEEP" ? `You kept ${ids} for another review period.` : `You let go of ${ids}: ${decided.length === 1 ? "its value is" : "their values are"} removed from the cell.`;
  const left = after.filter((e) => e.verdict === null).map((e) => formatItemId(e.itemId));
  const rest = complete ? ` ${rid} is answered.` : ` ${left.length} item(s) of ${rid} still wait for an answer: ${left.join(", ")}.`;
  const disclosures = blocked.blocked.length > 0 ? ` ${blocked.blocked.length} pending disclosure request(s) that contained ${removed.length === 1 ? "it" : "them"} will not be released.` : "";
  const text = `${done}${rest}${disclosures}`;
  return message(text, [{ kind: "paragraph", content: [text] }]);
}

/** `/ciic review <id>`: the question as its message shows it, with the buttons while it is open. */
export async function showReview(ctx: CommandContext, ref: string): Promise<Reply> {
  const { tx, member, now } = ctx;
  const id = parseReviewId(ref);
  const review = id ? await tx.retention.review(id) : undefined;
  await tx.audit.append([{ action: "retention.shown", actor: member.id, subject: id ? `review:${id}` : undefined, details: { ref: ref.slice(0, 20) } }], now);
  if (!mayAnswer(ctx, review)) return refusal("retention.not_found", `There is no retention review ${ref.slice(0, 20) || "(none given)"} of your party. \`/ciic requests\` lists the open ones.`);
  const lines = await reviewLines(tx.items, await tx.retention.entries(review.id));
  return { kind: "message", view: review.state === "OPEN" ? reviewAskView(review, lines) : answeredReviewView(review, lines) };
}
