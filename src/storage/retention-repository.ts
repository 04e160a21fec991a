import type { PartyCode } from "../core/covenant/parties.js";
import type { IndicatorType } from "../core/indicators/index.js";
import { ConflictError } from "../core/ports.js";
import { removedValue, type RetentionReads, type RetentionWrites } from "../core/retention/retention-port.js";
import type { RetentionReview, ReviewEntry, ReviewState, Verdict } from "../core/retention/types.js";
import type { Prisma } from "./generated/sqlite/client.js";
import { fileKey, HASH_TYPES } from "../core/relations/relation-key.js";
import type { Db } from "./prisma-store.js";
import type { ItemCipher } from "./sealing/item-cipher.js";
import { openRow, toStoredItem } from "./sealing/sealed-items.js";

type ReviewRow = Prisma.RetentionReviewGetPayload<object>;
type EntryRow = Prisma.RetentionEntryGetPayload<object>;

export const toReview = ({ lockSerial: _serial, ...row }: ReviewRow): RetentionReview => ({ ...row, party: row.party as PartyCode, state: row.state as ReviewState });
export const toEntry = (row: EntryRow): ReviewEntry => ({ ...row, verdict: row.verdict as Verdict | null });

const itemInclude = { correctedBy: { select: { id: true } } } as const;

export function retentionReads(db: Db, cipher: ItemCipher): RetentionReads {
  return {
    async dueItems(party, cutoffs, limit) {
      // Per type: a period that began at submission (no retention row) or at the last "keep",
      // on or before the type's cutoff, and no open review holding the item.
      const byType = (Object.entries(cutoffs) as [IndicatorType, Date][]).map(([type, cutoff]) => ({
        type,
        OR: [{ retention: { is: null }, submittedAt: { lte: cutoff } }, { retention: { is: { reviewId: null, periodStart: { lte: cutoff } } } }],
      }));
      const rows = await db.item.findMany({
        where: { party, removedAt: null, correctedBy: { is: null }, OR: byType },
        include: itemInclude,
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map((row) => toStoredItem(row, cipher));
    },
    async review(id) {
      const row = await db.retentionReview.findUnique({ where: { id } });
      return row ? toReview(row) : undefined;
    },
    async entries(reviewId) {
      return (await db.retentionEntry.findMany({ where: { reviewId }, orderBy: { itemId: "asc" } })).map(toEntry);
    },
    async openReviews(limit, parties) {
      const rows = await db.retentionReview.findMany({
        where: { state: "OPEN", ...(parties ? { party: { in: [...parties] } } : {}) },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(toReview);
    },
    async pendingRequestsWith(itemIds) {
      if (itemIds.length === 0) return [];
      const rows = await db.requestItem.findMany({
        where: { itemId: { in: [...itemIds] }, request: { state: "PENDING" } },
        select: { requestId: true },
        distinct: ["requestId"],
        orderBy: { requestId: "asc" },
      });
      return rows.map((r) => r.requestId);
    },
  };
}

export function retentionWrites(tx: Prisma.TransactionClient, cipher: ItemCipher): RetentionWrites {
  return {
    async open(review, itemIds) {
      const row = await tx.retentionReview.create({ data: { ...review, state: "OPEN" } });
      for (const itemId of itemIds) {
        // Claimed only when free: an existing row must have no open review; a missing one is
        // created, and a concurrent creator makes that a unique-key violation (a conflict).
        const { count } = await tx.itemRetention.updateMany({ where: { itemId, reviewId: null }, data: { reviewId: row.id } });
        if (count === 0) {
          const held = await tx.itemRetention.findUnique({ where: { itemId } });
          if (held) throw new ConflictError(`item ${itemId} is held by another retention review`);
          const item = await tx.item.findUniqueOrThrow({ where: { id: itemId }, select: { submittedAt: true } });
          await tx.itemRetention.create({ data: { itemId, periodStart: item.submittedAt, reviewId: row.id } });
        }
      }
      await tx.retentionEntry.createMany({ data: itemIds.map((itemId) => ({ reviewId: row.id, itemId })) });
      const entries = await tx.retentionEntry.findMany({ where: { reviewId: row.id }, orderBy: { itemId: "asc" } });
      return { review: toReview(row), entries: entries.map(toEntry) };
    },
    async lock(reviewId) {
      const { count } = await tx.retentionReview.updateMany({ where: { id: reviewId }, data: { lockSerial: { increment: 1 } } });
      if (count === 0) return undefined;
      return toReview((await tx.retentionReview.findUnique({ where: { id: reviewId } }))!);
    },
    async decide(reviewId, itemId, verdict, by, at) {
      const { count } = await tx.retentionEntry.updateMany({
        where: { reviewId, itemId, verdict: null },
        data: { verdict, decidedById: by.id, decidedByName: by.name, decidedAt: at },
      });
      return count === 1;
    },
    async restartPeriod(itemId, at) {
      await tx.itemRetention.upsert({ where: { itemId }, create: { itemId, periodStart: at, reviewId: null }, update: { periodStart: at, reviewId: null } });
    },
    async removeItem(itemId, at) {
      // The other hashes of its file, as its party gave them, are keyed by it (relations/
      // relation-key.ts) and keep it sealed as their file: each loses both, as a hash supplied
      // alone has neither, so that nothing keeps the value this removal destroys. Another party's
      // files stay as they are: that party holds the value.
      const item = await tx.item.findUnique({ where: { id: itemId }, select: { relKey: true, sealed: true, keyNonce: true, type: true, party: true, removedAt: true } });
      const value = item && !item.removedAt ? openRow(cipher, item)?.value : undefined;
      if (item?.keyNonce) cipher.forget(item.keyNonce);
      if (item?.relKey && value !== undefined && HASH_TYPES.has(item.type as IndicatorType) && item.relKey === cipher.storedKeyOf(fileKey(value))) {
        const members = await tx.item.findMany({ where: { relKey: item.relKey, party: item.party, id: { not: itemId } }, select: { id: true, sealed: true, keyNonce: true } });
        for (const m of members) {
          const opened = openRow(cipher, m);
          const sealed = opened && m.keyNonce ? cipher.seal(m.keyNonce, { ...opened, sameFile: null }) : m.sealed;
          await tx.item.update({ where: { id: m.id }, data: { relKey: null, sealed } });
        }
      }
      const { count } = await tx.item.updateMany({
        where: { id: itemId, removedAt: null },
        data: { value: removedValue(itemId), sourceRef: null, note: null, removedAt: at, relKey: null, supplied: null, keyNonce: null, sealed: null, head: null },
      });
      if (count === 0) return false;
      // Without its head the value is unknown again: the party may supply it anew.
      await tx.itemRetention.updateMany({ where: { itemId }, data: { reviewId: null } });
      return true;
    },
    async close(reviewId, at) {
      const { count } = await tx.retentionReview.updateMany({ where: { id: reviewId, state: "OPEN" }, data: { state: "ANSWERED", closedAt: at } });
      return count === 1;
    },
    async markReminded(reviewId, at) {
      const { count } = await tx.retentionReview.updateMany({ where: { id: reviewId, state: "OPEN", remindedAt: null }, data: { remindedAt: at } });
      return count === 1;
    },
    async markEscalated(reviewId, at) {
      const { count } = await tx.retentionReview.updateMany({ where: { id: reviewId, state: "OPEN", escalatedAt: null }, data: { escalatedAt: at } });
      return count === 1;
    },
  };
}
