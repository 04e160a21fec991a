import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { StoredAuditEntry } from "../core/audit/chain.js";
import { WITHDRAWAL_NOTICED } from "../core/covenant-life/withdrawal.js";
import { AUDIT_COLUMNS, auditParams, dateParam, postgresRawQueries, type RawHotQueries, type Receipt } from "./hot-queries.js";
import type { NativeAll } from "./native-reads.js";
import { nativePostgresTransactions } from "./postgres-transactions.js";

/**
 * Prisma's PostgreSQL adapter over a pool of the store's own, and the store's transactions on that
 * pool's connections (postgres-transactions.ts): the hot queries inside a transaction
 * (hot-queries.ts) go straight to its connection, so they commit and roll back with it. Through
 * Prisma every query is compiled and run through its client, about a third of a millisecond of
 * the process's time each even for a raw query; a command ran a dozen of them, which made the
 * bot's processes, not the database, the limit of a burst on PostgreSQL.
 *
 * Work that uses Prisma's client inside a transaction gets a Prisma transaction on the same
 * connection: `asPhantom` runs its start so that the adapter's `startTransaction` answers with
 * that connection as it stands (phantomOn), found through an AsyncLocalStorage, since Prisma calls
 * it from its own code.
 */
export function postgresAdapterWithConnections(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  // Prisma ends the pool when it disconnects.
  const factory = new PrismaPg(pool, { disposeExternalPool: true });
  // The native transaction whose Prisma transaction is being started (asPhantom).
  const phantoms = new AsyncLocalStorage<TransactionSlot>();
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const native = phantoms.getStore();
      return native ? phantomOn(adapter, native) : start(isolationLevel);
    };
    return adapter;
  };
  return {
    adapter: factory,
    /** Transactions on a pooled connection itself (postgres-transactions.ts). */
    transaction: nativePostgresTransactions(pool),
    /** Runs `start` (which starts one Prisma transaction) so that it takes the connection of the native transaction `slot`. */
    asPhantom<R>(slot: TransactionSlot, start: () => R): R {
      return phantoms.run(slot, start);
    },
  };
}

export interface TransactionSlot {
  /** The transaction's connection. */
  connection: pg.PoolClient;
  /** The transaction has ended (committed, rolled back, or its time ran out): its statements are refused. */
  ended?: boolean;
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
/** In the words Prisma uses for a query on a transaction it has ended (see unavailable.ts). */
const ENDED = "Transaction already closed: the transaction ended (its time ran out) before this query";

/**
 * A Prisma transaction on a native transaction's connection, as it stands: Prisma sends neither
 * BEGIN nor COMMIT ("phantom" queries) and ends it through the object, which leaves the ending to
 * the native transaction. Its statements are refused once that one has ended.
 */
function phantomOn(adapter: PgAdapter, slot: TransactionSlot): Awaited<ReturnType<PgAdapter["startTransaction"]>> {
  // The adapter's query code, on this connection instead of the pool.
  const on = Object.create(adapter, { client: { value: slot.connection } }) as PgAdapter;
  const open = () => {
    if (slot.ended) throw new Error(ENDED);
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    options: { usePhantomQuery: true },
    queryRaw: async (query) => (open(), on.queryRaw(query)),
    executeRaw: async (query) => (open(), on.executeRaw(query)),
    commit: async () => undefined,
    rollback: async () => undefined,
  };
}

/** `timestamp(3)` as Prisma reads it: the text is UTC; pg's own parsers for every other type. */
const TIMESTAMP_OID = 1114;
const utc = (text: string) => new Date(`${text.replace(" ", "T")}+00:00`);
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") => (oid === TIMESTAMP_OID ? utc : pg.types.getTypeParser(oid, format ?? "text")),
} as pg.CustomTypesConfig;

/**
 * The hot queries on one PostgreSQL connection inside a transaction, in plain SQL through pg.
 * Rows are written and read exactly as Prisma writes and reads them (same columns, dates as UTC).
 */
/**
 * The name a statement of fixed text is prepared under, once per connection: PostgreSQL then
 * parses and plans it once, which took its share of a command's time from 2.2 to 1.5 ms (measured
 * in the process, 1,000 commands of the burst's mix). Statements with a list of values (`IN (…)`,
 * a row of placeholders per entry) change text with the list's length and are not named.
 */
const names = new Map<string, string>();
function statementName(text: string): string | undefined {
  if (/\bIN \(|\$\d+\),\s*\(\$/.test(text)) return undefined;
  let name = names.get(text);
  if (name === undefined) {
    name = `ciic_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/** One statement on the transaction's connection, unless the transaction has ended. */
function runner(slot: TransactionSlot, connection: pg.PoolClient) {
  return async <T>(text: string, values: readonly unknown[] = []): Promise<T[]> => {
    if (slot.ended) throw new Error(ENDED);
    return (await connection.query({ name: statementName(text), text, values: values as unknown[], types })).rows as T[];
  };
}

/** Statements written with `?` placeholders, numbered for PostgreSQL ($1, $2, …) once each. */
const numbered = new Map<string, string>();
const numberedText = (sql: string) => {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size < 1000) numbered.set(sql, text);
  }
  return text;
};

/** The native reads' runner (native-reads.ts) on the transaction's connection. */
export function nativePostgresAll(slot: TransactionSlot, connection: pg.PoolClient): NativeAll {
  const rows = runner(slot, connection);
  return (sql, params = []) => rows(numberedText(sql), params);
}

/** A constant of the code as an SQL string literal (never a value from outside: those are parameters). */
const sqlText = (constant: string) => {
  if (!/^[\w.:-]+$/.test(constant)) throw new Error(`not a plain constant: ${constant}`);
  return `'${constant}'`;
};
const entryColumns = (alias: string) => AUDIT_COLUMNS.map((c) => `${alias}."${c}"`).join(", ");
/** An audit column's type, for a parameter in a place where PostgreSQL cannot tell it. */
const auditType = (c: (typeof AUDIT_COLUMNS)[number]) => (c === "seq" ? "int" : c === "at" ? "timestamp(3)" : "text");
/**
 * A command's receipt (if any), the latest directory version and the audit chain's head (not
 * locked: see writeAuditOnHead), in the first row; then the withdrawal notices, by sequence:
 * every command reads them (Art 14), and there are at most one per party.
 *
 * The notices' action is written into the text, not passed as a parameter. PostgreSQL plans a
 * prepared statement anew at every run for as long as a plan for any value (its generic plan)
 * costs much more than one for the value given: for an unknown action that plan reads the audit
 * log through (150 ms on a log of 580,000 entries), so every command's first statement was
 * planned again, some 0.2 ms of the server's time. With the action known the generic plan takes
 * the action's index, and after five runs the server keeps it.
 */
const WITHDRAWAL_ACTION = sqlText(WITHDRAWAL_NOTICED);
const RECEIPT_AND_MORE = `SELECT true AS "receipt", r."response", d."version", d."sha256", h."seq" AS "headSeq", h."hash" AS "headHash", ${AUDIT_COLUMNS.map((c) => `NULL::${auditType(c)} AS "${c}"`).join(", ")}
   FROM (SELECT 1) one
   LEFT JOIN "CommandReceipt" r ON r."key" = $1
   LEFT JOIN LATERAL (SELECT "version", "sha256" FROM "DirectoryVersion" ORDER BY "version" DESC LIMIT 1) d ON true
   LEFT JOIN "AuditHead" h ON h."id" = 1
 UNION ALL
 SELECT false, NULL, NULL, NULL, NULL, NULL, ${entryColumns("e")} FROM "AuditEntry" e WHERE e."action" = ${WITHDRAWAL_ACTION}
 ORDER BY "receipt" DESC, "seq"`;

/**
 * writeAuditOnHead's statement for `count` entries, with a receipt or not. The head's row is
 * locked first (`held`: under READ COMMITTED the lock waits for an instance that holds it and
 * then sees the row as that one committed it); it is moved, and the entries and the receipt
 * written, only if it is what the caller chained from. Parameters: the expected head (seq,
 * hash), the new head (seq, hash), each entry's columns, the receipt's key, time and response.
 */
const onHeadStatements = new Map<string, string>();
function onHeadStatement(count: number, withReceipt: boolean): string {
  const shape = `${count}:${withReceipt}`;
  let text = onHeadStatements.get(shape);
  if (text !== undefined) return text;
  let n = 4;
  const rows = Array.from({ length: count }, () => `(${AUDIT_COLUMNS.map((c) => `$${++n}::${auditType(c)}`).join(",")})`).join(",");
  const receipt = withReceipt ? `, saved AS (INSERT INTO "CommandReceipt" ("key","at","response") SELECT $${++n}::text, $${++n}::timestamp(3), $${++n}::text FROM moved RETURNING 1)` : "";
  text = `WITH held AS (SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1 FOR UPDATE),
    moved AS (UPDATE "AuditHead" SET "seq" = $3, "hash" = $4 WHERE "id" = 1 AND EXISTS (SELECT 1 FROM held WHERE held."seq" = $1 AND held."hash" = $2) RETURNING 1),
    inserted AS (INSERT INTO "AuditEntry" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(",")}) SELECT v.* FROM (VALUES ${rows}) v, moved RETURNING 1)${receipt}
    SELECT held."seq", held."hash", EXISTS (SELECT 1 FROM moved) AS "moved" FROM held`;
  onHeadStatements.set(shape, text);
  return text;
}

export function nativePostgresHotQueries(slot: TransactionSlot, connection: pg.PoolClient): RawHotQueries {
  const rows = runner(slot, connection);
  const raw = postgresRawQueries(rows);
  /** The entries, the head they end at, and the receipt, in one statement. */
  async function writeAuditAndReceipt(entries: readonly StoredAuditEntry[], receipt?: Receipt) {
    const receiptRow = receipt ? [receipt.key, dateParam("postgres", receipt.at), receipt.response] : [];
    if (entries.length === 0) {
      if (receipt) await rows(`INSERT INTO "CommandReceipt" ("key","at","response") VALUES ($1,$2,$3)`, receiptRow);
      return;
    }
    let n = 0;
    const values = entries.map(() => `(${AUDIT_COLUMNS.map(() => `$${++n}`).join(",")})`).join(",");
    const last = entries[entries.length - 1];
    const head = [`$${++n}`, `$${++n}`];
    const saved = receipt ? `, saved AS (INSERT INTO "CommandReceipt" ("key","at","response") VALUES ($${++n},$${++n},$${++n}) RETURNING 1)` : "";
    await rows(
      `WITH inserted AS (INSERT INTO "AuditEntry" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${values} RETURNING 1)${saved}
       UPDATE "AuditHead" SET "seq" = ${head[0]}, "hash" = ${head[1]} WHERE "id" = 1`,
      [...entries.flatMap((e) => auditParams("postgres", e)), last.seq, last.hash, ...receiptRow],
    );
  }
  /**
   * The latest directory version, read in the statement that looks for a command's receipt: the
   * command service asks for the directory right after (command-service.ts), and a round trip
   * is saved on every command. Taken once; a later ask reads anew.
   */
  let readWithReceipt: { version: number; sha256: string } | undefined | null = null;
  /**
   * The withdrawal notices, read in the same statement. Taken once, and let go when this
   * transaction writes entries of its own (it reads the log after writing them).
   */
  let noticesWithReceipt: StoredAuditEntry[] | undefined;
  /** The chain's head, read in the same statement: taken once, and let go once this transaction writes entries. */
  let headWithReceipt: { seq: number; hash: string } | undefined;
  return {
    ...raw,
    forgetReadAhead() {
      readWithReceipt = null;
      noticesWithReceipt = undefined;
      headWithReceipt = undefined;
    },
    headReadAhead() {
      const read = headWithReceipt;
      headWithReceipt = undefined;
      return read;
    },
    async writeAuditOnHead(expected, entries, receipt) {
      headWithReceipt = undefined;
      noticesWithReceipt = undefined;
      const last = entries[entries.length - 1];
      const receiptRow = receipt ? [receipt.key, dateParam("postgres", receipt.at), receipt.response] : [];
      const [held] = await rows<{ seq: number; hash: string; moved: boolean }>(onHeadStatement(entries.length, receipt !== undefined), [
        expected.seq,
        expected.hash,
        last.seq,
        last.hash,
        ...entries.flatMap((e) => auditParams("postgres", e)),
        ...receiptRow,
      ]);
      return held.moved ? { written: true } : { written: false, head: { seq: held.seq, hash: held.hash } };
    },
    async lockAuditHead() {
      // A row lock without a new row version: the head is written once, when the entries are.
      const [head] = await rows<{ seq: number; hash: string }>(`SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1 FOR UPDATE`);
      return head;
    },
    writeAudit(entries) {
      noticesWithReceipt = undefined;
      headWithReceipt = undefined;
      return writeAuditAndReceipt(entries);
    },
    writeAuditAndReceipt(entries, receipt) {
      noticesWithReceipt = undefined;
      headWithReceipt = undefined;
      return writeAuditAndReceipt(entries, receipt);
    },
    async latestDirectory() {
      if (readWithReceipt !== null) {
        const read = readWithReceipt;
        readWithReceipt = null;
        return read;
      }
      const [latest] = await rows<{ version: number; sha256: string }>(`SELECT "version", "sha256" FROM "DirectoryVersion" ORDER BY "version" DESC LIMIT 1`);
      return latest;
    },
    async auditWithAction(action) {
      const read = action === WITHDRAWAL_NOTICED ? noticesWithReceipt : undefined;
      if (read) {
        noticesWithReceipt = undefined;
        return read;
      }
      return rows<StoredAuditEntry>(`SELECT ${AUDIT_COLUMNS.map((c) => `"${c}"`).join(",")} FROM "AuditEntry" WHERE "action" = $1 ORDER BY "seq"`, [action]);
    },
    async findReceipt(key) {
      type Row = { receipt: boolean; response: string | null; version: number | null; sha256: string | null; headSeq: number | null; headHash: string | null } & StoredAuditEntry;
      const [first, ...notices] = await rows<Row>(RECEIPT_AND_MORE, [key]);
      readWithReceipt = first.version === null ? undefined : { version: first.version, sha256: first.sha256! };
      headWithReceipt = first.headSeq === null ? undefined : { seq: first.headSeq, hash: first.headHash! };
      noticesWithReceipt = notices.map(({ receipt: _r, response: _p, version: _v, sha256: _s, headSeq: _hs, headHash: _hh, ...entry }) => entry);
      return first.response ?? undefined;
    },
    async saveReceipt(key, response, at) {
      await rows(`INSERT INTO "CommandReceipt" ("key","at","response") VALUES ($1,$2,$3)`, [key, dateParam("postgres", at), response]);
    },
  };
}
