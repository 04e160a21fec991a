import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { cellKeys, newMasterKeyText, newRootKey, parseMasterKey, unwrapRoot, wrapRoot, type CellKeys, type MasterKey } from "./cell-keys.js";

/**
 * Where the master key comes from, and the cell's root key opened with it (see cell-keys.ts).
 *
 * The master key never enters the database. The operator sets CIIC_MASTER_KEY_FILE (a file with
 * the key in base64) or CIIC_MASTER_KEY (the key itself). On SQLite, the embedded default, a bot
 * started without either makes a key file beside the database the first time, so that the first
 * start needs no setting; on PostgreSQL, the production database, the setting is required.
 */
export class KeyringError extends Error {
  readonly code = "keys.refused";
}

export interface MasterKeySetting {
  key: MasterKey;
  /** Where it was read, for messages ("CIIC_MASTER_KEY_FILE /etc/ciic/master.key"). */
  source: string;
}

export type MasterKeySource =
  | { kind: "given"; setting: MasterKeySetting }
  /** SQLite without a setting: the file beside the database, made when the database has no keys yet. */
  | { kind: "default-file"; path: string };

type Env = Record<string, string | undefined>;

/** The master key the environment names, or the SQLite default; throws KeyringError when it cannot be read. */
export function masterKeySource(env: Env, database: { kind: "sqlite"; path: string } | { kind: "postgres" }): MasterKeySource {
  if (env.CIIC_MASTER_KEY) return { kind: "given", setting: { key: parsed(env.CIIC_MASTER_KEY, "CIIC_MASTER_KEY"), source: "CIIC_MASTER_KEY" } };
  if (env.CIIC_MASTER_KEY_FILE) return { kind: "given", setting: readKeyFile(env.CIIC_MASTER_KEY_FILE, `CIIC_MASTER_KEY_FILE ${env.CIIC_MASTER_KEY_FILE}`) };
  if (database.kind === "postgres") {
    throw new KeyringError("No master key is set. On PostgreSQL set CIIC_MASTER_KEY_FILE to a file that holds the cell's master key (make one with `npm run ciic -- keys new > master.key`), and give every instance the same file.");
  }
  const path = `${database.path}.master-key`;
  return existsSync(path) ? { kind: "given", setting: readKeyFile(path, path) } : { kind: "default-file", path };
}

/**
 * Writes a new file (failing if it exists), readable by its owner only, and on disk before the
 * database's keys are written under it: a power cut must not leave keys without their master key.
 */
function writeDurably(path: string, text: string) {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A key file another process is making at this moment: read once it holds a whole key (up to a second). */
async function readWhenWritten(path: string): Promise<MasterKeySetting> {
  for (let attempt = 0; ; attempt++) {
    try {
      return readKeyFile(path, path);
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function readKeyFile(path: string, source: string): MasterKeySetting {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new KeyringError(`The master key file cannot be read (${source}): ${(error as Error).message}`);
  }
  return { key: parsed(text, source), source };
}

function parsed(text: string, source: string): MasterKey {
  try {
    return parseMasterKey(text);
  } catch (error) {
    throw new KeyringError(`The master key in ${source} is not usable: ${(error as Error).message}`);
  }
}

/** The one row the root key is kept in, as the store reads and writes it. */
export interface KeyringRow {
  wrapped: string;
  masterFingerprint: string;
}
export interface KeyringTable {
  read(): Promise<KeyringRow | undefined>;
  /** Writes the row unless another instance wrote it first (then the caller reads that one); whether this one wrote it. */
  create(row: KeyringRow, at: Date): Promise<boolean>;
}

/**
 * The cell's keys, opened with the master key: made on a database that has none yet (also when
 * two instances start at once: the second uses the first one's), refused with what to do when
 * the master key given is not the one that wraps them. `created` names a default key file made now.
 */
export async function openCellKeys(table: KeyringTable, source: MasterKeySource, now: Date): Promise<{ keys: CellKeys; fingerprint: string; createdKeyFile?: string; created: boolean }> {
  let row = await table.read();
  let setting: MasterKeySetting;
  let createdKeyFile: string | undefined;
  if (source.kind === "given") setting = source.setting;
  else if (row) {
    throw new KeyringError(
      `This database's keys are wrapped by master key ${row.masterFingerprint}, and no master key is set: ${source.path} does not exist. Set CIIC_MASTER_KEY_FILE to the file this database's key was kept in.`,
    );
  } else {
    const text = newMasterKeyText();
    // "wx": never overwrite a key file another process made meanwhile; its key is then used.
    try {
      writeDurably(source.path, `${text}\n`);
      createdKeyFile = source.path;
      setting = { key: parseMasterKey(text), source: source.path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new KeyringError(`A master key file could not be made at ${source.path}: ${(error as Error).message}`);
      setting = await readWhenWritten(source.path);
    }
  }
  let created = false;
  if (!row) {
    created = await table.create(wrapRoot(newRootKey(), setting.key), now);
    row = await table.read();
    if (!row) throw new KeyringError("The database's keys could not be written.");
  }
  const root = unwrapRoot(row, setting.key);
  if (!root) {
    throw new KeyringError(
      `The master key given (${setting.source}, ${setting.key.fingerprint}) does not open this database's keys, which master key ${row.masterFingerprint} wraps. Start with the master key this database was made with; \`ciic keys rotate\` moves a database to another key.`,
    );
  }
  return { keys: cellKeys(root), fingerprint: setting.key.fingerprint, created, ...(createdKeyFile ? { createdKeyFile } : {}) };
}

/** Re-wraps the root key under another master key; the data stays as it is. Throws KeyringError when `current` does not open it. */
export function rewrapRoot(row: KeyringRow | undefined, current: MasterKey, next: MasterKey): KeyringRow {
  if (!row) throw new KeyringError("This database has no keys yet: start the bot once, or run any command, to make them.");
  const root = unwrapRoot(row, current);
  if (!root) throw new KeyringError(`The current master key (${current.fingerprint}) does not open this database's keys, which master key ${row.masterFingerprint} wraps.`);
  return wrapRoot(root, next);
}
