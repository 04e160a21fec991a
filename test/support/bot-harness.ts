import { Writable } from "node:stream";
import type { AddressInfo } from "node:net";
import { startBot, type RunningBot } from "../../src/app.js";
import { systemClock, type Clock } from "../../src/core/ports.js";
import { settleOutbox } from "./settle-outbox.js";
import { testClock } from "./test-clock.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startFakeSlack, type FakeSlack, type RecordedCall } from "./fake-slack.js";
import { freshSqliteUrl } from "./databases.js";
import { sendInteraction, sendSlashCommand, type SendOptions, type SlackReply } from "./slack-requests.js";

export const SIGNING_SECRET = "e2e-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-e2e-0000000000-SECRETBOTTOKEN";

export interface TestBot {
  bot: RunningBot;
  fake: FakeSlack;
  /** The bot's Slack endpoint, http://127.0.0.1:PORT/slack/events. */
  url: string;
  baseUrl: string;
  /** Every line the bot logged, parsed. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  /** The bot's clock (the test's, when it passed one). */
  clock: Clock;
  command(userId: string, text: string, options?: SendOptions & { trigger_id?: string }): Promise<SlackReply>;
  interact(payload: object, options?: SendOptions): Promise<SlackReply>;
  stop(): Promise<void>;
}

/**
 * Starts the real bot (the same startBot as main.ts) on a random loopback port, with a fresh
 * database and a local fake of the Slack Web API. Tests talk to it only over HTTP.
 */
export async function startTestBot(
  options: { databaseUrl?: string; directory?: string; logLevel?: string; clock?: Clock; fake?: FakeSlack; answerWithinMs?: number } = {},
): Promise<TestBot> {
  const fake = options.fake ?? (await startFakeSlack({ botToken: BOT_TOKEN }));
  const rawLogs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      rawLogs.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const config = loadConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: options.databaseUrl ?? freshSqliteUrl(),
    CIIC_DIRECTORY: options.directory ?? "test/fixtures/directory.yml",
    LOG_LEVEL: options.logLevel ?? "info",
  });
  const bot = await startBot(config, createLogger(config.LOG_LEVEL, sink), { apiRetries: 0, clock: options.clock, answerWithinMs: options.answerWithinMs });
  const port = (bot.server!.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const url = `${baseUrl}/slack/events`;
  return {
    bot,
    fake,
    url,
    baseUrl,
    rawLogs,
    clock: options.clock ?? systemClock,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    command: (userId, text, opts = {}) =>
      sendSlashCommand(url, SIGNING_SECRET, { user_id: userId, text, trigger_id: opts.trigger_id, response_url: fake.responseUrl() }, opts),
    interact: (payload, opts) => sendInteraction(url, SIGNING_SECRET, payload, opts),
    async stop() {
      await bot.stop();
      if (!options.fake) await fake.close();
    },
  };
}

/** All text a Slack message shows (top-level text and every block's text), for assertions. */
export function shownText(body: { text?: string; blocks?: unknown[] }): string {
  const parts: string[] = [body.text ?? ""];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "text" && typeof value === "string") parts.push(value);
        else walk(value);
      }
    }
  };
  walk(body.blocks ?? []);
  return parts.join("\n");
}

/** A clock the test moves by hand, so that deadlines pass without sleeping. */
export const manualClock = (start = new Date()) => testClock(start);

/**
 * What people see in Slack, as the end-to-end tests read it: the answer to a command, the
 * messages the bot posted to a person or channel, and their text. `current` gives the bot of
 * the running test (each test starts its own).
 */
export function slackView(current: () => TestBot) {
  return {
    say: async (user: string, text: string) => shownText((await current().command(user, text)).json),
    postsTo: (channel: string) => current().fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel && c.response?.status === 200),
    textOf: (call: RecordedCall) => shownText(call.body as never),
    /** Files the bot shared in its direct conversation with a member (Slack's D… id for them). */
    filesFor: (user: string) => current().fake.uploadedFiles.filter((f) => f.channel === `D${user}`),
    /** Runs the outbox until nothing is due: messages, then what their sending queued. */
    settle: () => settleOutbox(current().bot, current().clock),
  };
}
