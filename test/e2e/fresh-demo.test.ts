import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startDemoOver } from "../../src/adapters/local/fresh-demo.js";
import { ConfigError, DEMO_DATABASE_URL, loadConfig } from "../../src/config.js";
import { BOT_TOKEN, SIGNING_SECRET } from "../support/bot-harness.js";
import { freePort, waitForHealth } from "../support/bot-process.js";
import { buttons, deliveredItems, shown, type ApiBody } from "../support/local-workspace.js";

/**
 * The demo has a database of its own (./data/demo.db), and `npm start -- --fresh-demo` starts it
 * over, so that the README's walk-through, whose ids fit a fresh demo only, works
 * each time it is followed. The bot runs as `npm start` runs it, from a folder of its own, so
 * that ./data there is the test's.
 */
const folders: string[] = [];
/** Bots still running: a failed step leaves none behind. */
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe("the demo's own database", () => {
  it("is ./data/demo.db for the local workspace on the demo directory, unless DATABASE_URL is given", () => {
    expect(loadConfig({})).toMatchObject({ DATABASE_URL: DEMO_DATABASE_URL, demoDatabase: true });
    expect(loadConfig({ DATABASE_URL: "file:./data/mine.db" })).toMatchObject({ DATABASE_URL: "file:./data/mine.db", demoDatabase: false });
    // The cell's own stays where it was.
    expect(loadConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN })).toMatchObject({ DATABASE_URL: "file:./data/ciic.db", demoDatabase: false });
    expect(loadConfig({ CIIC_DIRECTORY: "examples/directory.yml", CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY: "1" })).toMatchObject({ DATABASE_URL: "file:./data/ciic.db", demoDatabase: false });
  });

  it("is the only one --fresh-demo deletes: any other start is refused, saying why, and nothing is deleted", async () => {
    const refusal = async (env: Record<string, string>) => {
      const error = await startDemoOver(loadConfig(env)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems.join("\n");
    };
    expect(await refusal({ DATABASE_URL: "file:./data/mine.db" })).toContain("DATABASE_URL names a database of your own (file:./data/mine.db); nothing was deleted");
    expect(await refusal({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN })).toContain("a chat platform is configured, so the bot serves no demo; nothing was deleted");
    expect(await refusal({ CIIC_DIRECTORY: "examples/directory.yml", CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY: "1" })).toContain("CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY is set");
  });

  it("is not deleted while something (the bot started before) listens on the port", async () => {
    const busy = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => busy.once("listening", r));
    const port = (busy.address() as { port: number }).port;
    const folder = mkdtempSync(join(tmpdir(), "ciic-demo-"));
    folders.push(folder);
    const cwd = process.cwd();
    try {
      process.chdir(folder);
      mkdirSync("data");
      writeFileSync("data/demo.db", "kept");
      const error = await startDemoOver(loadConfig({ PORT: String(port) })).catch((e: unknown) => e);
      expect((error as ConfigError).problems.join("\n")).toContain(`something is already listening on port ${port}`);
      expect(existsSync("data/demo.db")).toBe(true);
      busy.close();
      expect(await startDemoOver(loadConfig({ PORT: String(port) }))).toEqual([resolve("data/demo.db")]);
      expect(existsSync("data/demo.db")).toBe(false);
    } finally {
      process.chdir(cwd);
      busy.close();
    }
  });
});

/** The bot as `npm start` runs it (the build, dist/main.js, made current by test/build-setup.ts), in `cwd`, with the README's settings: none. */
async function startBotIn(cwd: string, args: string[] = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [resolve("dist/main.js"), ...args], { cwd, env: { PATH: process.env.PATH ?? "", PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d) => (output.stdout += d));
  child.stderr!.on("data", (d) => (output.stderr += d));
  running.add(child);
  const exited = new Promise((r) => child.on("exit", r)).finally(() => running.delete(child));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/healthz`, child, output);
  const post = async (path: string, body: object): Promise<ApiBody> => {
    const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ key: randomUUID(), ...body }) });
    return (await response.json()) as ApiBody;
  };
  const say = async (user: string, text: string) => shown((await post("/api/command", { user, text })).html);
  const messages = async (query: string) => (await (await fetch(`${base}/api/messages?${query}`)).json()) as ApiBody;
  /** Waits (the bot's outbox sends on its own) until `query`'s messages show `text`. */
  const waitFor = async (query: string, text: string) => {
    for (let i = 0; i < 100; i++) {
      const found = deliveredItems(await messages(query)).find((m) => shown(m).includes(text));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${query} never showed "${text}": ${shown((await messages(query)).html)}`);
  };
  const stop = async () => {
    child.kill("SIGINT");
    await exited;
  };
  return { say, post, waitFor, stop, output };
}

/** The README's "Try it locally" round, step by step, with the ids it names. */
async function readmeRound(bot: Awaited<ReturnType<typeof startBotIn>>) {
  expect(await bot.say("ncsc-liaison", "/ciic submit ncsc-only.example tlp:green")).toMatch(/Stored\s*1/);
  expect(await bot.say("aivd-analyst", "/ciic submit 198.51.100.10")).toMatch(/Stored\s*1/);
  expect(await bot.say("aivd-analyst", '/ciic analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.')).toContain("A-1");
  expect(await bot.say("aivd-analyst", "/ciic disclose A-1 to ncsc-ops purpose warn the sector")).toContain("R-1");
  for (const liaison of ["aivd-liaison", "ncsc-liaison"]) {
    const question = await bot.waitFor(`user=${liaison}`, "Consent asked: R-1");
    const approve = buttons(question).find((b) => b.label === "Approve")!;
    expect(shown((await bot.post("/api/action", { user: liaison, action: approve.action, value: approve.value })).html)).toContain("consent to R-1");
  }
  expect(shown(await bot.waitFor("channel=ncsc-ops", "Phishing wave"))).toContain("TLP:AMBER");
}

describe("npm start -- --fresh-demo", () => {
  it("lets the README's round be walked again, ids and all; a plain start keeps what was done", async () => {
    const folder = mkdtempSync(join(tmpdir(), "ciic-demo-"));
    folders.push(folder);
    const first = await startBotIn(folder);
    await readmeRound(first);
    await first.stop();
    expect(existsSync(join(folder, "data/demo.db"))).toBe(true);

    // A plain start keeps the demo: the next analysis is A-2.
    const kept = await startBotIn(folder);
    expect(await kept.say("aivd-analyst", '/ciic analysis title:"Again" 198.51.100.10 text: Same actor.')).toContain("A-2");
    await kept.stop();

    const fresh = await startBotIn(folder, ["--fresh-demo"]);
    expect(fresh.output.stdout).toContain("--fresh-demo: the demo's database was deleted; the demo starts over");
    await readmeRound(fresh);
    await fresh.stop();
  }, 120_000);

  it("refuses an unknown option, and says what it takes", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--fresh"], { env: { PATH: process.env.PATH ?? "", PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const code = await new Promise((r) => child.on("exit", r));
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--fresh'");
    expect(stderr).toContain("--fresh-demo   start the local workspace's demo over");
  });
});
