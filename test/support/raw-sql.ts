import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePath } from "../../src/storage/database.js";
import type { DatabaseKind } from "./databases.js";

/**
 * SQL on a test database directly, past the store, as an older version of the bot (or a person
 * at the console) would write it: `?` placeholders, rewritten for PostgreSQL.
 */
export async function rawSql(kind: DatabaseKind, url: string) {
  if (kind === "sqlite") {
    const db = new Database(sqlitePath(url));
    return {
      run: async (sql: string, ...params: unknown[]) => void db.prepare(sql).run(...params),
      all: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
      end: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query = async (sql: string, params: unknown[]) => {
    let n = 0;
    return client.query(sql.replace(/\?/g, () => `$${++n}`), params);
  };
  return {
    run: async (sql: string, ...params: unknown[]) => void (await query(sql, params)),
    all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
    end: () => client.end(),
  };
}
