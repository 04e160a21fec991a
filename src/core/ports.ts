/**
 * The ports the core needs from the outside world. Storage adapters (Prisma on SQLite or
 * PostgreSQL) implement them; the core never sees an ORM.
 */
import type { Language } from "./i18n/language.js";
import type { ConsultationReads, ConsultationWrites } from "./consultation/types.js";
import type { AuditEntry, AuditEvent } from "./audit/chain.js";
import type { Directory, Platform } from "./directory/types.js";
import type { IndicatorType } from "./indicators/index.js";
import type { TlpLabel } from "./covenant/tlp.js";
import type { PartyCode } from "./covenant/parties.js";
import type { AskEvent, AskState, RequestState } from "./disclosure/consent-state.js";
import type { Analysis, ConsentAsk, DisclosureRequest, NewAnalysis, NewRequest } from "./disclosure/types.js";
import type { DeliveredMessage, Destination, OutboundMessage, OutboxEntry } from "./outbox/outbound.js";
import type { KeyRange } from "./relations/relation-key.js";
import type { Release, TaxiiKeyReads, TaxiiKeyWrites } from "./taxii/types.js";
import type { RecordReads } from "./oversight/record-port.js";
import type { SteeringReads, SteeringWrites } from "./steering/types.js";
import type { RoundReads, RoundWrites } from "./rounds/round-port.js";
import type { RetentionReads, RetentionWrites } from "./retention/retention-port.js";
import type { CheckedText } from "./guard/checked-text.js";

/** An indicator as supplied, with its provenance (Art 5.3). Never changed once stored. */
export interface NewItem {
  type: IndicatorType;
  /** The normal form: what matching and the Art 7.2 guard compare. */
  value: string;
  /** A URL as supplied, where it differs from `value`: shown and exported so (indicators/url.ts). */
  supplied?: string | null;
  /** When its source first saw it, where a file said so; else it is `submittedAt`. */
  firstSeen?: Date | null;
  party: PartyCode;
  memberId: string;
  memberName: string;
  submittedAt: Date;
  legalBasis: string;
  reliability: string;
  tlp: TlpLabel;
  sourceRef: string | null;
  note: string | null;
  /** How it reached the cell, e.g. "slack:/ciic submit". */
  via: string;
  /** The version this one corrects, if it is a correction. */
  supersedesId: number | null;
  /**
   * For a hash that came in a file object with other hashes of the same file (STIX `file`, MISP
   * `file` object): that file's strongest hash, which relates them (relations/relation-key.ts).
   */
  sameFile?: string | null;
  /**
   * The store's own form of the item (its row's keyed and sealed texts), worked out for it beside
   * the import that read it, in the thread that parsed the file (formats/parse-aside.ts). Opaque
   * to the core; the store uses it only when it was made from this item's very fields.
   */
  prepared?: unknown;
}

/** What of a new item its store seals or keys: made into `prepared` beside a long import. */
export type SealableFields = Pick<NewItem, "type" | "value" | "supplied" | "sourceRef" | "note" | "sameFile">;

/**
 * How a store has some of its work done in another thread: that thread imports `module` and
 * calls the function the store names with `data`:
 * - `itemPreparer(data)` (Store.itemPreparer) gives a function from an item's SealableFields to
 *   its `prepared` form;
 * - `relationReader(data)` (Store.relationReader) gives the related-record reads
 *   (relations/related.ts RelationReads, with rangePrefixes and storedRanges).
 */
export interface ThreadModule {
  module: string;
  data: unknown;
}

export interface StoredItem extends NewItem {
  id: number;
  /** The version that corrects this one, if any. */
  correctedById: number | null;
  /**
   * When its party let it go at a retention review (Wiv 2017); its value, source and note are
   * then destroyed (see retention/retention-port.ts). Absent or null: not removed.
   */
  removedAt?: Date | null;
}

/**
 * What free text may name of the cell's data, as the Art 7.2 guard asks for it (see
 * core/guard/extract.ts): exact indicators, URLs under a prefix, item ids.
 */
export interface DataProbe {
  values: readonly { type: IndicatorType; value: string }[];
  /** Stored URLs that begin with one of these ("https://evil.example"), whatever follows. */
  urlPrefixes: readonly string[];
  /** E-mail addresses in lower case: stored ones match in any case (the local part is kept as typed). */
  emails: readonly string[];
  itemIds: readonly number[];
  /**
   * Only which records these are (id, type, value, party), for a count: the store need not read
   * what it would seal a reply naming them with (an index-only look-up of the values on SQLite).
   */
  namesOnly?: boolean;
  /**
   * Only other parties' records than this one's: what an import counts for cell staff (Art 6.1).
   * Its own party's records are many among them (the ones it has just stored find themselves) and
   * are never counted.
   */
  otherThan?: PartyCode;
}

/** A record (any version, not removed) that a probe found: enough to know whose data it is. */
export interface NamedRecord {
  id: number;
  type: IndicatorType;
  value: string;
  party: PartyCode;
}

/** A record with its relation key (relations/relation-key.ts). */
export interface KeyedRecord extends NamedRecord {
  key: string;
  /**
   * The key in the form the store orders its records by, where it keeps keys in another form
   * than `key` (blinded: storage/sealing): a page's cursor (KeyCursor) passes it back.
   */
  storedKey?: string;
}

export interface ItemReads {
  byId(id: number): Promise<StoredItem | undefined>;
  /** Every record on file (not removed, any version) that the probe names. */
  named(probe: DataProbe): Promise<NamedRecord[]>;
  /**
   * Records (any version, not removed) whose relation key lies in one of the ranges: of each
   * range the first `limit` in key order, in no particular order; what lies below an indicator
   * (relations/related.ts). With `otherThan`, only other parties' records, each range cut at
   * `limit` of those.
   */
  underKeys(ranges: readonly KeyRange[], limit: number, otherThan?: PartyCode): Promise<KeyedRecord[]>;
  /** The prefix lengths of the ranges on file (not removed), each once per type. */
  rangePrefixes(): Promise<{ type: "ipv4-cidr" | "ipv6-cidr"; prefix: number }[]>;
  /** The address ranges on file (not removed), any version, at most `limit` of them, in no particular order. */
  storedRanges(limit: number): Promise<{ type: "ipv4-cidr" | "ipv6-cidr"; value: string }[]>;
  /** The relation keys of the records (not removed) of these indicators, each once per indicator. */
  keysOf(indicators: readonly { type: IndicatorType; value: string }[]): Promise<{ type: IndicatorType; value: string; key: string }[]>;
  /** Every version of every party's record of this indicator, oldest first. */
  byValue(type: IndicatorType, value: string): Promise<StoredItem[]>;
  /** The current versions of a party's records among the given indicators. */
  currentOf(party: PartyCode, indicators: readonly { type: IndicatorType; value: string }[]): Promise<StoredItem[]>;
  /** A party's current items in id order, a page at a time (for exports: Art 5.2). */
  currentPage(party: PartyCode, afterId: number, limit: number): Promise<StoredItem[]>;
  /**
   * How many of `party`'s current items among these ids (runs of first and last id) another
   * party holds a current record of too (Art 6.1 compare): an import's overlaps counted again,
   * set-based, once it holds the audit head.
   */
  heldByOthers(party: PartyCode, idRuns: readonly (readonly [number, number])[]): Promise<number>;
  /** Whether any party but `party` holds a record (not removed): else nothing of `party`'s relates to another's or overlaps with it (an import then looks neither up). */
  othersHoldAny(party: PartyCode): Promise<boolean>;
  /** Which parties (but `except`) hold a current record of these indicators (Art 6.1 compare). */
  suppliersOf(indicators: readonly { type: IndicatorType; value: string }[], except?: PartyCode): Promise<{ type: IndicatorType; value: string; party: PartyCode }[]>;
}

export interface ItemWrites {
  /**
   * Stores new items and makes each the current version for its party. Throws a
   * `ConflictError` when another writer made the same indicator current first; the store's
   * transaction retries then.
   */
  insert(items: readonly NewItem[]): Promise<StoredItem[]>;
  /**
   * Stores those of the new items (none a correction) whose party has no current record of their
   * value; answers those it stored, in order. The others are left out: an import that meets
   * values it or an earlier one stored already. Finding them is part of the insert (the head's
   * unique index), where a look-up before it searched that index once more for every value.
   */
  insertAbsent(items: readonly NewItem[]): Promise<StoredItem[]>;
}

export interface AuditReads {
  head(): Promise<{ seq: number; hash: string }>;
  /** Entries in sequence order, read in batches. */
  entries(fromSeq?: number): AsyncIterable<AuditEntry>;
  /** The most recent entries, newest first. */
  latest(limit: number): Promise<AuditEntry[]>;
  /** Every entry of one action, oldest first: for covenant events the log itself is the record. */
  withAction(action: string): Promise<AuditEntry[]>;
}

export interface AuditAppend {
  /**
   * Appends events in order to the hash chain. Only ever appends. The store writes them by the
   * end of the transaction, with the strings that could give away data sealed (storage/sealing).
   */
  append(events: readonly AuditEvent[], at: Date): Promise<void>;
  /**
   * Takes the chain head's lock now, for the rest of the transaction. Commands take it first
   * (their first audit entry); work that locks a request before it appends calls this first,
   * so that every transaction takes its locks in one order and none deadlock.
   */
  holdHead(): Promise<void>;
}

export interface DirectoryRecord {
  version: number;
  loadedAt: Date;
  sha256: string;
  source: string;
  directory: Directory;
}

export interface DirectoryReads {
  /** The directory in force: the one loaded last. */
  current(): Promise<DirectoryRecord | undefined>;
  /** The version number in force, cheaply, so that callers can keep a cache. */
  currentVersion(): Promise<number | undefined>;
}

export interface DirectoryWrites {
  save(record: Omit<DirectoryRecord, "version">): Promise<DirectoryRecord>;
}

/** Answers already given to chat requests, so that a platform's retry is not carried out twice. */
export interface ReceiptReads {
  find(key: string): Promise<string | undefined>;
}
export interface ReceiptWrites {
  /** Throws a `ConflictError` when the key exists (a concurrent retry got there first). */
  save(key: string, response: string, at: Date): Promise<void>;
}

export interface AnalysisReads {
  byId(id: number): Promise<Analysis | undefined>;
}
export interface AnalysisWrites {
  create(analysis: NewAnalysis): Promise<Analysis>;
}

export interface DisclosureReads {
  byId(id: number): Promise<DisclosureRequest | undefined>;
  asksOf(requestId: number): Promise<ConsentAsk[]>;
  ask(askId: number): Promise<ConsentAsk | undefined>;
  /** A member's own requests, newest first. */
  byRequester(memberId: string, limit: number): Promise<DisclosureRequest[]>;
  /** Asks in the given states for these parties, oldest first. */
  asksFor(parties: readonly PartyCode[], states: readonly AskState[], limit: number): Promise<ConsentAsk[]>;
  /** Pending requests whose deadline has passed. */
  pastDeadline(now: Date, limit: number): Promise<DisclosureRequest[]>;
  /** Pending asks of pending requests, for reminders and escalation. */
  pendingAsks(limit: number): Promise<(ConsentAsk & { createdAt: Date; deadline: Date })[]>;
  provisionOf(requestId: number): Promise<string | undefined>;
  /** Released requests that contained this item: its earlier recipients (Wiv 2017: told of corrections). */
  releasedContaining(itemId: number): Promise<DisclosureRequest[]>;
  /** What was released to one recipient, with each release's record of provision, oldest first (TAXII). */
  releasesTo(recipientId: string): Promise<Release[]>;
}
export interface DisclosureWrites {
  create(request: NewRequest, parties: readonly PartyCode[]): Promise<{ request: DisclosureRequest; asks: ConsentAsk[] }>;
  /**
   * Takes the request's row lock for the rest of the transaction (bumping its version), so that
   * concurrent decisions on one request are settled one after the other by the database.
   */
  lock(requestId: number): Promise<DisclosureRequest | undefined>;
  /** Applies a transition if the ask is still in one of the event's source states. */
  transition(
    askId: number,
    event: AskEvent,
    fields: { at: Date; byId?: string; byName?: string; reason?: CheckedText | null },
  ): Promise<boolean>;
  /** Moves the request out of PENDING; false when another transaction closed it first. */
  close(requestId: number, to: Exclude<RequestState, "PENDING">, at: Date): Promise<boolean>;
  markReminded(askId: number, at: Date): Promise<boolean>;
  markEscalated(askId: number, at: Date): Promise<boolean>;
  /** Returns the record's id. */
  saveProvision(requestId: number, releasedAt: Date, record: string): Promise<number>;
}

export interface OutboxReads {
  /**
   * Messages due now, claimed for `leaseMs` so that no other instance sends them meanwhile: of
   * each lane (a destination, or an update's topic) only its oldest unsent message, so that no
   * message overtakes an earlier one of its lane, on any instance. Oldest first, at most `limit`.
   */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxEntry[]>;
  /** The sent posts of a topic (by outbox id) with their platform's reference; `pending` counts posts not yet sent. */
  sentRefs(topic: string): Promise<{ sent: { id: number; platform: Platform; ref: string; language?: Language }[]; pending: number }>;
  pendingCount(): Promise<number>;
  /**
   * The due time (next attempt) of the oldest unsent message that is due at `now`, or undefined
   * when none is. For readiness: a message due long ago and still not sent means the sender is
   * stuck; one waiting for its back-off or a rate limit to pass is not due yet and does not count.
   */
  oldestPending(now: Date): Promise<Date | undefined>;
  /**
   * What was delivered to one person or channel, newest first, each as it reads now (see
   * DeliveredMessage). The local workspace shows messages from here, so that they survive a
   * restart; only sends a port confirmed with a reference count as delivered.
   */
  delivered(to: Destination, limit: number): Promise<DeliveredMessage[]>;
  /** One file delivered to this person or channel (by its message id), to download. */
  deliveredFile(to: Destination, id: number): Promise<{ fileName: string; content: string } | undefined>;
}
export interface OutboxWrites {
  enqueue(messages: readonly OutboundMessage[], at: Date): Promise<void>;
  /**
   * The marks below change the row only while the caller's claim (`lease`) still holds; false
   * means another sender has taken the message over and the caller must leave it alone.
   */
  markSent(id: number, lease: Date, ref: string | null, at: Date): Promise<boolean>;
  /**
   * Records, before the first call that could deliver the message, that from `at` on a send may
   * have happened (see OutboxEntry.inDoubtSince); a no-op when that is already recorded.
   */
  markAttempting(id: number, lease: Date, at: Date): Promise<boolean>;
  /**
   * Counts a failed attempt and schedules another, or gives up (`nextAttemptAt` null).
   * `settled`: no attempt so far can have delivered it, so the next needs no look-up.
   */
  markFailed(id: number, lease: Date, error: string, nextAttemptAt: Date | null, options?: { settled?: boolean }): Promise<boolean>;
  /** Puts a message back without counting an attempt (rate limit, or waiting for another); `settled` as above. */
  postpone(id: number, lease: Date, nextAttemptAt: Date, reason: string, options?: { settled?: boolean }): Promise<boolean>;
  /**
   * A sent post's reference after an update changed where it lives (a long message that took
   * more or fewer posts), where it is still `from`.
   */
  replaceRef(id: number, from: string, to: string): Promise<void>;
}

export interface Transaction {
  items: ItemReads & ItemWrites;
  audit: AuditReads & AuditAppend;
  directory: DirectoryReads & DirectoryWrites;
  receipts: ReceiptReads & ReceiptWrites;
  analyses: AnalysisReads & AnalysisWrites;
  disclosures: DisclosureReads & DisclosureWrites;
  outbox: OutboxReads & OutboxWrites;
  /** The whole record, for the oversight committee's archive (Wiv 2017). */
  record: RecordReads;
  /** Questions to the OM's designated staff (Art 4.5). */
  consultations: ConsultationReads & ConsultationWrites;
  /** The steering group's figures, meetings and reminders (Art 9). */
  steering: SteeringReads & SteeringWrites;
  /** Agreement rounds: communications (Art 10) and amendments (Art 13). */
  rounds: RoundReads & RoundWrites;
  /** Retention reviews and removal of data that lost their relevance (Wiv 2017). */
  retention: RetentionReads & RetentionWrites;
  /** Recipient systems' keys to pull their releases over TAXII 2.1. */
  taxiiKeys: TaxiiKeyReads & TaxiiKeyWrites;
}

export interface Store {
  items: ItemReads;
  audit: AuditReads;
  directory: DirectoryReads;
  receipts: ReceiptReads;
  analyses: AnalysisReads;
  disclosures: DisclosureReads;
  outbox: OutboxReads;
  record: RecordReads;
  consultations: ConsultationReads;
  steering: SteeringReads;
  rounds: RoundReads;
  retention: RetentionReads;
  taxiiKeys: TaxiiKeyReads;
  /**
   * Where a long import's parsing thread may do the store's work on each new item
   * (NewItem.prepared). A function, so that the keys it hands the thread are no data of the
   * store's that a log or a debugger would show.
   */
  itemPreparer?(): ThreadModule;
  /**
   * Where a long import's relation thread (relations/related-aside.ts) may read other parties'
   * related records on a connection of its own: on a database where an import holds the one
   * writer (SQLite), so that what that connection sees of other parties stays as the import's
   * own transaction sees it.
   */
  relationReader?(): ThreadModule;
  /**
   * Runs `work` in one database transaction: all of its writes land, or none. When the database
   * reports a conflict with a concurrent writer, the work is run again from the start, so `work`
   * must not have effects outside the transaction.
   *
   * `timeoutMs` bounds the whole call, waiting for the database included: when it passes, the
   * call rejects with a `StoreUnavailableError` and the work is rolled back, never committed later.
   *
   * `auditAtCommit`: for work that writes nothing but its audit entries and its receipt (a
   * look-up, a list). Its entries take the log's head as the transaction ends instead of at its
   * first append, so that it does not hold the head — which every appending transaction of every
   * instance waits for — while it reads. `holdHead()` still takes it at once.
   *
   * `bulk`: work that writes a great many rows (an import). The store may set itself up for it
   * for the transaction's duration (SQLite: a larger page cache).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, options?: { /** ms; default 30 s */ timeoutMs?: number; auditAtCommit?: boolean; bulk?: boolean }): Promise<T>;
  close(): Promise<void>;
}

/** A write lost a race with another writer; the transaction is retried. */
export class ConflictError extends Error {
  readonly code = "store.conflict";
}

/**
 * The database did not answer in time (a statement, lock or connection time-out, a lost
 * connection, a lock held by another process), or it has no room left to write (`diskFull`): an
 * operational fault, not a bug. Unless `inDoubt`, nothing of the transaction was committed.
 * `inDoubt`: the time ran out while the database was committing, so whether the work landed is
 * not known.
 */
export class StoreUnavailableError extends Error {
  readonly code = "store.unavailable";
  /** The disk that holds the database is full: trying again helps only once an operator made room. */
  readonly diskFull: boolean;
  constructor(
    /** What did not answer, for the operators' log (never shown to members). */
    readonly reason: string,
    readonly inDoubt = false,
    options?: { cause?: unknown; diskFull?: boolean },
  ) {
    super(options?.diskFull ? `the database has no room to write: ${reason}` : `the database did not answer in time: ${reason}`, options);
    this.diskFull = options?.diskFull === true;
  }
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
