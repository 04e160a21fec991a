import { classify } from "../../src/core/indicators/index.js";
import { cellKeys, parseMasterKey, unwrapRoot, type CellKeys } from "../../src/storage/sealing/cell-keys.js";
import type { KeyringRow } from "../../src/storage/sealing/keyring.js";
import { openSealedJson } from "../../src/storage/sealing/sealed-text.js";
import { TEST_MASTER_KEY } from "./test-master-key.js";

/**
 * Tests that read the database's rows themselves (a test store's tables, a fault run's counts)
 * read sealed texts (storage/sealing) as the bot reads them: opened with the tests' master key and
 * the nonces on the items' rows.
 */
export function testCellKeys(row: KeyringRow | undefined): CellKeys {
  const root = row && unwrapRoot(row, parseMasterKey(process.env.CIIC_MASTER_KEY ?? TEST_MASTER_KEY));
  if (!root) throw new Error("the database's keys do not open with the tests' master key");
  return cellKeys(root);
}

/** An opener for JSON texts read with `all` (any database): the keys and every item's nonce read once. */
export async function sealedOpener(all: <T>(sql: string, params?: unknown[]) => Promise<T[]>): Promise<(json: string) => string> {
  const [row] = await all<KeyringRow>(`SELECT "wrapped", "masterFingerprint" FROM "Keyring" WHERE "id" = 1`);
  const keys = testCellKeys(row);
  const nonces = new Map((await all<{ id: number | bigint; keyNonce: string }>(`SELECT "id", "keyNonce" FROM "Item" WHERE "keyNonce" IS NOT NULL`)).map((r) => [Number(r.id), r.keyNonce]));
  return (json) => openSealedJson(keys, json, (id) => nonces.get(id));
}

/**
 * The tokens an item's row keeps of these values (storage/sealing/item-cipher.ts), each read as a
 * submission reads it: what a test that looks into the database asks for instead of the value.
 */
export async function valueTokens(all: <T>(sql: string, params?: unknown[]) => Promise<T[]>, values: readonly string[]): Promise<string[]> {
  const [row] = await all<KeyringRow>(`SELECT "wrapped", "masterFingerprint" FROM "Keyring" WHERE "id" = 1`);
  const { items } = testCellKeys(row);
  return values.map((text) => {
    const found = classify(text);
    if (!found.ok) throw new Error(`not an indicator: ${text}`);
    return items.token(found.indicator.type, found.indicator.value);
  });
}
