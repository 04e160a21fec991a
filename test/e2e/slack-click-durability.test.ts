import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { manualClock, shownText, startTestBot, type TestBot } from "../support/bot-harness.js";
import { freshPostgresUrl } from "../support/databases.js";
import { blockActionPayload, viewSubmissionPayload } from "../support/slack-requests.js";
import { startTcpProxy, throughProxy, type TcpProxy } from "../support/tcp-proxy.js";
import { settleOutbox } from "../support/settle-outbox.js";

/**
 * No lost click (issue 12), as Slack sees it: a click is answered 200 only once its decision is
 * in the database; a click the database cannot take in time is answered, within Slack's three
 * seconds, that nothing was decided, and nothing of it lands; a retried delivery decides once.
 * The bot runs on PostgreSQL behind a proxy that can cut it off; the test reads the database
 * directly, past the proxy and past the bot.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const BRAM = "UAIVDLI01"; // AIVD liaison
const SLACK_WAITS_MS = 3000;

let t: TestBot;
let db: { url: string; drop: () => Promise<void> };
let proxy: TcpProxy;
let admin: pg.Client;

beforeEach(async () => {
  db = await freshPostgresUrl();
  const target = new URL(db.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  t = await startTestBot({ databaseUrl: throughProxy(db.url, proxy), clock: manualClock(new Date("2026-11-30T09:00:00Z")) });
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

const say = async (user: string, text: string) => shownText((await t.command(user, text)).json);
const postsTo = (channel: string) => t.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel && c.response?.status === 200);
const buttonValue = (call: RecordedCall, action: string) =>
  (call.body.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === action)!.value;
const answersThrough = (id: string) => t.fake.callsTo("response_url").filter((c) => c.id === id);
const count = async (action: string) => (await admin.query(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE action = $1`, [action])).rows[0].n as number;
const askStates = async () => (await admin.query(`SELECT state FROM "ConsentAsk" ORDER BY id`)).rows.map((r: { state: string }) => r.state);
const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 10_000) => {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
/** Waits until the bot reaches its database again after the proxy was restored. */
const reachable = () => until(async () => (await say(ANNA, "help")).includes("/ciic submit"), "the bot to reach its database again", 20_000);

/** Anna asks to disclose one AIVD item; Bram, AIVD's liaison, gets the question. */
async function oneAsk(): Promise<string> {
  expect(await say(ANNA, "submit 198.51.100.40")).toContain("Stored 1");
  expect(await say(ANNA, "disclose 198.51.100.40 to ncsc-ops purpose warn the sector")).toContain("R-1");
  await settleOutbox(t.bot, t.clock);
  return buttonValue(postsTo(BRAM)[0], "consent.approve");
}

/** Another session holds the audit chain's head row, which every decision must lock first. */
async function holdAuditHead(): Promise<{ release: () => Promise<void> }> {
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query(`SELECT 1 FROM "AuditHead" WHERE id = 1 FOR UPDATE`);
  return {
    release: async () => {
      await holder.query("ROLLBACK");
      await holder.end();
    },
  };
}

describe("a click over Slack is durable before it is acknowledged", () => {
  it("has its decision in the database the moment the 200 arrives, also when the decision had to wait", async () => {
    const ask = await oneAsk();
    const holder = await holdAuditHead();
    // The decision waits for the head row; the click must not be answered before it is made.
    const letGo = new Promise((resolve) => setTimeout(resolve, 400)).then(() => holder.release());
    const started = Date.now();
    const answer = await t.interact(blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, response_url: t.fake.responseUrl("bram") }));
    // Read at once, straight from the database: what the 200 promised is there.
    const approved = await count("consent.approved");
    const took = Date.now() - started;
    await letGo;
    expect(answer.status).toBe(200);
    expect(approved).toBe(1);
    expect(await askStates()).toEqual(["APPROVED"]);
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(SLACK_WAITS_MS);
    await until(() => answersThrough("bram").length === 1, "the answer through the response URL");
    expect(shownText(answersThrough("bram")[0].body as never)).toMatch(/approved/i);
  });

  it("answers a click the database cannot take within Slack's three seconds: nothing was decided, click again; nothing of it lands", async () => {
    const ask = await oneAsk();
    const updatesBefore = t.fake.callsTo("chat.update").length;
    proxy.hang();
    const started = Date.now();
    const answer = await t.interact(blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, response_url: t.fake.responseUrl("hung") }));
    const took = Date.now() - started;
    expect(answer.status).toBe(200);
    expect(took).toBeLessThan(SLACK_WAITS_MS);
    await until(() => answersThrough("hung").length === 1, "the answer through the response URL");
    const told = shownText(answersThrough("hung")[0].body as never);
    expect(told).toMatch(/^:no_entry: Nothing was decided: the cell's database did not answer in time/m);
    expect(told).toContain("click the button again");
    expect(answersThrough("hung")[0].body).toMatchObject({ response_type: "ephemeral", replace_original: false });

    proxy.restore();
    await reachable();
    // Nothing half-happened: no decision, no audit entry of the click, no message about it.
    expect(await count("consent.approved")).toBe(0);
    expect(await askStates()).toEqual(["PENDING"]);
    const clicks = await admin.query(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE action = 'command.received' AND details LIKE '%"approve ask%'`);
    expect(clicks.rows[0].n).toBe(0);
    await t.bot.dispatchOutbox();
    expect(t.fake.callsTo("chat.update")).toHaveLength(updatesBefore);
    // Nor was the clicker told later that it was carried out after all.
    expect(answersThrough("hung")).toHaveLength(1);

    // Clicked again, as told: decided, once.
    const again = await t.interact(blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, response_url: t.fake.responseUrl("again") }));
    expect(again.status).toBe(200);
    expect(await count("consent.approved")).toBe(1);
    await until(() => answersThrough("again").length === 1, "the answer to the second click");
    expect(shownText(answersThrough("again")[0].body as never)).toMatch(/approved/i);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    expect(t.fake.violations).toEqual([]);
  });

  it("keeps the Deny form open with 'nothing was recorded' while the database does not answer, and records the same submission once when sent again", async () => {
    const ask = await oneAsk();
    const submission = viewSubmissionPayload({
      user_id: BRAM,
      callback_id: "ciic_consent_deny",
      private_metadata: ask,
      values: { reason: { value: { type: "plain_text_input", value: "source must stay protected" } } },
    });
    proxy.hang();
    const started = Date.now();
    const refused = await t.interact(submission);
    expect(Date.now() - started).toBeLessThan(SLACK_WAITS_MS);
    expect(refused.json.response_action).toBe("errors");
    const error = Object.values(refused.json.errors as Record<string, string>)[0];
    expect(error).toMatch(/^Nothing was recorded: the cell's database did not answer in time/);
    expect(error).toContain("submit the form again");

    proxy.restore();
    await reachable();
    expect(await count("consent.denied")).toBe(0);
    expect(await askStates()).toEqual(["PENDING"]);
    // The same modal sent again (same view, same values) is one request: denied once.
    const [first, second] = await Promise.all([t.interact(submission), t.interact(submission)]);
    expect(first.json.response_action).toBe("update");
    expect(second.json).toEqual(first.json);
    expect(await count("consent.denied")).toBe(1);
    expect(await askStates()).toEqual(["DENIED"]);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
  });

  it("tells a click on the Home tab, which has no response URL, on the tab itself that nothing was decided", async () => {
    const ask = await oneAsk();
    proxy.hang();
    const started = Date.now();
    const answer = await t.interact(blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, view: { type: "home", callback_id: "" } }));
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(SLACK_WAITS_MS);
    const [published] = await t.fake.waitFor("views.publish");
    expect(published.body.user_id).toBe(BRAM);
    const tab = shownText(published.body.view as never);
    expect(tab).toMatch(/Nothing was decided: the cell's database did not answer in time/);
    expect(tab).toContain("Open the Home tab again");
    proxy.restore();
    await reachable();
    expect(await count("consent.approved")).toBe(0);
    expect(t.fake.violations).toEqual([]);
  });

  it("acknowledges a slash command that outlasts Slack's wait with 'Working on it…' and what that line means, and replaces the line when nothing was changed", async () => {
    expect(await say(ANNA, "help")).toContain("/ciic submit");
    proxy.hang();
    const ack = await t.command(ANNA, "submit 198.51.100.41");
    expect(ack.json).toMatchObject({ response_type: "ephemeral", text: "Working on it…" });
    expect(shownText(ack.json)).toContain("If none has come within a minute, the bot was interrupted");
    // The command's own time limit ends it, and the line is replaced with what became of it.
    await until(() => t.fake.callsTo("response_url").length === 1, "the line's replacement");
    const [replaced] = t.fake.callsTo("response_url");
    expect(replaced.body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(shownText(replaced.body as never)).toMatch(/Nothing was changed: the cell's database did not answer in time\. Please type the command again in a moment/);
    proxy.restore();
    await reachable();
    expect((await admin.query(`SELECT count(*)::int AS n FROM "Item" WHERE value = '198.51.100.41'`)).rows[0].n).toBe(0);
  });

  it("decides once when one click is delivered again and clicked twice", async () => {
    const ask = await oneAsk();
    const payload = blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, response_url: t.fake.responseUrl("retried") });
    // The same delivery three times (two of them at once), and a second click of the same button.
    const answers = await Promise.all([t.interact(payload), t.interact(payload, { retryNum: 1, retryReason: "http_timeout" })]);
    answers.push(await t.interact(payload, { retryNum: 2, retryReason: "http_timeout" }));
    answers.push(await t.interact(blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value: ask, response_url: t.fake.responseUrl("second-click") })));
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(await count("consent.approved")).toBe(1);
    expect(await count("command.repeated")).toBe(2);
    await until(() => answersThrough("retried").length === 3 && answersThrough("second-click").length === 1, "the answers");
    const retried = answersThrough("retried").map((c) => shownText(c.body as never));
    expect(new Set(retried).size).toBe(1); // a redelivery gets the first answer back
    expect(shownText(answersThrough("second-click")[0].body as never)).toContain("Already decided");
    await t.bot.dispatchOutbox();
    expect(postsTo("C0NCSCOPS")).toHaveLength(1); // released once
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
  });
});
