import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import { createSlackChatPort } from "./adapters/slack/slack-chat-port.js";
import { createSlackApp } from "./adapters/slack/slack-app.js";
import { runDeadlines } from "./core/disclosure/run-deadlines.js";
import { importFile } from "./core/formats/import-file.js";
import { createOutboxDispatcher } from "./core/outbox/dispatch-outbox.js";
import { periodic } from "./periodic.js";
import type { Config } from "./config.js";
import { createCommandService } from "./core/command-service.js";
import { systemClock, type Clock, type Store } from "./core/ports.js";
import { loadDirectory } from "./core/use-cases/load-directory.js";
import type { Logger } from "./logger.js";
import { databaseKind, openStore } from "./storage/database.js";

export interface RunningBot {
  store: Store;
  /** Sends what the outbox holds now (also runs on its own every CIIC_OUTBOX_INTERVAL_MS). */
  dispatchOutbox(): Promise<void>;
  /** Expires, reminds and escalates now (also runs every CIIC_DEADLINE_INTERVAL_MS). */
  runDeadlines(): Promise<void>;
  /** The HTTP server in HTTP mode (port 0 in tests: read the real port from it). */
  server?: Server;
  stop(): Promise<void>;
}

/**
 * Wires the bot together: storage, the directory from CIIC_DIRECTORY, the core's command service
 * and the Slack adapter. Used by main.ts and by the end-to-end tests, so both start the same bot.
 */
export async function startBot(config: Config, logger: Logger, options: { clock?: Clock; apiRetries?: number } = {}): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  const store = await openStore(config.DATABASE_URL);
  logger.info({ database: databaseKind(config.DATABASE_URL) }, "database ready");
  if (config.CIIC_DIRECTORY) {
    const text = await readFile(config.CIIC_DIRECTORY, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new Error(`CIIC_DIRECTORY names ${config.CIIC_DIRECTORY}, which cannot be read (${error.code ?? error.message})`);
    });
    const outcome = await loadDirectory({ store, clock }, { text, source: config.CIIC_DIRECTORY, actor: "system:start" });
    if (outcome.ok) {
      logger.info({ version: outcome.version, members: outcome.members, unchanged: outcome.unchanged }, "directory in force");
    } else {
      // The previous directory stays in force; the problems go to the operator.
      logger.error({ problems: outcome.problems }, "directory file refused; the previous directory stays in force");
    }
  }
  const core = createCommandService({ store, clock });
  const dispatcher = createOutboxDispatcher({
    store,
    clock,
    ports: { slack: createSlackChatPort({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL, logger }) },
  });
  const outbox = periodic("outbox", config.CIIC_OUTBOX_INTERVAL_MS, () => dispatcher.dispatchOnce(), logger);
  const deadlines = periodic("deadlines", config.CIIC_DEADLINE_INTERVAL_MS, () => runDeadlines({ store, clock }).then(() => outbox.wake()), logger);
  // Messages a command wrote to the outbox go out right after it, not at the next tick.
  const service: typeof core = {
    ...core,
    handle: async (request) => {
      const reply = await core.handle(request);
      void outbox.wake();
      return reply;
    },
  };
  const slack = createSlackApp({
    settings: {
      signingSecret: config.SLACK_SIGNING_SECRET,
      botToken: config.SLACK_BOT_TOKEN,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      apiRetries: options.apiRetries,
    },
    service,
    importer: (request) => importFile({ store, clock }, request),
    logger,
  });
  const server = await slack.start(config.PORT, config.HOST);
  return {
    store,
    server,
    dispatchOutbox: outbox.wake,
    runDeadlines: deadlines.wake,
    async stop() {
      await slack.stop();
      await outbox.stop();
      await deadlines.stop();
      await store.close();
    },
  };
}
