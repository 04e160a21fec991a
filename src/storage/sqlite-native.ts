import type { Database, Statement } from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { chainEvents, type AuditEntry } from "../core/audit/chain.js";
import type { NamedRecord, StoredItem } from "../core/ports.js";
import { AUDIT_COLUMNS, ITEM_COLUMNS, auditParams, dateParam, headKey, holdersByKey, itemParams, PREFIX_END, type HotQueries } from "./hot-queries.js";

const statementCache = new WeakMap<Database, Map<string, Statement>>();

/**
 * The hot queries on SQLite straight through better-sqlite3, on the very connection Prisma's
 * adapter uses. Every query on SQLite — Prisma's and these — runs on that one connection, and so
 * does the store's transaction (see nativeSqliteTransactions below), so statements run here
 * commit and roll back with it. Straight through, a prepared statement costs
 * microseconds; through Prisma each statement is compiled and prepared anew and every value
 * converted twice — about half a millisecond a query, which kept imports at a tenth of the
 * database's speed and a look-up command at six milliseconds.
 */
export function nativeSqliteHotQueries(db: Database): HotQueries {
  const statements = statementCache.get(db) ?? statementCache.set(db, new Map()).get(db)!;
  // The adapter turns safe integers on for the whole connection; ids here fit a double.
  const prepared = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql).safeIntegers(false)).get(sql)!;
  const head = () => prepared(`SELECT "itemId" FROM "ItemHead" WHERE "key" = ?`);
  const item = () => prepared(`INSERT INTO "Item" (${ITEM_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (${ITEM_COLUMNS.map(() => "?").join(",")})`);
  const newHead = () => prepared(`INSERT INTO "ItemHead" ("key","itemId") VALUES (?,?)`);
  const hot: HotQueries = {
    currentHolders: (indicators, parties) => holdersByKey(hot.findHeads, indicators, parties),
    async findHeads(keys) {
      const found = new Map<string, number>();
      const select = head().pluck();
      for (const key of keys) {
        const id = select.get(key) as number | undefined;
        if (id !== undefined) found.set(key, id);
      }
      return found;
    },
    async insertItems(items) {
      const insertItem = item();
      const insertHead = newHead();
      return items.map((i) => {
        const id = Number(insertItem.run(...itemParams("sqlite", i)).lastInsertRowid);
        insertHead.run(headKey(i.party, i.type, i.value), id);
        return id;
      });
    },
    async appendAudit(events, at) {
      const bumped = prepared(`UPDATE "AuditHead" SET "seq" = "seq" + ? WHERE "id" = 1 RETURNING "seq", "hash"`).get(events.length) as { seq: number; hash: string };
      const entries = chainEvents({ seq: bumped.seq - events.length, hash: bumped.hash }, events, at);
      const insert = prepared(`INSERT INTO "AuditEntry" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (${AUDIT_COLUMNS.map(() => "?").join(",")})`);
      for (const entry of entries) insert.run(...auditParams("sqlite", entry));
      prepared(`UPDATE "AuditHead" SET "hash" = ? WHERE "id" = 1`).run(entries[entries.length - 1].hash);
      return entries;
    },
    async latestDirectory() {
      return prepared(`SELECT "version", "sha256" FROM "DirectoryVersion" ORDER BY "version" DESC LIMIT 1`).get() as { version: number; sha256: string } | undefined;
    },
    async auditWithAction(action) {
      const rows = prepared(`SELECT ${AUDIT_COLUMNS.map((c) => `"${c}"`).join(",")} FROM "AuditEntry" WHERE "action" = ? ORDER BY "seq"`).all(action) as (Omit<AuditEntry, "at"> & { at: string })[];
      return rows.map((r) => ({ ...r, at: new Date(r.at) }));
    },
    async namedRecords(probe) {
      // One statement, the probe's lists as JSON; CROSS JOIN keeps each list the outer loop, so
      // every candidate is one search of an index, however many items the cell holds.
      const select = prepared(
        `SELECT i."id", i."type", i."value", i."party" FROM json_each(?) j CROSS JOIN "Item" i
           ON i."type" = j.value->>0 AND i."value" = j.value->>1 WHERE i."removedAt" IS NULL
         UNION
         SELECT i."id", i."type", i."value", i."party" FROM json_each(?) j CROSS JOIN "Item" i
           ON i."type" = 'url' AND i."value" >= j.value AND i."value" < j.value || ? WHERE i."removedAt" IS NULL
         UNION
         SELECT i."id", i."type", i."value", i."party" FROM json_each(?) j CROSS JOIN "Item" i
           ON i."id" = j.value WHERE i."removedAt" IS NULL`,
      );
      return select.all(
        JSON.stringify(probe.values.map((v) => [v.type, v.value])),
        JSON.stringify(probe.urlPrefixes),
        PREFIX_END,
        JSON.stringify(probe.itemIds),
      ) as NamedRecord[];
    },
    async itemsByValue(type, value) {
      const rows = prepared(
        `SELECT i."id", i."type", i."value", i."party", i."memberId", i."memberName", i."submittedAt", i."legalBasis", i."reliability", i."tlp", i."sourceRef", i."note", i."via", i."supersedesId", i."removedAt",
                (SELECT c."id" FROM "Item" c WHERE c."supersedesId" = i."id") AS "correctedById"
         FROM "Item" i WHERE i."type" = ? AND i."value" = ? ORDER BY i."id"`,
      ).all(type, value) as (Omit<StoredItem, "submittedAt" | "removedAt"> & { submittedAt: string | number; removedAt: string | number | null })[];
      return rows.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt), removedAt: r.removedAt === null ? null : new Date(r.removedAt) }));
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
 * Prisma wraps some single operations (a create with nested rows, for one) in a transaction of
 * its own, which would be a BEGIN inside the store's native transaction — SQLite refuses that.
 * While a native transaction runs, such a transaction becomes a savepoint in it instead; Prisma
 * is told to send no COMMIT of its own ("phantom" queries), and commits or rolls back through
 * the object, which releases or rolls back to the savepoint.
 */
function nestInNativeTransactions(adapter: NestableAdapter, connection: Database, native: { active: boolean }) {
  const start = adapter.startTransaction.bind(adapter);
  let next = 0;
  adapter.startTransaction = async (isolationLevel?: string) => {
    if (!native.active) return start(isolationLevel);
    const name = `prisma_nested_${++next}`;
    connection.exec(`SAVEPOINT ${name}`);
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options: { usePhantomQuery: true },
      queryRaw: (query: RawQuery) => adapter.queryRaw(query),
      executeRaw: (query: RawQuery) => adapter.executeRaw(query),
      commit: async () => connection.exec(`RELEASE SAVEPOINT ${name}`),
      rollback: async () => connection.exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`),
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
  let queue: Promise<unknown> = Promise.resolve();
  return async function inTransaction<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
    const previous = queue;
    let release!: () => void;
    queue = new Promise<void>((resolve) => (release = resolve));
    await previous.catch(() => undefined);
    try {
      connection.exec("BEGIN IMMEDIATE");
      native.active = true;
      const started = Date.now();
      try {
        const result = await work();
        // As with Prisma's own: work that overran its time is undone rather than committed late.
        if (Date.now() - started > timeoutMs) throw new Error(`the transaction took longer than ${timeoutMs} ms and was rolled back`);
        connection.exec("COMMIT");
        return result;
      } catch (error) {
        if (connection.inTransaction) connection.exec("ROLLBACK");
        throw error;
      } finally {
        native.active = false;
      }
    } finally {
      release();
    }
  };
}
