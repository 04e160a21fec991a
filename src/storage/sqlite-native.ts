import BetterSqlite3, { type Database, type Statement } from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { StoredAuditEntry } from "../core/audit/chain.js";
import type { IndicatorType } from "../core/indicators/index.js";
import type { NativeAll } from "./native-reads.js";
import {
  AUDIT_COLUMNS,
  ITEM_COLUMNS,
  ITEM_SELECT,
  auditParams,
  dateParam,
  CURRENT,
  HELD_BY_OTHERS,
  headKeyParts,
  itemParams,
  namedParams,
  RANGE_PREFIXES,
  RANGE_ROWS,
  SQLITE_KEYS_OF,
  SQLITE_NAMED,
  SQLITE_UNDER_KEYS,
  SQLITE_VALUE_RECORDS,
  type ValueRow,
  type ItemRow,
  type RawHotQueries,
  type SealedRow,
} from "./hot-queries.js";

const statementCache = new WeakMap<Database, Map<string, Statement>>();

/** The time limit a connection's running transaction was given (nativeSqliteTransactions), and when its time ends. */
const timeOf = new WeakMap<Database, { limitMs: number; endsAt: number }>();

/**
 * The connection's statements, each prepared once. Once its transaction has overrun its time, no
 * statement of it runs: the caller was told at the time that nothing was changed, and long work
 * (a report in chat, an import) then ends at its next statement, where it would otherwise have run
 * on to its end, keeping every other command of the cell from writing.
 */
function statementsOf(db: Database) {
  const statements = statementCache.get(db) ?? statementCache.set(db, new Map()).get(db)!;
  // The adapter turns safe integers on for the whole connection; ids here fit a double.
  return (sql: string) => {
    const time = timeOf.get(db);
    if (time !== undefined && Date.now() > time.endsAt) throw new Error(overran(time.limitMs));
    return statements.get(sql) ?? statements.set(sql, db.prepare(sql).safeIntegers(false)).get(sql)!;
  };
}

const overran = (limitMs: number) => `the transaction took longer than ${limitMs} ms and was rolled back`;

/**
 * The hot queries on SQLite straight through better-sqlite3, on the very connection Prisma's
 * adapter uses. Every query on SQLite — Prisma's and these — runs on that one connection, and so
 * does the store's transaction (see nativeSqliteTransactions below), so statements run here
 * commit and roll back with it. Straight through, a prepared statement costs
 * microseconds; through Prisma each statement is compiled and prepared anew and every value
 * converted twice — about half a millisecond a query, which kept imports at a tenth of the
 * database's speed and a look-up command at six milliseconds.
 */
export function nativeSqliteHotQueries(db: Database): RawHotQueries {
  const prepared = statementsOf(db);
  const head = () => prepared(`SELECT "id" FROM "Item" WHERE "type" = ? AND "value" = ? AND "party" = ? AND "head" = ${CURRENT}`);
  const insertText = `INSERT INTO "Item" (${ITEM_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (${ITEM_COLUMNS.map(() => "?").join(",")})`;
  const item = () => prepared(insertText);
  const absentItem = () => prepared(`${insertText} ON CONFLICT DO NOTHING`);
  const hot: RawHotQueries = {
    async currentHolders(indicators, parties) {
      // One search of Item(type, value) per value, its current versions only, instead of a head key per
      // party and value: with five other parties that was 8.4 s against 1.7 s for 500,000 values
      // among 1,000,000 items (the related-mix bench). The unary + keeps the party a filter: as
      // an index term it would make one search per party asked.
      const select = prepared(
        `SELECT i."party", i."type", i."value" FROM json_each(?) j CROSS JOIN "Item" i
           ON i."type" = j.value->>0 AND i."value" = j.value->>1
         WHERE i."head" = ${CURRENT} AND +i."party" IN (SELECT value FROM json_each(?))`,
      );
      return select.all(JSON.stringify(indicators.map((i) => [i.type, i.value])), JSON.stringify(parties)) as { type: IndicatorType; value: string; party: string }[];
    },
    async itemNonces(ids) {
      const select = prepared(`SELECT "id", "keyNonce", "removedAt" IS NOT NULL AS "removed" FROM "Item" WHERE "id" IN (SELECT value FROM json_each(?))`);
      return (select.all(JSON.stringify(ids)) as { id: number; keyNonce: string | null; removed: number }[]).map((r) => ({ id: r.id, keyNonce: r.keyNonce, removed: r.removed === 1 }));
    },
    async findHeads(keys) {
      const found = new Map<string, number>();
      const select = head().pluck();
      for (const key of keys) {
        const [party, type, value] = headKeyParts(key);
        const id = select.get(type, value, party) as number | undefined;
        if (id !== undefined) found.set(key, id);
      }
      return found;
    },
    async insertItems(items) {
      const insertItem = item();
      return items.map((i) => Number(insertItem.run(...itemParams("sqlite", i)).lastInsertRowid));
    },
    async insertAbsentItems(items) {
      const insertItem = absentItem();
      return items.map((i) => {
        const done = insertItem.run(...itemParams("sqlite", i));
        return done.changes === 0 ? null : Number(done.lastInsertRowid);
      });
    },
    async heldByOthers(party, idRuns) {
      if (idRuns.length === 0) return 0;
      return prepared(HELD_BY_OTHERS.sqlite).pluck().get(JSON.stringify(idRuns), party) as number;
    },
    async lockAuditHead() {
      // The transaction holds SQLite's write lock already (BEGIN IMMEDIATE).
      return prepared(`SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1`).get() as { seq: number; hash: string };
    },
    async writeAudit(entries) {
      const insert = prepared(`INSERT INTO "AuditEntry" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (${AUDIT_COLUMNS.map(() => "?").join(",")})`);
      for (const entry of entries) insert.run(...auditParams("sqlite", entry));
      const last = entries[entries.length - 1];
      prepared(`UPDATE "AuditHead" SET "seq" = ?, "hash" = ? WHERE "id" = 1`).run(last.seq, last.hash);
    },
    async latestDirectory() {
      return prepared(`SELECT "version", "sha256" FROM "DirectoryVersion" ORDER BY "version" DESC LIMIT 1`).get() as { version: number; sha256: string } | undefined;
    },
    async auditWithAction(action) {
      const rows = prepared(`SELECT ${AUDIT_COLUMNS.map((c) => `"${c}"`).join(",")} FROM "AuditEntry" WHERE "action" = ? ORDER BY "seq"`).all(action) as (Omit<StoredAuditEntry, "at"> & { at: string })[];
      return rows.map((r) => ({ ...r, at: new Date(r.at) }));
    },
    async valueRecords(values, otherThan) {
      return prepared(SQLITE_VALUE_RECORDS).all(JSON.stringify(values.map((v) => [v.type, v.value])), otherThan ?? null) as ValueRow[];
    },
    async namedRecords(probe) {
      return prepared(SQLITE_NAMED).all(...namedParams(probe)) as SealedRow[];
    },
    async underKeys(ranges, limit, otherThan) {
      // One statement for all ranges, each a search of the relation-key index cut at `limit`:
      // a statement per range cost 13 µs each, a fifth of an import's time.
      const select = prepared(SQLITE_UNDER_KEYS);
      return select.all(JSON.stringify(ranges.map((r) => [r.from, r.to])), otherThan ?? null, limit) as SealedRow[];
    },
    async rangePrefixes() {
      return prepared(RANGE_PREFIXES.sqlite).all() as { type: "ipv4-cidr" | "ipv6-cidr"; prefix: number }[];
    },
    async rangeRows(limit) {
      return prepared(RANGE_ROWS.sqlite).all(limit) as SealedRow[];
    },
    async keysOf(indicators) {
      return prepared(SQLITE_KEYS_OF).all(JSON.stringify(indicators.map((i) => [i.type, i.value]))) as SealedRow[];
    },
    async itemsByValue(type, token) {
      return prepared(`${ITEM_SELECT} WHERE i."type" = ? AND i."value" = ? ORDER BY i."id"`).all(type, token) as ItemRow[];
    },
    async findReceipt(key) {
      return prepared(`SELECT "response" FROM "CommandReceipt" WHERE "key" = ?`).pluck().get(key) as string | undefined;
    },
    async saveReceipt(key, response, at) {
      prepared(`INSERT INTO "CommandReceipt" ("key","at","response") VALUES (?,?,?)`).run(key, dateParam("sqlite", at), response);
    },
  };
  return hot;
}

/** The native reads' runner (native-reads.ts) on the connection, its statements prepared once. */
export function nativeSqliteAll(db: Database): NativeAll {
  const prepared = statementsOf(db);
  return async <T>(sql: string, params: readonly unknown[] = []) => prepared(sql).all(...params) as T[];
}

/**
 * Prisma's SQLite adapter, with a handle on the better-sqlite3 connection it opens. The adapter
 * keeps that connection on its public `client` field (Prisma 6.19); should a later version move
 * it, `connection()` says so and the store falls back to Prisma's raw queries and transactions.
 */
export function sqliteAdapterWithConnection(options: ConstructorParameters<typeof PrismaBetterSQLite3>[0]) {
  const factory = new PrismaBetterSQLite3(options);
  let connection: Database | undefined;
  const native = { active: false };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client?: Database }).client;
    if (client && typeof client.prepare === "function") {
      connection = client;
      nestInNativeTransactions(adapter as unknown as NestableAdapter, client, native);
    }
    return adapter;
  };
  return { adapter: factory, connection: () => connection, native };
}

interface RawQuery {
  sql: string;
}
interface NestableAdapter {
  provider: string;
  adapterName: string;
  queryRaw(query: RawQuery): Promise<unknown>;
  executeRaw(query: RawQuery): Promise<number>;
  startTransaction(isolationLevel?: string): Promise<unknown>;
}

/**
 * One transaction at a time on the connection, in this process: the store's native transactions
 * and those Prisma starts for a single operation outside them (an update of several rows, a
 * create with nested rows) queue here, since both run on the one connection.
 */
const gates = new WeakMap<object, { queue: Promise<unknown> }>();
async function enterGate(native: { active: boolean }): Promise<() => void> {
  const gate = gates.get(native) ?? gates.set(native, { queue: Promise.resolve() }).get(native)!;
  const previous = gate.queue;
  let release!: () => void;
  gate.queue = new Promise<void>((resolve) => (release = resolve));
  await previous.catch(() => undefined);
  return release;
}

/**
 * Ends a transaction that a failure left open on the connection, so that the next one can begin.
 * A failed COMMIT usually ends it already: SQLite rolls back by itself on SQLITE_FULL and
 * SQLITE_IOERR. ROLLBACK's own failure must not hide the error that matters, so it is left to
 * the next BEGIN, which calls this again.
 */
function endLeftover(connection: Database) {
  if (!connection.inTransaction) return;
  try {
    connection.exec("ROLLBACK");
  } catch {
    // The connection is still in the transaction; the next BEGIN tries to end it again.
  }
}

/**
 * Prisma runs some single operations (an update of several rows, a create with nested rows) in a
 * transaction of its own. Two things go wrong if the adapter runs those itself:
 * - inside the store's native transaction it would send a BEGIN, which SQLite refuses;
 * - outside one, when its COMMIT fails (SQLITE_FULL: a full disk), Prisma has already marked the
 *   transaction committed, so it never tells the adapter to let go: the adapter's lock stays
 *   taken, every later such operation waits for it forever, and its rollback fails with
 *   "Transaction already closed: A rollback cannot be executed on a committed transaction". That
 *   stopped the outbox for good after a full disk (issue 12).
 * So every such transaction is this wrapper's: inside a native transaction it is a savepoint;
 * outside, a transaction of its own in the queue above. Prisma sends neither COMMIT nor ROLLBACK
 * ("phantom" queries) and ends it through the object, which lets go of the queue whatever the
 * database answers.
 */
function nestInNativeTransactions(adapter: NestableAdapter, connection: Database, native: { active: boolean }) {
  let next = 0;
  const run = {
    queryRaw: (query: RawQuery) => adapter.queryRaw(query),
    executeRaw: (query: RawQuery) => adapter.executeRaw(query),
  };
  adapter.startTransaction = async () => {
    if (native.active) {
      const name = `prisma_nested_${++next}`;
      connection.exec(`SAVEPOINT ${name}`);
      return {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        options: { usePhantomQuery: true },
        ...run,
        commit: async () => connection.exec(`RELEASE SAVEPOINT ${name}`),
        // A failed statement may have ended the whole transaction (SQLITE_FULL): then there is no
        // savepoint left, and the native transaction reports the failure.
        rollback: async () => {
          if (connection.inTransaction) connection.exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
        },
      };
    }
    const release = await enterGate(native);
    try {
      endLeftover(connection);
      connection.exec("BEGIN");
    } catch (error) {
      release();
      throw error;
    }
    native.active = true;
    let ended = false;
    const end = (finish: () => void) => {
      if (ended) return;
      ended = true;
      try {
        finish();
      } finally {
        native.active = false;
        release();
      }
    };
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options: { usePhantomQuery: true },
      ...run,
      commit: async () =>
        end(() => {
          try {
            connection.exec("COMMIT");
          } catch (error) {
            endLeftover(connection);
            throw error;
          }
        }),
      rollback: async () => end(() => endLeftover(connection)),
    };
  };
}

/**
 * Transactions on SQLite, run on the connection itself: BEGIN IMMEDIATE, the work, COMMIT — one
 * at a time, queued in this process. Prisma's interactive transactions cost little on average,
 * but about one in forty took 10–15 ms (measured: a read-only transaction of one query had a p99
 * of 10.9 ms, the same query outside one 2.1 ms), which every command felt. Prisma's queries
 * inside the work run on the same connection, so they are part of the transaction. IMMEDIATE
 * takes the write lock at once: another process's writer (the CLI) makes this one wait up to the
 * connection's busy timeout and then fail as a conflict, which the store retries.
 */
export function nativeSqliteTransactions(connection: Database, native: { active: boolean }) {
  /**
   * `timeoutMs`: what this attempt may take; `limitMs`: the transaction's time limit, which the
   * message of an overrun names (an attempt gets what is left of it, a millisecond less already
   * when the clock turns over between the two readings).
   */
  return async function inTransaction<T>(work: () => Promise<T>, timeoutMs: number, limitMs = timeoutMs): Promise<T> {
    const release = await enterGate(native);
    try {
      endLeftover(connection);
      connection.exec("BEGIN IMMEDIATE");
      native.active = true;
      const started = Date.now();
      timeOf.set(connection, { limitMs, endsAt: started + timeoutMs });
      try {
        const result = await work();
        // As with Prisma's own: work that overran its time is undone rather than committed late.
        if (Date.now() - started > timeoutMs) throw new Error(overran(limitMs));
        connection.exec("COMMIT");
        return result;
      } catch (error) {
        // Also after a failed COMMIT, so that the connection is ready for the next transaction.
        endLeftover(connection);
        throw error;
      } finally {
        timeOf.delete(connection);
        native.active = false;
      }
    } finally {
      release();
    }
  };
}

/**
 * A read-only connection of its own to the connection's file, for reads outside transactions that
 * walk a period's every item (the steering report from the server's `ciic report`). It sees what
 * is committed and never what a transaction on the shared connection has not committed yet, so
 * its statements may skip Prisma, which at a year of 1,000,000 items spent more than half of the
 * report's time compiling its statements and converting their rows.
 */
export function sqliteReader(path: string): Database {
  return new BetterSqlite3(path, { readonly: true, fileMustExist: true });
}
