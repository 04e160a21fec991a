import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import { createSlackApp } from "./adapters/slack/slack-app.js";
import type { Config } from "./config.js";
import { createCommandService } from "./core/command-service.js";
import { systemClock, type Clock, type Store } from "./core/ports.js";
import { loadDirectory } from "./core/use-cases/load-directory.js";
import type { Logger } from "./logger.js";
import { databaseKind, openStore } from "./storage/database.js";

export interface RunningBot {
  store: Store;
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
  const service = createCommandService({ store, clock });
  const slack = createSlackApp({
    settings: {
      signingSecret: config.SLACK_SIGNING_SECRET,
      botToken: config.SLACK_BOT_TOKEN,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      apiRetries: options.apiRetries,
    },
    service,
    logger,
  });
  const server = await slack.start(config.PORT, config.HOST);
  return {
    store,
    server,
    async stop() {
      await slack.stop();
      await store.close();
    },
  };
}
