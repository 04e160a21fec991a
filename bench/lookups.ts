import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBot } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startFakeSlack } from "../test/support/fake-slack.js";
import { sendSlashCommand } from "../test/support/slack-requests.js";
import { indicator } from "./generate.js";


/**
 * Look-up latency on a database of `count` indicators: inside the bot (lookupsInBot), and over
 * HTTP with 20 signed requests at once.
 */
export async function measureLookups(databaseUrl: string, count: number) {
  const value = () => indicator(Math.floor(Math.random() * count)).value;
  const { p50, p99 } = await lookupsInBot(databaseUrl, value);

  const secret = "bench-signing-secret";
  const token = "xoxb-bench-token";
  const fake = await startFakeSlack({ botToken: token });
  const config = loadConfig({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: token, SLACK_API_URL: fake.apiUrl, HOST: "127.0.0.1", PORT: "0", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" });
  const bot = await startBot(config, createLogger("warn"), { apiRetries: 0 });
  const url = `http://127.0.0.1:${(bot.server!.address() as AddressInfo).port}/slack/events`;
  const answers = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const started = Date.now();
      const reply = await sendSlashCommand(url, secret, { user_id: "U0AIVD001", text: `lookup ${value()}` });
      if (reply.status !== 200) throw new Error(`lookup answered ${reply.status}`);
      return Date.now() - started;
    }),
  );
  await bot.stop();
  await fake.close();
  return { p50, p99, concurrentMaxMs: Math.max(...answers) };
}

/**
 * Look-up latency inside the bot: the command service with its transaction, audit entry and
 * receipt, on values `value` picks, in a process of its own on the built bot (lookups-one.mjs),
 * as the bot runs. The first WARM_UP look-ups are not timed: they load and compile code and fill
 * caches, which a running bot did long before; the figure is the steady state an analyst meets.
 * A fresh process needs more of them than the bench's own, warm from earlier work, did: among
 * 1,000,000 related-mix items the p99 was 5.5–6.4 ms after 200 untimed, 3.9–4.4 ms after 2,000.
 * The look-ups are U0AIVD001's, an analyst, so each reply carries the related records;
 * `withRelated` says how many of the timed ones had any, without which the figure says little
 * about them.
 */
export const WARM_UP = 2000;
export const TIMED = 2000;
export async function lookupsInBot(databaseUrl: string, value: () => string): Promise<{ p50: number; p99: number; withRelated: number }> {
  const dir = mkdtempSync(join(tmpdir(), "ciic-bench-lookups-"));
  try {
    const values = join(dir, "values.json");
    writeFileSync(values, JSON.stringify(Array.from({ length: WARM_UP + TIMED }, value)));
    const out = execFileSync(process.execPath, ["bench/lookups-one.mjs", databaseUrl, values, String(WARM_UP)], { encoding: "utf8", maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split("\n").pop()!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
