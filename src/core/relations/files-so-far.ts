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
 *
 * Kept as texts, not records: a file of file objects at the size limit holds more than a million
 * hashes, which as records took about 250 bytes each.
 */
export class FilesSoFar {
  /** A file's key → its hashes stored so far, as "type|value" lines. */
  private readonly byFile = new Map<string, string>();
  /** "type|value" → the key of the file it was stored with (each value is stored once an import). */
  private readonly fileOf = new Map<string, string>();

  constructor(private readonly party: PartyCode) {}

  /** Notes the stored records that came with their file. */
  add(records: readonly ProbeRecord[]): void {
    for (const r of records) {
      if (!r.sameFile || !HASH_TYPES.has(r.type)) continue;
      const key = relationKeyOf(r.type, r.value, r.sameFile)!;
      const value = `${r.type}|${r.value}`;
      const members = this.byFile.get(key);
      this.byFile.set(key, members === undefined ? value : `${members}\n${value}`);
      this.fileOf.set(value, key);
    }
  }

  /** `reads`, with the files of the records noted here. */
  reads(reads: RelationReads): RelationReads {
    return {
      named: (probe) => reads.named(probe),
      keysOf: async (indicators) => {
        const found = await reads.keysOf(indicators);
        for (const i of indicators) {
          const key = this.fileOf.get(`${i.type}|${i.value}`);
          if (key !== undefined) found.push({ type: i.type, value: i.value, key });
        }
        return found;
      },
      underKeys: async (ranges, limit, otherThan) => {
        const found = await reads.underKeys(ranges, limit, otherThan);
        if (otherThan === this.party) return found;
        let id = 0;
        for (const range of ranges) {
          const members = range.from === range.to && range.from.startsWith("f:") ? this.byFile.get(range.from) : undefined;
          // Ids below zero: no row of the database has one, and none is shown.
          for (const line of members?.split("\n").slice(0, limit) ?? []) found.push(memberOf(line, range.from, this.party, --id));
        }
        return found;
      },
    };
  }
}

function memberOf(line: string, key: string, party: PartyCode, id: number): KeyedRecord {
  const bar = line.indexOf("|");
  return { id, type: line.slice(0, bar) as IndicatorType, value: line.slice(bar + 1), party, key };
}
