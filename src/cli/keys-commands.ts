import { readFile } from "node:fs/promises";
import { loadCliConfig } from "../config.js";
import { openStore, rotateMasterKey } from "../storage/database.js";
import { newMasterKeyText, parseMasterKey } from "../storage/sealing/cell-keys.js";
import { KeyringError } from "../storage/sealing/keyring.js";

export const KEYS_USAGE = `  ciic keys new                a new master key, in base64, on standard output (keep it in a file only the bot can read)
  ciic keys check              whether the master key set (CIIC_MASTER_KEY_FILE, CIIC_MASTER_KEY) opens the database's keys
  ciic keys rotate --to <file> re-wrap the database's keys under the master key in <file>; no data is encrypted again`;

type Out = { write(text: string): unknown };

/** `ciic keys …`: the master key that the cell's data is sealed under (storage/sealing). Exit codes as runCli's. */
export async function runKeys(argv: string[], out: Out, err: Out): Promise<number> {
  const [action, flag, file] = argv;
  try {
    if (action === "new" && argv.length === 1) {
      out.write(`${newMasterKeyText()}\n`);
      return 0;
    }
    if (action === "check" && argv.length === 1) {
      let fingerprint = "";
      const store = await openStore(loadCliConfig().DATABASE_URL, { onKeys: (opened) => (fingerprint = opened.fingerprint) });
      await store.close();
      out.write(`The master key ${fingerprint} opens this database's keys.\n`);
      return 0;
    }
    if (action === "rotate" && flag === "--to" && file && argv.length === 3) {
      let next;
      try {
        next = parseMasterKey(await readFile(file, "utf8"));
      } catch (error) {
        err.write(`The new master key in ${file} cannot be used: ${(error as Error).message}\n`);
        return 1;
      }
      const { from, to } = await rotateMasterKey(loadCliConfig().DATABASE_URL, next);
      out.write(
        `The database's keys are now wrapped by master key ${to} (was ${from}). Set CIIC_MASTER_KEY_FILE=${file} for every instance before it starts again; keep the old key for as long as backups made before now are kept.\n`,
      );
      return 0;
    }
  } catch (error) {
    if (!(error instanceof KeyringError)) throw error;
    err.write(`${error.message}\n`);
    return 1;
  }
  err.write(`${KEYS_USAGE}\n`);
  return 2;
}
