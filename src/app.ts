import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { Platform } from "./core/directory/types.js";
import type { ChatPort } from "./core/outbox/outbound.js";
import { close, createHttpServer, listen, type HttpRoute } from "./http-server.js";
import { createSlackChatPort } from "./adapters/slack/slack-chat-port.js";
import { createSlackApp } from "./adapters/slack/slack-app.js";
import { createMattermostApp } from "./adapters/mattermost/mattermost-app.js";
import { isDemoDirectory, loadDemoDirectoryIfNone } from "./adapters/local/demo-directory.js";
import { createLocalWorkspace } from "./adapters/local/local-workspace.js";
import { LOCAL_WORKSPACE_HOST } from "./adapters/local/request-guard.js";
import { runDeadlines } from "./core/disclosure/run-deadlines.js";
import { carryOutWithdrawals } from "./core/covenant-life/carry-out-withdrawals.js";
import { importFile } from "./core/formats/import-file.js";
import { createOutboxDispatcher } from "./core/outbox/dispatch-outbox.js";
import { periodic } from "./periodic.js";
import { ConfigError, REAL_DIRECTORY_REFUSAL, type Config } from "./config.js";
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
  /** The HTTP server (port 0 in tests: read the real port from it). */
  server: Server;
  /** What the server serves, for the start-up log line. */
  serves: string[];
  stop(): Promise<void>;
}

/**
 * Wires the bot together: storage, the directory from CIIC_DIRECTORY, the core's command service
 * and the adapter of each configured chat platform, all on one HTTP server. Used by main.ts and
 * by the end-to-end tests, so both start the same bot.
 */
export async function startBot(config: Config, logger: Logger, options: { clock?: Clock; apiRetries?: number; answerWithinMs?: number } = {}): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  const store = await openStore(config.DATABASE_URL, {
    checkpointInBackground: { onError: (error) => logger.warn({ err: error }, "the SQLite checkpoint thread failed; the database's own checkpoint, at 10,000 pages, remains") },
  });
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
  if (config.localWorkspace) {
    await admitLocalWorkspaceDirectory(store, clock, config, logger).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
  } else if (config.localWorkspaceRealDirectory) {
    logger.warn("CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY is ignored: the local workspace runs only when no chat platform is configured");
  }
  const core = createCommandService({ store, clock });
  // Each adapter adds its HTTP paths and its way of sending; the outbox reaches every platform.
  const routes: HttpRoute[] = [];
  const ports: Partial<Record<Platform, ChatPort>> = {};
  const adapters: { start(): Promise<void>; stop(): Promise<void> }[] = [];
  const serves: string[] = [];
  const dispatcher = createOutboxDispatcher({ store, clock, ports });
  const outbox = periodic("outbox", config.CIIC_OUTBOX_INTERVAL_MS, () => dispatcher.dispatchOnce(), logger);
  const deadlines = periodic("deadlines", config.CIIC_DEADLINE_INTERVAL_MS, async () => {
    await runDeadlines({ store, clock });
    await carryOutWithdrawals({ store, clock });
    await outbox.wake();
  }, logger);
  // Messages a command wrote to the outbox go out right after it, not at the next tick.
  const service: typeof core = {
    ...core,
    handle: async (request) => {
      const reply = await core.handle(request);
      void outbox.wake();
      return reply;
    },
  };
  const importer = (request: Parameters<typeof importFile>[1]) => importFile({ store, clock }, request);
  if (config.slack) {
    const slack = createSlackApp({ settings: { ...config.slack, apiRetries: options.apiRetries, answerWithinMs: options.answerWithinMs }, service, importer, logger });
    ports.slack = createSlackChatPort({ token: config.slack.botToken, apiUrl: config.slack.apiUrl, logger });
    if (slack.route) routes.push(slack.route);
    adapters.push(slack);
    serves.push(config.slack.appToken ? "slack (socket mode)" : "slack: /slack/events");
  }
  if (config.mattermost) {
    const mattermost = createMattermostApp({ settings: config.mattermost, service, importer, logger });
    ports.mattermost = mattermost.port;
    routes.push(mattermost.route);
    adapters.push(mattermost);
    serves.push("mattermost: /mattermost/command, /mattermost/action, /mattermost/dialog");
  }
  if (config.localWorkspace) {
    // No chat platform configured: the browser workspace on this machine, for trying and
    // training, on the directory admitted above. It has no login, so it listens on 127.0.0.1
    // whatever HOST says (see listen below).
    const local = createLocalWorkspace({ service, store, importer, logger, realDirectory: config.localWorkspaceRealDirectory });
    ports.local = local.port;
    routes.push(local.route);
    serves.push("local workspace: /");
    if (config.hostGiven && !["127.0.0.1", "localhost"].includes(config.HOST)) {
      logger.warn({ host: config.HOST }, "HOST is ignored: the local workspace has no login, so it listens on 127.0.0.1 only");
    }
  }
  await warnOfUnreachableMembers(store, Object.keys(ports) as Platform[], logger);
  const server = createHttpServer(routes, (error) => logger.error({ err: error }, "request failed"));
  await listen(server, config.PORT, config.localWorkspace ? LOCAL_WORKSPACE_HOST : config.HOST);
  for (const adapter of adapters) await adapter.start();
  return {
    store,
    server,
    serves,
    dispatchOutbox: outbox.wake,
    runDeadlines: deadlines.wake,
    async stop() {
      for (const adapter of adapters) await adapter.stop();
      await close(server);
      await outbox.stop();
      await deadlines.stop();
      await store.close();
    },
  };
}

/**
 * The directory the login-less local workspace serves. Without a directory of its own it loads
 * the built-in demo one. Any other (CIIC_DIRECTORY, refused earlier by the config without the
 * setting, or one loaded into this database with the CLI) is the cell's real directory, on which
 * whoever uses this machine could act as any member, approvals included: the bot then starts only
 * when the operator asked for it (CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY), and says so in the log.
 */
async function admitLocalWorkspaceDirectory(store: Store, clock: Clock, config: Config, logger: Logger): Promise<void> {
  if (!config.CIIC_DIRECTORY) await loadDemoDirectoryIfNone({ store, clock }, logger);
  const record = await store.directory.current();
  const real = record !== undefined && !isDemoDirectory(record);
  if (real && !config.localWorkspaceRealDirectory) {
    throw new ConfigError([REAL_DIRECTORY_REFUSAL(`The database holds the cell's own directory (version ${record.version}, from ${record.source})`)]);
  }
  if (config.localWorkspaceRealDirectory) {
    logger.warn(
      { directory: record ? { version: record.version, source: record.source, demo: !real } : null },
      "CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY is set: the local workspace has NO LOGIN and may serve the cell's own directory, so anyone using this machine can act as any of its members, approvals included; for training on this machine only",
    );
  }
}

/** Members with no account on any platform served here can neither use the bot nor be asked. */
async function warnOfUnreachableMembers(store: Store, served: readonly Platform[], logger: Logger) {
  const record = await store.directory.current();
  if (!record) return;
  const unreachable = record.directory.members.filter((m) => !served.some((p) => m.accounts[p])).map((m) => m.id);
  if (unreachable.length > 0) logger.warn({ served, members: unreachable }, "these directory members have no account on a platform this bot serves");
}
