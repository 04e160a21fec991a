import { untranslated } from "../i18n/translator.js";
import { formatItemId } from "../items/item-id.js";
import { shownValue } from "../items/removed.js";
import type { StoredItem } from "../ports.js";
import { formatTime, type Block, type Inline, type MessageView } from "../views/message.js";
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

const VERDICT_TEXT = { KEEP: "kept", LET_GO: "let go" } as const;

function line({ entry, item }: ReviewLine): Inline[] {
  const out: Inline[] = [{ code: formatItemId(entry.itemId) }];
  if (item) out.push(` ${item.type} `, shownValue(item, untranslated), ` · supplied ${formatTime(item.submittedAt)} · TLP:${item.tlp}`);
  if (entry.verdict) out.push(` · ${VERDICT_TEXT[entry.verdict]}${entry.decidedByName ? ` by ${entry.decidedByName}` : ""}`);
  else if (item?.correctedById) out.push(` · corrected since by ${formatItemId(item.correctedById)}`);
  return out;
}

export const isOverdue = (review: RetentionReview, now: Date) => review.state === "OPEN" && now.getTime() >= review.deadline.getTime();

/**
 * What a party's liaisons (deputies on escalation) are asked. It lists only that party's own items
 * (Art 7.2): their ids, types and values, so that the liaison can judge them.
 */
export function reviewAskView(review: RetentionReview, lines: readonly ReviewLine[], options: { reminder?: boolean; escalated?: boolean } = {}): MessageView {
  const id = formatReviewId(review.id);
  const open = lines.filter((l) => l.entry.verdict === null);
  const blocks: Block[] = [
    { kind: "heading", text: `Retention review ${id}: are these still relevant?` },
    {
      kind: "paragraph",
      content: [
        options.escalated ? `Your party's liaisons did not answer by the deadline, so you are asked as deputy. ` : "",
        `The cell keeps data only while they are relevant (Wiv 2017). These ${lines.length} item(s) that ${review.party} supplied reached their review date. `,
        `Keep them for another period, or let them go: a value let go is destroyed, and only the record that the item existed and was removed stays.`,
      ],
    },
    { kind: "fields", fields: [{ label: "Party", value: [review.party] }, { label: "Answer by", value: [formatTime(review.deadline)] }] },
    { kind: "list", items: lines.map(line) },
    {
      kind: "notice",
      tone: "info",
      content: [
        "Silence is no answer: an unanswered question is reminded, then put to your deputies and listed as overdue; nothing is kept or removed by itself. For some items only, type ",
        { code: `/ciic review ${id} keep I-…` },
        " or ",
        { code: `/ciic review ${id} let-go I-… reason: …` },
        ".",
      ],
    },
  ];
  if (open.length > 0) {
    blocks.push({
      kind: "actions",
      actions: [
        { action: RETENTION_KEEP_ACTION, label: open.length === lines.length ? "Keep" : `Keep the other ${open.length}`, value: String(review.id), style: "primary" },
        { action: RETENTION_LET_GO_ACTION, label: open.length === lines.length ? "Let go" : `Let go of the other ${open.length}`, value: String(review.id), style: "danger" },
      ],
    });
  }
  if (options.reminder) blocks.unshift({ kind: "notice", tone: "warning", content: [`Reminder: ${id} is to be answered by ${formatTime(review.deadline)}.`] });
  const prefix = options.reminder ? "Reminder: " : options.escalated ? "Overdue: " : "";
  return { summary: `${prefix}Retention review ${id}: are ${lines.length} item(s) of ${review.party} still relevant?`, blocks };
}

/** Replaces the question once every item in it has a verdict, so that no stale buttons remain. */
export function answeredReviewView(review: RetentionReview, lines: readonly ReviewLine[]): MessageView {
  const id = formatReviewId(review.id);
  const kept = lines.filter((l) => l.entry.verdict === "KEEP").length;
  const gone = lines.filter((l) => l.entry.verdict === "LET_GO").length;
  const text = `Retention review ${id} is answered: ${kept} kept for another period, ${gone} let go and removed.`;
  return { summary: text, blocks: [{ kind: "paragraph", content: [text] }, { kind: "list", items: lines.map(line) }] };
}
