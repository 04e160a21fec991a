import type { AddressInfo } from "node:net";
import { startBot } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createCommandService } from "../src/core/command-service.js";
import { systemClock } from "../src/core/ports.js";
import { createLogger } from "../src/logger.js";
import { openStore } from "../src/storage/database.js";
import { startFakeSlack } from "../test/support/fake-slack.js";
import { sendSlashCommand } from "../test/support/slack-requests.js";
import { indicator } from "./generate.js";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * Look-up latency on a database of `count` indicators: inside the bot (the command service with
 * its transaction, audit entry and receipt), and over HTTP with 20 signed requests at once. The
 * first WARM_UP look-ups are not timed: they load and compile code and fill caches, which a
 * running bot did long before; the figure is the steady state an analyst meets.
 */
const WARM_UP = 200;
const TIMED = 2000;
export async function measureLookups(databaseUrl: string, count: number) {
  // Opened as the bot opens it (src/app.ts).
  const store = await openStore(databaseUrl, { checkpointInBackground: { onError: (error) => console.error(error) } });
  const service = createCommandService({ store, clock: systemClock });
  const times: number[] = [];
  for (let n = -WARM_UP; n < TIMED; n++) {
    const value = indicator(Math.floor(Math.random() * count)).value;
    const started = process.hrtime.bigint();
    await service.handle({ platform: "slack", userId: "U0AIVD001", requestKey: `bench:${n}:${Math.random()}`, command: { name: "lookup", text: value }, text: `lookup ${value}` });
    if (n >= 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  await store.close();
  times.sort((a, b) => a - b);

  const secret = "bench-signing-secret";
  const token = "xoxb-bench-token";
  const fake = await startFakeSlack({ botToken: token });
  const config = loadConfig({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: token, SLACK_API_URL: fake.apiUrl, HOST: "127.0.0.1", PORT: "0", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" });
  const bot = await startBot(config, createLogger("warn"), { apiRetries: 0 });
  const url = `http://127.0.0.1:${(bot.server!.address() as AddressInfo).port}/slack/events`;
  const answers = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const started = Date.now();
      const reply = await sendSlashCommand(url, secret, { user_id: "U0AIVD001", text: `lookup ${indicator(Math.floor(Math.random() * count)).value}` });
      if (reply.status !== 200) throw new Error(`lookup answered ${reply.status}`);
      return Date.now() - started;
    }),
  );
  await bot.stop();
  await fake.close();
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), concurrentMaxMs: Math.max(...answers) };
}
