import { describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { databasesBefore } from "../support/migration-test.js";
import { rawSql } from "../support/raw-sql.js";

/**
 * The migration that stores where a release goes as a platform and a channel instead of one
 * "<platform>:<channel>" text (issue 14), on both real databases: requests written before it are
 * split at their first colon by the bot's own migrator at the deployment's next start.
 */
const before = databasesBefore("20261207100000_delivery_address_columns");

describe.each(DATABASE_KINDS)("disclosure requests written before delivery addresses had columns, on %s", (kind) => {
  it("keep where they go: the platform before the first colon, the channel after it (a colon in a channel kept)", async () => {
    const { url, db } = await before(kind, async (db) => {
      await db.run(`ALTER TABLE "DisclosureRequest" ADD COLUMN "deliverTo" TEXT`);
      await db.run(`ALTER TABLE "DisclosureRequest" DROP COLUMN "deliverPlatform"`);
      await db.run(`ALTER TABLE "DisclosureRequest" DROP COLUMN "deliverChannel"`);
    });
    const at = new Date("2026-11-02T10:00:00Z");
    const date = kind === "sqlite" ? at.toISOString().replace("Z", "+00:00") : at;
    const addresses = ["slack:C0NCSCOPS", "mattermost:4xp9fdt7pbgium38k5k6w95oux", "local:ops:room:2"];
    for (const [n, deliverTo] of addresses.entries()) {
      await db.run(
        `INSERT INTO "DisclosureRequest" ("id", "requesterId", "requesterName", "createdAt", "recipientId", "recipientName", "recipientKind", "deliverTo", "purpose", "legalBasis", "tlp", "deadline", "state") VALUES (?, 'slack:U0POLAN1', 'Pim', ?, 'ncsc-ops', 'NCSC operations', 'party', ?, 'warn', 'Wiv 2017', 'AMBER', ?, 'PENDING')`,
        n + 1, date, deliverTo, date,
      );
    }
    await db.end();

    const store = await openStore(url);
    try {
      const where = async (id: number) => (await store.disclosures.byId(id))!.deliverTo;
      expect(await where(1)).toEqual({ platform: "slack", channel: "C0NCSCOPS" });
      expect(await where(2)).toEqual({ platform: "mattermost", channel: "4xp9fdt7pbgium38k5k6w95oux" });
      expect(await where(3)).toEqual({ platform: "local", channel: "ops:room:2" });
    } finally {
      await store.close();
    }
    const after = await rawSql(kind, url);
    try {
      const columns = kind === "sqlite"
        ? (await after.all<{ name: string }>(`SELECT "name" FROM pragma_table_info('DisclosureRequest')`)).map((r) => r.name)
        : (await after.all<{ name: string }>(`SELECT "column_name" AS "name" FROM information_schema.columns WHERE "table_name" = 'DisclosureRequest'`)).map((r) => r.name);
      expect(columns).not.toContain("deliverTo");
    } finally {
      await after.end();
    }
  });
});
