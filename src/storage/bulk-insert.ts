import type { NewItem } from "../core/ports.js";
import type { DatabaseKind } from "./database.js";
import type { Prisma } from "./generated/sqlite/client.js";

/**
 * Multi-row INSERTs of items and their heads in plain SQL. Prisma's own createMany builds each
 * row through its query compiler, which made bulk imports about 25 times slower than the
 * database itself; the rows written here are exactly those Prisma writes (same columns, same
 * date format), and reading them back goes through Prisma as always.
 */
const ITEM_COLUMNS = ["type", "value", "party", "memberId", "memberName", "submittedAt", "legalBasis", "reliability", "tlp", "sourceRef", "note", "via", "supersedesId"] as const;

/** Rows per statement: 13 parameters × 1,000 stays far below both databases' limits. */
export const BULK_ROWS = 1000;

/** How each database stores a DateTime: SQLite as Prisma's ISO text, PostgreSQL as timestamp(3). */
const dateParam = (kind: DatabaseKind, date: Date) => (kind === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString());

function placeholders(kind: DatabaseKind, rows: number, columns: number): string {
  let n = 0;
  const row = () => `(${Array.from({ length: columns }, () => (kind === "postgres" ? `$${++n}` : "?")).join(",")})`;
  return Array.from({ length: rows }, row).join(",");
}

/** Inserts items; returns each one's new id, in the order given. */
export async function insertItemRows(tx: Prisma.TransactionClient, kind: DatabaseKind, items: readonly NewItem[]): Promise<number[]> {
  const params = items.flatMap((i) => [i.type, i.value, i.party, i.memberId, i.memberName, dateParam(kind, i.submittedAt), i.legalBasis, i.reliability, i.tlp, i.sourceRef, i.note, i.via, i.supersedesId]);
  const sql = `INSERT INTO "Item" (${ITEM_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${placeholders(kind, items.length, ITEM_COLUMNS.length)} RETURNING "id", "party", "type", "value"`;
  const rows = await tx.$queryRawUnsafe<{ id: number | bigint; party: string; type: string; value: string }[]>(sql, ...params);
  // RETURNING promises no order; a batch never holds one party's indicator twice, so the key
  // finds each row's id.
  const ids = new Map(rows.map((r) => [`${r.party}|${r.type}|${r.value}`, Number(r.id)]));
  return items.map((i) => ids.get(`${i.party}|${i.type}|${i.value}`)!);
}

/** The current-version heads among the given keys ("party|type|value"), as key → item id. */
export async function findHeads(db: Prisma.TransactionClient, kind: DatabaseKind, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const marks = kind === "postgres" ? keys.map((_, n) => `$${n + 1}`).join(",") : keys.map(() => "?").join(",");
  const rows = await db.$queryRawUnsafe<{ key: string; itemId: number | bigint }[]>(`SELECT "key", "itemId" FROM "ItemHead" WHERE "key" IN (${marks})`, ...keys);
  return new Map(rows.map((r) => [r.key, Number(r.itemId)]));
}

export async function insertHeadRows(tx: Prisma.TransactionClient, kind: DatabaseKind, heads: readonly { key: string; itemId: number }[]): Promise<void> {
  const sql = `INSERT INTO "ItemHead" ("key","itemId") VALUES ${placeholders(kind, heads.length, 2)}`;
  await tx.$executeRawUnsafe(sql, ...heads.flatMap((h) => [h.key, h.itemId]));
}
