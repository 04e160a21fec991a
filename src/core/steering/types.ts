import type { PartyCode } from "../covenant/parties.js";
import type { ConsentAsk, DisclosureRequest } from "../disclosure/types.js";
import type { IndicatorType } from "../indicators/index.js";
import type { KeyedRecord } from "../ports.js";
import type { KeyRange } from "../relations/relation-key.js";
import type { Round } from "../rounds/types.js";
import type { CheckedText } from "../guard/checked-text.js";

/** A meeting of the steering group as one of its members recorded it (Art 9). */
export interface SteeringMeeting {
  id: number;
  /** The day it met, YYYY-MM-DD, a calendar day in the Netherlands. */
  date: string;
  note: CheckedText | null;
  recordedById: string;
  recordedByName: string;
  recordedAt: Date;
}
export type NewMeeting = Omit<SteeringMeeting, "id">;

/** A reminder that went out to the steering group, e.g. "evaluation:2026-11-28". */
export interface SteeringReminder {
  key: string;
  sentAt: Date;
}

/** Items a party supplied in a period, per indicator type: new records and corrections apart. */
export interface SuppliedCount {
  party: PartyCode;
  type: IndicatorType;
  items: number;
  corrections: number;
}

/**
 * Indicators supplied in a period that two or more parties had supplied by its end (Art 6.1's
 * comparison, counted for the steering group: numbers only, never which values).
 */
export interface OverlapCounts {
  indicators: number;
  pairs: { parties: [PartyCode, PartyCode]; indicators: number }[];
}

/** An indicator with a record in a period, with every party that had supplied it by the period's end. */
export interface PeriodIndicator {
  type: IndicatorType;
  value: string;
  parties: PartyCode[];
}

/** One page of a period's indicators; `lastId` is the item id the next page starts after, null at the end. */
export interface PeriodIndicatorPage {
  indicators: PeriodIndicator[];
  lastId: number | null;
}

/** Where a read of records under a key range left off: the last record's key (its storedKey, where it has one) and id. */
export interface KeyCursor {
  key: string;
  id: number;
}

export interface RequestWithAsks {
  request: DisclosureRequest;
  asks: ConsentAsk[];
}

/** What the steering group's figures and reminders read (Art 9). Counts, never values. */
export interface SteeringReads {
  /** Items submitted from `from` (inclusive) to `to` (exclusive), per party and type. */
  suppliedCounts(from: Date, to: Date): Promise<SuppliedCount[]>;
  overlaps(from: Date, to: Date): Promise<OverlapCounts>;
  /**
   * The indicators with a record (not removed) submitted from `from` to `to`, a page of at most
   * `limit` such records after item `afterId` at a time, in id order. Each indicator comes once,
   * on the page of its first record in the period, so that pages can be counted one by one
   * (related-overlaps.ts).
   */
  periodIndicators(from: Date, to: Date, afterId: number, limit: number): Promise<PeriodIndicatorPage>;
  /** Of these records, the ids of those supplied before `before` and not removed. */
  suppliedBefore(itemIds: readonly number[], before: Date): Promise<number[]>;
  /**
   * Records (not removed) supplied before `before` whose relation key lies in `range`, at most
   * `limit`, in the store's key and id order after `after`: everything under a range or domain, page by page,
   * where the relations' own look-up stops at a few dozen.
   */
  recordsUnder(range: KeyRange, before: Date, after: KeyCursor | null, limit: number): Promise<KeyedRecord[]>;
  /** Disclosure requests made from `from` to `to`, each with its consent asks, oldest first. */
  requestsBetween(from: Date, to: Date): Promise<RequestWithAsks[]>;
  /** Meetings dated from `fromDay` up to, not including, `toDay` (both YYYY-MM-DD), by date. */
  meetingsBetween(fromDay: string, toDay: string): Promise<SteeringMeeting[]>;
  /** Agreement rounds (Art 10, 13) started or closed from `from` to `to`, by id. A handful a year. */
  roundsBetween(from: Date, to: Date): Promise<Round[]>;
}

export interface SteeringWrites {
  /** Throws a `ConflictError` when a meeting on that day was recorded first (the store retries). */
  recordMeeting(meeting: NewMeeting): Promise<SteeringMeeting>;
  /**
   * Marks a reminder as sent, once: false when it was marked before, by this or another bot
   * instance. The key's uniqueness settles a race between instances.
   */
  claimReminder(key: string, at: Date): Promise<boolean>;
}
