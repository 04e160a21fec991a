import { describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { databasesBefore } from "../support/migration-test.js";

/**
 * The migration that keeps an outbox message's destination as its kind and id instead of one
 * "user:U123" / "channel:C123" text (issue 14), on both real databases: messages written before it
 * are split at their first colon at the deployment's next start, and a destination's deliveries
 * are read back through the new index as before.
 */
const before = databasesBefore("20261207300000_outbox_target_columns");

describe.each(DATABASE_KINDS)("outbox messages written before their destination had columns, on %s", (kind) => {
  it("keep their destination: a user, a channel (a colon in its id kept), and an update's none", async () => {
    const { url, db } = await before(kind, async (db) => {
      await db.run(`DROP INDEX "OutboxMessage_platform_targetKind_targetId_idx"`);
      await db.run(`ALTER TABLE "OutboxMessage" DROP COLUMN "targetKind"`);
      await db.run(`ALTER TABLE "OutboxMessage" DROP COLUMN "targetId"`);
      await db.run(`ALTER TABLE "OutboxMessage" ADD COLUMN "target" TEXT NOT NULL DEFAULT ''`);
      await db.run(`CREATE INDEX "OutboxMessage_platform_target_idx" ON "OutboxMessage"("platform", "target")`);
    });
    const at = new Date("2026-11-02T10:00:00Z");
    const date = kind === "sqlite" ? at.toISOString().replace("Z", "+00:00") : at;
    const view = (summary: string) => JSON.stringify({ summary, blocks: [] });
    const rows: [string, string, string, string][] = [
      ["local", "post", "channel:ops:room:2", view("To the room")],
      ["slack", "post", "user:U0AIVDLI1", view("To Bram")],
      ["", "update", "", view("Updated")],
    ];
    for (const [n, [platform, kindOf, target, payload]] of rows.entries()) {
      await db.run(
        `INSERT INTO "OutboxMessage" ("id", "createdAt", "platform", "target", "kind", "topic", "payload", "state", "nextAttemptAt", "lane", "sentRef", "sentAt") VALUES (?, ?, ?, ?, ?, ?, ?, 'SENT', ?, ?, ?, ?)`,
        n + 1, date, platform, target, kindOf, `t:${n}`, payload, date, `lane-${n}`, `ref-${n}`, date,
      );
    }
    await db.end();

    const store = await openStore(url);
    try {
      const summaries = async (to: { platform: "local" | "slack"; kind: "user" | "channel"; id: string }) => (await store.outbox.delivered(to, 10)).map((m) => m.view.summary);
      expect(await summaries({ platform: "local", kind: "channel", id: "ops:room:2" })).toEqual(["To the room"]);
      expect(await summaries({ platform: "slack", kind: "user", id: "U0AIVDLI1" })).toEqual(["To Bram"]);
      expect(await summaries({ platform: "slack", kind: "channel", id: "U0AIVDLI1" })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
