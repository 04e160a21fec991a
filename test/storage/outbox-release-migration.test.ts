import { describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { databasesBefore } from "../support/migration-test.js";
import { rawSql } from "../support/raw-sql.js";

/**
 * The migration that names the request a release's outbox message delivers in a column, instead
 * of the topic's prefix "delivery:" (issue 14), on both real databases: messages queued or sent
 * before it get the request from their topic at the deployment's next start, and nothing else does.
 */
const before = databasesBefore("20261207200000_outbox_release_of");

describe.each(DATABASE_KINDS)("outbox messages queued before releaseOf, on %s", (kind) => {
  it("a release's post and file name their request; a status update on a delivery topic, and other messages, none", async () => {
    const { url, db } = await before(kind, (db) => db.run(`ALTER TABLE "OutboxMessage" DROP COLUMN "releaseOf"`));
    const at = new Date("2026-11-02T10:00:00Z");
    const date = kind === "sqlite" ? at.toISOString().replace("Z", "+00:00") : at;
    const rows: [string, string, string, string | null][] = [
      ["post", "channel", "C0NCSCOPS", "delivery:12"],
      ["file", "channel", "C0NCSCOPS", "delivery:12"],
      ["update", "", "", "delivery:12"],
      ["post", "user", "U0AIVDLI1", "ask:3"],
      ["post", "user", "U0AIVDLI1", null],
    ];
    for (const [n, [kindOf, targetKind, targetId, topic]] of rows.entries()) {
      await db.run(
        `INSERT INTO "OutboxMessage" ("id", "createdAt", "platform", "targetKind", "targetId", "kind", "topic", "payload", "state", "nextAttemptAt", "lane") VALUES (?, ?, 'slack', ?, ?, ?, ?, '{}', 'SENT', ?, ?)`,
        n + 1, date, targetKind, targetId, kindOf, topic, date, `lane-${n}`,
      );
    }
    await db.end();

    await (await openStore(url)).close();
    const after = await rawSql(kind, url);
    try {
      const found = await after.all<{ id: number; releaseOf: number | null }>(`SELECT "id", "releaseOf" FROM "OutboxMessage" ORDER BY "id"`);
      expect(found.map((r) => [Number(r.id), r.releaseOf === null ? null : Number(r.releaseOf)])).toEqual([
        [1, 12],
        [2, 12],
        [3, null],
        [4, null],
        [5, null],
      ]);
    } finally {
      await after.end();
    }
  });
});
