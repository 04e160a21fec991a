import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { sqlitePath } from "../../src/storage/database.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { manualClock, shownText, startTestBot, type TestBot } from "../support/bot-harness.js";
import { freshSqliteUrl } from "../support/databases.js";
import { blockActionPayload } from "../support/slack-requests.js";
import { settleOutbox } from "../support/settle-outbox.js";

/**
 * No lost click (issue 12) on SQLite, the single-instance database: while another connection
 * holds the write lock (the CLI, a stuck process), a click is answered within Slack's three
 * seconds that nothing was decided, nothing of it lands, and clicked again once the lock is let
 * go it is decided once. Also: its decision is in the file when the 200 arrives.
 */
const ANNA = "UAIVDAN01";
const BRAM = "UAIVDLI01";

let t: TestBot;
let url: string;
let lock: Database.Database | undefined;

beforeEach(async () => {
  url = freshSqliteUrl();
  t = await startTestBot({ databaseUrl: url, clock: manualClock(new Date("2026-11-30T09:00:00Z")) });
});
afterEach(async () => {
  release();
  await t?.stop();
});

function holdWriteLock() {
  lock = new Database(sqlitePath(url));
  lock.exec("BEGIN IMMEDIATE");
}
function release() {
  if (lock?.inTransaction) lock.exec("ROLLBACK");
  lock?.close();
  lock = undefined;
}
const count = (action: string) => {
  const db = new Database(sqlitePath(url), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "AuditEntry" WHERE action = ?`).get(action) as { n: number }).n;
  } finally {
    db.close();
  }
};
const say = async (user: string, text: string) => shownText((await t.command(user, text)).json);
const answersThrough = (id: string) => t.fake.callsTo("response_url").filter((c) => c.id === id);
const buttonValue = (call: RecordedCall) =>
  (call.body.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === "consent.approve")!.value;
const until = async (check: () => boolean, what: string) => {
  for (const end = Date.now() + 5000; !check(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

async function oneAsk(): Promise<string> {
  expect(await say(ANNA, "submit 198.51.100.80")).toContain("Stored 1");
  expect(await say(ANNA, "disclose 198.51.100.80 to ncsc-ops purpose warn the sector")).toContain("R-1");
  await settleOutbox(t.bot, t.clock);
  return buttonValue(t.fake.callsTo("chat.postMessage").find((c) => c.body.channel === BRAM)!);
}

describe("a click over Slack on SQLite", () => {
  it("has its decision in the file when the 200 arrives", async () => {
    const ask = await oneAsk();
    const answer = await t.interact(blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, response_url: t.fake.responseUrl("bram") }));
    expect(answer.status).toBe(200);
    expect(count("consent.approved")).toBe(1);
  });

  it("is answered within three seconds that nothing was decided while another connection holds the write lock, and decided once when clicked again", async () => {
    const ask = await oneAsk();
    holdWriteLock();
    const started = Date.now();
    const answer = await t.interact(blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, response_url: t.fake.responseUrl("locked") }));
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await until(() => answersThrough("locked").length === 1, "the answer");
    expect(shownText(answersThrough("locked")[0].body as never)).toMatch(/Nothing was decided: the cell's database did not answer in time/);
    release();
    expect(count("consent.approved")).toBe(0);
    const again = await t.interact(blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, response_url: t.fake.responseUrl("again") }));
    expect(again.status).toBe(200);
    expect(count("consent.approved")).toBe(1);
    await until(() => answersThrough("again").length === 1, "the answer to the second click");
    expect(shownText(answersThrough("again")[0].body as never)).toMatch(/approved/i);
    expect(answersThrough("locked")).toHaveLength(1); // never told it landed after all: it did not
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
  });
});
