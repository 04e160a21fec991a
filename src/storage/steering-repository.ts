import type { PartyCode } from "../core/covenant/parties.js";
import type { IndicatorType } from "../core/indicators/index.js";
import type { OverlapCounts, PeriodIndicator, PeriodIndicatorPage, SteeringMeeting, SteeringReads, SteeringWrites, SuppliedCount } from "../core/steering/types.js";
import type { DatabaseKind } from "./database.js";
import { dateParam, marks, type SealedRow } from "./hot-queries.js";
import type { NativeAll } from "./native-reads.js";
import { toAsk, toRequest } from "./disclosure-repository.js";
import type { Prisma } from "./generated/sqlite/client.js";
import type { Db } from "./prisma-store.js";
import { toRound } from "./round-repository.js";
import type { ItemCipher } from "./sealing/item-cipher.js";
import { keyedRows, openRow } from "./sealing/sealed-items.js";
import type { Sealing } from "./sealing/sealing.js";
import { asChecked } from "../core/guard/checked-text.js";

const count = (n: number | bigint) => Number(n);

/** Ids per statement: below SQLite's (32,766) and PostgreSQL's (65,535) bound-parameter limits. */
const ID_CHUNK = 5000;

/**
 * The steering group's figures (Art 9), counted by the database: a quarter of a million-item
 * cell is never read into memory. Plain SQL for the counts over items (Prisma cannot count
 * distinct parties per indicator, and its groupBy took twice as long); the tagged template binds
 * dates the way each database stores them.
 */
export function steeringReads(db: Db, cipher: ItemCipher): SteeringReads {
  return {
    async suppliedCounts(from, to) {
      // One pass over the table. Grouping by expressions keeps SQLite from walking an index and
      // fetching every row from it, which took two to four times as long on a million items.
      const rows = await db.$queryRaw<{ type: string; party: string; original: number | bigint; n: number | bigint }[]>`
        SELECT "type" || '' AS "type", "party" || '' AS "party", CASE WHEN "supersedesId" IS NULL THEN 1 ELSE 0 END AS "original", COUNT(*) AS "n"
        FROM "Item" WHERE "submittedAt" >= ${from} AND "submittedAt" < ${to}
        GROUP BY "type" || '', "party" || '', CASE WHEN "supersedesId" IS NULL THEN 1 ELSE 0 END`;
      const out = new Map<string, SuppliedCount>();
      for (const row of rows) {
        const key = `${row.party}|${row.type}`;
        const entry = out.get(key) ?? { party: row.party as PartyCode, type: row.type as IndicatorType, items: 0, corrections: 0 };
        if (count(row.original) === 1) entry.items += count(row.n);
        else entry.corrections += count(row.n);
        out.set(key, entry);
      }
      return [...out.values()];
    },
    async overlaps(from, to): Promise<OverlapCounts> {
      // "shared": indicators with a record in the period that two or more parties had supplied by
      // its end, found by one grouping on the (type, value) index; then their parties, per pair.
      // The first row (a = b = '') carries the total.
      const rows = await db.$queryRaw<{ a: string; b: string; n: number | bigint }[]>`
        WITH "shared" AS (
          SELECT "type", "value" FROM "Item" WHERE "submittedAt" < ${to}
          GROUP BY "type", "value" HAVING COUNT(DISTINCT "party") >= 2 AND MAX("submittedAt") >= ${from}),
        "held" AS (
          SELECT DISTINCT i."type", i."value", i."party" FROM "Item" i JOIN "shared" s ON s."type" = i."type" AND s."value" = i."value"
          WHERE i."submittedAt" < ${to})
        SELECT '' AS "a", '' AS "b", COUNT(*) AS "n" FROM "shared"
        UNION ALL
        SELECT x."party", y."party", COUNT(*) FROM "held" x JOIN "held" y ON x."type" = y."type" AND x."value" = y."value" AND x."party" < y."party"
        GROUP BY x."party", y."party"`;
      const total = rows.find((r) => r.a === "");
      const pairs = rows.filter((r) => r.a !== "");
      return {
        indicators: count(total?.n ?? 0),
        pairs: pairs
          .map((p) => ({ parties: [p.a as PartyCode, p.b as PartyCode] as [PartyCode, PartyCode], indicators: count(p.n) }))
          .sort((x, y) => (x.parties.join() < y.parties.join() ? -1 : 1)),
      };
    },
    periodIndicators: (from, to, afterId, limit) =>
      periodIndicatorsBy(cipher, (query) => db.$queryRaw(query.strings, ...query.values), (ids) => db.item.findMany({ where: { id: { in: ids } }, select: { id: true, value: true, sealed: true, keyNonce: true } }), { from, to, afterId, limit }),
    async suppliedBefore(itemIds, before) {
      const out: number[] = [];
      for (let at = 0; at < itemIds.length; at += ID_CHUNK) {
        const rows = await db.item.findMany({ where: { id: { in: itemIds.slice(at, at + ID_CHUNK) }, submittedAt: { lt: before }, removedAt: null }, select: { id: true } });
        out.push(...rows.map((r) => r.id));
      }
      return out;
    },
    async recordsUnder(range, before, after, limit) {
      // Key and id order, so that a page ends anywhere, also amid many records of one key (the
      // URLs on one address); the relation-key index serves the range (C collation on PostgreSQL).
      // The keys are blinded (sealing/item-cipher.ts): the range too, and the cursor is the stored key.
      const stored = cipher.storedRange(range);
      const rows = await db.item.findMany({
        where: {
          relKey: { gte: stored.from, lte: stored.to },
          submittedAt: { lt: before },
          removedAt: null,
          ...(after ? { OR: [{ relKey: { gt: after.key } }, { relKey: after.key, id: { gt: after.id } }] } : {}),
        },
        select: { id: true, type: true, value: true, party: true, relKey: true, sealed: true, keyNonce: true },
        orderBy: [{ relKey: "asc" }, { id: "asc" }],
        take: limit,
      });
      return keyedRows(cipher, rows.map((r) => ({ ...r, key: r.relKey })));
    },
    async requestsBetween(from, to) {
      const rows = await db.disclosureRequest.findMany({
        where: { createdAt: { gte: from, lt: to } },
        include: { items: true, asks: { orderBy: { party: "asc" } } },
        orderBy: { id: "asc" },
      });
      return rows.map(({ asks, ...request }) => ({ request: toRequest(request), asks: asks.map(toAsk) }));
    },
    async meetingsBetween(fromDay, toDay) {
      const rows = await db.steeringMeeting.findMany({ where: { date: { gte: fromDay, lt: toDay } }, orderBy: { date: "asc" } });
      return rows.map(toMeeting);
    },
    async roundsBetween(from, to) {
      const within = { gte: from, lt: to };
      return (await db.round.findMany({ where: { OR: [{ createdAt: within }, { closedAt: within }] }, orderBy: { id: "asc" } })).map(toRound);
    },
  };
}

/** A statement as a tagged template gives it: the texts between the values, and the values. */
interface Query {
  strings: TemplateStringsArray;
  values: unknown[];
}
const sql = (strings: TemplateStringsArray, ...values: unknown[]): Query => ({ strings, values });

/**
 * One page of a period's indicators (SteeringReads.periodIndicators), by `run` (Prisma's raw
 * query, or the transaction's own connection) with `sealedOf` reading the rows to open.
 */
async function periodIndicatorsBy(
  cipher: ItemCipher,
  run: (query: Query) => Promise<{ id: number | bigint | null; type: string; value: string; party: string; last: number | bigint | null }[]>,
  sealedOf: (ids: number[]) => Promise<{ id: number; value: string; sealed: string | null; keyNonce: string | null }[]>,
  { from, to, afterId, limit }: { from: Date; to: Date; afterId: number; limit: number },
): Promise<PeriodIndicatorPage> {
  // One statement: the page of the period's records in id order; of those, the indicators
  // whose first record in the period is on it (none earlier, on this page or an earlier one),
  // so that each comes once; and every party that had supplied each by the period's end, by
  // the (type, value) index. Paging by id walks the table once, whatever the period's size.
  // The first row (party '') carries the page's last id.
  // Values are grouped by their tokens (sealing/item-cipher.ts); each indicator's first record
  // on the page is opened for its value.
  const rows = await run(sql`
    WITH "page" AS (
      SELECT "id", "type", "value" FROM "Item"
      WHERE "id" > ${afterId} AND "submittedAt" >= ${from} AND "submittedAt" < ${to} AND "removedAt" IS NULL
      ORDER BY "id" LIMIT ${limit}),
    "first" AS (
      SELECT p."id", p."type", p."value" FROM "page" p
      WHERE NOT EXISTS (
        SELECT 1 FROM "Item" e WHERE e."type" = p."type" AND e."value" = p."value" AND e."id" < p."id"
          AND e."submittedAt" >= ${from} AND e."submittedAt" < ${to} AND e."removedAt" IS NULL))
    SELECT CAST(NULL AS INTEGER) AS "id", '' AS "type", '' AS "value", '' AS "party", MAX("id") AS "last" FROM "page"
    UNION ALL
    SELECT f."id", f."type", f."value", h."party", CAST(NULL AS INTEGER) FROM "first" f
      JOIN "Item" h ON h."type" = f."type" AND h."value" = f."value"
      WHERE h."submittedAt" < ${to} AND h."removedAt" IS NULL
      GROUP BY f."id", f."type", f."value", h."party"`);
  const last = rows.find((r) => r.party === "")?.last;
  const firstIds = [...new Set(rows.filter((r) => r.party !== "").map((r) => Number(r.id)))];
  const values = new Map<number, string>();
  for (let at = 0; at < firstIds.length; at += ID_CHUNK) {
    for (const row of await sealedOf(firstIds.slice(at, at + ID_CHUNK))) values.set(Number(row.id), openRow(cipher, row)?.value ?? row.value);
  }
  const indicators = new Map<string, PeriodIndicator>();
  for (const row of rows) {
    if (row.party === "") continue;
    const key = `${row.type}|${row.value}`;
    const entry = indicators.get(key) ?? indicators.set(key, { type: row.type as IndicatorType, value: values.get(Number(row.id))!, parties: [] }).get(key)!;
    entry.parties.push(row.party as PartyCode);
  }
  for (const entry of indicators.values()) entry.parties.sort();
  return { indicators: [...indicators.values()], lastId: last === null || last === undefined ? null : count(last) };
}

/**
 * The report's reads over every item of a period, on the transaction's own connection (see
 * native-reads.ts): through Prisma a year of a million items spent some 20 of its 48 seconds in
 * Prisma's query compiler and in converting the rows, a page at a time.
 */
export function nativeSteeringReads(all: NativeAll, kind: DatabaseKind, cipher: ItemCipher): Pick<SteeringReads, "periodIndicators" | "suppliedBefore" | "recordsUnder"> {
  const param = (value: unknown) => (value instanceof Date ? dateParam(kind, value) : value);
  return {
    periodIndicators: (from, to, afterId, limit) =>
      periodIndicatorsBy(
        cipher,
        (query) => all(query.strings.join("?"), query.values.map(param)),
        (ids) => all(`SELECT "id", "value", "sealed", "keyNonce" FROM "Item" WHERE "id" IN (${marks(ids.length)})`, ids),
        { from, to, afterId, limit },
      ),
    async suppliedBefore(itemIds, before) {
      const out: number[] = [];
      for (let at = 0; at < itemIds.length; at += ID_CHUNK) {
        const ids = itemIds.slice(at, at + ID_CHUNK);
        const rows = await all<{ id: number }>(`SELECT "id" FROM "Item" WHERE "id" IN (${marks(ids.length)}) AND "submittedAt" < ? AND "removedAt" IS NULL`, [...ids, param(before)]);
        out.push(...rows.map((r) => Number(r.id)));
      }
      return out;
    },
    async recordsUnder(range, before, after, limit) {
      // As the Prisma read above: key and id order from the cursor on, the range blinded.
      const stored = cipher.storedRange(range);
      const from = after ? ` AND ("relKey" > ? OR ("relKey" = ? AND "id" > ?))` : "";
      const rows = await all<SealedRow>(
        `SELECT "id", "type", "value", "party", "sealed", "keyNonce", "relKey" AS "key" FROM "Item"
         WHERE "relKey" >= ? AND "relKey" <= ? AND "submittedAt" < ? AND "removedAt" IS NULL${from}
         ORDER BY "relKey", "id" LIMIT ?`,
        [stored.from, stored.to, param(before), ...(after ? [after.key, after.key, after.id] : []), limit],
      );
      return keyedRows(cipher, rows);
    },
  };
}

/** A note is stored only after the Art 7.2 guard let it in (core/guard). */
const toMeeting = (row: Omit<SteeringMeeting, "note"> & { note: string | null }): SteeringMeeting => ({ ...row, note: row.note === null ? null : asChecked(row.note) });

export function steeringWrites(tx: Prisma.TransactionClient, sealing: Sealing): SteeringWrites {
  return {
    async recordMeeting(meeting): Promise<SteeringMeeting> {
      // A meeting on the same day recorded first is a unique-key violation: the store retries
      // the transaction, and the use case then finds that meeting.
      return toMeeting(await tx.steeringMeeting.create({ data: { ...meeting, note: await sealing.sealText(meeting.note) } }));
    },
    async claimReminder(key, at) {
      if (await tx.steeringReminder.findUnique({ where: { key } })) return false;
      // Two instances that both found none: one insert wins, the other transaction is retried
      // on the unique-key violation and finds the row.
      await tx.steeringReminder.create({ data: { key, sentAt: at } });
      return true;
    },
  };
}
