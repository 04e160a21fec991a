import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { manualClock } from "../support/bot-harness.js";
import { freshPostgresUrl } from "../support/databases.js";
import type { FakePost } from "../support/fake-mattermost.js";
import { RECIPIENT_CHANNELS, seen, startMattermostTestBot, type MattermostTestBot } from "../support/mattermost-harness.js";
import { startTcpProxy, throughProxy, type TcpProxy } from "../support/tcp-proxy.js";

/**
 * No lost click (issue 12), as Mattermost sees it: a click or a dialog is answered only with its
 * decision in the database; one the database cannot take in time is answered within three seconds
 * that nothing was decided, nothing of it lands, and done again it counts once. The bot runs on
 * PostgreSQL behind a proxy that can cut it off; the test reads the database directly.
 */
const ANNA = "annadevriesaivdan000000000"; // AIVD analyst
const BRAM = "bramjansenaivdli0000000000"; // AIVD liaison
const [NCSC_OPS] = RECIPIENT_CHANNELS;
const WITHIN_MS = 3000;

let t: MattermostTestBot;
let db: { url: string; drop: () => Promise<void> };
let proxy: TcpProxy;
let admin: pg.Client;

beforeEach(async () => {
  db = await freshPostgresUrl();
  const target = new URL(db.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  t = await startMattermostTestBot({ databaseUrl: throughProxy(db.url, proxy), clock: manualClock(new Date("2026-11-30T09:00:00Z")) });
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
});
afterEach(async () => {
  proxy?.restore();
  await admin?.end();
  await t?.stop();
  await proxy?.close();
  await db?.drop();
});

const buttons = (post: FakePost): string[] => (post.props.attachments ?? []).flatMap((a: { actions?: { name: string }[] }) => a.actions ?? []).map((a: { name: string }) => a.name);
const askOf = (user: string) => {
  const channel = t.fake.directChannelOf(user);
  return (channel ? t.fake.postsIn(channel) : []).find((p) => buttons(p).includes("Approve"))!;
};
const count = async (action: string) => (await admin.query(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE action = $1`, [action])).rows[0].n as number;
const askStates = async () => (await admin.query(`SELECT state FROM "ConsentAsk" ORDER BY id`)).rows.map((r: { state: string }) => r.state);
const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 20_000) => {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const reachable = () => until(async () => (await t.say(ANNA, "help")).includes("/ciic submit"), "the bot to reach its database again");

/** Anna asks to disclose one AIVD item; Bram, AIVD's liaison, gets the question with its buttons. */
async function oneAsk(): Promise<FakePost> {
  expect(await t.say(ANNA, "submit 198.51.100.60")).toContain("Stored: 1");
  expect(await t.say(ANNA, "disclose 198.51.100.60 to ncsc-ops purpose warn the sector")).toContain("R-1");
  await t.settle();
  return askOf(BRAM);
}

describe("a click over Mattermost is durable before it is answered", () => {
  it("has its decision in the database when the answer arrives, also when the decision had to wait", async () => {
    const ask = await oneAsk();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "AuditHead" WHERE id = 1 FOR UPDATE`);
    const letGo = new Promise((resolve) => setTimeout(resolve, 400)).then(async () => {
      await holder.query("ROLLBACK");
      await holder.end();
    });
    const started = Date.now();
    const answer = await t.fake.click(ask.id, "Approve", BRAM);
    const approved = await count("consent.approved");
    const took = Date.now() - started;
    await letGo;
    expect(answer.status).toBe(200);
    expect(seen(answer.ephemeral ?? "")).toMatch(/approved/i);
    expect(approved).toBe(1);
    expect(took).toBeGreaterThanOrEqual(400);
  });

  it("answers a click the database cannot take within three seconds: nothing was decided; clicked again, it is decided once", async () => {
    const ask = await oneAsk();
    proxy.hang();
    const started = Date.now();
    const answer = await t.fake.click(ask.id, "Approve", BRAM);
    expect(Date.now() - started).toBeLessThan(WITHIN_MS);
    expect(answer.status).toBe(200);
    expect(answer.ephemeral).toMatch(/^Nothing was decided: the cell's database did not answer in time/);
    expect(answer.ephemeral).toContain("click the button again");

    proxy.restore();
    await reachable();
    expect(await count("consent.approved")).toBe(0);
    expect(await askStates()).toEqual(["PENDING"]);
    await t.settle();
    expect(t.fake.postsIn(NCSC_OPS)).toEqual([]);
    expect(buttons(askOf(BRAM))).toEqual(["Approve", "Deny"]); // the question still stands

    const again = await t.fake.click(ask.id, "Approve", BRAM);
    expect(again.status).toBe(200);
    expect(seen(again.ephemeral ?? "")).toMatch(/approved/i);
    expect(await count("consent.approved")).toBe(1);
    await t.settle();
    expect(t.fake.postsIn(NCSC_OPS)).toHaveLength(1);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    expect(t.fake.violations).toEqual([]);
  });

  it("keeps the Deny dialog open with 'nothing was recorded' while the database does not answer, and records it once when sent again", async () => {
    const ask = await oneAsk();
    expect((await t.fake.click(ask.id, "Deny", BRAM)).status).toBe(200); // opens the dialog; decides nothing
    proxy.hang();
    const started = Date.now();
    const refused = await t.fake.submitDialog(BRAM, { reason: "source must stay protected" });
    expect(Date.now() - started).toBeLessThan(WITHIN_MS);
    expect(refused.status).toBe(200);
    expect(refused.json.error).toMatch(/^Nothing was recorded: the cell's database did not answer in time/);
    expect(refused.json.error).toContain("submit the form again");

    proxy.restore();
    await reachable();
    expect(await count("consent.denied")).toBe(0);
    expect(await askStates()).toEqual(["PENDING"]);
    const [first, second] = await Promise.all([
      t.fake.submitDialog(BRAM, { reason: "source must stay protected" }),
      t.fake.submitDialog(BRAM, { reason: "source must stay protected" }),
    ]);
    expect(first.status).toBe(200);
    expect(first.json ?? {}).toEqual({});
    expect(second.json ?? {}).toEqual({});
    expect(await count("consent.denied")).toBe(1);
    expect(await askStates()).toEqual(["DENIED"]);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
  });
});
