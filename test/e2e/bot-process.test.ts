import { execFile } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.js";
import { freshPostgresUrl, freshSqliteUrl } from "../support/databases.js";
import { BOT_TOKEN, SIGNING_SECRET, shownText } from "../support/bot-harness.js";
import { sendSlashCommand } from "../support/slack-requests.js";
import { freePort, logLines, run, stopWithin, waitForHealth } from "../support/bot-process.js";
import { testKey } from "../support/test-master-key.js";
import { startTcpProxy, throughProxy } from "../support/tcp-proxy.js";

describe("the bot's own process", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it("refuses to start with half of Slack's settings and says exactly what to set", async () => {
    const { output, exited } = run({ SLACK_BOT_TOKEN: BOT_TOKEN, DATABASE_URL: "file:/tmp/ciic-never-created/x.db" });
    expect(await exited).toBe(2);
    expect(output.stderr).toContain("SLACK_SIGNING_SECRET is not set");
    expect(output.stderr).not.toContain("SLACK_BOT_TOKEN is not set");
    expect(output.stderr).toContain("manifest.yml");
    expect(output.stderr).not.toContain(BOT_TOKEN);
    expect(output.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("says what to do when its port is taken, as by a bot started before", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
    const port = (taken.address() as AddressInfo).port;
    const { output, exited } = run({ PORT: String(port), DATABASE_URL: freshSqliteUrl() });
    expect(await exited).toBe(1);
    expect(output.stderr).toContain(`Another program listens on port ${port} on 127.0.0.1`);
    expect(output.stderr).toContain("PORT=3001 npm start");
  });

  it("refuses to serve the login-less local workspace on PostgreSQL, the production database", async () => {
    const { output, exited } = run({ DATABASE_URL: "postgresql://nobody:never@127.0.0.1:1/none" });
    expect(await exited).toBe(2);
    expect(output.stderr).toContain("the local workspace (which has no login) runs only on SQLite");
    expect(output.stderr).not.toContain("never");
  });

  it("refuses an incomplete Mattermost set the same way", async () => {
    const { output, exited } = run({ MATTERMOST_URL: "http://127.0.0.1:8065", DATABASE_URL: "file:/tmp/ciic-never-created/x.db" });
    expect(await exited).toBe(2);
    for (const name of ["MATTERMOST_BOT_TOKEN", "MATTERMOST_COMMAND_TOKEN", "MATTERMOST_ACTION_SECRET", "CIIC_PUBLIC_URL"]) expect(output.stderr).toContain(`${name} is not set`);
  });

  it("names every malformed setting at once", async () => {
    const { output, exited } = run({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "not-a-token", PORT: "http", DATABASE_URL: "mysql://x" });
    expect(await exited).toBe(2);
    expect(output.stderr).toContain("SLACK_BOT_TOKEN must be a bot token");
    expect(output.stderr).toContain("PORT");
    expect(output.stderr).toContain("DATABASE_URL must start with file: (SQLite) or postgres://");
    expect(output.stderr).not.toContain("not-a-token");
  });

  describe("the login-less local workspace and the cell's real directory", () => {
    const REFUSAL = "set CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY=1";
    /** Starts the bot's process as an operator would, waits until it serves, and gives its page. */
    async function startWorkspace(env: Record<string, string>) {
      const port = await freePort();
      const started = run({ PORT: String(port), ...env });
      cleanups.push(async () => started.child.kill("SIGKILL"));
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, started.child, started.output);
      const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      return { ...started, port, page };
    }
    const bar = (page: string) => /<p id="real-directory-banner"[^>]*>/.exec(page)?.[0];

    it("refuses to start on a directory file without the operator's setting, and says what to set", async () => {
      const { output, exited } = run({ DATABASE_URL: freshSqliteUrl(), CIIC_DIRECTORY: "test/fixtures/directory.yml" });
      expect(await exited).toBe(2);
      expect(output.stderr).toContain("CIIC_DIRECTORY names a directory (test/fixtures/directory.yml)");
      expect(output.stderr).toContain("anyone using this machine could act as any member of it, approvals included");
      expect(output.stderr).toContain(REFUSAL);
      expect(output.stderr).not.toMatch(/at .*\.ts:\d+/);
    });

    it("refuses to start on a database that holds a directory loaded with the CLI, without the setting", async () => {
      const databaseUrl = freshSqliteUrl();
      const cli = await promisify(execFile)(process.execPath, ["dist/cli/ciic.js", "directory", "load", "test/fixtures/directory.yml"], {
        // The same master key as the bot it starts next (bot-process.ts), as an operator sets both.
        env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, ...testKey() },
      });
      expect(cli.stdout).toContain("in force as version 1");
      const { output, exited } = run({ DATABASE_URL: databaseUrl });
      expect(await exited).toBe(2);
      expect(output.stderr).toContain("The database holds the cell's own directory (version 1, from test/fixtures/directory.yml)");
      expect(output.stderr).toContain(REFUSAL);
    });

    it("starts on the real directory when the operator sets it, with a warning in the log and a warning bar on the page", async () => {
      const bot = await startWorkspace({ DATABASE_URL: freshSqliteUrl(), CIIC_DIRECTORY: "test/fixtures/directory.yml", CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY: "1" });
      expect(bar(bot.page)).toBe('<p id="real-directory-banner" class="warning" role="alert">');
      expect(bot.page).toContain("No login, on the cell's own directory.");
      const people = (await (await fetch(`http://127.0.0.1:${bot.port}/api/people`)).json()) as { demo: boolean; members: number };
      expect(people.demo).toBe(false);
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      const warning = logLines(bot.output.stdout).find((l) => l.msg.includes("CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY is set"));
      expect(warning).toMatchObject({ level: 40 });
      expect(warning!.msg).toContain("NO LOGIN");
      expect(warning!.msg).toContain("approvals included");
    });

    it("starts as before with the built-in demo directory: no setting needed, no warning bar", async () => {
      const bot = await startWorkspace({ DATABASE_URL: freshSqliteUrl() });
      expect(bar(bot.page)).toBe('<p id="real-directory-banner" class="warning" role="alert" hidden>');
      const people = (await (await fetch(`http://127.0.0.1:${bot.port}/api/people`)).json()) as { demo: boolean };
      expect(people.demo).toBe(true);
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      const messages = logLines(bot.output.stdout).map((l) => l.msg);
      expect(messages.some((m) => m.includes("DEMO directory"))).toBe(true);
      expect(messages.some((m) => m.includes("CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY"))).toBe(false);
    });

    it("names a malformed setting", async () => {
      const { output, exited } = run({ DATABASE_URL: freshSqliteUrl(), CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY: "maybe" });
      expect(await exited).toBe(2);
      expect(output.stderr).toContain("CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY must be 1 (yes) or 0 (no)");
    });
  });

  it("starts on PostgreSQL, serves Slack and the health check, and stops cleanly on SIGTERM", async () => {
    const fake: FakeSlack = await startFakeSlack({ botToken: BOT_TOKEN });
    const db = await freshPostgresUrl();
    cleanups.push(() => fake.close(), db.drop);
    const port = await freePort();
    const { child, output, exited } = run({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: db.url,
      CIIC_DIRECTORY: "test/fixtures/directory.yml",
    });
    cleanups.push(async () => child.kill("SIGKILL"));
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, output);
    const reply = await sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, { user_id: "UAIVDAN01", text: "submit 192.0.2.150" });
    expect(reply.status).toBe(200);
    expect(shownText(reply.json)).toContain("Stored 1");
    // Ready, and no metrics unless the operator asks for them.
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: { ok: true }, outbox: { oldestPendingAgeSeconds: 0, maxAgeSeconds: 300 } });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = output.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["database ready", "directory in force", "ciic-bot listening", "command answered", "shutting down", "stopped"]));
    expect(lines.map((l) => l.msg)).not.toContain("metrics at /metrics");
    expect(output.stdout).not.toContain(BOT_TOKEN);
    expect(output.stdout).not.toContain(db.url.split("@")[0].split(":").pop());
  });

  describe("health, metrics and stopping (issue 12)", () => {
    /** The Slack settings of a process against `apiUrl`, on a free port. */
    async function slackProcess(env: Record<string, string>) {
      const port = await freePort();
      const started = run({
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        HOST: "127.0.0.1",
        PORT: String(port),
        CIIC_DIRECTORY: "test/fixtures/directory.yml",
        ...env,
      });
      cleanups.push(async () => started.child.kill("SIGKILL"));
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, started.child, started.output);
      const command = (text: string, responseUrl?: string) =>
        sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, { user_id: "UAIVDAN01", text, response_url: responseUrl });
      return { ...started, port, command };
    }

    it("answers /readyz, and serves Prometheus metrics on a listener of its own when CIIC_METRICS says so", async () => {
      const fake = await startFakeSlack({ botToken: BOT_TOKEN });
      cleanups.push(() => fake.close());
      const metricsPort = await freePort();
      const bot = await slackProcess({ SLACK_API_URL: fake.apiUrl, DATABASE_URL: freshSqliteUrl(), CIIC_METRICS: `127.0.0.1:${metricsPort}`, CIIC_DEADLINE_INTERVAL_MS: "200" });
      expect(shownText((await bot.command("submit 192.0.2.160")).json)).toContain("Stored 1");
      expect(shownText((await bot.command("frobnicate")).json)).toContain("is not a command of this bot");
      // An export goes out as a file through the outbox: a sent message to count.
      expect(shownText((await bot.command("export format:csv")).json)).toContain("1 item is on its way to your direct messages");
      await fake.waitFor("files.completeUploadExternal", 1, 10_000);

      const ready = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { ready: boolean; database: { ok: boolean; latencyMs: number }; outbox: { pending: number; oldestPendingAgeSeconds: number; maxAgeSeconds: number } };
      expect(body).toMatchObject({ ready: true, database: { ok: true }, outbox: { oldestPendingAgeSeconds: 0, maxAgeSeconds: 300 } });
      expect(body.database.latencyMs).toBeLessThan(1000);
      expect(typeof body.outbox.pending).toBe("number");

      // Not on the port the chat platforms reach.
      expect((await fetch(`http://127.0.0.1:${bot.port}/metrics`)).status).toBe(404);
      let text = "";
      // The sent file is counted once its outcome is recorded, a moment after the upload; the
      // deadline scheduler's first round may come after that on a busy machine: wait for both.
      const counted = (t: string) => /ciic_outbox_events_total\{kind="sent",platform="slack"\} [1-9]/.test(t) && /^ciic_deadline_runs_total\{outcome="ok"\} [1-9]/m.test(t);
      for (let i = 0; i < 100 && !counted(text); i++) {
        const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
        expect(scraped.status).toBe(200);
        expect(scraped.headers.get("content-type")).toContain("text/plain");
        text = await scraped.text();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(text).toContain('ciic_commands_total{command="submit",outcome="done",code_family=""} 1');
      expect(text).toContain('ciic_commands_total{command="unknown",outcome="refused",code_family="command"} 1');
      expect(text).toContain('ciic_commands_total{command="export",outcome="done",code_family=""} 1');
      expect(text).toMatch(/ciic_command_duration_seconds_bucket\{le="3",command="submit",outcome="done"\} 1/);
      expect(text).toMatch(/ciic_outbox_events_total\{kind="sent",platform="slack"\} 1/);
      expect(text).toMatch(/^ciic_outbox_pending_messages \d+$/m);
      expect(text).toMatch(/^ciic_outbox_oldest_pending_age_seconds 0$/m);
      expect(text).toMatch(/^ciic_deadline_runs_total\{outcome="ok"\} [1-9]/m);
      expect(text).toMatch(/^ciic_db_transaction_duration_seconds_count\{outcome="ok"\} [1-9]/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
      // Figures only: no member, value or token.
      for (const secret of ["UAIVDAN01", "192.0.2.160", BOT_TOKEN]) expect(text).not.toContain(secret);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);

      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      expect(logLines(bot.output.stdout).find((l) => l.msg === "metrics at /metrics")).toMatchObject({ host: "127.0.0.1", port: metricsPort });
    });

    it("stops within 10 s, with code 0 and a log line, while Slack hangs every call", async () => {
      // A Slack that takes every call and never answers.
      const held: IncomingMessage[] = [];
      const hanging = createServer((req) => void held.push(req));
      await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
      cleanups.push(async () => {
        hanging.closeAllConnections();
        await new Promise((resolve) => hanging.close(resolve));
      });
      const db = await freshPostgresUrl();
      cleanups.push(db.drop);
      const bot = await slackProcess({ SLACK_API_URL: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/api/`, DATABASE_URL: db.url });
      expect(shownText((await bot.command("submit 192.0.2.161")).json)).toContain("Stored 1");
      expect(shownText((await bot.command("export format:csv")).json)).toContain("1 item is on its way to your direct messages");
      // The outbox is sending the file, and Slack does not answer.
      for (let i = 0; i < 100 && held.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(held.length).toBeGreaterThan(0);

      const { code, ms } = await stopWithin(bot, "SIGTERM");
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      const lines = logLines(bot.output.stdout);
      expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ level: 30, signal: "SIGTERM" });
      expect(lines.find((l) => l.msg.startsWith("stopped with work under way"))).toMatchObject({ level: 40, unfinished: expect.arrayContaining(["outbox"]) });
    });

    /** A bot on a fresh PostgreSQL database reached through a proxy the test can cut, and a fake Slack. */
    async function botBehindProxy() {
      const fake = await startFakeSlack({ botToken: BOT_TOKEN });
      const db = await freshPostgresUrl();
      const target = new URL(db.url);
      const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      cleanups.push(() => fake.close(), () => proxy.close(), db.drop);
      const bot = await slackProcess({ SLACK_API_URL: fake.apiUrl, DATABASE_URL: throughProxy(db.url, proxy) });
      return { fake, proxy, bot };
    }

    it("refuses a command in time while the database hangs, works once it answers, and stops within 10 s while it hangs", async () => {
      const { fake, proxy, bot } = await botBehindProxy();
      expect(shownText((await bot.command("submit 192.0.2.162")).json)).toContain("Stored 1");

      proxy.freeze();
      let started = Date.now();
      const notReady = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ ready: false, reason: "the database did not answer: no answer within 1000 ms", database: { ok: false } });
      // Slack's adapter acknowledges a command still running at 2 s with "Working on it…" and
      // replaces that line through the response URL: the refusal must be there within 3 s.
      started = Date.now();
      const acknowledged = await bot.command("submit 192.0.2.163", fake.responseUrl("refused"));
      expect(acknowledged.status).toBe(200);
      const [replaced] = await fake.waitFor("response_url", 1, 5000);
      expect(replaced.at - started).toBeLessThan(3000);
      expect(shownText(replaced.body as never)).toContain("Nothing was changed: the cell's database did not answer in time. Please type the command again in a moment.");
      const warning = logLines(bot.output.stdout).find((l) => l.msg.startsWith("the database did not answer in time"));
      expect(warning).toMatchObject({ level: 40, command: "submit", code: "store.unavailable", inDoubt: false });

      proxy.thaw();
      expect(shownText((await bot.command("submit 192.0.2.164")).json)).toContain("Stored 1");
      expect((await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status).toBe(200);

      // Hung again, with a command waiting for it, when the operator stops the bot.
      proxy.freeze();
      const waiting = bot.command("submit 192.0.2.165").catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { code, ms } = await stopWithin(bot, "SIGTERM");
      await waiting;
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      expect(logLines(bot.output.stdout).find((l) => l.msg === "stopped")).toMatchObject({ signal: "SIGTERM" });
      // Its own bounds (3 s, 10 s) are the test; the whole takes 13–14 s on a quiet machine, the
      // stop alone some 7 s while the database hangs, so the suite's 20 s cut it off under load.
    }, 40_000);

    it("stops with code 0 when the database comes back and cuts its connections in the middle of the stop", async () => {
      const { proxy, bot } = await botBehindProxy();
      expect(shownText((await bot.command("submit 192.0.2.166")).json)).toContain("Stored 1");

      // The database hangs with commands waiting on it; the operator stops the bot; while it stops,
      // the network gives up on the hung connections (as TCP does once a partition outlasts its
      // retries): every statement under way fails at once. (The fault suite saw such a stop end
      // with code 1, Prisma's ROLLBACK failing unhandled: see src/ops/unhandled-rejections.ts.)
      // The commands are answered "did not answer in time" at 2.5 s; their transactions are left
      // to end on their own, and still hang when the stop begins.
      proxy.hang();
      const waiting = [bot.command("submit 192.0.2.167"), bot.command("lookup 192.0.2.166")].map((c) => c.catch(() => undefined));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const stopping = stopWithin(bot, "SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 4000));
      proxy.restore();
      const { code, ms } = await stopping;
      await Promise.all(waiting);
      expect(bot.output.stderr).not.toContain("Connection terminated");
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      expect(logLines(bot.output.stdout).find((l) => l.msg === "stopped")).toMatchObject({ signal: "SIGTERM" });
    }, 40_000);
  });
});
