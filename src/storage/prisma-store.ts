import { chainEvents, type AuditEntry, type AuditEvent, type StoredAuditEntry } from "../core/audit/chain.js";
import type { PartyCode } from "../core/covenant/parties.js";
import type { Directory } from "../core/directory/types.js";
import type { KeyCursor } from "../core/steering/types.js";
import type { IndicatorType } from "../core/indicators/index.js";
import {
  ConflictError,
  StoreUnavailableError,
  type DataProbe,
  type DirectoryRecord,
  type NamedRecord,
  type NewItem,
  type Store,
  type StoredItem,
  type Transaction,
} from "../core/ports.js";
import { analysisReads, analysisWrites, disclosureReads, disclosureWrites } from "./disclosure-repository.js";
import { withTightHeap } from "./bulk-heap.js";
import type { Prisma, PrismaClient } from "./generated/sqlite/client.js";
import { outboxReads, outboxWrites } from "./outbox-repository.js";
import { recordReads } from "./record-repository.js";
import { nativeSteeringReads, steeringReads, steeringWrites } from "./steering-repository.js";
import { roundReads, roundWrites } from "./round-repository.js";
import { consultationReads, consultationWrites } from "./consultation-repository.js";
import { retentionReads, retentionWrites } from "./retention-repository.js";
import { HASH_TYPES, type KeyRange } from "../core/relations/relation-key.js";
import type { Extracted } from "../core/guard/extract.js";
import { valuesNamedIn } from "../core/guard/find-data.js";
import { taxiiKeyReads, taxiiKeyWrites } from "./taxii-key-repository.js";
import { headKey, postgresHotQueries, prismaHotQueries, type HotQueries, type RawHotQueries, type Receipt } from "./hot-queries.js";
import { clearItemQueries, openRow, toStoredItem, type NonceBook } from "./sealing/sealed-items.js";
import { PARTY_CODES, PARTIES } from "../core/covenant/parties.js";

const SUPPLYING_PARTIES = PARTY_CODES.filter((p) => PARTIES[p].suppliesData);
import type { DatabaseKind } from "./database.js";
import type { Database } from "better-sqlite3";
import { nativeSqliteAll, nativeSqliteHotQueries, nativeSqliteTransactions, sqliteReader } from "./sqlite-native.js";
import { LONGEST_STATEMENT_MS } from "./postgres-pool.js";
import { nativePostgresAll, nativePostgresHotQueries, type TransactionSlot } from "./postgres-native.js";
import { lazyPrisma, type NativeTransactionOptions } from "./postgres-transactions.js";
import { nativeReads } from "./native-reads.js";
import { perConnection } from "./per-connection.js";
import type { PoolClient } from "pg";
import { runWithin } from "./transaction-deadline.js";
import { diskFullReason, isBusy, unavailableReason } from "./unavailable.js";
import type { CellKeys } from "./sealing/cell-keys.js";
import type { PreparerData } from "./sealing/prepare-items.js";
import type { RelationReaderData } from "./relation-reader.js";
import { sealingFor, type Sealing } from "./sealing/sealing.js";
import { textSealer, type OwnText, type TextSealer } from "./sealing/text-sealer.js";

/** What lazyPrisma needs of the client: its interactive transactions. */
type PrismaStarter = Parameters<typeof lazyPrisma<Prisma.TransactionClient>>[0];

/**
 * The one place where database rows become domain objects. Both databases use the same models
 * (prisma/postgres/schema.prisma is generated from the SQLite one), so one implementation serves
 * both clients; it is typed against the SQLite client.
 */
export type DbClient = PrismaClient;
export type Db = DbClient | Prisma.TransactionClient;

/** IN-lists are cut into chunks well below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;
const MAX_ATTEMPTS = 5;
/** ms a transaction may take when its caller names no limit (see Store.transaction). */
const DEFAULT_TIMEOUT_MS = 30_000;

const itemInclude = { correctedBy: { select: { id: true } } } as const;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Unique-key violations and lock conflicts mean another writer got there first. */
function isConflict(error: unknown): boolean {
  if (error instanceof ConflictError) return true;
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  if (e?.code === "P2002" || e?.code === "P2034") return true;
  const text = `${e?.message ?? ""} ${e?.cause?.code ?? ""}`;
  return /SQLITE_BUSY|database is locked|could not serialize|deadlock detected|UniqueConstraintViolation|UNIQUE constraint failed|duplicate key value/i.test(text);
}

/**
 * The directory in force, parsed once per version: every command reads it. Keyed by version and
 * digest, since a version number rolled back with its transaction can come back with other
 * content. Frozen, because every caller shares it.
 */
interface DirectoryCache {
  key?: string;
  record?: DirectoryRecord;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function reads(db: Db, hot: HotQueries, cache: DirectoryCache, sealing: Sealing) {
  const toItem = (row: Record<string, unknown>) => toStoredItem(row, sealing.items);
  return {
    items: {
      async byId(id: number) {
        const row = await db.item.findUnique({ where: { id }, include: itemInclude });
        return row ? toItem(row) : undefined;
      },
      async byValue(type: IndicatorType, value: string) {
        return hot.itemsByValue(type, value);
      },
      async named(probe: DataProbe) {
        return hot.namedRecords(probe);
      },
      async underKeys(ranges: readonly KeyRange[], limit: number, otherThan?: PartyCode) {
        return hot.underKeys(ranges, limit, otherThan);
      },
      async rangePrefixes() {
        return hot.rangePrefixes();
      },
      async storedRanges(limit: number) {
        return hot.storedRanges(limit);
      },
      async keysOf(indicators: readonly { type: IndicatorType; value: string }[]) {
        return hot.keysOf(indicators);
      },
      async currentOf(party: PartyCode, indicators: readonly { type: IndicatorType; value: string }[]) {
        const out: StoredItem[] = [];
        for (const part of chunks(indicators)) {
          // The unique value index answers "already known?" (current versions only); items are read only for hits.
          const heads = await hot.findHeads(part.map((i) => headKey(party, i.type, i.value)));
          if (heads.size === 0) continue;
          const rows = await db.item.findMany({ where: { id: { in: [...heads.values()] } }, include: itemInclude });
          out.push(...rows.map(toItem));
        }
        return out;
      },
      async currentPage(party: PartyCode, afterId: number, limit: number) {
        const rows = await db.item.findMany({
          where: { party, id: { gt: afterId }, correctedBy: { is: null }, removedAt: null },
          include: itemInclude,
          orderBy: { id: "asc" },
          take: limit,
        });
        return rows.map(toItem);
      },
      async heldByOthers(party: PartyCode, idRuns: readonly (readonly [number, number])[]) {
        return hot.heldByOthers(party, idRuns);
      },
      async suppliersOf(indicators: readonly { type: IndicatorType; value: string }[], except?: PartyCode) {
        // Each supplying party's head of each indicator: current records only.
        const parties = SUPPLYING_PARTIES.filter((p) => p !== except);
        const holders = await hot.currentHolders(indicators, parties);
        return holders.map((h) => ({ type: h.type, value: h.value, party: h.party as PartyCode }));
      },
      async othersHoldAny(party: PartyCode) {
        // Party by party (IN), so that the party index finds the first of each: "not this party" walked the table.
        return (await db.item.findFirst({ where: { party: { in: PARTY_CODES.filter((p) => p !== party) }, removedAt: null }, select: { id: true } })) !== null;
      },
    },
    audit: {
      async head() {
        const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
        return { seq: head.seq, hash: head.hash };
      },
      async *entries(fromSeq = 1): AsyncIterable<AuditEntry> {
        let next = fromSeq;
        for (;;) {
          const rows = await db.auditEntry.findMany({ where: { seq: { gte: next } }, orderBy: { seq: "asc" }, take: 1000 });
          if (rows.length === 0) return;
          yield* await sealing.readableEntries(rows);
          next = rows[rows.length - 1].seq + 1;
        }
      },
      async latest(limit: number) {
        return sealing.readableEntries(await db.auditEntry.findMany({ orderBy: { seq: "desc" }, take: limit }));
      },
      async withAction(action: string) {
        return sealing.readableEntries(await hot.auditWithAction(action));
      },
    },
    directory: {
      async current(): Promise<DirectoryRecord | undefined> {
        const latest = await hot.latestDirectory();
        if (!latest) return undefined;
        const key = `${latest.version}:${latest.sha256}`;
        if (cache.key !== key) {
          const { content, ...row } = await db.directoryVersion.findUniqueOrThrow({ where: { version: latest.version } });
          cache.record = deepFreeze({ ...row, directory: JSON.parse(content) as Directory });
          cache.key = key;
        }
        return cache.record;
      },
      async currentVersion() {
        // Through the store's own statement: a command asks this once it holds the log's head.
        return (await hot.latestDirectory())?.version;
      },
    },
    receipts: {
      async find(key: string) {
        const found = await hot.findReceipt(key);
        return found === undefined ? undefined : (await sealing.openJson([found]))[0];
      },
    },
    analyses: sealing.opened(analysisReads(db)),
    disclosures: sealing.opened(disclosureReads(db, sealing)),
    outbox: outboxReads(db, sealing),
    record: sealing.opened(recordReads(db, sealing)),
    consultations: sealing.opened(consultationReads(db)),
    steering: sealing.opened(steeringReads(db, sealing.items)),
    rounds: sealing.opened(roundReads(db)),
    retention: retentionReads(db, sealing.items),
    taxiiKeys: taxiiKeyReads(db),
  };
}

/** Sealing on the client itself, outside any transaction (the sealing of a database written before it). */
export function sealingOutside(client: DbClient, kind: DatabaseKind, keys: CellKeys): Sealing {
  const hot = clearItemQueries(prismaHotQueries(client as unknown as Prisma.TransactionClient, kind), keys.items);
  return sealingFor(textSealer(keys), hot);
}

/**
 * The store's reads outside transactions: through Prisma, except on SQLite the steering report's
 * reads over a period's every item and the relation look-ups it makes for each of them, which go
 * to a read-only connection of their own (`reader`, opened at the first such read).
 */
function outsideTransactions(client: DbClient, kind: DatabaseKind, cache: DirectoryCache, sealer: TextSealer, reader?: () => Database) {
  const hot = clearItemQueries(prismaHotQueries(client as unknown as Prisma.TransactionClient, kind), sealer.items);
  const sealing = sealingFor(sealer, hot);
  const r = reads(client, hot, cache, sealing);
  if (!reader) return r;
  let native: { hot: HotQueries; steering: ReturnType<typeof nativeSteeringReads> } | undefined;
  const onReader = () => (native ??= { hot: clearItemQueries(nativeSqliteHotQueries(reader()), sealer.items), steering: nativeSteeringReads(nativeSqliteAll(reader()), "sqlite", sealer.items) });
  return {
    ...r,
    items: {
      ...r.items,
      underKeys: (ranges: readonly KeyRange[], limit: number, otherThan?: PartyCode) => onReader().hot.underKeys(ranges, limit, otherThan),
      keysOf: (indicators: readonly { type: IndicatorType; value: string }[]) => onReader().hot.keysOf(indicators),
      rangePrefixes: () => onReader().hot.rangePrefixes(),
      storedRanges: (limit: number) => onReader().hot.storedRanges(limit),
    },
    steering: {
      ...r.steering,
      ...sealing.opened({
        periodIndicators: (from: Date, to: Date, afterId: number, limit: number) => onReader().steering.periodIndicators(from, to, afterId, limit),
        suppliedBefore: (itemIds: readonly number[], before: Date) => onReader().steering.suppliedBefore(itemIds, before),
        recordsUnder: (range: KeyRange, before: Date, after: KeyCursor | null, limit: number) => onReader().steering.recordsUnder(range, before, after, limit),
      }),
    },
  };
}

/**
 * A new item as stored. Written out field by field: on an import of 100,000 items, copying each
 * with object spread took a quarter of a second.
 */
const asStored = (i: NewItem, id: number): StoredItem => ({
  id,
  type: i.type,
  value: i.value,
  party: i.party,
  memberId: i.memberId,
  memberName: i.memberName,
  submittedAt: i.submittedAt,
  legalBasis: i.legalBasis,
  reliability: i.reliability,
  tlp: i.tlp,
  sourceRef: i.sourceRef,
  note: i.note,
  via: i.via,
  supersedesId: i.supersedesId,
  correctedById: null,
  ...(i.supplied ? { supplied: i.supplied } : {}),
  ...(i.firstSeen ? { firstSeen: i.firstSeen } : {}),
  // As a read gives it back: the file only where the item came with other hashes of it.
  ...(i.sameFile && HASH_TYPES.has(i.type) && i.sameFile.toLowerCase() !== i.value.toLowerCase() ? { sameFile: i.sameFile.toLowerCase() } : {}),
});

/**
 * The audit entries of one transaction. Its first append (or holdHead) locks the chain's head, as
 * every appending transaction always has; from then on the head cannot move under it, so its
 * entries are chained in the process and written, with the head they end at, in one statement
 * when the transaction's work is done, or before it reads the audit log itself. An append then
 * costs no round trip to the database while the head is held: on PostgreSQL, where the head's
 * lock queues every instance's commands, each one held it for two statements more per append.
 */
function transactionChain(hot: HotQueries, sealing: Sealing) {
  let locked: Promise<void> | undefined;
  let head: { seq: number; hash: string } | undefined;
  /**
   * Events appended and not yet written, in order. They are sealed and chained when written, so
   * that a text is sealed under the keys of the items the transaction stored after it was
   * appended too (the command's own text names the items it submits).
   */
  let queued: { events: readonly AuditEvent[]; at: Date }[] = [];
  /** auditAtCommit: the head is taken when the entries are written, not at the first append. */
  let atCommit = false;
  /**
   * A receipt saved in the transaction, its response still plain: sealed with the last entries, in
   * one look-up of the items they name, and written with them (HotQueries.writeAuditAndReceipt).
   */
  let receipt: Receipt | undefined;
  const lock = () =>
    (locked ??= hot.lockAuditHead().then((h) => {
      head = { seq: h.seq, hash: h.hash };
    }));
  /**
   * The queued events sealed, and the receipt's response sealed: what is queued when this starts
   * (appended meanwhile: chained at the next flush). Sealing reads, so it comes before the head is
   * taken, which is then held no longer than before; what fails to seal stays queued.
   */
  async function sealQueued(response?: string) {
    const batch = [...queued];
    const events = batch.flatMap((b) => b.events);
    if (events.length === 0 && response === undefined) return undefined;
    // The reply was written by the bot from what the transaction read (see TextSealer.sealValues).
    const sealed = await sealing.sealValues(
      [...events.map((e) => e.details), ...(response === undefined ? [] : [JSON.parse(response) as unknown])],
      [...events.map(() => false), ...(response === undefined ? [] : [true])],
    );
    return { batch, count: events.length, details: sealed.slice(0, events.length), ...(response === undefined ? {} : { response: JSON.stringify(sealed[events.length]) }) };
  }
  /** A sealed batch chained from `start`, in order. */
  function chainFrom(start: { seq: number; hash: string }, sealed: { batch: typeof queued; details: unknown[] }): StoredAuditEntry[] {
    const out: StoredAuditEntry[] = [];
    let from = start;
    let n = 0;
    for (const b of sealed.batch) {
      const entries = chainEvents(from, b.events.map((e) => ({ ...e, details: sealed.details[n++] as Record<string, unknown> })), b.at);
      for (const { readable: _readable, ...entry } of entries) out.push(entry);
      if (entries.length > 0) from = entries[entries.length - 1];
    }
    return out;
  }
  /** The queued events sealed and chained from the head (taken now if it is not held yet). */
  async function chained(response?: string): Promise<{ entries: StoredAuditEntry[]; response?: string }> {
    const sealed = await sealQueued(response);
    if (!sealed) return { entries: [] };
    if (sealed.count > 0) await lock();
    queued = queued.slice(sealed.batch.length);
    const entries = chainFrom(head!, sealed);
    if (entries.length > 0) head = entries[entries.length - 1];
    return { entries, ...(sealed.response === undefined ? {} : { response: sealed.response }) };
  }
  /**
   * PostgreSQL, a transaction that takes the head when it commits (auditAtCommit): its entries
   * chained from the head its opening read found, and written in the statement that takes the
   * head's lock, if the head is still there; another instance's entries committed in between,
   * they are chained anew from the head that statement locked and written in a second. A look-up
   * went to the database eight times; one of them was for the lock alone. False: not for this
   * transaction (the head is held already, or nothing was read ahead): flush as always.
   */
  async function flushOnHeadReadAhead(plain: Receipt | undefined): Promise<boolean> {
    if (!atCommit || locked || !hot.writeAuditOnHead) return false;
    const expected = hot.headReadAhead?.();
    if (!expected || queued.length === 0) return false;
    const sealed = (await sealQueued(plain?.response))!;
    queued = queued.slice(sealed.batch.length);
    receipt = undefined;
    const saved = plain && { ...plain, response: sealed.response! };
    let entries = chainFrom(expected, sealed);
    const outcome = await receiptConflict(() => hot.writeAuditOnHead!(expected, entries, saved));
    // Either way the statement holds the head's lock now, until the transaction ends.
    locked = Promise.resolve();
    if (!outcome.written) {
      entries = chainFrom(outcome.head, sealed);
      await write(entries, saved);
    }
    head = entries[entries.length - 1];
    return true;
  }
  /** Entries chained from the held head, and a receipt, written. */
  async function write(entries: readonly StoredAuditEntry[], saved: Receipt | undefined) {
    // PostgreSQL: entries and receipt in one statement.
    if (saved && hot.writeAuditAndReceipt) return receiptConflict(() => hot.writeAuditAndReceipt!(entries, saved));
    if (entries.length > 0) await hot.writeAudit(entries);
    if (saved) await receiptConflict(() => hot.saveReceipt(saved.key, saved.response, saved.at));
  }
  return {
    lock,
    async append(events: readonly AuditEvent[], at: Date): Promise<void> {
      if (events.length === 0) return;
      if (!atCommit) await lock();
      queued.push({ events, at });
    },
    deferReceipt(saved: Receipt) {
      receipt = saved;
    },
    /** Writes what was appended and not yet written, and the receipt, if one waits. */
    async flush() {
      const plain = receipt;
      if (await flushOnHeadReadAhead(plain)) return;
      const { entries, response } = await chained(plain?.response);
      receipt = undefined;
      await write(entries, plain && { ...plain, response: response! });
    },
    /** Whether an entry of this action waits to be written. */
    holds: (action: string) => queued.some((w) => w.events.some((e) => e.action === action)),
    /** For a Transaction object that serves one transaction after another (SQLite). */
    reset(auditAtCommit = false) {
      locked = undefined;
      head = undefined;
      queued = [];
      receipt = undefined;
      atCommit = auditAtCommit;
    },
  };
}

/** A second save of a receipt's key: a concurrent delivery of the same request was answered first. */
async function receiptConflict<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isConflict(error)) throw new ConflictError("a concurrent delivery of this request was answered first");
    throw error;
  }
}

/**
 * What a transaction notes of the items it meets, for sealing what it writes. Made anew for each
 * transaction rather than emptied: on SQLite one set of repositories serves every transaction, and
 * an emptied Map keeps a link from its old table to the new one. Once one table had reached the
 * old generation, that chain kept every later transaction's notes alive through each
 * young-generation collection, which copied and promoted them (about a quarter of what a look-up
 * left behind), however long dead they were.
 */
interface TransactionNotes {
  /** Items' values and own free texts the transaction wrote or read, by text (SealingReads.ownTexts). */
  ownTexts: Map<string, OwnText>;
  /** The values and texts of the items it let go (SealingReads.destroyedTexts). */
  destroyedTexts: Set<string>;
  /** What its reads answered of each value (SealingReads.readRecords). */
  readRecords: Map<string, NamedRecord[]>;
  /** What extraction found in the texts it read ahead (SealingReads.extracted). */
  extracted: Map<string, Extracted>;
}
const freshNotes = (): TransactionNotes => ({ ownTexts: new Map(), destroyedTexts: new Set(), readRecords: new Map(), extracted: new Map() });

/**
 * What the store keeps of each Transaction: its chain, written at the end of the work, and
 * whether it wrote messages to the outbox (see StoreHooks).
 */
interface TransactionState {
  chain: ReturnType<typeof transactionChain>;
  enqueued: boolean;
  /** Whether it let an item go (see `afterRemoval`). */
  removed: boolean;
  /** Starts the notes of a new transaction (TransactionNotes). */
  renewNotes(): void;
  /** The nonces of the items it read or stored (sealed-items.ts). */
  nonces: NonceBook;
}

/**
 * A source reference or note that this many items share (a feed's name on every line of an
 * import) says nothing of whose data a text holds: it is not followed.
 */
const MOST_OWNERS = 50;
/**
 * Texts noted in one transaction at most: an import of a million values noted them all (1.5 GB).
 * Beyond it a transaction's replies are sealed as other texts are, by reading them through.
 */
const MOST_NOTED = 20_000;

/**
 * Notes the values, source references and notes of items a transaction stored or read
 * (SealingReads.ownTexts): what the bot writes of them (a reply) is matched against them.
 */
function noteOwnTexts(ownTexts: Map<string, OwnText>, items: readonly (Pick<StoredItem, "id" | "value"> & Partial<Pick<StoredItem, "supplied" | "sourceRef" | "note">> | undefined)[]) {
  const note = (text: string | null | undefined, id: number, value: boolean) => {
    if (!text) return;
    const own = ownTexts.get(text);
    if (!own) {
      if (ownTexts.size < MOST_NOTED) ownTexts.set(text, { owners: new Set([id]), value });
    } else if (own.owners.size > 0 && own.owners.size < MOST_OWNERS) own.owners.add(id);
    // Shared too widely: no owners marks it as no one's own.
    else own.owners.clear();
  };
  for (const item of items) {
    if (!item) continue;
    note(item.value, item.id, true);
    note(item.supplied, item.id, true);
    note(item.sourceRef, item.id, false);
    note(item.note, item.id, false);
  }
}
const states = new WeakMap<Transaction, TransactionState>();

/**
 * A transaction's repositories: Prisma's, with the hot queries and, where the store has the
 * transaction's connection, the native reads (native-reads.ts) in place of Prisma's.
 */
function writes(tx: Prisma.TransactionClient, hot: HotQueries, nonces: NonceBook, cache: DirectoryCache, sealer: TextSealer, native?: ReturnType<typeof nativeReads>): Transaction {
  let notes = freshNotes();
  const sealing = sealingFor(sealer, hot, {
    get ownTexts() {
      return notes.ownTexts;
    },
    get destroyedTexts() {
      return notes.destroyedTexts;
    },
    get readRecords() {
      return notes.readRecords;
    },
    get extracted() {
      return notes.extracted;
    },
    nonces,
  });
  /** What a read answered of each value it asked for (none included), for sealing (SealingReads.readRecords). */
  const noteRead = (keys: readonly string[], records: readonly NamedRecord[]) => {
    const { readRecords } = notes;
    if (readRecords.size + keys.length > MOST_NOTED) return;
    for (const key of keys) if (!readRecords.has(key)) readRecords.set(key, []);
    for (const r of records) readRecords.get(`${r.type}|${r.value}`)?.push({ id: r.id, type: r.type, value: r.value, party: r.party });
  };
  /**
   * What sealing will ask of a value the transaction looks up (its audit entry and reply repeat
   * it: recordsNamedIn's candidates for it), read beside the look-up itself and noted: on
   * PostgreSQL the two go to the database together, and the sealing at commit, finding every
   * candidate read, reads nothing. Records stored later in the transaction are noted as they are
   * (`inserted`), as for any read. `reading`: the value the look-up itself reads, whose records
   * (every party's, none removed: a removal changes the stored value) it notes: not asked twice.
   */
  async function readNamedAhead(text: string, reading: string) {
    const values = valuesNamedIn(text, notes.extracted.size < MOST_NOTED ? notes.extracted : undefined).filter((v) => {
      const key = `${v.type}|${v.value}`;
      return key !== reading && !notes.readRecords.has(key);
    });
    if (values.length === 0) return;
    noteRead(
      values.map((v) => `${v.type}|${v.value}`),
      await hot.namedRecords({ values, urlPrefixes: [], emails: [], itemIds: [] }),
    );
  }
  const r = reads(tx, hot, cache, sealing);
  const state: TransactionState = {
    chain: transactionChain(hot, sealing),
    enqueued: false,
    removed: false,
    renewNotes: () => void (notes = freshNotes()),
    nonces,
  };
  const { chain } = state;
  const itemReads = { ...r.items, ...native?.items };
  const noted = async <T extends NamedRecord | undefined | NamedRecord[]>(found: Promise<T>): Promise<T> => {
    const items = await found;
    noteOwnTexts(notes.ownTexts, Array.isArray(items) ? items : [items]);
    return items;
  };
  const outbox = { ...r.outbox, ...outboxWrites(tx, sealing) };
  /**
   * The items `insert` wrote (an id each; null: left out), as stored items. `noteTexts`: their
   * texts are noted for sealing (SealingReads.ownTexts). Not an import's: every item's source
   * reference is its own, which no reply repeats, and past MOST_NOTED noting stops anyway, while
   * looking each text up cost a million-line import a second; what its reply names is read
   * through, as beyond MOST_NOTED.
   */
  async function inserted(items: readonly NewItem[], insert: () => Promise<(number | null)[]>, noteTexts: boolean): Promise<StoredItem[]> {
    const stored: StoredItem[] = [];
    try {
      const ids = await insert();
      for (let n = 0; n < items.length; n++) if (ids[n] !== null) stored.push(asStored(items[n], ids[n]!));
      if (noteTexts) noteOwnTexts(notes.ownTexts, stored);
      // A value read before it was stored here has one record more now.
      if (notes.readRecords.size > 0) for (const item of stored) notes.readRecords.get(`${item.type}|${item.value}`)?.push({ id: item.id, type: item.type, value: item.value, party: item.party });
    } catch (error) {
      if (isConflict(error)) throw new ConflictError("another writer stored one of these indicators first");
      throw error;
    }
    return stored;
  }
  const transaction: Transaction = {
    items: {
      ...itemReads,
      byId: (id) => noted(itemReads.byId(id)),
      async byValue(type, value) {
        const [found] = await Promise.all([noted(itemReads.byValue(type, value)), readNamedAhead(value, `${type}|${value}`)]);
        noteRead([`${type}|${value}`], found);
        return found;
      },
      currentOf: (party, indicators) => noted(itemReads.currentOf(party, indicators)),
      currentPage: (party, afterId, limit) => noted(itemReads.currentPage(party, afterId, limit)),
      // Related records and what the guard found: a reply may show them too.
      async named(probe) {
        const found = await noted(itemReads.named(probe));
        noteRead(probe.values.map((v) => `${v.type}|${v.value}`), found);
        return found;
      },
      underKeys: (ranges, limit, otherThan) => noted(itemReads.underKeys(ranges, limit, otherThan)),
      async insert(items: readonly NewItem[]) {
        if (items.length === 0) return [];
        const replaced = items.map((i) => i.supersedesId).filter((id): id is number => id !== null);
        // The versions corrected are current no more; the new ones are (hot-queries.ts CURRENT).
        if (replaced.length > 0) await tx.item.updateMany({ where: { id: { in: replaced } }, data: { head: null } });
        return inserted(items, () => hot.insertItems(items), true);
      },
      async insertAbsent(items: readonly NewItem[]) {
        if (items.some((i) => i.supersedesId !== null)) throw new Error("insertAbsent stores new records, not corrections");
        return items.length === 0 ? [] : inserted(items, () => hot.insertAbsentItems(items), false);
      },
    },
    audit: {
      // The transaction's own entries are written before it reads the log.
      async head() {
        await chain.flush();
        return r.audit.head();
      },
      async *entries(fromSeq?: number) {
        await chain.flush();
        yield* r.audit.entries(fromSeq);
      },
      async latest(limit: number) {
        await chain.flush();
        return r.audit.latest(limit);
      },
      async withAction(action: string) {
        if (chain.holds(action)) await chain.flush();
        return r.audit.withAction(action);
      },
      holdHead: () => chain.lock(),
      append: (events: readonly AuditEvent[], at: Date) => chain.append(events, at),
    },
    directory: {
      ...r.directory,
      async save(record) {
        const row = await tx.directoryVersion.create({
          data: { loadedAt: record.loadedAt, sha256: record.sha256, source: record.source, content: JSON.stringify(record.directory) },
        });
        return { version: row.version, loadedAt: row.loadedAt, sha256: row.sha256, source: row.source, directory: record.directory };
      },
    },
    // Opened once, where rows become the core's objects: `r`'s reads are opened already, and an
    // opened text that a person wrote to look sealed must not be opened again.
    analyses: { ...r.analyses, ...sealing.opened({ ...native?.analyses, ...analysisWrites(tx, sealing) }) },
    disclosures: { ...r.disclosures, ...sealing.opened({ ...native?.disclosures, ...disclosureWrites(tx, sealing) }) },
    outbox: {
      ...outbox,
      enqueue(messages, at) {
        state.enqueued ||= messages.length > 0;
        return outbox.enqueue(messages, at);
      },
    },
    record: r.record,
    consultations: { ...r.consultations, ...sealing.opened(consultationWrites(tx, sealing)) },
    steering: { ...r.steering, ...sealing.opened({ ...native?.steering, ...steeringWrites(tx, sealing) }) },
    rounds: { ...r.rounds, ...sealing.opened({ ...native?.rounds, ...roundWrites(tx, sealing) }) },
    retention: {
      ...r.retention,
      ...native?.retention,
      ...retentionWrites(tx, sealer.items),
      async removeItem(itemId, at) {
        // What it held, before it is destroyed: a text of this transaction that holds it keeps nothing of it.
        const row = await tx.item.findUnique({ where: { id: itemId }, select: { sealed: true, keyNonce: true, removedAt: true } });
        const gone = row && !row.removedAt ? openRow(sealer.items, row) : undefined;
        if (gone) {
          for (const text of [gone.value, gone.supplied]) if (text && text.length >= 4) notes.destroyedTexts.add(text);
          // A short source or note ("NCSC") would take every party code with it.
          for (const text of [gone.sourceRef, gone.note]) if (text && text.length >= 8) notes.destroyedTexts.add(text);
        }
        // Its key is destroyed: a text naming it is no longer sealed under it.
        nonces.delete(itemId);
        const removed = await retentionWrites(tx, sealer.items).removeItem(itemId, at);
        state.removed ||= removed;
        return removed;
      },
    },
    taxiiKeys: { ...r.taxiiKeys, ...taxiiKeyWrites(tx) },
    receipts: {
      ...r.receipts,
      async save(key: string, response: string, at: Date) {
        chain.deferReceipt({ key, response, at });
      },
    },
  };
  states.set(transaction, state);
  return transaction;
}

/**
 * The work, then its audit entries written, inside the transaction; `done` learns whether it
 * wrote to the outbox.
 */
function withChain<T>(work: (tx: Transaction) => Promise<T>, done: (outcome: { enqueued: boolean; removed: boolean }) => void, auditAtCommit = false): (tx: Transaction) => Promise<T> {
  return async (tx) => {
    const state = states.get(tx);
    if (state) {
      state.chain.reset(auditAtCommit);
      state.enqueued = false;
      state.removed = false;
      state.renewNotes();
      state.nonces.clear();
    }
    const result = await work(tx);
    await state?.chain.flush();
    done({ enqueued: state?.enqueued ?? false, removed: state?.removed ?? false });
    return result;
  };
}

/** What the store tells its owner. */
export interface StoreHooks {
  /**
   * A transaction that wrote messages to the outbox has committed: the bot sends them at once
   * rather than at its next round. Must not throw.
   */
  afterOutboxWrite?: () => void;
}

/**
 * SQLite's page cache for a bulk import: 16 MB instead of the default 2 MB. Values in random
 * order land at random places of the item indexes, which at a million rows outgrow 2 MB: a
 * 500,000-value import of the related mix took 34 s instead of 44 s with 64 MB. 16 MB kept most
 * of that: 35.1 and 41.1 s against 34.1 and 38.8 s with 64 MB, run by turns (a 1,000,000-line
 * CSV import: no difference within the noise), for 50–65 MB less at the peak (357 against 419 MB;
 * the CSV import 240 against 292 MB). Into a cell that already holds 1,000,000 items 64 MB was
 * about a tenth quicker, but peaked at 281–284 MB, over the 256 MB of issue 18; 32 MB was no
 * quicker than 16 there (bench/MEASUREMENTS.md, "Measured and not built"). Set back afterwards,
 * so that the bot does not keep the memory.
 */
const BULK_CACHE_KIB = 16 * 1024;

async function withBulkCache<T>(connection: Database, work: () => Promise<T>): Promise<T> {
  const usual = connection.pragma("cache_size", { simple: true }) as number;
  connection.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    connection.pragma(`cache_size = ${usual}`);
  }
}

/** What the store gets of PostgreSQL's connections (postgres-native.ts). */
export interface PostgresTransactions {
  /** Transactions on a pooled connection itself (postgres-transactions.ts). */
  transaction<T>(work: (slot: TransactionSlot) => Promise<T>, options: NativeTransactionOptions): Promise<T>;
  /** Runs `start` so that the Prisma transaction it starts takes the native transaction's connection. */
  asPhantom<R>(slot: TransactionSlot, start: () => R): R;
}

/**
 * `sqliteConnection`, on SQLite, hands out the better-sqlite3 connection under Prisma's adapter:
 * the hot queries inside transactions then go straight to it (see sqlite-native.ts).
 */
export function createPrismaStore(
  client: DbClient,
  kind: DatabaseKind,
  sqlite?: { connection: () => Database | undefined; native: { active: boolean } },
  /** `statementMs`: the PostgreSQL sessions' statement_timeout, if the pool sets one (database.ts). */
  limits: { statementMs?: number } = {},
  /** PostgreSQL: learns each transaction's connection, for the hot queries (postgres-native.ts). */
  postgres?: PostgresTransactions,
  hooks: StoreHooks = {},
  /** The cell's keys (storage/sealing): what the store seals its texts under. */
  keys?: CellKeys,
): Store {
  if (!keys) throw new Error("the store needs the cell's keys (openStore opens them)");
  const sealer = textSealer(keys);
  const sqliteConnection = sqlite?.connection;
  // Every database's queries speak tokens and blinded keys; the store speaks values (sealing/sealed-items.ts).
  const clear = (raw: RawHotQueries, book: NonceBook) => clearItemQueries(raw, keys.items, book);
  const hotIn = (tx: Prisma.TransactionClient, book: NonceBook): HotQueries => {
    const connection = sqliteConnection?.();
    if (kind === "postgres") return clear(postgresHotQueries(tx), book);
    return clear(connection ? nativeSqliteHotQueries(connection) : prismaHotQueries(tx, kind), book);
  };
  const cache: DirectoryCache = {};
  const nativeConnection = kind === "sqlite" ? sqliteConnection?.() : undefined;
  let readerConnection: Database | undefined;
  const reader = () => (readerConnection ??= sqliteReader(nativeConnection!.name));
  const native = nativeConnection && sqlite ? nativeSqliteTransactions(nativeConnection, sqlite.native) : undefined;
  // On SQLite the client's own queries run on the connection, inside the native transaction, so
  // one set of repositories serves every transaction: building them anew each time (some 16 KB
  // of closures) fed the young-generation collections that made look-ups slow now and then.
  const nativeBook: NonceBook = new Map();
  const nativeHot = nativeConnection ? clear(nativeSqliteHotQueries(nativeConnection), nativeBook) : undefined;
  const nativeTx =
    native && nativeConnection && nativeHot
      ? writes(client as unknown as Prisma.TransactionClient, nativeHot, nativeBook, cache, sealer, nativeReads(nativeSqliteAll(nativeConnection), "sqlite", nativeHot, keys.items, nativeBook))
      : undefined;
  // PostgreSQL: one set of repositories per pooled connection, over the transaction it serves
  // (per-connection.ts). The connection itself is the set's: queries on it are the transaction's.
  const onConnection = perConnection<PoolClient, Prisma.TransactionClient, TransactionSlot, NonceBook, { hot: HotQueries; transaction: Transaction }>(
    () => new Map(),
    ({ tx, slot }, book, connection) => {
      const hot = clear(nativePostgresHotQueries(slot, connection), book);
      return { hot, transaction: writes(tx, hot, book, cache, sealer, nativeReads(nativePostgresAll(slot, connection), "postgres", hot, keys.items, book)) };
    },
  );
  // Without a native transaction (a SQLite connection not handed out): Prisma's own.
  const prismaTransaction = <T>(work: (tx: Transaction) => Promise<T>, timeoutMs: number): Promise<T> =>
    client.$transaction(
      (tx) => {
        const book: NonceBook = new Map();
        return work(writes(tx, hotIn(tx, book), book, cache, sealer));
      },
      // Waiting for a connection counts against the same time.
      { maxWait: timeoutMs, timeout: timeoutMs },
    );
  // PostgreSQL: on the connection itself, with a Prisma transaction on it only for work that asks for one.
  const nativePostgres = <T>(transactions: PostgresTransactions, work: (tx: Transaction) => Promise<T>, timeoutMs: number, limitMs: number): Promise<T> =>
    transactions.transaction(
      async (slot) => {
        const prisma = lazyPrisma(client as unknown as PrismaStarter, timeoutMs, (start) => transactions.asPhantom(slot, start));
        let result: T;
        try {
          result = await onConnection(slot.connection, { tx: prisma.tx, slot }, ({ hot, transaction }) => {
            // What the last transaction on this connection read ahead is not this one's.
            hot.forgetReadAhead?.();
            return work(transaction);
          });
        } catch (error) {
          await prisma.settle(false);
          throw error;
        }
        await prisma.settle(true);
        return result;
      },
      { timeoutMs, limitMs, statementMs: limits.statementMs, longestStatementMs: LONGEST_STATEMENT_MS },
    );
  /** `timeoutMs`: what this attempt may take; `limitMs`: the transaction's limit, named when it is overrun. */
  const run = <T>(work: (tx: Transaction) => Promise<T>, timeoutMs: number, limitMs: number): Promise<T> =>
    native && nativeTx ? native(() => work(nativeTx), timeoutMs, limitMs) : postgres ? nativePostgres(postgres, work, timeoutMs, limitMs) : prismaTransaction(work, timeoutMs);
  /**
   * After a transaction that let items go, on SQLite: the write-ahead log still holds the pages as
   * they were, values and all, until a checkpoint copies it into the database file and it starts
   * over; a TRUNCATE checkpoint does both now and empties the file. The database file itself keeps
   * nothing of what was deleted (secure_delete, database.ts). Best effort: when another
   * connection's reader holds the log, the background checkpoint finishes the work later.
   */
  const afterRemoval = () => {
    try {
      nativeConnection?.pragma("wal_checkpoint(TRUNCATE)");
    } catch {
      // busy: see above
    }
  };
  const store: Store = {
    // Outside transactions, Prisma's raw queries: a native read there could see another
    // transaction's uncommitted rows on the shared connection. The steering report's reads go to
    // a read-only connection of their own on SQLite, which cannot.
    ...outsideTransactions(client, kind, cache, sealer, nativeConnection && reader),
    // A large import's parsing thread seals its items under the same keys (sealing/prepare-items.ts).
    itemPreparer: () => ({ module: new URL("./sealing/prepare-items.js", import.meta.url).href, data: { root: keys.root } satisfies PreparerData }),
    // And its relation thread reads other parties' records on a connection of its own (relation-reader.ts).
    ...(nativeConnection && !nativeConnection.memory
      ? { relationReader: () => ({ module: new URL("./relation-reader.js", import.meta.url).href, data: { path: nativeConnection.name, root: keys.root } satisfies RelationReaderData }) }
      : {}),
    async transaction<T>(work: (tx: Transaction) => Promise<T>, options?: { timeoutMs?: number; auditAtCommit?: boolean; bulk?: boolean }): Promise<T> {
      if (options?.bulk) {
        const unbulked = { ...options, bulk: false };
        return withTightHeap(() => (nativeConnection ? withBulkCache(nativeConnection, () => store.transaction(work, unbulked)) : store.transaction(work, unbulked)));
      }
      // One deadline for every attempt: the caller hears back within its time (see runWithin).
      const limitMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const deadline = Date.now() + limitMs;
      let busySince: number | undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          let outcome = { enqueued: false, removed: false };
          const result = await runWithin<T>(run, withChain(work, (o) => (outcome = o), options?.auditAtCommit), deadline, limitMs);
          if (outcome.enqueued) hooks.afterOutboxWrite?.();
          if (outcome.removed) afterRemoval();
          return result;
        } catch (error) {
          if (error instanceof StoreUnavailableError) {
            // The time ran out while another process's lock was being waited out: say that.
            if (busySince !== undefined && !error.inDoubt) throw new StoreUnavailableError(`another process held the database's lock for ${Date.now() - busySince} ms`, false, { cause: error });
            throw error;
          }
          const full = diskFullReason(error);
          if (full) throw new StoreUnavailableError(full, false, { cause: error, diskFull: true });
          const unavailable = unavailableReason(error);
          if (unavailable) throw new StoreUnavailableError(unavailable, false, { cause: error });
          if (!isConflict(error)) throw error;
          // Another process's SQLite lock is waited out in short steps until the time is up;
          // other conflicts are retried a few times.
          const busy = isBusy(error);
          if (busy) busySince ??= Date.now();
          if (busy && Date.now() >= deadline) throw new StoreUnavailableError(`another process held the database's lock for ${Date.now() - busySince!} ms`, false, { cause: error });
          if (!busy && attempt >= MAX_ATTEMPTS) throw error;
          // A short random pause lets the competing writer finish before the retry.
          await new Promise((resolve) => setTimeout(resolve, busy ? 10 + Math.random() * 40 : Math.random() * 20 * attempt));
        }
      }
    },
    async close() {
      readerConnection?.close();
      await client.$disconnect();
    },
  };
  return store;
}
