import { isPartyCode } from "../covenant/parties.js";
import { say } from "../i18n/phrase.js";
import type { CommandContext } from "../use-cases/context.js";
import { refusal, type Block, type Inline, type MessageView, type Reply } from "../views/message.js";
import { answerReview, showReview } from "./answer-review.js";
import type { ReviewCommand } from "./review-command.js";
import { formatReviewId } from "./types.js";
import { isOverdue } from "./views.js";

type Ctx = Omit<CommandContext, "via" | "platform">;

/**
 * The retention part of `/ciic requests` (and the App Home tab) for a party's liaisons and
 * deputies: the party's open review questions, the overdue ones first and marked so. An
 * unanswered question stays here until it is answered: it is never kept or removed by silence.
 */
export async function reviewsOverview(ctx: Ctx): Promise<{ blocks: Block[]; open: number; overdue: number }> {
  const { tx, member, now, t } = ctx;
  const party = member.party;
  if (!isPartyCode(party) || !(member.roles.includes("liaison") || member.roles.includes("deputy"))) return { blocks: [], open: 0, overdue: 0 };
  const reviews = await tx.retention.openReviews(50, [party]);
  if (reviews.length === 0) return { blocks: [], open: 0, overdue: 0 };
  const sorted = [...reviews].sort((a, b) => Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || a.id - b.id);
  const lines: Inline[][] = [];
  for (const review of sorted) {
    const entries = await tx.retention.entries(review.id);
    const waiting = entries.filter((e) => e.verdict === null).length;
    const when: Inline = isOverdue(review, now) ? { strong: t.text("retention.list.overdue", { time: t.time(review.deadline) }) } : t.text("retention.list.answer_by", { time: t.time(review.deadline) });
    lines.push([{ code: formatReviewId(review.id) }, t.text("retention.list.line", { waiting, total: entries.length, party }), when]);
  }
  const overdue = reviews.filter((r) => isOverdue(r, now)).length;
  return {
    blocks: [
      { kind: "heading", text: t.text("retention.list.heading") },
      { kind: "paragraph", content: t.inline("retention.list.waiting", { count: reviews.length }) },
      { kind: "list", items: lines },
    ],
    open: reviews.length,
    overdue,
  };
}

/** Adds the party's open reviews to a `/ciic requests` overview. */
export async function withReviews(ctx: Ctx, view: MessageView): Promise<MessageView> {
  const { blocks, open, overdue } = await reviewsOverview(ctx);
  if (open === 0) return view;
  // The overview was written in the member's language, so its "nothing waits" is this text.
  const nothingWaits = ctx.t.text("disclosure.list.nothing");
  const nothing = view.blocks.findIndex((b) => b.kind === "paragraph" && b.content.length === 1 && b.content[0] === nothingWaits);
  if (nothing >= 0) view.blocks.splice(nothing, 1);
  view.blocks.push(...blocks);
  view.summary = ctx.t.text("retention.list.summary", { summary: view.summary, open, overdue });
  return view;
}

/** `/ciic review …`: the party's open reviews, one question, or an answer. */
export async function runReviewCommand(ctx: CommandContext, command: ReviewCommand): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  if (command.action === "invalid") {
    await tx.audit.append([{ action: "retention.refused", actor: member.id, details: { code: "retention.invalid", ref: command.ref.slice(0, 20) } }], now);
    return refusal("retention.invalid", t.text("retention.command.invalid", { problem: command.problems.map((p) => say(t, p)).join("; ") }));
  }
  if (command.action === "answer") return answerReview(ctx, command);
  if (command.ref) return showReview(ctx, command.ref);
  const { blocks, open } = await reviewsOverview(ctx);
  await tx.audit.append([{ action: "retention.listed", actor: member.id, details: { open } }], now);
  if (open === 0) {
    const none = t.text("retention.list.none");
    return { kind: "message", view: { summary: none, blocks: [{ kind: "paragraph", content: [none] }], language: t.language } };
  }
  return { kind: "message", view: { summary: t.text("retention.list.open", { open }), blocks, language: t.language } };
}
