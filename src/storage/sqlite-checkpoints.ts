import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** How often the background thread moves the write-ahead log into the database file. */
const EVERY_MS = 1000;

/**
 * The connection's own checkpoint, kept as a safety net should the thread stop: after a commit
 * that leaves this many pages (some 40 MB) in the log. SQLite's default is 1,000 pages.
 */
export const AUTOCHECKPOINT_PAGES = 10_000;

// Plain JavaScript run as the thread, so that it needs no build step: its own connection to the
// same file, checkpointing PASSIVE (never waiting for, nor blocking, the bot's readers and writer).
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
const told = new Set();
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    // Busy now: the next round does it. Anything else (a full disk, say) is told once.
    const code = String(error && error.code);
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || told.has(code)) return;
    told.add(code);
    parentPort.postMessage({ failed: code + ": " + String(error && error.message) });
  }
}, workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointThread {
  stop(): Promise<void>;
}

/**
 * SQLite in WAL mode appends every commit to a log and copies the log into the database file now
 * and then (a checkpoint). By default the connection that commits does that copying, right after
 * a commit that leaves 1,000 pages in the log: about one command in a hundred and fifty then took
 * 9–20 ms instead of 0.2, which made the look-up's p99. Here a thread of its own, with its own
 * connection, checkpoints every second on the machine's other core; the bot's connection keeps
 * only a far-off safety net (AUTOCHECKPOINT_PAGES).
 */
export function startCheckpointThread(path: string, onError: (error: unknown) => void, everyMs = EVERY_MS): CheckpointThread {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(THREAD, { eval: true, workerData: { path, driver, everyMs } });
  // It must not keep the process alive, and a failure only leaves the safety net in place.
  worker.unref();
  worker.on("error", onError);
  worker.on("message", (message: { failed?: string }) => {
    if (message.failed) onError(new Error(`a checkpoint failed: ${message.failed}`));
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      worker.postMessage("stop");
      const late = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(late);
    },
  };
}
