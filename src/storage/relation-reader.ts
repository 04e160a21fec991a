import type { ThreadRelationReads } from "../core/relations/related-aside.js";
import { cellKeys } from "./sealing/cell-keys.js";
import { clearItemQueries, preparedFor } from "./sealing/sealed-items.js";
import { nativeSqliteHotQueries, sqliteReader } from "./sqlite-native.js";

/** What the store gives a thread that reads related records (prisma-store.ts): its file and the cell's root key. */
export interface RelationReaderData {
  path: string;
  root: Uint8Array;
}

/** The page cache of the thread's connection: its look-ups land all over the indexes (16 MB: 64 MB, as the import's own connection has, was no faster within the noise of the measure, and held 50 MB more). */
const READER_CACHE_KIB = 16 * 1024;

/**
 * Runs in a large import's relation thread (core/relations/related-aside.ts), on SQLite: the
 * related-record look-ups on a read-only connection of the thread's own, in clear under the
 * store's keys. It sees what was committed: during an import, every other party's records, since
 * the import holds the database's one writer from its start to its end.
 */
export function relationReader(data: RelationReaderData): ThreadRelationReads {
  const cipher = cellKeys(Buffer.from(data.root)).items;
  const connection = sqliteReader(data.path);
  connection.pragma(`cache_size = -${READER_CACHE_KIB}`);
  const hot = clearItemQueries(nativeSqliteHotQueries(connection), cipher);
  return {
    // The parsing thread made each record's key: the look-up below it starts from that key.
    adopt(records) {
      for (const record of records) {
        // Only the values a look-up below starts from (relation-key.ts keysBelow); a range's own key is not its range.
        if (record.type !== "domain" && record.type !== "ipv4" && record.type !== "ipv6") continue;
        const p = preparedFor(record);
        if (p && p.clearKey !== null && p.relKey !== null) cipher.adoptKey(p.clearKey, p.relKey);
      }
    },
    named: (probe) => hot.namedRecords(probe),
    underKeys: (ranges, limit, otherThan) => hot.underKeys(ranges, limit, otherThan),
    keysOf: (indicators) => hot.keysOf(indicators),
    rangePrefixes: () => hot.rangePrefixes(),
    storedRanges: (limit) => hot.storedRanges(limit),
  };
}
