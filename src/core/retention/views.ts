import type { Translator } from "../i18n/translator.js";
import { formatItemId } from "../items/item-id.js";
import { shownValue } from "../items/removed.js";
import type { StoredItem } from "../ports.js";
import type { Block, Inline, MessageView } from "../views/message.js";
import { formatReviewId, type RetentionReview, type ReviewEntry } from "./types.js";

/**
 * The buttons of a retention review. The value is the review's id; a click answers for every item
 * in it that has no verdict yet. A typed `/ciic review` answers for some items only.
 */
export const RETENTION_KEEP_ACTION = "retention.keep";
export const RETENTION_LET_GO_ACTION = "retention.let_go";

/** Every copy of a review's message, on any platform, is updated through this topic (no stale buttons). */
export const reviewTopic = (reviewId: number) => `retention:${reviewId}`;

export interface ReviewLine {
  entry: ReviewEntry;
  item: StoredItem | undefined;
}

/** " by Bram Bakker" after a verdict, when its author is known. */
export const decidedBy = (t: Translator, name: string | null) => (name ? t.text("retention.by", { name }) : "");

function line(t: Translator, { entry, item }: ReviewLine): Inline[] {
  const out: Inline[] = [{ code: formatItemId(entry.itemId) }];
  if (item) out.push(` ${item.type} `, shownValue(item, t), t.text("retention.line.supplied", { time: t.time(item.submittedAt), tlp: item.tlp }));
  if (entry.verdict) out.push(t.text("retention.line.verdict", { verdict: t.text("retention.verdict", { verdict: entry.verdict }), by: decidedBy(t, entry.decidedByName) }));
  else if (item?.correctedById) out.push(t.text("retention.line.corrected", { item: formatItemId(item.correctedById) }));
  return out;
}

export const isOverdue = (review: RetentionReview, now: Date) => review.state === "OPEN" && now.getTime() >= review.deadline.getTime();

/**
 * What a party's liaisons (deputies on escalation) are asked. It lists only that party's own items
 * (Art 7.2): their ids, types and values, so that the liaison can judge them.
 */
export function reviewAskView(t: Translator, review: RetentionReview, lines: readonly ReviewLine[], options: { reminder?: boolean; escalated?: boolean } = {}): MessageView {
  const id = formatReviewId(review.id);
  const open = lines.filter((l) => l.entry.verdict === null);
  const blocks: Block[] = [
    { kind: "heading", text: t.text("retention.ask.heading", { review: id }) },
    {
      kind: "paragraph",
      content: [(options.escalated ? t.text("retention.ask.as_deputy") : "") + t.text("retention.ask.intro", { count: lines.length, party: review.party })],
    },
    {
      kind: "fields",
      fields: [
        { label: t.text("retention.field.party"), value: [review.party] },
        { label: t.text("retention.field.answer_by"), value: [t.time(review.deadline)] },
      ],
    },
    { kind: "list", items: lines.map((l) => line(t, l)) },
    { kind: "notice", tone: "info", content: t.inline("retention.ask.silence", { review: id }) },
  ];
  if (open.length > 0) {
    const choice = { all: open.length === lines.length ? "yes" : "no", count: open.length };
    blocks.push({
      kind: "actions",
      actions: [
        { action: RETENTION_KEEP_ACTION, label: t.text("retention.ask.keep", choice), value: String(review.id), style: "primary" },
        { action: RETENTION_LET_GO_ACTION, label: t.text("retention.ask.let_go", choice), value: String(review.id), style: "danger" },
      ],
    });
  }
  if (options.reminder) blocks.unshift({ kind: "notice", tone: "warning", content: [t.text("retention.ask.reminder", { review: id, time: t.time(review.deadline) })] });
  const prefix = options.reminder ? "reminder" : options.escalated ? "overdue" : "none";
  return { summary: t.text("retention.ask.summary", { prefix, review: id, count: lines.length, party: review.party }), blocks, language: t.language };
}

/** Replaces the question once every item in it has a verdict, so that no stale buttons remain. */
export function answeredReviewView(t: Translator, review: RetentionReview, lines: readonly ReviewLine[]): MessageView {
  const id = formatReviewId(review.id);
  const kept = lines.filter((l) => l.entry.verdict === "KEEP").length;
  const gone = lines.filter((l) => l.entry.verdict === "LET_GO").length;
  const text = t.text("retention.answered", { review: id, kept, gone });
  return { summary: text, blocks: [{ kind: "paragraph", content: [text] }, { kind: "list", items: lines.map((l) => line(t, l)) }], language: t.language };
}
