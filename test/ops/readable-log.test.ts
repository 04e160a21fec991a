import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { requestLogLevel } from "../../src/request-log.js";
import { freePort } from "../support/bot-process.js";
import { freshSqliteUrl } from "../support/databases.js";

/**
 * The operators' log: JSON lines when read by a program, one readable line an entry in a
 * terminal, tokens hidden in both; the local workspace's waits for news and the probes at debug.
 */
function sink() {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => written.join("") };
}

const SECRETS = { token: "xoxb-111-secret", config: { SLACK_BOT_TOKEN: "xoxb-222-secret", MATTERMOST_ACTION_SECRET: "action-333-secret" }, request: { headers: { authorization: "Bearer 444-secret" } } };

describe("the operators' log", () => {
  it("writes JSON lines unless asked for readable ones", () => {
    const out = sink();
    createLogger("info", out.stream).info({ user: "U1" }, "command answered");
    expect(JSON.parse(out.text())).toMatchObject({ level: 30, msg: "command answered", user: "U1", service: "ciic-bot" });
  });

  it("writes one readable line an entry for a terminal: time, level, message, then the fields", () => {
    const out = sink();
    const logger = createLogger("info", out.stream, { readable: true });
    logger.info({ user: "U1", ms: 12 }, "command answered");
    logger.warn("the outbox is slow");
    const lines = out.text().split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: command answered \{"user":"U1","ms":12\}$/);
    expect(lines[1]).toMatch(/WARN: the outbox is slow$/);
    // Not a colour code in it: the sink is no terminal.
    expect(out.text()).not.toContain("\u001b[");
  });

  it("never writes a token, in either form", () => {
    for (const readable of [false, true]) {
      const out = sink();
      createLogger("debug", out.stream, { readable }).info(SECRETS, "started");
      expect(out.text()).toContain("[redacted]");
      expect(out.text()).not.toMatch(/secret/);
    }
  });

  it("logs the page's waits for news, its files and the probes at debug when they went as expected", () => {
    for (const path of ["/api/messages", "/api/people", "/static/workspace.js", "/static/workspace.css", "/favicon.ico", "/healthz", "/readyz", "/metrics"]) {
      expect(requestLogLevel({ method: "GET", path, status: 200 }), path).toBe("debug");
    }
    expect(requestLogLevel({ method: "GET", path: "/api/messages", status: 503 })).toBe("info");
    expect(requestLogLevel({ method: "GET", path: "/readyz", status: 503 })).toBe("info");
    for (const path of ["/api/command", "/api/form", "/api/action", "/api/import"]) expect(requestLogLevel({ method: "POST", path, status: 200 }), path).toBe("info");
    expect(requestLogLevel({ method: "GET", path: "/", status: 200 })).toBe("info");
    expect(requestLogLevel({ method: "GET", path: "/api/files/:id", status: 200 })).toBe("info");
  });
});

/** Runs the bot from source until it says where the workspace is; `terminal` gives it one (script(1)). */
async function firstLines(terminal: boolean): Promise<string> {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? "", PORT: String(port), DATABASE_URL: freshSqliteUrl(), TERM: "dumb" };
  const bot = "node dist/main.js";
  const child = terminal ? spawn("script", ["-qfec", bot, "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] }) : spawn("node", ["dist/main.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  try {
    for (let i = 0; i < 300 && !out.includes("local workspace at"); i++) await new Promise((r) => setTimeout(r, 100));
  } finally {
    // script(1) passes the interrupt on to the bot through the terminal; without one, a signal.
    if (terminal) child.stdin!.write("\u0003");
    else child.kill("SIGINT");
    await exited;
  }
  return out;
}

describe("the bot's own log, as started", () => {
  it("is readable in a terminal and JSON in a pipe", async () => {
    const inTerminal = await firstLines(true);
    expect(inTerminal).toMatch(/INFO: ciic-bot listening/);
    expect(inTerminal).toMatch(/INFO: local workspace at http:\/\/127\.0\.0\.1:\d+\//);
    expect(inTerminal).not.toContain('"level":');
    const piped = await firstLines(false);
    const lines = piped.split("\n").filter(Boolean);
    expect(lines.find((l) => l.includes("local workspace at"))).toMatch(/^\{"level":30,/);
    expect(lines.every((l) => l.startsWith("{"))).toBe(true);
  }, 60_000);
});
