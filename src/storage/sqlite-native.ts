import type { Database, Statement } from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { chainEvents, type AuditEntry } from "../core/audit/chain.js";
import { AUDIT_COLUMNS, ITEM_COLUMNS, auditParams, dateParam, headKey, itemParams, type HotQueries } from "./hot-queries.js";

const statementCache = new WeakMap<Database, Map<string, Statement>>();

/**
 * The hot queries on SQLite straight through better-sqlite3, on the very connection Prisma's
 * adapter uses. Prisma's SQLite transactions run on that one connection (its adapter holds a
 * lock for the transaction's whole life), so statements run here inside a Prisma transaction are
 * part of it: they commit and roll back with it. Straight through, a prepared statement costs
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
  return {
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
    async findReceipt(key) {
      return prepared(`SELECT "response" FROM "CommandReceipt" WHERE "key" = ?`).pluck().get(key) as string | undefined;
    },
    async saveReceipt(key, response, at) {
      prepared(`INSERT INTO "CommandReceipt" ("key","at","response") VALUES (?,?,?)`).run(key, dateParam("sqlite", at), response);
    },
  };
}

/**
 * Prisma's SQLite adapter, with a handle on the better-sqlite3 connection it opens. The adapter
 * keeps that connection on its public `client` field (Prisma 6.19); should a later version move
 * it, `connection()` says so and the store falls back to Prisma's raw queries.
 */
export function sqliteAdapterWithConnection(options: ConstructorParameters<typeof PrismaBetterSQLite3>[0]) {
  const factory = new PrismaBetterSQLite3(options);
  let connection: Database | undefined;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client?: Database }).client;
    if (client && typeof client.prepare === "function") connection = client;
    return adapter;
  };
  return { adapter: factory, connection: () => connection };
}
