import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_TOKEN, SIGNING_SECRET, shownText } from "../support/bot-harness.js";
import { freePort, run, waitForHealth } from "../support/bot-process.js";
import { freshPostgresUrl } from "../support/databases.js";
import { startFakeSlack, type FakeSlack, type RecordedCall } from "../support/fake-slack.js";
import { blockActionPayload, sendInteraction, sendSlashCommand } from "../support/slack-requests.js";

/**
 * No lost click (issue 12) with real processes: the bot as its own process on PostgreSQL, killed
 * with SIGKILL the instant Slack's request for a click is answered 200, and killed while it is
 * still deciding one. What Slack was told is what the database holds: a 200 means decided (a new
 * process sends what the decision has to say), no 200 means nothing was decided, and the click
 * counts once when clicked again.
 */
const ANNA = "UAIVDAN01";
const BRAM = "UAIVDLI01";

describe("a bot process killed around a click", () => {
  let fake: FakeSlack;
  let db: { url: string; drop: () => Promise<void> };
  let admin: pg.Client;
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
  const click = (url: string, value: string) =>
    sendInteraction(url, SIGNING_SECRET, blockActionPayload({ user_id: BRAM, action_id: "consent.approve", value, response_url: fake.responseUrl() }));
  const delivered = (channel: string) => fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel && c.response?.status === 200);
  const askValue = (call: RecordedCall) =>
    (call.body.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === "consent.approve")!.value;
  const until = async (check: () => boolean | Promise<boolean>, what: string, seconds = 10) => {
    for (const end = Date.now() + seconds * 1000; !(await check()); ) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const count = async (action: string) => (await admin.query(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE action = $1`, [action])).rows[0].n as number;
  /** No message waits in the outbox: a second copy, had there been one, would be on the fake. */
  const outboxEmpty = async () => (await admin.query(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE state = 'PENDING'`)).rows[0].n === 0;
  /** Only the test's own session is left on the database: a killed process's transaction has ended. */
  const onlyOurSession = async () =>
    (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows[0].n === 0;
  const askState = async (id: number) => (await admin.query(`SELECT state FROM "ConsentAsk" WHERE id = $1`, [id])).rows[0].state as string;
  /** Another session holds the audit chain's head row, which every decision locks first. */
  const holdAuditHead = async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "AuditHead" WHERE id = 1 FOR UPDATE`);
    return async () => {
      await holder.query("ROLLBACK");
      await holder.end();
    };
  };

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
    db = await freshPostgresUrl();
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    for (const p of processes) p.child.kill("SIGKILL");
    await admin?.end();
    await fake?.close();
    await db?.drop();
  });

  it("loses nothing when killed the instant it answered a click 200: the decision is in, and a new process sends its messages", { timeout: 90_000 }, async () => {
    const a = await start();
    expect(await say(a.url, ANNA, "submit 198.51.100.50")).toContain("Stored 1");
    expect(await say(a.url, ANNA, "disclose 198.51.100.50 to ncsc-ops purpose kill test")).toContain("R-1");
    await until(() => delivered(BRAM).length >= 1, "the consent question");
    const ask = askValue(delivered(BRAM)[0]);
    // The decision has to wait a moment, so that a bot answering before deciding would be seen
    // answering first; this one answers only once it has decided.
    const release = await holdAuditHead();
    const letGo = new Promise((r) => setTimeout(r, 300)).then(release);
    const answer = await click(a.url, ask).then((reply) => {
      a.child.kill("SIGKILL"); // the instant Slack has its 200
      return reply;
    });
    await letGo;
    await a.exited;
    expect(answer.status).toBe(200);
    expect(await count("consent.approved")).toBe(1);
    expect(await askState(Number(ask))).toBe("APPROVED");

    // What the decision has to say goes out from a new process on the same database, once.
    const b = await start();
    await until(() => delivered("C0NCSCOPS").length >= 1, "the release after the restart", 40);
    await until(async () => (await count("disclosure.delivered")) >= 1, "the delivery on record", 10);
    await until(outboxEmpty, "the outbox to empty");
    expect(delivered("C0NCSCOPS")).toHaveLength(1);
    expect(shownText(delivered("C0NCSCOPS")[0].body as never)).toContain("198.51.100.50");
    expect(await count("consent.approved")).toBe(1);
    expect(await count("disclosure.released")).toBe(1);
    b.child.kill("SIGTERM");
    await b.exited;
  });

  it("decides nothing when killed before it answered, and decides once when clicked again on a new process", { timeout: 90_000 }, async () => {
    fake.reset();
    const b = await start();
    expect(await say(b.url, ANNA, "submit 198.51.100.51")).toContain("Stored 1");
    expect(await say(b.url, ANNA, "disclose 198.51.100.51 to ncsc-ops purpose second kill test")).toContain("R-2");
    await until(() => delivered(BRAM).length >= 1, "the consent question");
    const ask = askValue(delivered(BRAM)[0]);
    const approvedBefore = await count("consent.approved");
    const release = await holdAuditHead();
    const pending = click(b.url, ask).then(
      (reply) => ({ status: reply.status }),
      (error: Error) => ({ error }),
    );
    // Once the decision waits for the head row, the process dies mid-decision.
    await until(async () => {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      return rows[0].n > 0;
    }, "the decision to wait for the lock");
    b.child.kill("SIGKILL");
    await b.exited;
    // Slack got no answer: it shows the clicker that the click failed. Nothing was decided.
    expect(await pending).toMatchObject({ error: expect.any(Error) });
    await release();
    await until(onlyOurSession, "the killed process's session to end on the server");
    expect(await count("consent.approved")).toBe(approvedBefore);
    expect(await askState(Number(ask))).toBe("PENDING");

    const c = await start();
    expect((await click(c.url, ask)).status).toBe(200);
    expect(await count("consent.approved")).toBe(approvedBefore + 1);
    expect(await askState(Number(ask))).toBe("APPROVED");
    await until(() => delivered("C0NCSCOPS").length >= 1, "the release", 40);
    c.child.kill("SIGTERM");
    await c.exited;
  });
});
