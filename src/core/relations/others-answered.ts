import type { PartyCode } from "../covenant/parties.js";
import type { NamedRecord } from "../ports.js";
import { relationKey, type RelationReads } from "./related.js";

/** Values whose answer is kept at most; past it the answers start over. */
const MOST_KEPT = 100_000;

/**
 * `reads`, with the other parties' records of each value it was asked for kept (none included):
 * the parents and hosts a feed's values name come up slice after slice. Only for a reader whose
 * other parties' records cannot change while it is used — the relation thread of an import on
 * SQLite (related-aside.ts), which holds the database's one writer — and only for the
 * value-only look-ups of counting (namesOnly) for other parties than `party`.
 */
export function othersAnswered(reads: RelationReads, party: PartyCode): RelationReads {
  const kept = new Map<string, NamedRecord[]>();
  return {
    ...reads,
    async named(probe) {
      const keepable = probe.namesOnly && probe.otherThan === party && probe.urlPrefixes.length === 0 && probe.emails.length === 0 && probe.itemIds.length === 0;
      if (!keepable) return reads.named(probe);
      if (kept.size + probe.values.length > MOST_KEPT) kept.clear();
      const asked = probe.values.filter((v) => !kept.has(relationKey(v)));
      if (asked.length > 0) {
        const found = await reads.named({ ...probe, values: asked });
        for (const v of asked) kept.set(relationKey(v), []);
        for (const record of found) kept.get(relationKey(record))?.push(record);
      }
      return probe.values.flatMap((v) => kept.get(relationKey(v)) ?? []);
    },
  };
}
