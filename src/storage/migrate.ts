import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DatabaseKind } from "./database.js";
import type { DbClient } from "./prisma-store.js";

/**
 * Applies the SQL migrations that Prisma Migrate wrote (prisma/<kind>/migrations) at start-up,
 * so that a new database is ready without running the Prisma CLI. The CLI cannot run offline
 * with its native engine, and its JavaScript engine needs a work-around on PostgreSQL; the SQL
 * it generated is plain and is applied here in order, each migration in one transaction, and
 * recorded in `_ciic_migrations` with its checksum.
 */
const MIGRATIONS_ROOT = fileURLToPath(new URL("../../prisma/", import.meta.url));

/** An arbitrary constant: the PostgreSQL advisory lock that lets one instance migrate at a time. */
const MIGRATION_LOCK = 7_270_736_901;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsFor(kind: DatabaseKind): Migration[] {
  const dir = `${MIGRATIONS_ROOT}${kind}/migrations/`;
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(`${dir}${name}/migration.sql`, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Prisma's generated SQL has one statement per `;` at a line's end and no procedural bodies. */
const statements = (sql: string) =>
  sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);

export async function applyMigrations(client: DbClient, kind: DatabaseKind): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrationsFor(kind)) {
    await client.$transaction(
      async (tx) => {
        if (kind === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
        await tx.$executeRawUnsafe(
          `CREATE TABLE IF NOT EXISTS "_ciic_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)`,
        );
        const done = await tx.$queryRawUnsafe<{ checksum: string }[]>(
          `SELECT "checksum" FROM "_ciic_migrations" WHERE "name" = $1`.replace("$1", kind === "postgres" ? "$1" : "?"),
          migration.name,
        );
        if (done.length > 0) {
          if (done[0].checksum !== migration.checksum) {
            throw new Error(`migration ${migration.name} was changed after it was applied; restore it and add a new migration instead`);
          }
          return;
        }
        for (const statement of statements(migration.sql)) await tx.$executeRawUnsafe(statement);
        await tx.$executeRawUnsafe(
          `INSERT INTO "_ciic_migrations" ("name", "checksum", "applied_at") VALUES (${kind === "postgres" ? "$1, $2, $3" : "?, ?, ?"})`,
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        );
        applied.push(migration.name);
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
  }
  return applied;
}
