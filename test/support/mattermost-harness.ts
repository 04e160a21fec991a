import { Writable } from "node:stream";
import { startBot, type RunningBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/core/ports.js";
import { createLogger } from "../../src/logger.js";
import { freePort } from "./bot-process.js";
import { freshSqliteUrl } from "./databases.js";
import { startFakeMattermost, type FakeMattermost } from "./fake-mattermost.js";
import { startFakeSlack, type FakeSlack } from "./fake-slack.js";
import { settleOutbox } from "./settle-outbox.js";

export const MM_BOT_TOKEN = "mmbottoken4e2e0000000000SECRET";
export const MM_COMMAND_TOKEN = "mmcommandtoken4e2e00000SECRET";
export const MM_ACTION_SECRET = "e2e-mattermost-action-secret-0123456789abcdef-SECRET";
export const SLACK_SIGNING_SECRET = "e2e-signing-secret-0123456789abcdef";
export const SLACK_BOT_TOKEN = "xoxb-e2e-0000000000-SECRETBOTTOKEN";
/** The recipient channels of directory-mattermost.yml, which the bot account was added to. */
export const RECIPIENT_CHANNELS = ["chncscopscentre00000000000", "chwaterbedrijfoost00000000"];

export interface MattermostTestBot {
  bot: RunningBot;
  fake: FakeMattermost;
  /** Present when the bot serves Slack as well. */
  slack?: FakeSlack;
  baseUrl: string;
  commandUrl: string;
  logs: Record<string, unknown>[];
  rawLogs: string[];
  /** `/ciic <text>` typed by a person, answered and checked by the fake. */
  command(userId: string, text: string, options?: { channelId?: string; headerToken?: string | null; token?: string }): ReturnType<FakeMattermost["command"]>;
  /** What a person reads of a command's answer, as plain text. */
  say(userId: string, text: string): Promise<string>;
  /** Sends what the outbox holds until nothing is due, so that updates after posts go out too. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the real bot (the same startBot as main.ts) with a fresh database, configured for
 * Mattermost against a local fake Mattermost server, and optionally for Slack against the Slack
 * fake. The bot's public URL must be known before it listens (Mattermost is given it for buttons
 * and dialogs), so a free port is picked first.
 */
export async function startMattermostTestBot(
  options: { directory?: string; logLevel?: string; clock?: Clock; databaseUrl?: string; withSlack?: boolean; channels?: string[]; commandTimeoutMs?: number } = {},
): Promise<MattermostTestBot> {
  const fake = await startFakeMattermost({ botToken: MM_BOT_TOKEN, channels: options.channels ?? RECIPIENT_CHANNELS });
  const slack = options.withSlack ? await startFakeSlack({ botToken: SLACK_BOT_TOKEN }) : undefined;
  const rawLogs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      rawLogs.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    MATTERMOST_URL: fake.url,
    MATTERMOST_BOT_TOKEN: MM_BOT_TOKEN,
    MATTERMOST_COMMAND_TOKEN: MM_COMMAND_TOKEN,
    MATTERMOST_ACTION_SECRET: MM_ACTION_SECRET,
    CIIC_PUBLIC_URL: baseUrl,
    ...(slack ? { SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL: slack.apiUrl } : {}),
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: options.databaseUrl ?? freshSqliteUrl(),
    CIIC_DIRECTORY: options.directory ?? "test/fixtures/directory-mattermost.yml",
    LOG_LEVEL: options.logLevel ?? "info",
    ...(options.commandTimeoutMs ? { CIIC_DB_COMMAND_TIMEOUT_MS: String(options.commandTimeoutMs) } : {}),
  });
  const bot = await startBot(config, createLogger(config.LOG_LEVEL, sink), { apiRetries: 0, clock: options.clock });
  const commandUrl = `${baseUrl}/mattermost/command`;
  const command: MattermostTestBot["command"] = (userId, text, opts = {}) => fake.command(commandUrl, opts.token ?? MM_COMMAND_TOKEN, userId, text, opts);
  return {
    bot,
    fake,
    slack,
    baseUrl,
    commandUrl,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    command,
    say: async (userId, text) => (await command(userId, text)).shown.map(seen).join("\n"),
    settle: () => settleOutbox(bot, options.clock),
    async stop() {
      await bot.stop();
      await fake.close();
      await slack?.close();
    },
  };
}

/**
 * Markdown as a reader sees it once Mattermost has rendered it: backslash escapes and emphasis
 * gone, code shown as its text. Code is taken verbatim, escapes are read outside code only.
 */
export function seen(markdown: string): string {
  return markdown
    .split(/(`[^`]*`)/)
    .map((piece, i) =>
      i % 2 === 1
        ? piece.slice(1, -1)
        : piece
            .replace(/(?<!\\)\*\*/g, "")
            .replace(/^#### /gm, "")
            .replace(/\\([\\*_{}[\]()<>#+\-.!|~$&=])/g, "$1"),
    )
    .join("");
}

/** The text of a message outside code spans: where Mattermost would find mentions and links. */
export const outsideCode = (markdown: string) => markdown.replace(/`[^`]*`/g, " ");
