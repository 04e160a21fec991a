import { removalRecord } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";
import type { AuditEvent } from "../audit/chain.js";
import { updateTopic } from "../disclosure/notify.js";
import { formatItemId, parseItemId } from "../items/item-id.js";
import type { CommandContext } from "../use-cases/context.js";
import { joinReasons, message, refusal, type Reply } from "../views/message.js";
import { blockRequestsWithRemoved } from "./block-requests.js";
import { reviewLines } from "./review-lines.js";
import { formatReviewId, parseReviewId, type RetentionReview, type Verdict } from "./types.js";
import { answeredReviewView, decidedBy, reviewAskView, reviewTopic } from "./views.js";

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
  const { tx, member, directory, now, t } = ctx;
  const refuse = async (code: string, text: string, subject?: string) => {
    await tx.audit.append([{ action: "retention.refused", actor: member.id, subject, details: { code, ref: answer.ref.slice(0, 20), verdict: answer.verdict, reason: text } }], now);
    return refusal(code, text);
  };
  const id = parseReviewId(answer.ref);
  // Another party's question is answered as a missing one (Art 7.2).
  if (!id || !mayAnswer(ctx, await tx.retention.review(id))) {
    return refuse("retention.not_found", t.text("retention.answer.not_found", { ref: answer.ref.slice(0, 20) || t.text("retention.none_given") }));
  }
  const review = (await tx.retention.lock(id))!;
  const rid = formatReviewId(review.id);
  const entries = await tx.retention.entries(review.id);
  if (review.state !== "OPEN") {
    const by = [...new Set(entries.map((e) => e.decidedByName).filter(Boolean))].join(", ");
    const completed = review.closedAt ? t.text("retention.answer.completed", { time: t.time(review.closedAt) }) : "";
    return refuse("retention.already_answered", t.text("retention.answer.already", { review: rid, by: decidedBy(t, by || null), completed }), `review:${review.id}`);
  }
  const problems: string[] = [];
  const targets = new Set<number>();
  for (const ref of answer.items) {
    const itemId = parseItemId(ref);
    const entry = itemId === undefined ? undefined : entries.find((e) => e.itemId === itemId);
    if (itemId === undefined) problems.push(t.text("retention.answer.not_an_item", { ref: ref.slice(0, 40) }));
    else if (!entry) problems.push(t.text("retention.answer.not_in_review", { item: formatItemId(itemId), review: rid }));
    else if (entry.verdict) {
      problems.push(t.text("retention.answer.already_decided", { item: formatItemId(itemId), verdict: t.text("retention.verdict", { verdict: entry.verdict }), by: decidedBy(t, entry.decidedByName) }));
    }
    else targets.add(itemId);
  }
  if (answer.items.length === 0) for (const e of entries.filter((e) => e.verdict === null)) targets.add(e.itemId);
  if (problems.length > 0) return refuse("retention.invalid", t.text("retention.answer.refused", { problems: joinReasons(problems) }), `review:${review.id}`);
  const written = answer.reason?.trim().slice(0, 500);
  const guarded = written ? await guardText(tx, member, { what: ctx.t.text("guard.what.reason"), text: written, audience: removalRecord() }, ctx.t) : undefined;
  if (guarded && !guarded.ok) return refuse("retention.invalid", t.text("retention.answer.refused", { problems: guarded.problem }), `review:${review.id}`);
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
  // Every copy of the question is replaced in the language it was written in.
  const view = (l: typeof t) => (complete ? answeredReviewView(l, { ...review, state: "ANSWERED", closedAt: now }, lines) : reviewAskView(l, review, lines));
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
  const done = answer.verdict === "KEEP" ? t.text("retention.answer.kept", { items: ids }) : t.text("retention.answer.let_go", { items: ids, count: decided.length });
  const left = after.filter((e) => e.verdict === null).map((e) => formatItemId(e.itemId));
  const rest = complete ? t.text("retention.answer.complete", { review: rid }) : t.text("retention.answer.left", { count: left.length, review: rid, items: left.join(", ") });
  const disclosures = blocked.blocked.length > 0 ? t.text("retention.answer.blocked", { count: blocked.blocked.length, removed: removed.length }) : "";
  const text = `${done}${rest}${disclosures}`;
  return message(text, [{ kind: "paragraph", content: [text] }]);
}

/** `/ciic review <id>`: the question as its message shows it, with the buttons while it is open. */
export async function showReview(ctx: CommandContext, ref: string): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  const id = parseReviewId(ref);
  const review = id ? await tx.retention.review(id) : undefined;
  await tx.audit.append([{ action: "retention.shown", actor: member.id, subject: id ? `review:${id}` : undefined, details: { ref: ref.slice(0, 20) } }], now);
  if (!mayAnswer(ctx, review)) return refusal("retention.not_found", t.text("retention.show.not_found", { ref: ref.slice(0, 20) || t.text("retention.none_given") }));
  const lines = await reviewLines(tx.items, await tx.retention.entries(review.id));
  return { kind: "message", view: review.state === "OPEN" ? reviewAskView(t, review, lines) : answeredReviewView(t, review, lines) };
}
