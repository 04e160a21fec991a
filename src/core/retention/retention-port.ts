import type { PartyCode } from "../covenant/parties.js";
import type { IndicatorType } from "../indicators/index.js";
import type { StoredItem } from "../ports.js";
import type { RetentionReview, ReviewEntry, Verdict } from "./types.js";

/**
 * What retention reviews need from storage. Every change is a conditional update, so that two
 * bot instances running the scheduler, or two liaisons answering at once, change things once.
 */
export interface RetentionReads {
  /**
   * A party's current items (not corrected, not removed, in no open review) whose review period
   * has run out: the period began at submission, or at the last "keep", no later than the
   * type's cutoff. Oldest first.
   */
  dueItems(party: PartyCode, cutoffs: Readonly<Record<IndicatorType, Date>>, limit: number): Promise<StoredItem[]>;
  review(id: number): Promise<RetentionReview | undefined>;
  entries(reviewId: number): Promise<ReviewEntry[]>;
  /** Open reviews, oldest first; only these parties' when given. */
  openReviews(limit: number, parties?: readonly PartyCode[]): Promise<RetentionReview[]>;
  /** Ids of pending disclosure requests that contain one of these items. */
  pendingRequestsWith(itemIds: readonly number[]): Promise<number[]>;
}

export interface RetentionWrites {
  /**
   * Opens a review of a party's items. Each item is claimed for it by a conditional write (or a
   * unique key); when another review claimed an item first the store raises a conflict and the
   * transaction is retried, so no item is ever asked about twice at once.
   */
  open(review: { party: PartyCode; askedAt: Date; deadline: Date }, itemIds: readonly number[]): Promise<{ review: RetentionReview; entries: ReviewEntry[] }>;
  /** Takes the review's row lock for the rest of the transaction, so concurrent answers queue. */
  lock(reviewId: number): Promise<RetentionReview | undefined>;
  /** Records a verdict on an item that has none yet; false when it already had one. */
  decide(reviewId: number, itemId: number, verdict: Verdict, by: { id: string; name: string }, at: Date): Promise<boolean>;
  /** "Keep": the item's next period starts at `at`, and no open review holds it any more. */
  restartPeriod(itemId: number, at: Date): Promise<void>;
  /**
   * "Let go": destroys the item's value, source reference and note, marks it removed and drops
   * its current-version head, so that the party may supply the value again. The row stays as the
   * record that the item existed. Conditional: false when it was already removed.
   */
  removeItem(itemId: number, at: Date): Promise<boolean>;
  /** OPEN → ANSWERED, once. */
  close(reviewId: number, at: Date): Promise<boolean>;
  markReminded(reviewId: number, at: Date): Promise<boolean>;
  markEscalated(reviewId: number, at: Date): Promise<boolean>;
}

/** What a removed item's value becomes: it names the record, never what it held. */
export const removedValue = (itemId: number) => `removed:I-${itemId}`;
