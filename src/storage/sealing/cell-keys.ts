import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { decrypt, encrypt } from "./aead.js";
import { itemCipher, type ItemCipher } from "./item-cipher.js";
import { keyedHmac, type KeyedHmac } from "./hmac.js";

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
  /** The root they all derive from: for a thread of this process that seals beside the store (prepare-items.ts); never written. */
  readonly root: Buffer;
}

/** `remembers`: whether the item cipher keeps what it sealed for opening it again (item-cipher.ts). */
export function cellKeys(root: Buffer, remembers = true): CellKeys {
  const itemRoot = createHmac("sha256", root).update("ciic item keys v1").digest();
  const cellTextKey = createHmac("sha256", root).update("ciic cell text key v1").digest();
  const itemMac = keyedHmac(itemRoot);
  const itemKey = itemKeys(root, itemMac);
  return {
    itemKey,
    textKey(nonces) {
      if (nonces.length === 1) return itemKey(nonces[0]);
      let text = "";
      for (const n of nonces) text += `${n};`;
      return itemMac.bytes(text);
    },
    cellTextKey,
    items: itemCipher(root, itemKey, remembers),
    root,
  };
}

/**
 * An item's key from its nonce. A nonce is 15 random bytes (20 base64url characters); its key is
 * two AES-256 blocks, the nonce followed by 0 and by 1, under a key of the root: one reused
 * cipher, a quarter of the cost of an HMAC on an import, where every item gets a key and a look-up,
 * where every row read is opened with one. AES is a pseudorandom permutation, and no two items
 * share a nonce (120 random bits), so no two share a key. Nonces made before (UUIDs, 36
 * characters) keep their keys: an HMAC of the nonce under the item root.
 */
function itemKeys(root: Buffer, itemMac: KeyedHmac): (nonce: string) => Buffer {
  const blocks = createCipheriv("aes-256-ecb", createHmac("sha256", root).update("ciic item keys v2").digest(), null).setAutoPadding(false);
  const input = Buffer.alloc(32);
  input[31] = 1;
  return (nonce) => {
    if (nonce.length !== NONCE_CHARS) return itemMac.bytes(nonce);
    // Cleared first: a nonce that decodes short (none is made so) must not take the last one's bytes.
    input.fill(0, 0, 16);
    input.write(nonce, 0, NONCE_BYTES, "base64url");
    input.copy(input, 16, 0, NONCE_BYTES);
    // ECB keeps nothing from one call to the next: the one cipher serves every key.
    return blocks.update(input);
  };
}

const NONCE_BYTES = 15;
const NONCE_CHARS = 20;

/** Random bytes drawn a few thousand at a time: one call to the system's generator per nonce cost more than its key. */
const pool = { bytes: Buffer.alloc(0), at: 0 };

/** A fresh item nonce: 120 random bits, in base64url. */
export function newNonce(): string {
  if (pool.at + NONCE_BYTES > pool.bytes.length) {
    pool.bytes = randomBytes(NONCE_BYTES * 256);
    pool.at = 0;
  }
  pool.at += NONCE_BYTES;
  return pool.bytes.toString("base64url", pool.at - NONCE_BYTES, pool.at);
}
