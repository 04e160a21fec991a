import type { StoredAuditEntry } from "../core/audit/chain.js";
import type { IndicatorType } from "../core/indicators/index.js";
import type { DataProbe, KeyedRecord, NamedRecord, NewItem, StoredItem } from "../core/ports.js";
import type { KeyRange } from "../core/relations/relation-key.js";
import type { PartyCode } from "../core/covenant/parties.js";
import { wellFormed } from "../core/text/well-formed.js";
import type { DatabaseKind } from "./database.js";
import type { Prisma } from "./generated/sqlite/client.js";

/**
 * The queries every command or import runs many times: "which of these are already current?",
 * "store these items and make them current", appending to the audit chain, and the command
 * receipts that make retries safe. Here in plain SQL, written and read exactly as Prisma's models
 * (same columns, same date format): Prisma builds each row through its query compiler, which
 * made bulk imports about 25 times slower than the database itself. Everything else goes through
 * Prisma as always. On SQLite these run natively (sqlite-native.ts); elsewhere through Prisma's
 * raw queries (below).
 */
export interface HotQueries {
  /** The current-version heads among the given keys ("party|type|value"), as key → item id. */
  findHeads(keys: readonly string[]): Promise<Map<string, number>>;
  /** Items' nonces (storage/sealing), and whether each was let go: what sealing a text reads of the items it names. */
  itemNonces(ids: readonly number[]): Promise<{ id: number; keyNonce: string | null; removed: boolean }[]>;
  /**
   * Which of the given parties hold a current record of these indicators (a head), for the
   * overlap check (Art 6.1). Where several parties may hold each value, one look-up per value
   * can beat one per party and value.
   */
  currentHolders(indicators: readonly Indicator[], parties: readonly string[]): Promise<(Indicator & { party: string })[]>;
  /** Inserts items, each marked as its value's current version; returns each item's new id, in the order given. */
  insertItems(items: readonly NewItem[]): Promise<number[]>;
  /**
   * As insertItems, but an item whose party has a current record of its value already is left
   * out (the unique index on the head finds it, as part of the insert): null in its place.
   */
  insertAbsentItems(items: readonly NewItem[]): Promise<(number | null)[]>;
  /** See ItemReads.heldByOthers. */
  heldByOthers(party: string, idRuns: readonly (readonly [number, number])[]): Promise<number>;
  /**
   * The audit chain's head, locked for the rest of the transaction: concurrent appenders queue
   * there, so the chain never forks, even with several bot instances on one PostgreSQL database.
   */
  lockAuditHead(): Promise<{ seq: number; hash: string }>;
  /** Writes entries chained in the transaction (after lockAuditHead), and the head they end at. */
  writeAudit(entries: readonly StoredAuditEntry[]): Promise<void>;
  /** The version in force and its digest: enough to tell whether a cached copy is still current. */
  latestDirectory(): Promise<{ version: number; sha256: string } | undefined>;
  findReceipt(key: string): Promise<string | undefined>;
  /** Every version of every party's record of one indicator, oldest first (look-ups). */
  itemsByValue(type: string, value: string): Promise<StoredItem[]>;
  /** Entries of one action, oldest first (by its index; every command asks for covenant events). */
  auditWithAction(action: string): Promise<StoredAuditEntry[]>;
  /** Throws the database's unique-key error when the key was saved before. */
  saveReceipt(key: string, response: string, at: Date): Promise<void>;
  /**
   * Where a round trip costs (PostgreSQL): the transaction's last entries (after lockAuditHead;
   * none is fine) and its receipt in one statement. The store then keeps a receipt saved in a
   * transaction until it writes its entries.
   */
  writeAuditAndReceipt?(entries: readonly StoredAuditEntry[], receipt: Receipt): Promise<void>;
  /**
   * The chain's head as this transaction's opening read found it (findReceipt), not locked;
   * undefined if nothing was read ahead or it was taken already. PostgreSQL (writeAuditOnHead).
   */
  headReadAhead?(): { seq: number; hash: string } | undefined;
  /**
   * Locks the chain's head and, if it is still `expected`, writes the entries chained from it, the
   * head they end at and the receipt, in one statement. If it moved (another instance appended),
   * writes nothing and gives the head it locked: the entries are chained anew from there and
   * written with writeAudit or writeAuditAndReceipt. The head stays locked either way.
   */
  writeAuditOnHead?(expected: { seq: number; hash: string }, entries: readonly StoredAuditEntry[], receipt?: Receipt): Promise<{ written: true } | { written: false; head: { seq: number; hash: string } }>;
  /**
   * Lets go of what was read ahead for the transaction these queries served (PostgreSQL's opening
   * read), before they serve the next one on the same connection (per-connection.ts).
   */
  forgetReadAhead?(): void;
  /** Records a text may name, for the Art 7.2 guard (see ItemReads.named). */
  namedRecords(probe: DataProbe): Promise<NamedRecord[]>;
  /** Records under relation keys, for the related-indicator comparison (see ItemReads.underKeys). */
  underKeys(ranges: readonly KeyRange[], limit: number, otherThan?: PartyCode): Promise<KeyedRecord[]>;
  /** The prefix lengths of the stored ranges (see ItemReads.rangePrefixes). */
  rangePrefixes(): Promise<{ type: "ipv4-cidr" | "ipv6-cidr"; prefix: number }[]>;
  /** The stored ranges (see ItemReads.storedRanges). */
  storedRanges(limit: number): Promise<{ type: "ipv4-cidr" | "ipv6-cidr"; value: string }[]>;
  /** The relation keys of the records of these indicators (see ItemReads.keysOf). */
  keysOf(indicators: readonly Indicator[]): Promise<(Indicator & { key: string })[]>;
}

/**
 * The item queries as the database answers them (storage/sealing/sealed-items.ts): an item's
 * `value` column holds its index token and its `relKey` a blinded key, so these take tokens and
 * blinded keys and give rows with their sealed texts; sealed-items.ts makes HotQueries of them.
 */
export interface StoredItemQueries {
  /** As HotQueries.findHeads, the keys made of tokens ("party|type|token"). */
  findHeads(keys: readonly string[]): Promise<Map<string, number>>;
  /** As HotQueries.currentHolders, of tokens. */
  currentHolders(indicators: readonly Indicator[], parties: readonly string[]): Promise<(Indicator & { party: string })[]>;
  insertItems(items: readonly StoredNewItem[]): Promise<number[]>;
  insertAbsentItems(items: readonly StoredNewItem[]): Promise<(number | null)[]>;
  /** Every item with this token, as rows of ITEM_SELECT, oldest first. */
  itemsByValue(type: string, token: string): Promise<ItemRow[]>;
  namedRecords(probe: StoredProbe): Promise<SealedRow[]>;
  /** The records (not removed) of these tokens, without their sealed texts: from the value index alone. */
  valueRecords(values: readonly Indicator[], otherThan?: string): Promise<ValueRow[]>;
  /** Records under blinded ranges, each cut at `limit` in the order of the blinded keys; with `otherThan`, of other parties only. */
  underKeys(ranges: readonly KeyRange[], limit: number, otherThan?: string): Promise<SealedRow[]>;
  rangePrefixes(): Promise<{ type: "ipv4-cidr" | "ipv6-cidr"; prefix: number }[]>;
  /** The rows of stored ranges (not removed), at most `limit`. */
  rangeRows(limit: number): Promise<SealedRow[]>;
  /** The rows with a relation key among these tokens' (not removed). */
  keysOf(indicators: readonly Indicator[]): Promise<SealedRow[]>;
}

/** The hot queries as one database runs them: the item queries in their stored form. */
export type RawHotQueries = Omit<HotQueries, keyof StoredItemQueries | "storedRanges"> & StoredItemQueries;

/** What the guard's probe asks the database: tokens, the blinded keys of hosts and mail domains, ids. */
export interface StoredProbe {
  values: readonly Indicator[];
  /** URLs whose host has one of these blinded keys. */
  urlHosts: readonly string[];
  /** E-mail addresses whose domain has one of these blinded keys. */
  emailDomains: readonly string[];
  itemIds: readonly number[];
}

/** A found item's id, type, token and party. */
export interface ValueRow {
  id: number;
  type: string;
  value: string;
  party: string;
}

/**
 * The records of tokens ([type, token] pairs as JSON), from the value index alone (SQLite). No
 * test of removedAt, which the index does not hold: a removal replaces the value with a mark of
 * its own (retention-port.ts removedValue), which no token equals.
 */
// The party that is not wanted (`otherThan`), or NULL for every party: "IS NOT NULL" holds for every row.
export const SQLITE_VALUE_RECORDS = `SELECT i."id", i."type", i."value", i."party" FROM json_each(?) j CROSS JOIN "Item" i
  ON i."type" = j.value->>0 AND i."value" = j.value->>1 WHERE i."party" IS NOT ?`;

/** A found item as stored: its token (or the mark of a removal), its sealed texts and the nonce that opens them. */
export interface SealedRow {
  id: number;
  type: string;
  value: string;
  party: string;
  sealed: string | null;
  keyNonce: string | null;
  /** The blinded relation key (underKeys, keysOf). */
  key?: string | null;
}

/** An item's columns as ITEM_SELECT reads them. */
export type ItemRow = Record<string, unknown>;

/** A new item as its row is written (sealed-items.ts fills the sealed columns from a NewItem). */
export interface StoredNewItem extends Omit<NewItem, "sourceRef" | "note" | "supplied" | "sameFile"> {
  /** The value's index token. */
  value: string;
  relKey: string | null;
  sealed: string;
  keyNonce: string;
}

/**
 * The distinct prefix lengths of the stored ranges: a range's blinded key ends in its prefix
 * length ("4:0af30000/16", sealing/item-cipher.ts). One pass over the ranges, which an import
 * makes once (relations/related.ts, RangePrefixes).
 */
export const RANGE_PREFIXES: Record<DatabaseKind, string> = {
  sqlite: `SELECT DISTINCT "type", CAST(substr("relKey", instr("relKey", '/') + 1) AS INTEGER) AS "prefix" FROM "Item" WHERE "type" IN ('ipv4-cidr', 'ipv6-cidr') AND "relKey" IS NOT NULL AND "removedAt" IS NULL`,
  postgres: `SELECT DISTINCT "type", split_part("relKey", '/', 2)::int4 AS "prefix" FROM "Item" WHERE "type" IN ('ipv4-cidr', 'ipv6-cidr') AND "relKey" IS NOT NULL AND "removedAt" IS NULL`,
};

/** The columns a found item's row is read with (SealedRow). */
export const SEALED_ROW = `i."id", i."type", i."value", i."party", i."sealed", i."keyNonce"`;

/** The rows of the stored ranges (not removed), up to a limit ($1 or ?). */
export const RANGE_ROWS: Record<DatabaseKind, string> = {
  sqlite: `SELECT ${SEALED_ROW} FROM "Item" i WHERE i."type" IN ('ipv4-cidr', 'ipv6-cidr') AND i."removedAt" IS NULL LIMIT ?`,
  postgres: `SELECT ${SEALED_ROW} FROM "Item" i WHERE i."type" IN ('ipv4-cidr', 'ipv6-cidr') AND i."removedAt" IS NULL LIMIT $1`,
};

/** Records under relation-key ranges, each range a search of the index cut at a limit (SQLite). */
export const SQLITE_UNDER_KEYS = `SELECT ${SEALED_ROW}, i."relKey" AS "key" FROM json_each(?) j CROSS JOIN "Item" i
  ON i."id" IN (SELECT x."id" FROM "Item" x WHERE x."relKey" >= j.value->>0 AND x."relKey" <= j.value->>1 AND x."removedAt" IS NULL AND x."party" IS NOT ? ORDER BY x."relKey" LIMIT ?)`;

export const AUDIT_COLUMNS = ["seq", "at", "actor", "action", "subject", "details", "prevHash", "hash"] as const;
export const auditParams = (kind: DatabaseKind, e: StoredAuditEntry) => [e.seq, dateParam(kind, e.at), e.actor, e.action, e.subject, e.details, e.prevHash, e.hash];

/** The columns a new item is written with; sourceRef, note and supplied are kept sealed, in `sealed`. */
export const ITEM_COLUMNS = ["type", "value", "party", "memberId", "memberName", "submittedAt", "legalBasis", "reliability", "tlp", "via", "supersedesId", "relKey", "firstSeen", "keyNonce", "sealed", "head"] as const;

/** A command's answer, kept under its request's key (CommandReceipt). */
export interface Receipt {
  key: string;
  response: string;
  at: Date;
}

export const headKey = (party: string, type: string, value: string) => `${party}|${type}|${value}`;

/** A head key's party, type and value (a value may hold "|" itself: it is the rest). */
export const headKeyParts = (key: string): [party: string, type: string, value: string] => {
  const [party, type, value] = key.split(/\|(.*?)\|(.*)/s);
  return [party, type, value];
};

/** The "head" of a new item: it is the current version of its value (Item.head in the schema). */
export const CURRENT = 1;

/**
 * ItemReads.heldByOthers: a party's current items in runs of ids (a list in JSON, then the party),
 * each kept where the value index holds another party's current version of its token.
 */
export const HELD_BY_OTHERS: Record<DatabaseKind, string> = {
  sqlite: `SELECT count(*) AS "n" FROM json_each(?) r CROSS JOIN "Item" m ON m."id" BETWEEN r.value->>0 AND r.value->>1
    WHERE m."party" = ? AND m."head" = ${CURRENT}
      AND EXISTS (SELECT 1 FROM "Item" o WHERE o."type" = m."type" AND o."value" = m."value" AND o."head" = ${CURRENT} AND o."party" <> m."party")`,
  postgres: `SELECT count(*)::int4 AS "n" FROM jsonb_array_elements($1::jsonb) r JOIN "Item" m ON m."id" BETWEEN (r->>0)::int4 AND (r->>1)::int4
    WHERE m."party" = $2 AND m."head" = ${CURRENT}
      AND EXISTS (SELECT 1 FROM "Item" o WHERE o."type" = m."type" AND o."value" = m."value" AND o."head" = ${CURRENT} AND o."party" <> m."party")`,
};

type Indicator = { type: IndicatorType; value: string };

/** currentHolders by each party's head key: one search of the unique value index each. */
async function holdersByKey(
  findHeads: StoredItemQueries["findHeads"],
  indicators: readonly Indicator[],
  parties: readonly string[],
): Promise<(Indicator & { party: string })[]> {
  const keys = indicators.flatMap((i) => parties.map((p) => headKey(p, i.type, i.value)));
  const out: (Indicator & { party: string })[] = [];
  for (const key of (await findHeads(keys)).keys()) {
    const [party, type, value] = headKeyParts(key);
    out.push({ type: type as IndicatorType, value, party });
  }
  return out;
}

/** How each database stores a DateTime: SQLite as Prisma's ISO text, PostgreSQL as timestamp(3). */
export const dateParam = (kind: DatabaseKind, date: Date) => (kind === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString());

/**
 * The last date written to each date column and its text: the items of one import share the date
 * they were submitted, and most of a feed's share the date their source first saw them.
 */
const lastDates = { submittedAt: { time: NaN, kind: "sqlite" as DatabaseKind, text: "" }, firstSeen: { time: NaN, kind: "sqlite" as DatabaseKind, text: "" } };

function itemDate(column: keyof typeof lastDates, kind: DatabaseKind, date: Date): string {
  const last = lastDates[column];
  const time = date.getTime();
  if (time !== last.time || kind !== last.kind) Object.assign(last, { time, kind, text: dateParam(kind, date) });
  return last.text;
}

export const itemParams = (kind: DatabaseKind, i: StoredNewItem) => [i.type, i.value, i.party, i.memberId, i.memberName, itemDate("submittedAt", kind, i.submittedAt), i.legalBasis, i.reliability, i.tlp, i.via, i.supersedesId, i.relKey, i.firstSeen ? itemDate("firstSeen", kind, i.firstSeen) : null, i.keyNonce, i.sealed, CURRENT];

/** Rows per statement: 16 parameters × 1,000 stays far below both databases' limits. */
const BULK_ROWS = 1000;
/** Keys per look-up statement. */
const LOOKUP_KEYS = 500;

/** `n` SQLite-style placeholders ("?,?,?"); PostgreSQL's runners number them (postgres-native.ts). */
export const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");

function placeholders(kind: DatabaseKind, rows: number, columns: number): string {
  let n = 0;
  const row = () => `(${Array.from({ length: columns }, () => (kind === "postgres" ? `$${++n}` : "?")).join(",")})`;
  return Array.from({ length: rows }, row).join(",");
}

function* slices<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/**
 * The ids of the rows RETURNING gave, in the order of the items: by key, since RETURNING promises
 * no order, and a batch never holds one party's indicator twice. Null for an item left out (ON
 * CONFLICT DO NOTHING).
 */
function idsInOrder(items: readonly StoredNewItem[], rows: readonly { id: number | bigint; party: string; type: string; value: string }[]): (number | null)[] {
  const byKey = new Map(rows.map((r) => [headKey(r.party, r.type, r.value), Number(r.id)]));
  return items.map((i) => byKey.get(headKey(i.party, i.type, i.value)) ?? null);
}

/** Multi-row statements through Prisma's raw queries: any database Prisma reaches. */
export function prismaHotQueries(db: Prisma.TransactionClient, kind: DatabaseKind): RawHotQueries {
  /** Inserts in batches; `onConflict` is empty or " ON CONFLICT DO NOTHING". */
  async function insertPrismaRows(items: readonly StoredNewItem[], onConflict: string): Promise<(number | null)[]> {
    const ids: (number | null)[] = [];
    for (const part of slices(items, BULK_ROWS)) {
      const sql = `INSERT INTO "Item" (${ITEM_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${placeholders(kind, part.length, ITEM_COLUMNS.length)}${onConflict} RETURNING "id", "party", "type", "value"`;
      ids.push(...idsInOrder(part, await db.$queryRawUnsafe<{ id: number | bigint; party: string; type: string; value: string }[]>(sql, ...part.flatMap((i) => itemParams(kind, i)))));
    }
    return ids;
  }
  const marksFor = (n: number, from = 1) => Array.from({ length: n }, (_, k) => (kind === "postgres" ? `$${k + from}` : "?")).join(",");
  const hot: RawHotQueries = {
    currentHolders: (indicators, parties) => holdersByKey(hot.findHeads, indicators, parties),
    async itemNonces(ids) {
      const out: { id: number; keyNonce: string | null; removed: boolean }[] = [];
      for (const part of slices(ids, LOOKUP_KEYS)) {
        const marks = kind === "postgres" ? part.map((_, n) => `$${n + 1}`).join(",") : part.map(() => "?").join(",");
        const rows = await db.$queryRawUnsafe<{ id: number | bigint; keyNonce: string | null; removedAt: unknown }[]>(`SELECT "id", "keyNonce", "removedAt" FROM "Item" WHERE "id" IN (${marks})`, ...part);
        for (const r of rows) out.push({ id: Number(r.id), keyNonce: r.keyNonce, removed: r.removedAt !== null });
      }
      return out;
    },
    async findHeads(keys) {
      const found = new Map<string, number>();
      for (const part of slices(keys, LOOKUP_KEYS)) {
        const where = part.map((_, n) => `("type" = ${marksFor(1, 3 * n + 1)} AND "value" = ${marksFor(1, 3 * n + 2)} AND "party" = ${marksFor(1, 3 * n + 3)})`).join(" OR ");
        const params = part.flatMap((key) => {
          const [party, type, value] = headKeyParts(key);
          return [type, value, party];
        });
        const rows = await db.$queryRawUnsafe<{ id: number | bigint; party: string; type: string; value: string }[]>(`SELECT "id", "party", "type", "value" FROM "Item" WHERE "head" = ${CURRENT} AND (${where})`, ...params);
        for (const r of rows) found.set(headKey(r.party, r.type, r.value), Number(r.id));
      }
      return found;
    },
    async insertItems(items) {
      return (await insertPrismaRows(items, "")) as number[];
    },
    insertAbsentItems: (items) => insertPrismaRows(items, " ON CONFLICT DO NOTHING"),
    async lockAuditHead() {
      // An update takes the row's lock (PostgreSQL) or the write lock (SQLite).
      const { seq, hash } = await db.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
      return { seq, hash };
    },
    async writeAudit(entries) {
      const last = entries[entries.length - 1];
      await db.auditEntry.createMany({ data: [...entries] });
      await db.auditHead.update({ where: { id: 1 }, data: { seq: last.seq, hash: last.hash } });
    },
    async latestDirectory() {
      return (await db.directoryVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true, sha256: true } })) ?? undefined;
    },
    async auditWithAction(action) {
      return db.auditEntry.findMany({ where: { action }, orderBy: { seq: "asc" } });
    },
    async itemsByValue(type, token) {
      return db.$queryRawUnsafe<ItemRow[]>(`${ITEM_SELECT} WHERE i."type" = ${marksFor(1)} AND i."value" = ${marksFor(1, 2)} ORDER BY i."id"`, type, token);
    },
    async findReceipt(key) {
      return (await db.commandReceipt.findUnique({ where: { key } }))?.response;
    },
    async namedRecords(probe) {
      // All four lists in one statement: PostgreSQL's as below, SQLite's as in sqlite-native.ts.
      if (kind === "postgres") return postgresRawQueries((sql, params = []) => db.$queryRawUnsafe(sql, ...params)).namedRecords(probe);
      const rows = await db.$queryRawUnsafe<SealedRow[]>(SQLITE_NAMED, ...namedParams(probe));
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async valueRecords(values, otherThan) {
      if (kind === "postgres") return postgresRawQueries((sql, params = []) => db.$queryRawUnsafe(sql, ...params)).valueRecords(values, otherThan);
      const rows = await db.$queryRawUnsafe<ValueRow[]>(SQLITE_VALUE_RECORDS, JSON.stringify(values.map((v) => [v.type, v.value])), otherThan ?? null);
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async saveReceipt(key, response, at) {
      await db.commandReceipt.create({ data: { key, response, at } });
    },
    async underKeys(ranges, limit, otherThan) {
      if (ranges.length === 0) return [];
      // All ranges in one statement: PostgreSQL's as below, SQLite's as in sqlite-native.ts.
      if (kind === "postgres") return postgresRawQueries((sql, params = []) => db.$queryRawUnsafe(sql, ...params)).underKeys(ranges, limit, otherThan);
      const rows = await db.$queryRawUnsafe<SealedRow[]>(SQLITE_UNDER_KEYS, JSON.stringify(ranges.map((r) => [r.from, r.to])), otherThan ?? null, limit);
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async heldByOthers(party, idRuns) {
      if (idRuns.length === 0) return 0;
      const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(HELD_BY_OTHERS[kind], JSON.stringify(idRuns), party);
      return Number(row.n);
    },
    async rangePrefixes() {
      const rows = await db.$queryRawUnsafe<{ type: "ipv4-cidr" | "ipv6-cidr"; prefix: number | bigint }[]>(RANGE_PREFIXES[kind]);
      return rows.map((r) => ({ type: r.type, prefix: Number(r.prefix) }));
    },
    async rangeRows(limit) {
      const rows = await db.$queryRawUnsafe<SealedRow[]>(RANGE_ROWS[kind], limit);
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async keysOf(indicators) {
      if (indicators.length === 0) return [];
      if (kind === "postgres") return postgresRawQueries((sql, params = []) => db.$queryRawUnsafe(sql, ...params)).keysOf(indicators);
      const rows = await db.$queryRawUnsafe<SealedRow[]>(SQLITE_KEYS_OF, JSON.stringify(indicators.map((i) => [i.type, i.value])));
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
  };
  return hot;
}

/**
 * The guard's probe on SQLite, in one statement, the lists as JSON; CROSS JOIN keeps each list
 * the outer loop, so that every candidate is one search of an index, however many items the cell
 * holds. URLs and e-mail addresses are found by their host's or domain's key and matched on
 * their opened values (sealed-items.ts).
 */
export const SQLITE_NAMED = `SELECT ${SEALED_ROW} FROM json_each(?) j CROSS JOIN "Item" i
     ON i."type" = j.value->>0 AND i."value" = j.value->>1 WHERE i."removedAt" IS NULL
   UNION
   SELECT ${SEALED_ROW} FROM json_each(?) j CROSS JOIN "Item" i
     ON i."relKey" = j.value WHERE i."type" = 'url' AND i."removedAt" IS NULL
   UNION
   SELECT ${SEALED_ROW} FROM json_each(?) j CROSS JOIN "Item" i
     ON i."id" = j.value WHERE i."removedAt" IS NULL
   UNION
   SELECT ${SEALED_ROW} FROM json_each(?) j CROSS JOIN "Item" i
     ON i."relKey" = j.value WHERE i."type" = 'email' AND i."removedAt" IS NULL`;

export const namedParams = (probe: StoredProbe) => [
  JSON.stringify(probe.values.map((v) => [v.type, v.value])),
  JSON.stringify(probe.urlHosts),
  JSON.stringify(probe.itemIds),
  JSON.stringify(probe.emailDomains),
];

/** The rows of these tokens that have a relation key (SQLite). */
export const SQLITE_KEYS_OF = `SELECT ${SEALED_ROW}, i."relKey" AS "key" FROM json_each(?) j CROSS JOIN "Item" i
  ON i."type" = j.value->>0 AND i."value" = j.value->>1 WHERE i."relKey" IS NOT NULL AND i."removedAt" IS NULL`;

/** An item's row as the reads map it (toStoredItem), the id of its correction included. */
export const ITEM_SELECT = `SELECT i."id", i."type", i."value", i."party", i."memberId", i."memberName", i."submittedAt", i."legalBasis", i."reliability", i."tlp", i."via", i."supersedesId", i."removedAt", i."firstSeen", i."sealed", i."keyNonce",
  (SELECT c."id" FROM "Item" c WHERE c."supersedesId" = i."id") AS "correctedById" FROM "Item" i`;

/** PostgreSQL column types of the item rows. */
const PG_ITEM_TYPES: Record<(typeof ITEM_COLUMNS)[number], string> = {
  type: "text",
  value: "text",
  party: "text",
  memberId: "text",
  memberName: "text",
  submittedAt: "timestamp(3)",
  legalBasis: "text",
  reliability: "text",
  tlp: "text",
  via: "text",
  supersedesId: "int4",
  relKey: "text",
  firstSeen: "timestamp(3)",
  keyNonce: "text",
  sealed: "text",
  head: "int4",
};

/** Rows per statement on PostgreSQL. */
const PG_BULK_ROWS = 5000;

// A lone UTF-16 surrogate has no UTF-8 form: PostgreSQL refuses it in JSON, and the driver used
// to turn it into U+FFFD on its way out; so does asJson (core/text/well-formed.ts).

/** A value written as it is: a well-formed string, a number, a boolean, null; not an object. */
const plainWellFormed = (value: unknown) => (typeof value === "string" ? value.isWellFormed() : typeof value !== "object" || value === null);

/** Whether these rows (values, or lists of values) hold only plain values and well-formed strings. */
const allWellFormed = (rows: readonly unknown[]) => rows.every((row) => (Array.isArray(row) ? row.every(plainWellFormed) : plainWellFormed(row)));

/**
 * Rows as one JSON text, which PostgreSQL takes apart with jsonb_array_elements. Strings are made
 * well-formed where they come in, so rows are checked first and written as they are: a replacer
 * that visits every value made JSON.stringify of 5,000 item rows take 7.4 ms instead of 3.1 (the
 * check included). A row with a lone surrogate in it is written the careful way, as U+FFFD.
 */
const asJson = (rows: readonly unknown[]) =>
  allWellFormed(rows) ? JSON.stringify(rows) : JSON.stringify(rows, (_key, value: unknown) => (typeof value === "string" ? wellFormed(value) : value));

/**
 * On PostgreSQL, the rows of a statement travel as a single JSON text: Prisma's raw queries spend
 * their time on each parameter, and one string of 5,000 rows costs far less than 13 parameters a
 * row (or 13 arrays: measured, 50,000 items in 1.3 s against 1.9 s through unnest's arrays, and
 * as fast as the driver on its own).
 */
export function postgresHotQueries(db: Prisma.TransactionClient): RawHotQueries {
  return { ...prismaHotQueries(db, "postgres"), ...postgresRawQueries((sql, params = []) => db.$queryRawUnsafe(sql, ...params)) };
}

/** Runs one statement with positional parameters ($1, $2, …) and returns its rows. */
type Rows = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * The PostgreSQL statements of the hot queries that take many rows or keys, whoever runs them:
 * Prisma's raw queries (postgresHotQueries) or pg on the transaction's connection
 * (postgres-native.ts).
 */
export function postgresRawQueries(rows: Rows): Pick<RawHotQueries, "namedRecords" | "currentHolders" | "findHeads" | "itemNonces" | "insertItems" | "insertAbsentItems" | "heldByOthers" | "underKeys" | "keysOf" | "rangePrefixes" | "rangeRows" | "itemsByValue" | "valueRecords"> {
  const columns = ITEM_COLUMNS.map((c) => `"${c}"`).join(",");
  const fromJson = ITEM_COLUMNS.map((c, n) => `(r->>${n})::${PG_ITEM_TYPES[c]}`).join(",");
  /** Inserts in batches of one JSON text each; `onConflict` is empty or " ON CONFLICT DO NOTHING". */
  async function insertJsonRows(items: readonly StoredNewItem[], onConflict: string): Promise<(number | null)[]> {
    const ids: (number | null)[] = [];
    for (const part of slices(items, PG_BULK_ROWS)) {
      const inserted = await rows<{ id: number; party: string; type: string; value: string }>(
        `INSERT INTO "Item" (${columns}) SELECT ${fromJson} FROM jsonb_array_elements($1::jsonb) r${onConflict} RETURNING "id", "party", "type", "value"`,
        [asJson(part.map((i) => itemParams("postgres", i)))],
      );
      ids.push(...idsInOrder(part, inserted));
    }
    return ids;
  }
  return {
    async valueRecords(values, otherThan) {
      const found = await rows<ValueRow>(
        // From the value index alone, as on SQLite (SQLITE_VALUE_RECORDS: a removed item's value is a mark no token equals).
        `SELECT i."id", i."type", i."value", i."party" FROM jsonb_array_elements($1::jsonb) r
           JOIN "Item" i ON i."type" = r->>0 AND i."value" = r->>1 WHERE i."party" IS DISTINCT FROM $2::text`,
        [asJson(values.map((v) => [v.type, v.value])), otherThan ?? null],
      );
      return found.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async namedRecords(probe) {
      const found = await rows<SealedRow>(
        `SELECT ${SEALED_ROW} FROM jsonb_array_elements($1::jsonb) r
           JOIN "Item" i ON i."type" = r->>0 AND i."value" = r->>1 WHERE i."removedAt" IS NULL
         UNION
         SELECT ${SEALED_ROW} FROM jsonb_array_elements_text($2::jsonb) k
           JOIN "Item" i ON i."relKey" = k WHERE i."type" = 'url' AND i."removedAt" IS NULL
         UNION
         SELECT ${SEALED_ROW} FROM "Item" i
           WHERE i."id" = ANY(ARRAY(SELECT (jsonb_array_elements_text($3::jsonb))::int4)) AND i."removedAt" IS NULL
         UNION
         SELECT ${SEALED_ROW} FROM jsonb_array_elements_text($4::jsonb) k
           JOIN "Item" i ON i."relKey" = k WHERE i."type" = 'email' AND i."removedAt" IS NULL`,
        [asJson(probe.values.map((v) => [v.type, v.value])), asJson(probe.urlHosts), asJson(probe.itemIds.filter((id) => id <= 2_147_483_647)), asJson(probe.emailDomains)],
      );
      return found.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async heldByOthers(party, idRuns) {
      if (idRuns.length === 0) return 0;
      const [row] = await rows<{ n: number }>(HELD_BY_OTHERS.postgres, [asJson(idRuns), party]);
      return row.n;
    },
    async rangePrefixes() {
      return (await rows<{ type: "ipv4-cidr" | "ipv6-cidr"; prefix: number }>(RANGE_PREFIXES.postgres)).map((r) => ({ type: r.type, prefix: Number(r.prefix) }));
    },
    async rangeRows(limit) {
      return (await rows<SealedRow>(RANGE_ROWS.postgres, [limit])).map((r) => ({ ...r, id: Number(r.id) }));
    },
    async underKeys(ranges, limit, otherThan) {
      // One range search of the relation-key index per range (LATERAL), each cut at `limit`.
      // Without a party to leave out the statement has no condition on the party at all: with
      // `party IS DISTINCT FROM $3` PostgreSQL's plan for any party (its generic plan) was costed
      // at twice the plan for none, though the two are the same index search, so it planned the
      // statement anew at every run. The limit, a constant of the code, is written into the text.
      if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`a range search's limit must be a positive whole number, not ${limit}`);
      const found = await rows<SealedRow>(
        `SELECT ${SEALED_ROW}, i."relKey" AS "key" FROM jsonb_array_elements($1::jsonb) r
           CROSS JOIN LATERAL (SELECT * FROM "Item" x WHERE x."relKey" >= r->>0 AND x."relKey" <= r->>1 AND x."removedAt" IS NULL
             ${otherThan == null ? "" : `AND x."party" <> $2::text `}ORDER BY x."relKey" LIMIT ${limit}) i`,
        otherThan == null ? [asJson(ranges.map((r) => [r.from, r.to]))] : [asJson(ranges.map((r) => [r.from, r.to])), otherThan],
      );
      return found.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async keysOf(indicators) {
      const found = await rows<SealedRow>(
        `SELECT ${SEALED_ROW}, i."relKey" AS "key" FROM jsonb_array_elements($1::jsonb) r
           JOIN "Item" i ON i."type" = r->>0 AND i."value" = r->>1 WHERE i."relKey" IS NOT NULL AND i."removedAt" IS NULL`,
        [asJson(indicators.map((i) => [i.type, i.value]))],
      );
      return found.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async itemsByValue(type, token) {
      return rows<ItemRow>(`${ITEM_SELECT} WHERE i."type" = $1 AND i."value" = $2 ORDER BY i."id"`, [type, token]);
    },
    async currentHolders(indicators, parties) {
      // One look-up per value through Item(type, value), its current versions only: PostgreSQL spent
      // 1.8 s of a 100,000-indicator import probing each other party's head key.
      const out: (Indicator & { party: string })[] = [];
      for (const part of slices(indicators, PG_BULK_ROWS)) {
        const found = await rows<{ party: string; type: IndicatorType; value: string }>(
          `SELECT i."party", i."type", i."value" FROM jsonb_array_elements($1::jsonb) r
           JOIN "Item" i ON i."type" = r->>0 AND i."value" = r->>1
           WHERE i."head" = ${CURRENT} AND i."party" = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`,
          [asJson(part.map((i) => [i.type, i.value])), asJson(parties)],
        );
        out.push(...found);
      }
      return out;
    },
    async itemNonces(ids) {
      const found = await rows<{ id: number; keyNonce: string | null; removed: boolean }>(
        `SELECT "id", "keyNonce", "removedAt" IS NOT NULL AS "removed" FROM "Item" WHERE "id" = ANY(ARRAY(SELECT (jsonb_array_elements_text($1::jsonb))::int4))`,
        [asJson(ids.map(String))],
      );
      return found.map((r) => ({ id: Number(r.id), keyNonce: r.keyNonce, removed: r.removed }));
    },
    async findHeads(keys) {
      const found = new Map<string, number>();
      for (const part of slices(keys, PG_BULK_ROWS)) {
        // Each key one search of the value index, which holds the party and the head.
        const heads = await rows<{ id: number; party: string; type: string; value: string }>(
          `SELECT i."id", i."party", i."type", i."value" FROM jsonb_array_elements($1::jsonb) r
           JOIN "Item" i ON i."type" = r->>1 AND i."value" = r->>2 AND i."party" = r->>0 AND i."head" = ${CURRENT}`,
          [asJson(part.map(headKeyParts))],
        );
        for (const r of heads) found.set(headKey(r.party, r.type, r.value), Number(r.id));
      }
      return found;
    },
    async insertItems(items) {
      return (await insertJsonRows(items, "")) as number[];
    },
    insertAbsentItems: (items) => insertJsonRows(items, " ON CONFLICT DO NOTHING"),
  };
}
