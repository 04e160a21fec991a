import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { startDemoOver } from "./adapters/local/fresh-demo.js";
import { startBot, type RunningBot } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { KeyringError } from "./storage/sealing/keyring.js";
import { createLogger } from "./logger.js";
import { onUnhandledRejection } from "./ops/unhandled-rejections.js";

/** ms after SIGTERM or SIGINT by which the process has exited, whatever hangs. */
const HARD_EXIT_MS = 9500;

const USAGE = `Usage: npm start [-- --fresh-demo]   (or: node dist/main.js [--fresh-demo])
  --fresh-demo   start the local workspace's demo over: its database (./data/demo.db) is deleted first
The bot is configured by the environment: see README, "Settings".`;

/** The command line: settings come from the environment; the one option starts the demo over. */
function readArguments(): { freshDemo: boolean } {
  try {
    const { values } = parseArgs({ options: { "fresh-demo": { type: "boolean" } }, strict: true, allowPositionals: false });
    return { freshDemo: values["fresh-demo"] === true };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
}

/** Starts the bot as configured by the environment (see README, "Settings"). */
async function main() {
  const args = readArguments();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // In a terminal a person reads the log: one readable line an entry. Piped or collected, JSON.
  const logger = createLogger(config.LOG_LEVEL, process.stdout, { readable: process.stdout.isTTY === true });
  if (args.freshDemo) {
    const deleted = await startDemoOver(config).catch((error: unknown) => {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    });
    logger.info({ deleted }, deleted.length > 0 ? "--fresh-demo: the demo's database was deleted; the demo starts over" : "--fresh-demo: there was no demo database yet; the demo starts fresh");
  }
  process.on("unhandledRejection", onUnhandledRejection(logger));
  let bot: RunningBot | undefined;
  const shutdown = async (signal: string) => {
    const started = Date.now();
    logger.info({ signal }, "shutting down");
    // The stop is bounded part by part; should anything still hold the process, it ends anyway
    // before a supervisor's SIGKILL (10 s) would, and says so.
    const backstop = setTimeout(() => {
      logger.error({ signal, ms: Date.now() - started }, "did not stop in time; exiting");
      process.exit(1);
    }, HARD_EXIT_MS);
    backstop.unref();
    // A signal during the start (migrations, the directory, waiting for the database) ends it:
    // nothing is sent yet, and what the database had under way rolls back.
    await bot?.stop();
    logger.info({ signal, ms: Date.now() - started, during: bot ? undefined : "start-up" }, "stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  // Some settings can be judged only against the database (the local workspace on a directory
  // loaded there): those refusals end the start as the config's own do.
  bot = await startBot(config, logger).catch((error: unknown) => {
    if (!(error instanceof ConfigError) && !(error instanceof KeyringError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  });
  const address = bot.server.address() as AddressInfo;
  logger.info({ host: address.address, port: address.port, serves: bot.serves, health: "/healthz", readiness: "/readyz" }, "ciic-bot listening");
  if (bot.metricsServer) {
    const metrics = bot.metricsServer.address() as AddressInfo;
    logger.info({ host: metrics.address, port: metrics.port }, "metrics at /metrics");
  }
  if (config.localWorkspace) {
    const url = `http://127.0.0.1:${address.port}/`;
    logger.info({ url }, `local workspace at ${url} — bound to this machine only (127.0.0.1); there is no login, so anyone using this machine can act as any member of the directory`);
  }
}

/** Why the start failed, with what to do where the bot can tell. */
function startFailure(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE" || code === "EACCES") {
    const { address, port } = error as { address?: string; port?: number };
    const where = port === undefined ? "its port" : `port ${port}${address ? ` on ${address}` : ""}`;
    return code === "EADDRINUSE"
      ? `${why}\nAnother program listens on ${where}, perhaps a ciic-bot started before: stop it first (Ctrl+C in its terminal), or start this one on another port (PORT=3001 npm start).`
      : `${why}\nThis user may not listen on ${where}: choose a port above 1023 (PORT=3000).`;
  }
  return why;
}

main().catch((error) => {
  process.stderr.write(`ciic-bot failed to start: ${startFailure(error)}\n`);
  process.exit(1);
});
