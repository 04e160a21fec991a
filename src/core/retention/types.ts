import type { PartyCode } from "../covenant/parties.js";
import { parsePrefixedNumber } from "../prefixed-id.js";

/**
 * A retention review: one question to one party whether its items are still relevant (Wiv 2017:
 * data that have lost their relevance are removed). OPEN until every item in it has a verdict,
 * then ANSWERED. Silence is no verdict: an unanswered question stays open, is reminded, escalated
 * to the party's deputies and listed as overdue, and nothing in it is kept or removed by itself.
 */
export type ReviewState = "OPEN" | "ANSWERED";

/** KEEP starts a new review period; LET_GO removes the item (its value is destroyed). */
export type Verdict = "KEEP" | "LET_GO";

export interface RetentionReview {
  id: number;
  party: PartyCode;
  askedAt: Date;
  /** Answer deadline: the directory's `retention.answerWithinWorkingDays` after the ask. */
  deadline: Date;
  state: ReviewState;
  closedAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}

/** One item in a review and its verdict, once given. */
export interface ReviewEntry {
  reviewId: number;
  itemId: number;
  verdict: Verdict | null;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
}

/** Reviews are shown as RV-7, apart from requests (R-), rounds (C-, AM-) and items (I-). */
export const formatReviewId = (id: number) => `RV-${id}`;

export const parseReviewId = (text: string): number | undefined => parsePrefixedNumber("RV", text);
