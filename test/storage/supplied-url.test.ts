import { describe, expect, it } from "vitest";
import type { ItemReads } from "../../src/core/ports.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { newItem } from "../support/new-item.js";
import { rawSql } from "../support/raw-sql.js";

/**
 * A URL kept as supplied beside its normal form (issue 16), on both real databases: every read
 * gives it back (inside a transaction through the native queries, outside through Prisma), an
 * item without one has none, and a removal at a retention review destroys it with the value.
 */
describe.each(DATABASE_KINDS)("a URL as supplied, and when its source first saw it, on %s (real database)", (kind) => {
  it("are read back by every read; the supplied form is destroyed with the value", async () => {
    const { url, drop } = await freshDatabaseUrl(kind);
    const store = await openStore(url);
    try {
      const normal = "http://odd.example/a/b?y=%222%22";
      const supplied = 'http://odd.example/a\\b?y="2"';
      const firstSeen = new Date("2024-02-29T23:59:58.123Z");
      const [odd, plain] = await store.transaction((tx) => tx.items.insert([{ ...newItem("url", normal, "AIVD"), supplied, firstSeen }, newItem("url", normal, "NCSC")]));
      expect(odd.supplied).toBe(supplied);
      const reads = async (items: ItemReads) => ({
        byValue: await items.byValue("url", normal),
        byId: await items.byId(odd.id),
        current: await items.currentOf("AIVD", [{ type: "url", value: normal }]),
      });
      for (const { byValue, byId, current } of [await store.transaction((tx) => reads(tx.items)), await reads(store.items)]) {
        expect(byValue.map((i) => i.supplied)).toEqual([supplied, undefined]);
        expect(byValue.map((i) => i.firstSeen)).toEqual([firstSeen, undefined]);
        expect(byId?.supplied).toBe(supplied);
        expect(byId?.firstSeen).toEqual(firstSeen);
        expect(current.map((i) => i.supplied)).toEqual([supplied]);
      }
      expect(plain.supplied).toBeUndefined();
      await store.transaction((tx) => tx.retention.removeItem(odd.id, new Date("2026-12-01T10:00:00Z")));
      const db = await rawSql(kind, url);
      try {
        expect(await db.all(`SELECT "supplied" FROM "Item" WHERE "id" = ?`, odd.id)).toEqual([{ supplied: null }]);
      } finally {
        await db.end();
      }
    } finally {
      await store.close();
      await drop();
    }
  });
});
