import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.js";
import { freshPostgresUrl, freshSqliteUrl } from "../support/databases.js";
import { BOT_TOKEN, SIGNING_SECRET, shownText } from "../support/bot-harness.js";
import { sendSlashCommand } from "../support/slack-requests.js";
import { freePort, run, waitForHealth } from "../support/bot-process.js";

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
    /** The log lines a started bot wrote, parsed. */
    const logLines = (stdout: string) => stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string });
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
      const cli = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/ciic.ts", "directory", "load", "test/fixtures/directory.yml"], {
        env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl },
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
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = output.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["database ready", "directory in force", "ciic-bot listening", "command answered", "shutting down"]));
    expect(output.stdout).not.toContain(BOT_TOKEN);
    expect(output.stdout).not.toContain(db.url.split("@")[0].split(":").pop());
  });
});
