import { afterEach, describe, expect, it } from "vitest";
import { ConflictError } from "../../src/core/ports.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { newItem } from "../support/new-item.js";
import { rawSql } from "../support/raw-sql.js";

/**
 * The migration that marks the current version of each indicator on its own row (Item.head)
 * instead of in a table of heads (ItemHead), on both real databases: the heads a database held
 * become the marked rows, a corrected version is not current, and a party's value stays current
 * once (a second current version is refused, as the table of heads refused it).
 */
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

const domain = newItem("domain", "heads-migration.example", "AIVD");

describe.each(DATABASE_KINDS)("heads kept in a table of their own, on %s", (kind) => {
  it("become the current rows' marks at the next start; a second current version is still refused, a correction taken", async () => {
    const { url, drop } = await freshDatabaseUrl(kind);
    drops.push(drop);
    // Rows as the store writes them (tokens, sealed texts): a first version, another party's, a
    // correction of the first, and an address.
    const first = await openStore(url);
    const [v1, other] = await first.transaction((tx) => tx.items.insert([domain, { ...domain, party: "MIVD" }]));
    const [v2] = await first.transaction((tx) => tx.items.insert([{ ...domain, supersedesId: v1.id, note: "corrected" }]));
    const [address] = await first.transaction((tx) => tx.items.insert([newItem("ipv4", "198.51.100.77", "NCSC")]));
    await first.close();

    // The database as the version before kept it: a row in ItemHead for each current item.
    const db = await rawSql(kind, url);
    try {
      await db.run(`CREATE TABLE "ItemHead" ("key" TEXT NOT NULL PRIMARY KEY, "itemId" INTEGER NOT NULL)`);
      await db.run(`CREATE UNIQUE INDEX "ItemHead_itemId_key" ON "ItemHead"("itemId")`);
      await db.run(`INSERT INTO "ItemHead" ("key", "itemId") SELECT "party" || '|' || "type" || '|' || "value", "id" FROM "Item" WHERE "head" = 1`);
      await db.run(`DROP INDEX "Item_type_value_party_head_key"`);
      await db.run(`ALTER TABLE "Item" DROP COLUMN "head"`);
      await db.run(`CREATE INDEX "Item_type_value_party_removedAt_idx" ON "Item"("type", "value", "party", "removedAt")`);
      await db.run(`DELETE FROM "_ciic_migrations" WHERE "name" = ?`, "20261212100000_heads_on_items");
      expect((await db.all<{ itemId: number | bigint }>(`SELECT "itemId" FROM "ItemHead" ORDER BY "itemId"`)).map((r) => Number(r.itemId))).toEqual([other.id, v2.id, address.id]);
    } finally {
      await db.end();
    }

    const store = await openStore(url);
    try {
      const after = await rawSql(kind, url);
      try {
        const heads = await after.all<{ id: number | bigint }>(`SELECT "id" FROM "Item" WHERE "head" = 1 ORDER BY "id"`);
        expect(heads.map((r) => Number(r.id))).toEqual([other.id, v2.id, address.id]);
        const tables = await after.all<{ name: string }>(
          kind === "sqlite" ? `SELECT name FROM sqlite_master WHERE type = 'table'` : `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`,
        );
        expect(tables.map((t) => t.name)).not.toContain("ItemHead");
      } finally {
        await after.end();
      }
      expect((await store.items.currentOf("AIVD", [domain])).map((i) => [i.id, i.note])).toEqual([[v2.id, "corrected"]]);
      expect((await store.items.currentOf("MIVD", [domain])).map((i) => i.id)).toEqual([other.id]);
      // The same party's value made current a second time: refused, nothing stored.
      await expect(store.transaction((tx) => tx.items.insert([domain]))).rejects.toBeInstanceOf(ConflictError);
      expect(await store.items.byValue("domain", domain.value)).toHaveLength(3);
      // A correction of the current version takes its place.
      const [v3] = await store.transaction((tx) => tx.items.insert([{ ...domain, supersedesId: v2.id, note: "corrected again" }]));
      expect((await store.items.currentOf("AIVD", [domain])).map((i) => [i.id, i.note])).toEqual([[v3.id, "corrected again"]]);
    } finally {
      await store.close();
    }
  });
});
