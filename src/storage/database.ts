import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Database } from "better-sqlite3";
import type { Store } from "../core/ports.js";
import { applyMigrations } from "./migrate.js";
import { postgresAdapterWithConnections } from "./postgres-native.js";
import { postgresPoolConfig } from "./postgres-pool.js";
import { createPrismaStore, sealingOutside, type DbClient, type PostgresTransactions, type StoreHooks } from "./prisma-store.js";
import { AUTOCHECKPOINT_PAGES, startCheckpointThread } from "./sqlite-checkpoints.js";
import { sqliteAdapterWithConnection } from "./sqlite-native.js";
import type { MasterKey } from "./sealing/cell-keys.js";
import { reblindAddressKeys } from "./sealing/reblind-addresses.js";
import { sealExisting, type SealedExisting } from "./sealing/seal-existing.js";
import { sealItems } from "./sealing/seal-items.js";
import { masterKeySettings, sqliteSynchronous, type SqliteSynchronous } from "../config.js";
import { KeyringError, masterKeySource, openCellKeys, rewrapRoot, type KeyringTable } from "./sealing/keyring.js";

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
  if (sqlite) options.onSqlite?.({ synchronous: sqlite.synchronous });
  if (sqlite || !options.limits) await applyMigrations(client, databaseKind(url));
  if (sqlite && options.limits) {
    // After the migrations, which may wait out another process's lock: from here on a lock is
    // waited for in short synchronous steps (better-sqlite3 blocks the event loop while SQLite
    // waits), and the store retries between them until the transaction's time is up.
    await client.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_STEP_MS}`);
  }
  const { keys, upgraded, remadeAddressKeys } = await openKeys(client, url, options);
  const store = createPrismaStore(client, databaseKind(url), sqlite, { statementMs: options.limits?.statementMs }, postgres, options.hooks, keys);
  if (upgraded) await recordSealing(store, upgraded);
  if (remadeAddressKeys > 0) {
    await store.transaction((tx) => tx.audit.append([{ action: "keys.address_keys_remade", actor: null, details: { items: remadeAddressKeys } }], new Date()));
  }
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

/** The cell's keys, opened with the master key the options or the environment give (sealing/keyring.ts). */
async function openKeys(client: DbClient, url: string, options: StoreOptions) {
  const source = options.masterKey
    ? { kind: "given" as const, setting: { key: options.masterKey, source: "the caller" } }
    : masterKeySource(masterKeySettings(), databaseKind(url) === "postgres" ? { kind: "postgres" } : { kind: "sqlite", path: sqlitePath(url) });
  try {
    const opened = await openCellKeys(keyringTable(client), source, new Date());
    // A database written before texts were sealed: what it holds is sealed now, once; a start cut
    // short in the middle leaves `sealedAt` empty, and the next start goes on.
    // The item rows first: sealing the texts finds the items they name by their tokens.
    // Address keys of the first scheme are remade before the rows still in clear are sealed with the second's.
    const remadeAddressKeys = await reblindAddressKeys(client, opened.keys.root, opened.keys.items, databaseKind(url));
    const marks = await client.keyring.findUnique({ where: { id: 1 }, select: { sealedAt: true, itemsSealedAt: true } });
    const items = marks?.itemsSealedAt ? 0 : await sealItems(client, opened.keys.items, databaseKind(url));
    if (!marks?.itemsSealedAt) await client.keyring.updateMany({ where: { id: 1, itemsSealedAt: null }, data: { itemsSealedAt: new Date() } });
    const done = marks?.sealedAt;
    const existing = done ? undefined : await sealExisting(client, sealingOutside(client, databaseKind(url), opened.keys), databaseKind(url));
    if (!done) await client.keyring.updateMany({ where: { id: 1, sealedAt: null }, data: { sealedAt: new Date() } });
    const sealed = items > 0 ? { sealed: { Item: items, ...existing?.sealed }, auditInClear: existing?.auditInClear ?? [] } : existing;
    const upgraded = sealed && (Object.keys(sealed.sealed).length > 0 || sealed.auditInClear.length > 0) ? sealed : undefined;
    options.onKeys?.({
      fingerprint: opened.fingerprint,
      ...(opened.createdKeyFile ? { createdKeyFile: opened.createdKeyFile } : {}),
      ...(upgraded ? { sealedExisting: upgraded } : {}),
      ...(remadeAddressKeys > 0 ? { remadeAddressKeys } : {}),
    });
    return { keys: opened.keys, upgraded, remadeAddressKeys };
  } catch (error) {
    await client.$disconnect();
    throw error;
  }
}

/**
 * Re-wraps the database's root key under `next` (`ciic keys rotate`): one row changes, no data is
 * encrypted again. The current master key is the one the environment names; it must open the
 * keys. Running instances keep working; each needs the new key when it starts again.
 */
export async function rotateMasterKey(url: string, next: MasterKey): Promise<{ from: string; to: string }> {
  const { client } = await openClient(url, undefined);
  try {
    await applyMigrations(client, databaseKind(url));
    const source = masterKeySource(masterKeySettings(), databaseKind(url) === "postgres" ? { kind: "postgres" } : { kind: "sqlite", path: sqlitePath(url) });
    if (source.kind !== "given") throw new KeyringError(`No master key is set, and ${source.path} does not exist: there is no key to rotate from.`);
    const row = await keyringTable(client).read();
    const rewrapped = rewrapRoot(row, source.setting.key, next);
    // Conditional on the row as read: a rotation that ran meanwhile is not undone.
    const { count } = await client.keyring.updateMany({ where: { id: 1, wrapped: row!.wrapped }, data: { ...rewrapped, rotatedAt: new Date() } });
    if (count !== 1) throw new KeyringError("The keys changed while they were being re-wrapped (another rotation?); nothing was changed by this one.");
    return { from: source.setting.key.fingerprint, to: next.fingerprint };
  } finally {
    await client.$disconnect();
  }
}

/** The audit entry of the sealing of a database written before: what was sealed, and which entries stay in clear. */
async function recordSealing(store: Store, done: SealedExisting): Promise<void> {
  const listed = done.auditInClear.slice(0, MAX_LISTED);
  await store.transaction((tx) =>
    tx.audit.append(
      [{ action: "keys.sealed_existing", actor: null, details: { sealed: done.sealed, auditInClear: done.auditInClear.length, entries: listed, ...(listed.length < done.auditInClear.length ? { more: true } : {}) } }],
      new Date(),
    ),
  );
}
/** Entries listed in that audit entry at most; it and the operators' log say how many in all. */
const MAX_LISTED = 10_000;

export function keyringTable(client: DbClient): KeyringTable {
  return {
    async read() {
      return (await client.keyring.findUnique({ where: { id: 1 }, select: { wrapped: true, masterFingerprint: true } })) ?? undefined;
    },
    async create(row, at) {
      try {
        // Made now, its address keys are the second scheme's from the start (reblind-addresses.ts).
        await client.keyring.create({ data: { id: 1, ...row, createdAt: at, addressKeysAt: at } });
        return true;
      } catch (error) {
        // Another instance starting at the same moment wrote it first: its keys are the cell's.
        if ((error as { code?: string }).code !== "P2002" && !/unique|duplicate/i.test(String((error as Error).message))) throw error;
        return false;
      }
    },
  };
}

export interface StoreOptions {
  /** The master key; without it, the one the environment names (CIIC_MASTER_KEY_FILE, CIIC_MASTER_KEY) or SQLite's default file. */
  masterKey?: MasterKey;
  /**
   * Told which master key opened the database's keys, the key file made now, if one was, and what
   * was sealed when the keys were made on a database written before (sealing/seal-existing.ts),
   * and how many address keys of the first scheme this start remade (reblind-addresses.ts).
   */
  onKeys?: (opened: { fingerprint: string; createdKeyFile?: string; sealedExisting?: SealedExisting; remadeAddressKeys?: number }) => void;
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
  /** SQLite only: told when each commit reaches the disk on the store's connection (CIIC_SQLITE_SYNCHRONOUS). */
  onSqlite?: (opened: { synchronous: SqliteSynchronous }) => void;
}

/** PRAGMA synchronous's numbers for the levels the bot offers. */
const SYNCHRONOUS_LEVELS: Record<SqliteSynchronous, number> = { normal: 1, full: 2 };

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
  sqlite?: { connection: () => Database | undefined; native: { active: boolean }; synchronous: SqliteSynchronous };
  postgres?: PostgresTransactions;
}> {
  if (databaseKind(url) === "postgres") {
    const { PrismaClient } = await import("./generated/postgres/client.js");
    const pool = postgresPoolConfig(url, { connectMs: limits?.statementMs ?? CLI_CONNECT_MS, statementMs: limits?.statementMs });
    const { adapter, ...postgres } = postgresAdapterWithConnections(pool);
    // Typed as the SQLite client: the models are identical (see prisma-store.ts).
    return { client: new PrismaClient({ adapter }) as unknown as DbClient, postgres };
  }
  // Read first: a setting it does not know stops the opening before any file is made.
  const synchronous = sqliteSynchronous();
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
  // What is deleted or overwritten is zeroed in the file, not left in free space: a value let go
  // (Wiv 2017) must not be readable from the file afterwards (see afterRemoval in prisma-store.ts).
  await client.$queryRawUnsafe("PRAGMA secure_delete = ON");
  // Set on every connection, since SQLite's default depends on history: a database made by this
  // connection syncs each commit (FULL), one that was already in WAL mode when opened does not
  // (better-sqlite3's build makes that NORMAL). The operator chooses (config.ts).
  await client.$queryRawUnsafe(`PRAGMA synchronous = ${synchronous.toUpperCase()}`);
  // As the connection reports it, not as asked: what the operator is told is what SQLite does.
  const [{ synchronous: level }] = await client.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  if (Number(level) !== SYNCHRONOUS_LEVELS[synchronous]) {
    await client.$disconnect();
    throw new Error(`SQLite did not take synchronous = ${synchronous.toUpperCase()} (it reports ${level})`);
  }
  return { client, sqlite: { connection, native, synchronous } };
}
