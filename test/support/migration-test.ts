import { afterAll } from "vitest";
import { openStore } from "../../src/storage/database.js";
import { freshDatabaseUrl, type DatabaseKind } from "./databases.js";
import { rawSql } from "./raw-sql.js";

export type RawSql = Awaited<ReturnType<typeof rawSql>>;

/**
 * Databases as the code before a migration left them, for tests of that migration: each is made
 * fresh and migrated, then `undo` takes the migration's schema change back and the migration is
 * marked not applied, so that the bot's own migrator runs it at the next start, as at a
 * deployment. The caller writes its rows through the connection handed back and ends it. The
 * databases are dropped after the file's tests.
 */
export function databasesBefore(migration: string) {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  return async (kind: DatabaseKind, undo?: (db: RawSql) => Promise<void>): Promise<{ url: string; db: RawSql }> => {
    const { url, drop } = await freshDatabaseUrl(kind);
    drops.push(drop);
    await (await openStore(url)).close();
    const db = await rawSql(kind, url);
    await undo?.(db);
    await db.run(`DELETE FROM "_ciic_migrations" WHERE "name" = ?`, migration);
    return { url, db };
  };
}
