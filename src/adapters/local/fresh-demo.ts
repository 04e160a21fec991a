import { existsSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { ConfigError, DEMO_DATABASE_URL, type Config } from "../../config.js";
import { sqlitePath } from "../../storage/database.js";

/**
 * `npm start -- --fresh-demo`: deletes the demo's database before the bot opens it, so that the
 * demo starts over (the demo directory loaded again, the first analysis A-1 again, no messages).
 * Only the demo's own database (./data/demo.db) is ever deleted: with a chat platform, a real
 * directory or a DATABASE_URL of one's own the start is refused, and nothing is deleted.
 * Returns the files it deleted.
 */
export async function startDemoOver(config: Config): Promise<string[]> {
  if (!config.demoDatabase) {
    const why = !config.localWorkspace
      ? "a chat platform is configured, so the bot serves no demo"
      : config.localWorkspaceRealDirectory
        ? "CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY is set, so the workspace runs on the cell's own database"
        : `DATABASE_URL names a database of your own (${config.DATABASE_URL})`;
    throw new ConfigError([
      `--fresh-demo starts the local workspace's demo over by deleting its database (${DEMO_DATABASE_URL.replace(/^file:/, "")}), but ${why}; nothing was deleted. Start without --fresh-demo, or leave the chat platform's settings, CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY and DATABASE_URL unset to run the demo.`,
    ]);
  }
  // A bot still running on the demo would keep the deleted file open and go on writing to it,
  // while this one could not take the port: the demo would not start over, and the data be lost.
  if (await somethingListensOn(config.PORT)) {
    throw new ConfigError([
      `--fresh-demo: something is already listening on port ${config.PORT}, probably the bot started before. Stop it first (Ctrl+C in its window), then start again; nothing was deleted.`,
    ]);
  }
  const database = sqlitePath(DEMO_DATABASE_URL);
  const files = [database, `${database}-wal`, `${database}-shm`, `${database}-journal`].filter((file) => existsSync(file));
  for (const file of files) rmSync(file);
  return files;
}

/** Whether a connection to 127.0.0.1:`port` is accepted (the workspace listens there only). */
function somethingListensOn(port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}
