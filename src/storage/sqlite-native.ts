import type { Database, Statement } from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { ITEM_COLUMNS, headKey, itemParams, type BulkRows } from "./bulk-insert.js";

/**
 * Bulk rows on SQLite straight through better-sqlite3, on the very connection Prisma's adapter
 * uses. Prisma's SQLite transactions run on that one connection (its adapter holds a lock for
 * the transaction's whole life), so statements run here inside a Prisma transaction are part of
 * it: they commit and roll back with it. Straight through, a prepared single-row statement costs
 * microseconds; through Prisma's raw queries each statement is prepared anew and every value
 * converted twice, which kept imports at a tenth of the database's speed.
 */
export function nativeSqliteBulkRows(db: Database): BulkRows {
  const statements = new Map<string, Statement>();
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
