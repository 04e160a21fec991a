import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { Platform } from "./core/directory/types.js";
import type { ChatPort } from "./core/outbox/outbound.js";
import { createTaxiiRoute } from "./adapters/taxii/taxii-route.js";
import { close, createHttpServer, createMetricsServer, listen, type HttpRoute } from "./http-server.js";
import { logRequest } from "./request-log.js";
import type { ChatPlatform } from "./adapters/chat-platform.js";
import { createSlackPlatform } from "./adapters/slack/slack-platform.js";
import { createMattermostApp } from "./adapters/mattermost/mattermost-app.js";
import { isDemoDirectory, loadDemoDirectoryIfNone } from "./adapters/local/demo-directory.js";
import { createLocalWorkspace } from "./adapters/local/local-workspace.js";
import { LOCAL_WORKSPACE_HOST } from "./adapters/local/request-guard.js";
import { runDeadlines } from "./core/deadlines/run-deadlines.js";
import { carryOutWithdrawals } from "./core/covenant-life/carry-out-withdrawals.js";
import { importFile } from "./core/formats/import-file.js";
import { attemptTimeoutFor, createOutboxDispatcher } from "./core/outbox/dispatch-outbox.js";
import { periodic } from "./periodic.js";
import { ConfigError, REAL_DIRECTORY_REFUSAL, type Config } from "./config.js";
import { createCommandService, type CommandOutcome } from "./core/command-service.js";
import { StoreUnavailableError, systemClock, type Clock, type Store } from "./core/ports.js";
import { loadDirectory } from "./core/use-cases/load-directory.js";
import type { Logger } from "./logger.js";
import { databaseKind, openStore } from "./storage/database.js";
import { createMetrics } from "./ops/metrics.js";
import { createReadinessCheck, type Readiness } from "./ops/readiness.js";
import { warninglistsAfterStart } from "./warninglists/load.js";

/**
 * ms a stop may take in all: the bot exits within 10 s of SIGTERM (`docker stop` sends SIGKILL
 * after 10 s), and main.ts needs a moment to log and exit.
 */
const STOP_WITHIN_MS = 7000;
/** ms the requests under way get to be answered once the bot stops listening (a command's own limit is 2.5 s). */
const STOP_HTTP_GRACE_MS = 3000;
/** ms the outbox's and the scheduler's rounds under way get to finish. */
const STOP_LOOPS_MS = 4000;
/** ms each chat adapter gets to disconnect (Socket Mode). */
const STOP_ADAPTER_MS = 3000;

/** The value of `promise` if it settles within `ms`; `late` otherwise (the promise runs on). */
async function within<T, L>(promise: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<L>((resolve) => (timer = setTimeout(resolve, ms, late)))]);
  } finally {
    clearTimeout(timer);
  }
}

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
  /** The metrics listener, when CIIC_METRICS is set (port 0 in tests: read the real port from it). */
  metricsServer?: Server;
  /** What GET /readyz answers now. */
  readiness(): Promise<Readiness>;
  /**
   * Stops within STOP_WITHIN_MS whatever hangs (a chat platform, the database): stops listening
   * (requests under way get a moment), lets the outbox's and the scheduler's rounds finish for a
   * while, and closes the database. Work still under way then is left to the database (an open
   * transaction rolls back) and to the outbox's leases (a claimed message is sent again, or found
   * delivered, by the next sender); the log names the parts that did not finish in time.
   */
  stop(): Promise<void>;
}

/**
 * Wires the bot together: storage, the directory from CIIC_DIRECTORY, the core's command service
 * and the adapter of each configured chat platform, all on one HTTP server. Used by main.ts and
 * by the end-to-end tests, so both start the same bot.
 */
export async function startBot(config: Config, logger: Logger, options: { clock?: Clock; apiRetries?: number; answerWithinMs?: number } = {}): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  // Messages a transaction wrote to the outbox (a command's, the scheduler's) go out right after
  // it commits, not at the next tick. Transactions that wrote none, most commands, start no round:
  // a round after every command cost each command a transaction of the outbox's own.
  let wakeOutbox = () => {};
  const opened = await openStore(config.DATABASE_URL, {
    checkpointInBackground: { onError: (error) => logger.warn({ err: error }, "an SQLite checkpoint failed; the thread tries again every second, and the database's own checkpoint remains as a safety net") },
    // A statement past a command's time is cancelled (long work raises it for itself).
    limits: { statementMs: config.CIIC_DB_COMMAND_TIMEOUT_MS },
    hooks: { afterOutboxWrite: () => wakeOutbox() },
    onSqlite: ({ synchronous }) =>
      logger.info(
        { synchronous },
        synchronous === "full"
          ? "SQLite: each commit is synced to disk before it is answered (CIIC_SQLITE_SYNCHRONOUS=full)"
          : "SQLite: a commit survives a crash of the bot at once, and a crash of the machine or a power cut once the next checkpoint (every second) has synced it (CIIC_SQLITE_SYNCHRONOUS=normal)",
      ),
    onKeys: ({ fingerprint, createdKeyFile, sealedExisting, remadeAddressKeys }) => {
      if (remadeAddressKeys) {
        logger.info({ items: remadeAddressKeys }, "remade the stored address keys under the second scheme, once (audited as keys.address_keys_remade)");
      }
      if (sealedExisting) {
        logger.warn(
          { sealed: sealedExisting.sealed, auditEntriesInClear: sealedExisting.auditInClear.length, firstInClear: sealedExisting.auditInClear.slice(0, 20) },
          "sealed the texts this database held from before; audit entries written before cannot be changed, and those that hold a possible value stay readable (listed in the keys.sealed_existing audit entry): a later removal cannot destroy what they hold",
        );
      }
      if (createdKeyFile) {
        logger.warn(
          { masterKey: fingerprint, file: createdKeyFile },
          "made a master key for this new database, in a file beside it: keep a copy of it apart from the database's backups (without it they cannot be read), and in production set CIIC_MASTER_KEY_FILE to a file kept elsewhere",
        );
      } else logger.info({ masterKey: fingerprint }, "the master key opens the database's keys");
    },
  });
  const metrics = config.metrics ? createMetrics({ store: opened, clock }) : undefined;
  const store = metrics ? metrics.timed(opened) : opened;
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
  const core = createCommandService({
    store,
    clock,
    limits: { commandMs: config.CIIC_DB_COMMAND_TIMEOUT_MS },
    observe: observeCommands(logger, metrics?.command),
    knownBenign: warninglistsAfterStart(config.CIIC_WARNINGLISTS, logger),
  });
  // Each adapter adds its HTTP paths and its way of sending; the outbox reaches every platform.
  const routes: HttpRoute[] = [];
  const ports: Partial<Record<Platform, ChatPort>> = {};
  const adapters: { start(): Promise<void>; stop(): Promise<void> }[] = [];
  const serves: string[] = [];
  if (config.CIIC_TAXII === "on") {
    // First: the local workspace serves every other path.
    routes.push(createTaxiiRoute({ store, clock, logger: logger.child({ task: "taxii" }), publicUrl: config.CIIC_PUBLIC_URL }));
    serves.push("TAXII 2.1: /taxii2/");
  }
  const callTimeoutMs = config.CIIC_PLATFORM_CALL_TIMEOUT_MS;
  const dispatcher = createOutboxDispatcher({
    store,
    clock,
    ports,
    callTimeoutMs,
    attemptTimeoutMs: attemptTimeoutFor(callTimeoutMs),
    events: metrics?.outboxEvent,
    log: logger.child({ task: "outbox" }),
  });
  const outbox = periodic("outbox", config.CIIC_OUTBOX_INTERVAL_MS, () => dispatcher.dispatchOnce(), logger);
  const deadlines = periodic("deadlines", config.CIIC_DEADLINE_INTERVAL_MS, async () => {
    const started = performance.now();
    try {
      // Withdrawals are carried out whatever the deadline steps did (run-deadlines.ts).
      const failed: unknown[] = [];
      await runDeadlines({ store, clock }).catch((error: unknown) => void failed.push(error));
      await carryOutWithdrawals({ store, clock }).catch((error: unknown) => void failed.push(error));
      if (failed.length > 0) throw failed[0];
      metrics?.deadlineRun((performance.now() - started) / 1000, false);
    } catch (error) {
      metrics?.deadlineRun((performance.now() - started) / 1000, true);
      throw error;
    }
    await outbox.wake();
  }, logger);
  wakeOutbox = () => void outbox.wake();
  const service = core;
  const importer = (request: Parameters<typeof importFile>[1]) => importFile({ store, clock }, request);
  const platforms: ChatPlatform[] = [];
  if (config.slack) {
    platforms.push(createSlackPlatform({ settings: { ...config.slack, callTimeoutMs, apiRetries: options.apiRetries, answerWithinMs: options.answerWithinMs }, service, importer, logger, clock }));
  }
  if (config.mattermost) platforms.push(createMattermostApp({ settings: { ...config.mattermost, callTimeoutMs }, service, importer, logger, clock }));
  if (config.localWorkspace) {
    // No chat platform configured: the browser workspace on this machine, for trying and
    // training, on the directory admitted above. It has no login, so it listens on 127.0.0.1
    // whatever HOST says (see listen below).
    platforms.push(createLocalWorkspace({ service, store, importer, logger, realDirectory: config.localWorkspaceRealDirectory }));
    if (config.hostGiven && !["127.0.0.1", "localhost"].includes(config.HOST)) {
      logger.warn({ host: config.HOST }, "HOST is ignored: the local workspace has no login, so it listens on 127.0.0.1 only");
    }
  }
  // Every platform alike (adapters/chat-platform.ts): its requests come in on its route, the
  // outbox sends through its port.
  for (const platform of platforms) {
    ports[platform.platform] = platform.port;
    if (platform.route) routes.push(platform.route);
    adapters.push(platform);
    serves.push(platform.serves);
  }
  await warnOfUnreachableMembers(store, Object.keys(ports) as Platform[], logger);
  let stopping: Promise<void> | undefined;
  const readiness = createReadinessCheck({
    store,
    clock,
    maxOutboxAgeS: config.CIIC_READY_MAX_OUTBOX_AGE_S,
    stopping: () => stopping !== undefined,
    onError: (error) => logger.warn({ err: error }, "readiness check: the database did not answer"),
  });
  // Monitoring asks every few seconds: its probes are logged at debug (request-log.ts).
  const server = createHttpServer(routes, (error) => logger.error({ err: error }, "request failed"), { readiness: readiness.check, logProbe: (probe) => logRequest(logger, "probe answered", probe) });
  await listen(server, config.PORT, config.localWorkspace ? LOCAL_WORKSPACE_HOST : config.HOST);
  let metricsServer: Server | undefined;
  if (metrics && config.metrics) {
    const registry = metrics.registry;
    metricsServer = createMetricsServer(
      async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
      (error) => logger.error({ err: error }, "metrics failed"),
      (scrape) => logRequest(logger, "metrics request answered", scrape),
    );
    await listen(metricsServer, config.metrics.port, config.metrics.host).catch(async (error: unknown) => {
      await close(server);
      await opened.close();
      throw error;
    });
  }
  for (const adapter of adapters) await adapter.start();

  async function stop(): Promise<void> {
    const started = Date.now();
    const unfinished: string[] = [];
    const step = async (name: string, work: Promise<unknown>, ms: number, finished: (result: unknown) => boolean = (r) => r !== "late") => {
      const result = await within(
        work.catch((error: unknown) => {
          logger.warn({ err: error, part: name }, "a part of the bot failed to stop cleanly");
          return "failed";
        }),
        ms,
        "late",
      );
      if (!finished(result)) unfinished.push(name);
    };
    // All at once, each within its own time: /readyz already answers 503 (stopping).
    await Promise.all([
      step("http", close(server, STOP_HTTP_GRACE_MS), STOP_HTTP_GRACE_MS + 500, (r) => r === true),
      ...(metricsServer ? [step("metrics", close(metricsServer), 1000)] : []),
      ...adapters.map((adapter, n) => step(`adapter ${n + 1}`, adapter.stop(), STOP_ADAPTER_MS)),
      step("outbox", Promise.all([outbox.stop(STOP_LOOPS_MS), dispatcher.settle(STOP_LOOPS_MS)]).then(([round, sends]) => round && sends), STOP_LOOPS_MS + 500, (r) => r === true),
      step("deadlines", deadlines.stop(STOP_LOOPS_MS), STOP_LOOPS_MS + 500, (r) => r === true),
    ]);
    // Last, with what is left of the time (at least a second): open transactions roll back.
    await step("database", opened.close(), Math.max(1000, STOP_WITHIN_MS - (Date.now() - started)));
    if (unfinished.length > 0) {
      logger.warn({ unfinished, ms: Date.now() - started }, "stopped with work under way: open transactions roll back, and a message being sent is sent again or found delivered after its lease runs out");
    }
  }

  return {
    store,
    server,
    serves,
    metricsServer,
    readiness: readiness.check,
    dispatchOutbox: outbox.wake,
    runDeadlines: deadlines.wake,
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}

/**
 * What the operators learn of each command: a warning when the database did not answer in time
 * or had no room to write (the member was told to try again), and the figures for the metrics
 * when they are on.
 */
function observeCommands(logger: Logger, record?: (outcome: CommandOutcome) => void) {
  return (outcome: CommandOutcome) => {
    record?.(outcome);
    if (outcome.outcome !== "unavailable") return;
    const error = outcome.error instanceof StoreUnavailableError ? outcome.error : undefined;
    logger.warn(
      { platform: outcome.platform, command: outcome.command, code: outcome.code, reason: error?.reason, inDoubt: error?.inDoubt ?? false, ms: Math.round(outcome.ms) },
      error?.inDoubt
        ? "the database did not confirm a command's commit in time; the member was told to look before trying again"
        : error?.diskFull
          ? "the database has no room to write (its disk is full); the command changed nothing, and the member was told to try again once there is room"
          : "the database did not answer in time; the command changed nothing and the member was told to try again",
    );
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
