import type { NewItem } from "../core/ports.js";
import type { DatabaseKind } from "./database.js";
import type { Prisma } from "./generated/sqlite/client.js";

/**
 * The two hot paths of a bulk import — "which of these are already current?" and "store these
 * items and make them current" — in plain SQL. Prisma builds each row through its query
 * compiler, which made bulk imports about 25 times slower than the database itself; the rows
 * written here are exactly those Prisma writes (same columns, same date format), and reading
 * them back goes through Prisma as always.
 */
export interface BulkRows {
  /** The current-version heads among the given keys ("party|type|value"), as key → item id. */
  findHeads(keys: readonly string[]): Promise<Map<string, number>>;
  /** Inserts items and their heads; returns each item's new id, in the order given. */
  insertItems(items: readonly NewItem[]): Promise<number[]>;
}

export const ITEM_COLUMNS = ["type", "value", "party", "memberId", "memberName", "submittedAt", "legalBasis", "reliability", "tlp", "sourceRef", "note", "via", "supersedesId"] as const;

export const headKey = (party: string, type: string, value: string) => `${party}|${type}|${value}`;

/** How each database stores a DateTime: SQLite as Prisma's ISO text, PostgreSQL as timestamp(3). */
export const dateParam = (kind: DatabaseKind, date: Date) => (kind === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString());

export const itemParams = (kind: DatabaseKind, i: NewItem) => [i.type, i.value, i.party, i.memberId, i.memberName, dateParam(kind, i.submittedAt), i.legalBasis, i.reliability, i.tlp, i.sourceRef, i.note, i.via, i.supersedesId];

/** Rows per statement: 13 parameters × 1,000 stays far below both databases' limits. */
const BULK_ROWS = 1000;
/** Keys per look-up statement. */
const LOOKUP_KEYS = 500;

function placeholders(kind: DatabaseKind, rows: number, columns: number): string {
  let n = 0;
  const row = () => `(${Array.from({ length: columns }, () => (kind === "postgres" ? `$${++n}` : "?")).join(",")})`;
  return Array.from({ length: rows }, row).join(",");
}

function* slices<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** Multi-row statements through Prisma's raw queries: any database Prisma reaches. */
export function prismaBulkRows(db: Prisma.TransactionClient, kind: DatabaseKind): BulkRows {
  return {
    async findHeads(keys) {
      const found = new Map<string, number>();
      for (const part of slices(keys, LOOKUP_KEYS)) {
        const marks = kind === "postgres" ? part.map((_, n) => `$${n + 1}`).join(",") : part.map(() => "?").join(",");
        const rows = await db.$queryRawUnsafe<{ key: string; itemId: number | bigint }[]>(`SELECT "key", "itemId" FROM "ItemHead" WHERE "key" IN (${marks})`, ...part);
        for (const r of rows) found.set(r.key, Number(r.itemId));
      }
      return found;
    },
    async insertItems(items) {
      const ids: number[] = [];
      for (const part of slices(items, BULK_ROWS)) {
        const sql = `INSERT INTO "Item" (${ITEM_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${placeholders(kind, part.length, ITEM_COLUMNS.length)} RETURNING "id", "party", "type", "value"`;
        const rows = await db.$queryRawUnsafe<{ id: number | bigint; party: string; type: string; value: string }[]>(sql, ...part.flatMap((i) => itemParams(kind, i)));
        // RETURNING promises no order; a batch never holds one party's indicator twice, so the
        // key finds each row's id.
        const byKey = new Map(rows.map((r) => [headKey(r.party, r.type, r.value), Number(r.id)]));
        const partIds = part.map((i) => byKey.get(headKey(i.party, i.type, i.value))!);
        await db.$executeRawUnsafe(`INSERT INTO "ItemHead" ("key","itemId") VALUES ${placeholders(kind, part.length, 2)}`, ...part.flatMap((i, n) => [headKey(i.party, i.type, i.value), partIds[n]]));
        ids.push(...partIds);
      }
      return ids;
    },
  };
}
