import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { freshPostgresUrl } from "../support/databases.js";
import { shownText, startTestBot, type TestBot } from "../support/bot-harness.js";

describe("the bot on PostgreSQL, the production database", () => {
  let t: TestBot;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshPostgresUrl();
    drop = db.drop;
    t = await startTestBot({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await t?.stop();
    await drop?.();
  });

  it("stores, compares and looks up as on SQLite", async () => {
    expect(shownText((await t.command("UAIVDAN01", "submit evil[.]example 198.51.100.1")).json)).toContain("Stored 2");
    expect(shownText((await t.command("UNCSCAN01", "submit evil.example")).json)).toContain("also supplied by AIVD");
    expect(shownText((await t.command("UNCSCAN01", "lookup evil.example")).json)).toContain("Supplied by AIVD, NCSC");
  });

  it("executes a retried request once", async () => {
    const trigger_id = "1337.99.pg-retry";
    const replies = await Promise.all([undefined, 1, 2].map((retryNum) => t.command("UAIVDAN01", "submit 198.51.100.2", { trigger_id, retryNum })));
    expect(new Set(replies.map((r) => shownText(r.json))).size).toBe(1);
    expect(await t.bot.store.items.byValue("ipv4", "198.51.100.2")).toHaveLength(1);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
  });
});
