import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Database } from "better-sqlite3";
import type { Store } from "../core/ports.js";
import { applyMigrations } from "./migrate.js";
import { postgresAdapterWithConnections, type TransactionSlot } from "./postgres-native.js";
import { postgresPoolConfig } from "./postgres-pool.js";
import { createPrismaStore, type DbClient, type StoreHooks } from "./prisma-store.js";
import { AUTOCHECKPOINT_PAGES, startCheckpointThread } from "./sqlite-checkpoints.js";
import { sqliteAdapterWithConnection } from "./sqlite-native.js";

export type DatabaseKind = "sqlite" | "postgres";

export const databaseKind = (url: string): DatabaseKind => (/^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite");

/** The SQLite file a `file:` URL names, relative paths taken from the working directory. */
export const sqlitePath = (url: string): string => resolve(url.replace(/^file:/, ""));

/**
 * Opens the database a URL names, brings its schema up to date and returns the store. SQLite is
 * the embedded default (the file and its folder are created on first start); PostgreSQL is the
 * production database, shared by several bot instances.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  if (databaseKind(url) === "postgres" && options.limits) {
    // Migrations wait for another instance's and may rebuild an index over a large table: they
    // run on a client of their own, without the commands' statement limit.
    const migrator = await openClient(url, undefined);
    try {
      await applyMigrations(migrator.client, "postgres");
    } finally {
      await migrator.client.$disconnect();
    }
  }
  const { client, sqlite, postgres } = await openClient(url, options.limits);
  if (sqlite || !options.limits) await applyMigrations(client, databaseKind(url));
  if (sqlite && options.limits) {
    // After the migrations, which may wait out another process's lock: from here on a lock is
    // waited for in short synchronous steps (better-sqlite3 blocks the event loop while SQLite
    // waits), and the store retries between them until the transaction's time is up.
    await client.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_STEP_MS}`);
  }
  const store = createPrismaStore(client, databaseKind(url), sqlite, { statementMs: options.limits?.statementMs }, postgres, options.hooks);
  if (!sqlite || !options.checkpointInBackground) return store;
  await client.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  const checkpoints = startCheckpointThread(sqlitePath(url), options.checkpointInBackground.onError);
  return {
    ...store,
    async close() {
      await checkpoints.stop();
      await store.close();
    },
  };
}

export interface StoreOptions {
  /**
   * SQLite only: a long-running process (the bot) moves the write-ahead log into the database
   * file on a thread of its own, instead of now and then in a command's commit (see
   * sqlite-checkpoints.ts). Short-lived ones (the CLI) need not.
   */
  checkpointInBackground?: { onError: (error: unknown) => void };
  /**
   * For a process that must answer people within a chat platform's time (the bot). PostgreSQL:
   * the server cancels a statement after `statementMs` (a transaction allowed longer raises that
   * for itself), and a connection is waited for at most as long. SQLite: another process's lock
   * is waited for in steps of SQLITE_BUSY_STEP_MS. Without it (the CLI), statements run as long
   * as they take and a lock is waited for up to 5 s at a time.
   */
  limits?: { statementMs: number };
  hooks?: StoreHooks;
}

/** What the SQLite write-ahead log is cut back to when it starts over. */
const WAL_SIZE_LIMIT_BYTES = 1024 * 1024;
/** ms one SQLite statement waits for another process's lock before the store retries. */
export const SQLITE_BUSY_STEP_MS = 100;
/** ms to get a PostgreSQL connection when no limits are given (the CLI). */
const CLI_CONNECT_MS = 10_000;

async function openClient(
  url: string,
  limits: StoreOptions["limits"],
): Promise<{
  client: DbClient;
  sqlite?: { connection: () => Database | undefined; native: { active: boolean } };
  postgres?: { withConnection<T>(start: (slot: TransactionSlot) => Promise<T>): Promise<T> };
}> {
  if (databaseKind(url) === "postgres") {
    const { PrismaClient } = await import("./generated/postgres/client.js");
    const pool = postgresPoolConfig(url, { connectMs: limits?.statementMs ?? CLI_CONNECT_MS, statementMs: limits?.statementMs });
    const { adapter, withConnection } = postgresAdapterWithConnections(pool);
    // Typed as the SQLite client: the models are identical (see prisma-store.ts).
    return { client: new PrismaClient({ adapter }) as unknown as DbClient, postgres: { withConnection } };
  }
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  const { PrismaClient } = await import("./generated/sqlite/client.js");
  // timeout: how long (ms) a writer waits for another process's lock before SQLITE_BUSY.
  const { adapter, connection, native } = sqliteAdapterWithConnection({ url: `file:${path}`, timeout: 5000 });
  const client = new PrismaClient({ adapter });
  // WAL lets the CLI read while the bot writes, and survives a crash mid-transaction.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // The log file keeps the size it once grew to unless told otherwise (an import of a million
  // values leaves hundreds of MB); each time it starts over after a checkpoint it is cut back to this.
  await client.$queryRawUnsafe(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  return { client, sqlite: { connection, native } };
}
