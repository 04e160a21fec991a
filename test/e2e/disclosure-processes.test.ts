import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startFakeSlack, type FakeSlack, type RecordedCall } from "../support/fake-slack.js";
import { freshPostgresUrl } from "../support/databases.js";
import { BOT_TOKEN, SIGNING_SECRET, shownText } from "../support/bot-harness.js";
import { blockActionPayload, sendInteraction, sendSlashCommand } from "../support/slack-requests.js";
import { freePort, run, waitForHealth } from "../support/bot-process.js";

/**
 * Several bot processes on one PostgreSQL database, and a process killed between a decision
 * and its messages: the database settles who decides, and the outbox makes sure what must go
 * out goes out, once.
 */
const ANNA = "UAIVDAN01";
const GRETA = "UNCSCAN01";
const BRAM = "UAIVDLI01";
const LOTTE = "UNCSCLI01";

describe("disclosure with several bot processes on one PostgreSQL database", () => {
  let fake: FakeSlack;
  let db: { url: string; drop: () => Promise<void> };
  const processes: ReturnType<typeof run>[] = [];

  const start = async () => {
    const port = await freePort();
    const proc = run({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: db.url,
      CIIC_DIRECTORY: "test/fixtures/directory.yml",
      CIIC_OUTBOX_INTERVAL_MS: "100",
      // A message claimed by a process that died is taken over after 6 s instead of 26 s.
      CIIC_PLATFORM_CALL_TIMEOUT_MS: "2000",
    });
    processes.push(proc);
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, proc.child, proc.output);
    return { ...proc, url: `http://127.0.0.1:${port}/slack/events` };
  };
  const say = async (url: string, user: string, text: string) =>
    shownText((await sendSlashCommand(url, SIGNING_SECRET, { user_id: user, text, response_url: fake.responseUrl() })).json);
  const click = (url: string, user: string, value: string) =>
    sendInteraction(url, SIGNING_SECRET, blockActionPayload({ user_id: user, action_id: "consent.approve", value, response_url: fake.responseUrl() }));
  const delivered = (channel: string) => fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel && c.response?.status === 200);
  const askValue = (call: RecordedCall) =>
    (call.body.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === "consent.approve")!.value;
  const until = async (check: () => boolean, what: string, seconds = 10) => {
    for (let i = 0; i < seconds * 10 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
    if (!check()) throw new Error(`timed out waiting for ${what}`);
  };
  const count = async (sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(sql, values);
    await client.end();
    return rows[0].n as number;
  };
  const auditCount = (action: string) => count(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE action = $1`, [action]);
  /**
   * Until no message waits in the outbox: every message is then recorded sent (or given up), so
   * that a second copy, had there been one, would be on the fake already.
   */
  const outboxSettled = async () => {
    for (let i = 0; i < 300; i++) {
      if ((await count(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE state = 'PENDING'`)) === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("timed out waiting for the outbox to empty");
  };

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
    db = await freshPostgresUrl();
  });
  afterAll(async () => {
    for (const p of processes) p.child.kill("SIGKILL");
    await fake?.close();
    await db?.drop();
  });

  it("makes one decision and one release when two processes receive the clicks at once", async () => {
    const a = await start();
    const b = await start();
    expect(await say(a.url, ANNA, "submit 198.51.100.30")).toContain("Stored 1");
    expect(await say(b.url, GRETA, "submit two-procs.example")).toContain("Stored 1");
    expect(await say(a.url, ANNA, "disclose 198.51.100.30 two-procs.example to ncsc-ops purpose two processes")).toContain("R-1");
    await until(() => delivered(BRAM).length >= 1 && delivered(LOTTE).length >= 1, "the consent questions");
    const bramAsk = askValue(delivered(BRAM)[0]);
    const lotteAsk = askValue(delivered(LOTTE)[0]);
    // Double clicks land on different instances, and the last two approvals race each other.
    await Promise.all([click(a.url, BRAM, bramAsk), click(b.url, BRAM, bramAsk), click(a.url, LOTTE, lotteAsk), click(b.url, LOTTE, lotteAsk)]);
    await until(() => delivered("C0NCSCOPS").length >= 1, "the delivery");
    await outboxSettled();
    expect(delivered("C0NCSCOPS")).toHaveLength(1);
    expect(delivered(BRAM)).toHaveLength(1); // each consent question sent once, by one of the instances
    expect(delivered(LOTTE)).toHaveLength(1);
    expect(await auditCount("consent.approved")).toBe(2);
    expect(await auditCount("disclosure.released")).toBe(1);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([a.exited, b.exited]);
  });

  it("still sends the messages of a decision once after the process died before sending them", { timeout: 120_000 }, async () => {
    fake.reset();
    const a = await start();
    expect(await say(a.url, ANNA, "submit 198.51.100.31")).toContain("Stored 1");
    expect(await say(a.url, ANNA, "disclose 198.51.100.31 to water-oost purpose crash test")).toContain("R-2");
    await until(() => delivered(BRAM).length >= 1, "the consent question");
    const ask = askValue(delivered(BRAM)[0]);
    // Slack is down: the decision is committed, its messages stay in the outbox.
    fake.failNext("chat.postMessage", { status: 500 }, 10_000);
    fake.failNext("chat.update", { status: 500 }, 10_000);
    fake.failNext("files.getUploadURLExternal", { status: 500 }, 10_000);
    expect((await click(a.url, BRAM, ask)).status).toBe(200);
    await until(() => fake.callsTo("chat.postMessage").some((c) => c.body.channel === "C0WATER01"), "a first delivery attempt");
    a.child.kill("SIGKILL");
    await a.exited;
    expect(delivered("C0WATER01")).toHaveLength(0);

    fake.reset(); // Slack is back
    const c = await start();
    // A message the dead process had claimed waits out its lease (6 s with the calls' 2 s time
    // limit) before another sends it; the bound leaves room for a busy machine.
    await until(() => delivered("C0WATER01").length >= 1, "the delivery after the restart", 50);
    // Waterbedrijf Oost's tools read STIX: the release also arrives as one file.
    // A file the dead process had claimed also waits out its lease before it goes.
    await until(() => fake.uploadedFiles.filter((f) => f.channel === "C0WATER01").length >= 1, "the delivery as a file", 50);
    // R-1's message, and R-2's message and file: each delivered once, and recorded once.
    await outboxSettled();
    expect(delivered("C0WATER01")).toHaveLength(1);
    expect(shownText(delivered("C0WATER01")[0].body as never)).toContain("198.51.100.31");
    expect(fake.uploadedFiles.filter((f) => f.channel === "C0WATER01")).toHaveLength(1);
    expect(await auditCount("disclosure.delivered")).toBe(3);
    c.child.kill("SIGTERM");
    await c.exited;
  });
});
