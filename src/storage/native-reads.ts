import type { AnalysisReads, DisclosureReads, ItemReads, StoredItem } from "../core/ports.js";
import type { RetentionReads } from "../core/retention/retention-port.js";
import type { RoundReads } from "../core/rounds/round-port.js";
import { toAnalysis, toAsk, toRequest } from "./disclosure-repository.js";
// The models' field lists only (both schemas have the same models): no client, no engine.
import { Prisma } from "./generated/sqlite/browser.js";
import { headKey, ITEM_SELECT, marks, type HotQueries } from "./hot-queries.js";
import type { ItemCipher } from "./sealing/item-cipher.js";
import { toStoredItem, type NonceBook } from "./sealing/sealed-items.js";
import { toEntry as toReviewEntry, toReview } from "./retention-repository.js";
import { toRound, toRoundAsk } from "./round-repository.js";
import { nativeSteeringReads } from "./steering-repository.js";
import type { DatabaseKind } from "./database.js";

/**
 * Runs one statement on the transaction's own connection and returns its rows. Placeholders are
 * `?`; PostgreSQL's runner numbers them.
 */
export type NativeAll = <T = Row>(sql: string, params?: readonly unknown[]) => Promise<T[]>;
type Row = Record<string, unknown>;

/**
 * The reads a command makes most, straight on the transaction's connection rather than through
 * Prisma: `/ciic requests` (a party's consent questions and their items, one's own requests, the
 * agreement rounds and retention reviews waiting) and the items a submission already holds. Each
 * read through Prisma cost about half a millisecond of the process's time (its query compiler),
 * which made `/ciic requests` the slowest command of a burst, at 3–5 ms on SQLite. Rows are read
 * exactly as Prisma's reads return them and go through the same mappers; only inside a
 * transaction, like the hot queries (see prisma-store.ts).
 */
export function nativeReads(all: NativeAll, kind: DatabaseKind, hot: Pick<HotQueries, "findHeads">, cipher: ItemCipher, nonces?: NonceBook) {
  const itemsById = async (ids: readonly number[]): Promise<StoredItem[]> => {
    if (ids.length === 0) return [];
    const rows = await all(`${ITEM_SELECT} WHERE i."id" IN (${marks(ids.length)}) ORDER BY i."id"`, ids);
    return rows.map((row) => toStoredItem(row, cipher, nonces));
  };
  const requestsWithItems = async (rows: Row[]) => {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id as number);
    const items = await all<{ requestId: number; itemId: number; party: string }>(`SELECT "requestId", "itemId", "party" FROM "RequestItem" WHERE "requestId" IN (${marks(ids.length)})`, ids);
    return rows.map((row) => toRequest({ ...dated(row, REQUEST_DATES), items: items.filter((i) => i.requestId === row.id) } as never));
  };
  const items: Pick<ItemReads, "byId" | "currentOf"> = {
    async byId(id) {
      return (await itemsById([id]))[0];
    },
    async currentOf(party, indicators) {
      const out: StoredItem[] = [];
      for (let n = 0; n < indicators.length; n += CHUNK) {
        // The unique value index answers "already known?" (current versions only); items are read only for hits.
        const heads = await hot.findHeads(indicators.slice(n, n + CHUNK).map((i) => headKey(party, i.type, i.value)));
        out.push(...(await itemsById([...heads.values()])));
      }
      return out;
    },
  };
  const disclosures: Pick<DisclosureReads, "byId" | "asksOf" | "byRequester" | "asksFor"> = {
    async byId(id) {
      return (await requestsWithItems(await all(`SELECT ${REQUEST} FROM "DisclosureRequest" WHERE "id" = ?`, [id])))[0];
    },
    async byRequester(memberId, limit) {
      return requestsWithItems(await all(`SELECT ${REQUEST} FROM "DisclosureRequest" WHERE "requesterId" = ? ORDER BY "id" DESC LIMIT ?`, [memberId, limit]));
    },
    async asksOf(requestId) {
      return (await all(`SELECT ${ASK} FROM "ConsentAsk" WHERE "requestId" = ? ORDER BY "party"`, [requestId])).map((r) => toAsk(dated(r, ASK_DATES) as never));
    },
    async asksFor(parties, states, limit) {
      if (parties.length === 0 || states.length === 0) return [];
      const rows = await all(`SELECT ${ASK} FROM "ConsentAsk" WHERE "party" IN (${marks(parties.length)}) AND "state" IN (${marks(states.length)}) ORDER BY "id" LIMIT ?`, [...parties, ...states, limit]);
      return rows.map((r) => toAsk(dated(r, ASK_DATES) as never));
    },
  };
  const analyses: Pick<AnalysisReads, "byId"> = {
    async byId(id) {
      const [row] = await all(`SELECT ${ANALYSIS} FROM "Analysis" WHERE "id" = ?`, [id]);
      if (!row) return undefined;
      const cited = await all<{ analysisId: number; itemId: number }>(`SELECT "analysisId", "itemId" FROM "AnalysisItem" WHERE "analysisId" = ?`, [id]);
      return toAnalysis({ ...dated(row, ["createdAt"]), items: cited } as never);
    },
  };
  const round = (row: Row) => toRound({ ...dated(row, ROUND_DATES), nctvCoordinates: row.nctvCoordinates === null ? null : Boolean(row.nctvCoordinates) } as never);
  const roundAsk = (row: Row) => toRoundAsk(dated(row, ROUND_ASK_DATES) as never);
  const rounds: Pick<RoundReads, "byId" | "asksOf" | "byAuthor" | "openAsks"> = {
    async byId(id) {
      const [row] = await all(`SELECT ${ROUND} FROM "Round" WHERE "id" = ?`, [id]);
      return row ? round(row) : undefined;
    },
    async asksOf(roundId, version) {
      const rows =
        version === undefined
          ? await all(`SELECT ${ROUND_ASK} FROM "RoundAsk" WHERE "roundId" = ? ORDER BY "version", "role" DESC, "party"`, [roundId])
          : await all(`SELECT ${ROUND_ASK} FROM "RoundAsk" WHERE "roundId" = ? AND "version" = ? ORDER BY "version", "role" DESC, "party"`, [roundId, version]);
      return rows.map(roundAsk);
    },
    async byAuthor(memberId, limit) {
      return (await all(`SELECT ${ROUND} FROM "Round" WHERE "authorId" = ? ORDER BY "id" DESC LIMIT ?`, [memberId, limit])).map(round);
    },
    async openAsks(limit, parties) {
      if (parties && parties.length === 0) return [];
      const byParty = parties ? ` AND a."party" IN (${marks(parties.length)})` : "";
      const rows = await all(
        `SELECT ${columns(Prisma.RoundAskScalarFieldEnum, "a")} FROM "RoundAsk" a JOIN "Round" r ON r."id" = a."roundId"
         WHERE a."state" IN ('PENDING', 'COORDINATING') AND r."state" = 'OPEN'${byParty} ORDER BY a."id" LIMIT ?`,
        [...(parties ?? []), limit],
      );
      return rows.map(roundAsk);
    },
  };
  const retention: Pick<RetentionReads, "entries" | "openReviews"> = {
    async entries(reviewId) {
      return (await all(`SELECT ${REVIEW_ENTRY} FROM "RetentionEntry" WHERE "reviewId" = ? ORDER BY "itemId"`, [reviewId])).map((r) => toReviewEntry(dated(r, ["decidedAt"]) as never));
    },
    async openReviews(limit, parties) {
      if (parties && parties.length === 0) return [];
      const byParty = parties ? ` AND "party" IN (${marks(parties.length)})` : "";
      const rows = await all(`SELECT ${REVIEW} FROM "RetentionReview" WHERE "state" = 'OPEN'${byParty} ORDER BY "id" LIMIT ?`, [...(parties ?? []), limit]);
      return rows.map((r) => toReview(dated(r, REVIEW_DATES) as never));
    },
  };
  return { items, disclosures, analyses, rounds, retention, steering: nativeSteeringReads(all, kind, cipher) };
}

/**
 * Every column of a model, as Prisma reads it, named: a column added by a later migration (or by
 * another instance's, while this one runs) then changes no statement's result.
 */
const columns = (fields: Record<string, string>, table?: string) =>
  Object.values(fields)
    .map((c) => (table ? `${table}."${c}"` : `"${c}"`))
    .join(", ");
const REQUEST = columns(Prisma.DisclosureRequestScalarFieldEnum);
const ASK = columns(Prisma.ConsentAskScalarFieldEnum);
const ANALYSIS = columns(Prisma.AnalysisScalarFieldEnum);
const ROUND = columns(Prisma.RoundScalarFieldEnum);
const ROUND_ASK = columns(Prisma.RoundAskScalarFieldEnum);
const REVIEW = columns(Prisma.RetentionReviewScalarFieldEnum);
const REVIEW_ENTRY = columns(Prisma.RetentionEntryScalarFieldEnum);

/** Ids per statement, as Prisma's chunks (see prisma-store.ts). */
const CHUNK = 500;

/** The DateTime columns of each model: SQLite hands them back as text, PostgreSQL as Date. */
const REQUEST_DATES = ["createdAt", "deadline", "closedAt"];
const ASK_DATES = ["decidedAt", "remindedAt", "escalatedAt"];
const ROUND_DATES = ["createdAt", "startedAt", "deadline", "closedAt"];
const ROUND_ASK_DATES = ["askedAt", "decidedAt", "remindedAt", "escalatedAt"];
const REVIEW_DATES = ["askedAt", "deadline", "closedAt", "remindedAt", "escalatedAt"];

const dateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number));

function dated(row: Row, columns: readonly string[]): Row {
  const out = { ...row };
  for (const column of columns) out[column] = dateOf(row[column]);
  return out;
}
