import type { AddressInfo } from "node:net";
import { startBot } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createCommandService } from "../src/core/command-service.js";
import { LANGUAGES } from "../src/core/i18n/language.js";
import { translator } from "../src/core/i18n/translator.js";
import { systemClock } from "../src/core/ports.js";
import type { Reply } from "../src/core/views/message.js";
import { createLogger } from "../src/logger.js";
import { openStore } from "../src/storage/database.js";
import { startFakeSlack } from "../test/support/fake-slack.js";
import { sendSlashCommand } from "../test/support/slack-requests.js";
import { indicator } from "./generate.js";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

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
 * receipt, on values `value` picks. The first WARM_UP look-ups are not timed: they load and
 * compile code and fill caches, which a running bot did long before; the figure is the steady
 * state an analyst meets. The look-ups are U0AIVD001's, an analyst, so each reply carries the
 * related records; `withRelated` says how many of the timed ones had any, without which the
 * figure says little about them.
 */
const WARM_UP = 200;
export const TIMED = 2000;
export async function lookupsInBot(databaseUrl: string, value: () => string) {
  // Opened as the bot opens it (src/app.ts).
  const store = await openStore(databaseUrl, { checkpointInBackground: { onError: (error) => console.error(error) } });
  const service = createCommandService({ store, clock: systemClock });
  const times: number[] = [];
  let withRelated = 0;
  for (let n = -WARM_UP; n < TIMED; n++) {
    const text = value();
    const started = process.hrtime.bigint();
    const reply = await service.handle({ platform: "slack", userId: "U0AIVD001", requestKey: `bench:${n}:${Math.random()}`, command: { name: "lookup", text }, text: `lookup ${text}` });
    if (n >= 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (n >= 0 && hasRelated(reply)) withRelated++;
  }
  await store.close();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), withRelated };
}

// The heading a look-up puts above related records, in either language a member reads.
const RELATED_HEADINGS = new Set(LANGUAGES.map((language) => translator(language).text("relations.lookup.heading")));
const hasRelated = (reply: Reply) => reply.kind === "message" && reply.view.blocks.some((b) => b.kind === "heading" && RELATED_HEADINGS.has(b.text));
