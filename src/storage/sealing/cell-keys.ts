import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { decrypt, encrypt } from "./aead.js";
import { itemCipher, type ItemCipher } from "./item-cipher.js";

/**
 * The keys that keep the cell's data unreadable to anyone who holds only a copy of the database,
 * and that let a party's data be destroyed for good (Wiv 2017) in an audit log that may never be
 * changed: crypto-shredding.
 *
 *   master key (outside the database: a file or a setting)
 *     └─ wraps the cell's root key (one row, `Keyring`; rotation re-wraps only that row)
 *          ├─ the item key root: an item's key is derived from it and a random nonce kept on
 *          │  the item's row; clearing the nonce (a "let go") destroys the key
 *          └─ the cell text key: for texts that name no stored item
 *
 * A text that names stored items (an audit detail, a reply, a message, a record of provision) is
 * sealed under one key derived from the keys of every item it names, so that destroying any of
 * them destroys the text. Everything is AES-256-GCM and HMAC-SHA-256 from node:crypto.
 */

export const KEY_BYTES = 32;

/** A master key, as the operator keeps it: 32 random bytes. */
export interface MasterKey {
  readonly key: Buffer;
  /** Names the key without giving it away, so that a message can say which key a database needs. */
  readonly fingerprint: string;
}

/** Reads a master key written as base64 or hex (64 digits); throws with what is wrong. */
export function parseMasterKey(text: string): MasterKey {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES || (!/^[0-9a-f]{64}$/i.test(trimmed) && key.toString("base64").replace(/=+$/, "") !== trimmed.replace(/=+$/, ""))) {
    throw new Error(`a master key is ${KEY_BYTES} random bytes written in base64 (44 characters) or hex (64 digits); this one is not (make one with \`ciic keys new\`)`);
  }
  return { key, fingerprint: fingerprintOf(key) };
}

export const newMasterKeyText = (): string => randomBytes(KEY_BYTES).toString("base64");

const fingerprintOf = (key: Buffer) => createHmac("sha256", key).update("ciic master key fingerprint").digest("hex").slice(0, 16);

/** The root key wrapped by a master key, as the `Keyring` row keeps it. */
export interface WrappedRoot {
  wrapped: string;
  masterFingerprint: string;
}

export function newRootKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function wrapRoot(root: Buffer, master: MasterKey): WrappedRoot {
  return { wrapped: encrypt(master.key, root, "ciic root key").toString("base64"), masterFingerprint: master.fingerprint };
}

/** The root key, or undefined when this master key cannot open it. */
export function unwrapRoot(wrapped: WrappedRoot, master: MasterKey): Buffer | undefined {
  return decrypt(master.key, Buffer.from(wrapped.wrapped, "base64"), "ciic root key");
}

/** The keys derived from the root, for one open store. */
export interface CellKeys {
  /** An item's key, from the nonce kept on its row. */
  itemKey(nonce: string): Buffer;
  /** The key of a text that names these items, from their nonces in item-id order. */
  textKey(nonces: readonly string[]): Buffer;
  /** The key of a text that names no stored item. */
  readonly cellTextKey: Buffer;
  /** What an item's row keeps: its value's index token, its blinded relation key, its sealed texts. */
  readonly items: ItemCipher;
}

export function cellKeys(root: Buffer): CellKeys {
  const itemRoot = createHmac("sha256", root).update("ciic item keys v1").digest();
  const cellTextKey = createHmac("sha256", root).update("ciic cell text key v1").digest();
  const itemKey = (nonce: string) => createHmac("sha256", itemRoot).update(nonce).digest();
  return {
    itemKey,
    textKey(nonces) {
      if (nonces.length === 1) return itemKey(nonces[0]);
      const mac = createHmac("sha256", itemRoot);
      for (const n of nonces) mac.update(`${n};`);
      return mac.digest();
    },
    cellTextKey,
    items: itemCipher(root, itemKey),
  };
}

/** A fresh item nonce: 122 random bits (Node draws UUIDs from a cached block of random bytes: cheap on an import). */
export const newNonce = (): string => randomUUID();
