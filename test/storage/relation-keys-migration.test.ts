import { describe, expect, it } from "vitest";
import { relatedRecords } from "../../src/core/relations/related.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { databasesBefore } from "../support/migration-test.js";
import { rawSql } from "../support/raw-sql.js";
import { testCellKeys } from "../support/sealed-reader.js";
import type { IndicatorType } from "../../src/core/indicators/index.js";
import type { KeyringRow } from "../../src/storage/sealing/keyring.js";

/**
 * The migration that gave items their relation keys (issue 15), on both real databases: items
 * stored before it have none, and the bot's own migrator reads each from its value at the
 * deployment's next start, so that the related records of old items are found as of new ones.
 */
const before = databasesBefore("20261205100000_relation_keys");

describe.each(DATABASE_KINDS)("items stored before relation keys, on %s", (kind) => {
  it("get their keys at the next start, removed items none, and relate as new ones do", async () => {
    const { url, db } = await before(kind, async (db) => {
      await db.run(`DROP INDEX "Item_relKey_idx"`);
      await db.run(`ALTER TABLE "Item" DROP COLUMN "relKey"`);
      // From before the items' rows were sealed too: the next start seals them (issue 17).
      await db.run(`UPDATE "Keyring" SET "itemsSealedAt" = NULL`);
    });
    const at = new Date("2026-11-02T10:00:00Z");
    const date = kind === "sqlite" ? at.toISOString().replace("Z", "+00:00") : at;
    const rows: [string, string, string, Date | string | null][] = [
      ["domain", "evil.example", "AIVD", null],
      ["url", "https://login.evil.example/x", "NCSC", null],
      ["ipv4-cidr", "10.9.0.0/16", "MIVD", null],
      ["ipv4", "10.9.8.7", "POLITIE", null],
      ["cve", "CVE-2024-3400", "NCSC", null],
      ["domain", "removed-item-1", "OM", date],
    ];
    for (const [type, value, party, removedAt] of rows) {
      await db.run(
        `INSERT INTO "Item" ("type", "value", "party", "memberId", "memberName", "submittedAt", "legalBasis", "reliability", "tlp", "via", "removedAt") VALUES (?, ?, ?, 'slack:U1', 'Test', ?, 'Wiv 2017', 'F6', 'AMBER', 'test', ?)`,
        type, value, party, date, removedAt,
      );
    }
    await db.end();

    const store = await openStore(url);
    try {
      const pairs = async (type: "domain" | "ipv4-cidr", value: string) => (await relatedRecords(store.items, { type, value })).records.map((r) => [r.record.party, r.record.value, r.relation]);
      expect(await pairs("domain", "evil.example")).toEqual([["NCSC", "https://login.evil.example/x", "url_on_domain"]]);
      expect(await pairs("ipv4-cidr", "10.9.8.0/24")).toEqual([
        ["MIVD", "10.9.0.0/16", "range_holds_range"],
        ["POLITIE", "10.9.8.7", "address_in_range"],
      ]);
    } finally {
      await store.close();
    }
    // In the database the keys are blinded (storage/sealing/item-cipher.ts): each as the cell's
    // keys make it of the value, removed items none.
    const after = await rawSql(kind, url);
    try {
      const [keyring] = await after.all<KeyringRow>(`SELECT "wrapped", "masterFingerprint" FROM "Keyring" WHERE "id" = 1`);
      const cipher = testCellKeys(keyring).items;
      const keys = await after.all<{ relKey: string | null }>(`SELECT "relKey" FROM "Item" ORDER BY "id"`);
      expect(keys.map((k) => k.relKey)).toEqual(rows.map(([type, value, , removedAt]) => (removedAt ? null : cipher.storedKey(type as IndicatorType, value))));
      expect(keys.filter((k) => k.relKey !== null)).toHaveLength(4);
    } finally {
      await after.end();
    }
  });
});
