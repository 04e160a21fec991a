import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DatabaseKind } from "./database.js";
import type { IndicatorType } from "../core/indicators/index.js";
import { relationKeyOf } from "../core/relations/relation-key.js";
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

type MigrationTx = Parameters<Parameters<DbClient["$transaction"]>[0]>[0];

/** Work a migration needs that SQL cannot do, run in its transaction after its statements. */
const CODE_STEPS: Record<string, (tx: MigrationTx, kind: DatabaseKind) => Promise<void>> = {
  "20261205100000_relation_keys": fillRelationKeys,
};

/** Rows read and written at a time by a code step. */
const STEP_ROWS = 5000;

/** Gives every item stored before relation keys existed its key (src/core/relations/relation-key.ts). */
async function fillRelationKeys(tx: MigrationTx, kind: DatabaseKind): Promise<void> {
  const mark = (n: number) => (kind === "postgres" ? `$${n}` : "?");
  for (let after = 0; ; ) {
    const rows = await tx.$queryRawUnsafe<{ id: number | bigint; type: IndicatorType; value: string }[]>(
      `SELECT "id", "type", "value" FROM "Item" WHERE "id" > ${mark(1)} AND "removedAt" IS NULL ORDER BY "id" LIMIT ${STEP_ROWS}`,
      after,
    );
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1].id);
    const keys = JSON.stringify(rows.map((r) => [Number(r.id), relationKeyOf(r.type, r.value)]).filter(([, key]) => key !== null));
    if (kind === "postgres") {
      await tx.$executeRawUnsafe(`UPDATE "Item" i SET "relKey" = r->>1 FROM jsonb_array_elements($1::jsonb) r WHERE i."id" = (r->>0)::int4`, keys);
    } else {
      // UPDATE … FROM joins each row to its key once (a subquery per row read the whole list: 4 s a batch).
      await tx.$executeRawUnsafe(`UPDATE "Item" SET "relKey" = j.value->>1 FROM json_each(?) j WHERE "Item"."id" = j.value->>0`, keys);
    }
  }
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
        await CODE_STEPS[migration.name]?.(tx, kind);
        await tx.$executeRawUnsafe(
          `INSERT INTO "_ciic_migrations" ("name", "checksum", "applied_at") VALUES (${kind === "postgres" ? "$1, $2, $3" : "?, ?, ?"})`,
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        );
        applied.push(migration.name);
      },
      // A migration may read every item (a code step) or build an index over them: a large cell
      // needs more than a minute for either.
      { maxWait: 30_000, timeout: 30 * 60_000 },
    );
  }
  return applied;
}
