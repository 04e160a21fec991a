import Database from "better-sqlite3";
import pg from "pg";

/**
 * The test's own look into the bot's database, beside the bot (never through its proxy): what a
 * click's 200 left there, and the final counts. Queries are written once, with `?` placeholders
 * and the tables' quoted names, which both databases read alike.
 */
export interface LookInto {
  kind: "postgres" | "sqlite";
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function lookIntoPostgres(url: string): Promise<LookInto> {
  // A few connections: clicks are looked up the moment their 200 arrives, several at once.
  const client = new pg.Pool({ connectionString: url, max: 4 });
  await client.query("SELECT 1");
  return {
    kind: "postgres",
    async all<T>(sql: string, params: unknown[] = []) {
      let n = 0;
      const { rows } = await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
      return rows as T[];
    },
    close: () => client.end(),
  };
}

/** Read-only, on the bot's file: WAL lets it read while the bot writes. */
export function lookIntoSqlite(path: string): LookInto {
  let db: Database.Database | undefined;
  const open = () => (db ??= new Database(path, { readonly: true, fileMustExist: true }));
  return {
    kind: "sqlite",
    async all<T>(sql: string, params: unknown[] = []) {
      for (let attempt = 1; ; attempt++) {
        try {
          return open().prepare(sql).all(...params) as T[];
        } catch (error) {
          // The bot holds an exclusive moment (a checkpoint's restart, a recovery): read again.
          if (attempt >= 50 || !/SQLITE_BUSY|database is locked/i.test(String(error))) throw error;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    },
    async close() {
      db?.close();
    },
  };
}

/** A count from a query that selects `n`. */
export async function countOf(db: LookInto, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.all<{ n: number | string | bigint }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}
