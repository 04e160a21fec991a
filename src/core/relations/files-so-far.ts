import type { PartyCode } from "../covenant/parties.js";
import type { IndicatorType } from "../indicators/index.js";
import type { KeyedRecord } from "../ports.js";
import type { RelationReads } from "./related.js";
import { HASH_TYPES, relationKeyOf } from "./relation-key.js";

/** A record an import has stored: its hash's file where it came with one (ImportRecord.sameFile). */
export interface ProbeRecord {
  type: IndicatorType;
  value: string;
  sameFile?: string;
  /** What the parsing thread made for its item (NewItem.prepared). */
  prepared?: unknown;
}

/**
 * The hashes an import has stored so far with their files, which a connection other than the
 * import's does not see before it commits. What ties a hash to another party's record of a second
 * hash of the same file may be the importing party's own file object (related.ts, sameFile): the
 * relation thread (related-aside.ts) reads files through these as well as through the database,
 * as the import's own transaction would. Its records are the party's; they are found as members of
 * a file, never counted (the thread asks for other parties' records only).
 */
export class FilesSoFar {
  private readonly byFile = new Map<string, KeyedRecord[]>();
  private readonly filesOf = new Map<string, string[]>();
  private nextId = -1;

  constructor(private readonly party: PartyCode) {}

  /** Notes the stored records that came with their file. */
  add(records: readonly ProbeRecord[]): void {
    for (const r of records) {
      if (!r.sameFile || !HASH_TYPES.has(r.type)) continue;
      const key = relationKeyOf(r.type, r.value, r.sameFile)!;
      // Ids below zero: no row of the database has one, and none is shown.
      (this.byFile.get(key) ?? this.byFile.set(key, []).get(key)!).push({ id: this.nextId--, type: r.type, value: r.value, party: this.party, key });
      const value = `${r.type}|${r.value}`;
      (this.filesOf.get(value) ?? this.filesOf.set(value, []).get(value)!).push(key);
    }
  }

  /** `reads`, with the files of the records noted here. */
  reads(reads: RelationReads): RelationReads {
    return {
      named: (probe) => reads.named(probe),
      keysOf: async (indicators) => {
        const found = await reads.keysOf(indicators);
        for (const i of indicators) for (const key of this.filesOf.get(`${i.type}|${i.value}`) ?? []) found.push({ type: i.type, value: i.value, key });
        return found;
      },
      underKeys: async (ranges, limit, otherThan) => {
        const found = await reads.underKeys(ranges, limit, otherThan);
        if (otherThan === this.party) return found;
        for (const range of ranges) {
          if (range.from === range.to && range.from.startsWith("f:")) found.push(...(this.byFile.get(range.from) ?? []).slice(0, limit));
        }
        return found;
      },
    };
  }
}
