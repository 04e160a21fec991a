import { Writable } from "node:stream";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startBot, type RunningBot } from "../../src/app.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { sqlitePath } from "../../src/storage/database.js";
import { BOT_TOKEN, SIGNING_SECRET, shownText } from "../support/bot-harness.js";
import { freshSqliteUrl } from "../support/databases.js";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.js";
import { sendSlashCommand } from "../support/slack-requests.js";
import { testClock, type TestClock } from "../support/test-clock.js";

/**
 * The operators' side of issue 12, in process: the settings, /readyz (database and outbox), the
 * metrics of commands by outcome, and the warning when the database did not answer in time.
 */
describe("operations settings", () => {
  const base = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN };

  it("defaults: a command's database time under Slack's three seconds, a stuck outbox after five minutes, no metrics", () => {
    const config = loadConfig(base);
    expect(config.CIIC_DB_COMMAND_TIMEOUT_MS).toBe(2500);
    expect(config.CIIC_READY_MAX_OUTBOX_AGE_S).toBe(300);
    expect(config.CIIC_PLATFORM_CALL_TIMEOUT_MS).toBe(10_000);
    expect(config.CIIC_SQLITE_SYNCHRONOUS).toBe("normal");
    expect(config.metrics).toBeUndefined();
  });

  it("binds the metrics to this machine unless the operator names an address", () => {
    expect(loadConfig({ ...base, CIIC_METRICS: "9464" }).metrics).toEqual({ host: "127.0.0.1", port: 9464 });
    expect(loadConfig({ ...base, CIIC_METRICS: "0.0.0.0:9464" }).metrics).toEqual({ host: "0.0.0.0", port: 9464 });
    expect(loadConfig({ ...base, CIIC_METRICS: "[::1]:9464" }).metrics).toEqual({ host: "::1", port: 9464 });
  });

  it("names each malformed setting", () => {
    let error: unknown;
    try {
      loadConfig({ ...base, CIIC_METRICS: "metrics.example", CIIC_DB_COMMAND_TIMEOUT_MS: "50", CIIC_READY_MAX_OUTBOX_AGE_S: "soon", CIIC_PLATFORM_CALL_TIMEOUT_MS: "10", CIIC_SQLITE_SYNCHRONOUS: "off" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toContain("CIIC_METRICS must be a port (9464) or host:port (0.0.0.0:9464)");
    expect(problems).toContain("CIIC_DB_COMMAND_TIMEOUT_MS");
    expect(problems).toContain("CIIC_READY_MAX_OUTBOX_AGE_S");
    expect(problems).toContain("CIIC_PLATFORM_CALL_TIMEOUT_MS");
    expect(problems).toContain("CIIC_SQLITE_SYNCHRONOUS must be normal or full");
    expect(() => loadConfig({ ...base, CIIC_METRICS: "99999" })).toThrow("CIIC_METRICS must name a port up to 65535");
  });
});

describe("health and metrics of a running bot", () => {
  let bot: RunningBot | undefined;
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await bot?.stop();
    await fake?.close();
    bot = fake = undefined;
  });

  async function start(env: Record<string, string>, clock: TestClock) {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean).map((l: string) => JSON.parse(l) as Record<string, unknown>));
        done();
      },
    });
    const databaseUrl = freshSqliteUrl();
    const config = loadConfig({
      ...{ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl, HOST: "127.0.0.1", PORT: "0" },
      ...{ DATABASE_URL: databaseUrl, CIIC_DIRECTORY: "test/fixtures/directory.yml", CIIC_OUTBOX_INTERVAL_MS: "600000", CIIC_DEADLINE_INTERVAL_MS: "3600000" },
      ...env,
    });
    bot = await startBot(config, createLogger("info", sink), { apiRetries: 0, clock });
    const url = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}`;
    const command = (text: string) => sendSlashCommand(`${url}/slack/events`, SIGNING_SECRET, { user_id: "UAIVDAN01", text });
    const metrics = async () => {
      const address = bot!.metricsServer!.address() as AddressInfo;
      return (await fetch(`http://127.0.0.1:${address.port}/metrics`)).text();
    };
    return { bot, url, command, metrics, lines, databaseUrl };
  }

  it("is not ready while a message has been due longer than CIIC_READY_MAX_OUTBOX_AGE_S, nor while it stops", async () => {
    const clock = testClock("2026-12-03T10:00:00Z");
    const { bot, url } = await start({ CIIC_READY_MAX_OUTBOX_AGE_S: "120" }, clock);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // A message due for ten minutes that nothing sent (the outbox loop is not running here).
    await bot.store.transaction((tx) =>
      tx.outbox.enqueue([{ kind: "post", to: { platform: "slack", kind: "channel", id: "C0CIIC000" }, view: { summary: "x", blocks: [] } }], new Date(clock.now().getTime() - 600_000)),
    );
    const stuck = await fetch(`${url}/readyz`);
    expect(stuck.status).toBe(503);
    expect(await stuck.json()).toMatchObject({
      ready: false,
      reason: "the outbox is stuck: a message has been due for 600 s (more than 120 s)",
      database: { ok: true },
      outbox: { pending: 1, oldestPendingAgeSeconds: 600, maxAgeSeconds: 120 },
    });
    await bot.dispatchOutbox();
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ ready: true, outbox: { pending: 0, oldestPendingAgeSeconds: 0 } });
    const stopping = bot.stop();
    expect(await bot.readiness()).toMatchObject({ ready: false, reason: "the bot is stopping" });
    await stopping;
  });

  it("counts commands by outcome, and warns when the database did not answer in time", async () => {
    const clock = testClock("2026-12-03T10:00:00Z");
    const { command, metrics, lines, databaseUrl } = await start({ CIIC_METRICS: "127.0.0.1:0", CIIC_DB_COMMAND_TIMEOUT_MS: "500" }, clock);
    expect(shownText((await command("submit 192.0.2.170")).json)).toContain("Stored 1");
    expect(shownText((await command("lookup")).json)).not.toContain("Stored");
    // Another process holds SQLite's write lock for longer than a command may wait.
    const other = new Database(sqlitePath(databaseUrl));
    other.exec("BEGIN IMMEDIATE");
    let refused: string;
    try {
      refused = shownText((await command("submit 192.0.2.171")).json);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(refused).toContain("Nothing was changed: the cell's database did not answer in time");
    const warning = lines.find((l) => String(l.msg).startsWith("the database did not answer in time"));
    expect(warning).toMatchObject({ level: 40, platform: "slack", command: "submit", code: "store.unavailable", inDoubt: false });
    expect(String(warning!.reason)).toContain("held the database's lock");

    const text = await metrics();
    expect(text).toContain('ciic_commands_total{command="submit",outcome="done",code_family=""} 1');
    expect(text).toContain('ciic_commands_total{command="submit",outcome="unavailable",code_family="store"} 1');
    expect(text).toMatch(/ciic_commands_total\{command="lookup",outcome="refused",code_family="\w+"\} 1/);
    expect(text).toMatch(/ciic_db_transaction_duration_seconds_count\{outcome="unavailable"\} 1/);
    expect(text).toMatch(/ciic_command_duration_seconds_count\{command="submit",outcome="unavailable"\} 1/);
  });
});
