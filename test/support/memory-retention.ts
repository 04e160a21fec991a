/**
 * The in-memory fake of the retention port, with the semantics of
 * src/storage/retention-repository.ts: an item is claimed by one open review at a time (a second
 * claim is a conflict, which the memory store retries), verdicts are given once, removal happens
 * once and drops the item's head, and a review closes once.
 */
import type { NewItem } from "../../src/core/ports.js";
import { ConflictError } from "../../src/core/ports.js";
import { removedValue, type RetentionReads, type RetentionWrites } from "../../src/core/retention/retention-port.js";
import type { RetentionReview, ReviewEntry } from "../../src/core/retention/types.js";
import type { DisclosureTables } from "./memory-disclosures.js";

type ReviewRow = RetentionReview & { lockSerial: number };
type ItemRow = NewItem & { id: number; removedAt?: Date | null };

export interface RetentionTables {
  reviews: ReviewRow[];
  reviewEntries: ReviewEntry[];
  /** itemId → where the item stands in its period; absent: began at submission, not held. */
  itemRetention: Map<number, { periodStart: Date; reviewId: number | null }>;
}

export const emptyRetentionTables = (): RetentionTables => ({ reviews: [], reviewEntries: [], itemRetention: new Map() });

/** The parts of the memory store's state the retention port works on. */
type State = RetentionTables & Pick<DisclosureTables, "requests"> & { items: ItemRow[]; heads: Map<string, number> };

const toReview = ({ lockSerial: _serial, ...row }: ReviewRow): RetentionReview => structuredClone(row);

export function retentionReads(s: () => State, toItem: (row: ItemRow) => import("../../src/core/ports.js").StoredItem): RetentionReads {
  return {
    async dueItems(party, cutoffs, limit) {
      const corrected = new Set(s().items.map((i) => i.supersedesId).filter((id) => id !== null));
      return s()
        .items.filter((i) => {
          if (i.party !== party || i.removedAt || corrected.has(i.id)) return false;
          const cutoff = cutoffs[i.type];
          const held = s().itemRetention.get(i.id);
          if (!cutoff) return false;
          return held ? held.reviewId === null && held.periodStart.getTime() <= cutoff.getTime() : i.submittedAt.getTime() <= cutoff.getTime();
        })
        .sort((a, b) => a.id - b.id)
        .slice(0, limit)
        .map(toItem);
    },
    async review(id) {
      const row = s().reviews.find((r) => r.id === id);
      return row ? toReview(row) : undefined;
    },
    async entries(reviewId) {
      return structuredClone(s().reviewEntries.filter((e) => e.reviewId === reviewId).sort((a, b) => a.itemId - b.itemId));
    },
    async openReviews(limit, parties) {
      return s()
        .reviews.filter((r) => r.state === "OPEN" && (!parties || parties.includes(r.party)))
        .sort((a, b) => a.id - b.id)
        .slice(0, limit)
        .map(toReview);
    },
    async pendingRequestsWith(itemIds) {
      return s()
        .requests.filter((r) => r.state === "PENDING" && r.items.some((i) => itemIds.includes(i.itemId)))
        .map((r) => r.id)
        .sort((a, b) => a - b);
    },
  };
}

export function retentionWrites(s: State): RetentionWrites {
  const review = (id: number) => s.reviews.find((r) => r.id === id);
  return {
    async open(fields, itemIds) {
      const id = Math.max(0, ...s.reviews.map((r) => r.id)) + 1;
      const row: ReviewRow = { ...structuredClone(fields), id, state: "OPEN", closedAt: null, remindedAt: null, escalatedAt: null, lockSerial: 0 };
      for (const itemId of itemIds) {
        const held = s.itemRetention.get(itemId);
        if (held?.reviewId) throw new ConflictError(`item ${itemId} is held by another retention review`);
        const item = s.items.find((i) => i.id === itemId);
        if (!item) throw new Error(`foreign key: no item ${itemId}`);
        s.itemRetention.set(itemId, { periodStart: held?.periodStart ?? new Date(item.submittedAt), reviewId: id });
        s.reviewEntries.push({ reviewId: id, itemId, verdict: null, decidedById: null, decidedByName: null, decidedAt: null });
      }
      s.reviews.push(row);
      return { review: toReview(row), entries: structuredClone(s.reviewEntries.filter((e) => e.reviewId === id)) };
    },
    async lock(reviewId) {
      const row = review(reviewId);
      if (!row) return undefined;
      row.lockSerial++;
      return toReview(row);
    },
    async decide(reviewId, itemId, verdict, by, at) {
      const entry = s.reviewEntries.find((e) => e.reviewId === reviewId && e.itemId === itemId);
      if (!entry || entry.verdict !== null) return false;
      Object.assign(entry, { verdict, decidedById: by.id, decidedByName: by.name, decidedAt: new Date(at) });
      return true;
    },
    async restartPeriod(itemId, at) {
      s.itemRetention.set(itemId, { periodStart: new Date(at), reviewId: null });
    },
    async removeItem(itemId, at) {
      const item = s.items.find((i) => i.id === itemId);
      if (!item || item.removedAt) return false;
      // As the database does: the other hashes of its file are keyed by themselves from now on.
      for (const other of s.items) if (other.sameFile === item.value.toLowerCase() && other.party === item.party && other.id !== itemId) other.sameFile = null;
      Object.assign(item, { value: removedValue(itemId), sourceRef: null, note: null, supplied: null, sameFile: null, removedAt: new Date(at) });
      for (const [key, id] of s.heads) if (id === itemId) s.heads.delete(key);
      const held = s.itemRetention.get(itemId);
      if (held) held.reviewId = null;
      return true;
    },
    async close(reviewId, at) {
      const row = review(reviewId);
      if (!row || row.state !== "OPEN") return false;
      Object.assign(row, { state: "ANSWERED", closedAt: new Date(at) });
      return true;
    },
    async markReminded(reviewId, at) {
      const row = review(reviewId);
      if (!row || row.state !== "OPEN" || row.remindedAt) return false;
      row.remindedAt = new Date(at);
      return true;
    },
    async markEscalated(reviewId, at) {
      const row = review(reviewId);
      if (!row || row.state !== "OPEN" || row.escalatedAt) return false;
      row.escalatedAt = new Date(at);
      return true;
    },
  };
}
