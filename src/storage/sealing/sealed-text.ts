import { decrypt, encrypt } from "./aead.js";
import type { CellKeys } from "./cell-keys.js";

/**
 * A stored text that may give away the cell's data is kept sealed, one JSON string at a time, so
 * that what is left readable (an entry's action, its ids, counts) stays readable when a value in
 * it is destroyed, and "[destroyed]" stands exactly where the value was.
 *
 *   "ciic:sealed:1:12.15:<base64url>"  sealed under the keys of items 12 and 15
 *   "ciic:sealed:1:-:<base64url>"      sealed under the cell text key (it names no stored item)
 *
 * The list of item ids is bound to the ciphertext (GCM's additional data), so it cannot be
 * swapped for another without the seal failing.
 */
export const SEALED_PREFIX = "ciic:sealed:1:";
export const DESTROYED = "[destroyed]";
const SEALED = /^ciic:sealed:1:(-|\d+(?:\.\d+)*):([A-Za-z0-9_-]+)$/;
const SEALED_REFS = /ciic:sealed:1:(\d+(?:\.\d+)*):/g;
// A sealed string as it stands in JSON text: a whole string (no backslash before its quote).
const SEALED_IN_JSON = /(?<!\\)"(ciic:sealed:1:(?:-|\d+(?:\.\d+)*):[A-Za-z0-9_-]+)"/g;

export const isSealed = (text: string): boolean => text.startsWith(SEALED_PREFIX);

/** Seals `plain` under the keys of `itemIds` (their nonces in the same order), or under the cell text key when there are none. */
export function sealString(keys: CellKeys, plain: string, itemIds: readonly number[], nonces: readonly string[]): string {
  const ref = itemIds.length === 0 ? "-" : itemIds.join(".");
  const key = itemIds.length === 0 ? keys.cellTextKey : keys.textKey(nonces);
  return `${SEALED_PREFIX}${ref}:${encrypt(key, Buffer.from(plain, "utf8"), ref).toString("base64url")}`;
}

/** The item ids whose keys the sealed strings in a text need. */
export function sealedItemIds(text: string): number[] {
  if (!text.includes(SEALED_PREFIX)) return [];
  const ids = new Set<number>();
  for (const m of text.matchAll(SEALED_REFS)) for (const id of m[1].split(".")) ids.add(Number(id));
  return [...ids];
}

/**
 * The plain text of a sealed string, or DESTROYED when the key of an item it named is gone.
 * Throws when the keys are there and do not open it: a wrong key or an altered database is not
 * the same as data destroyed on purpose.
 */
export function openString(keys: CellKeys, sealed: string, nonceOf: (itemId: number) => string | undefined): string {
  const m = SEALED.exec(sealed);
  if (!m) throw new Error("a sealed text in the database is malformed");
  const [, ref, body] = m;
  let key: Buffer;
  if (ref === "-") key = keys.cellTextKey;
  else {
    const nonces: string[] = [];
    for (const id of ref.split(".")) {
      const nonce = nonceOf(Number(id));
      if (nonce === undefined) return DESTROYED;
      nonces.push(nonce);
    }
    key = keys.textKey(nonces);
  }
  const plain = decrypt(key, Buffer.from(body, "base64url"), ref);
  if (!plain) throw new Error("a sealed text in the database does not open with this database's keys: it was altered, or written under other keys");
  return plain.toString("utf8");
}

/** A JSON text with its sealed strings opened (see openString); everything else exactly as it was. */
export function openSealedJson(keys: CellKeys, text: string, nonceOf: (itemId: number) => string | undefined): string {
  return text.includes(SEALED_PREFIX) ? text.replace(SEALED_IN_JSON, (_m, sealed: string) => JSON.stringify(openString(keys, sealed, nonceOf))) : text;
}

/** An object literal (or JSON object), as opposed to a Date or another class's instance, which are left whole. */
const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Every string in a value of arrays and plain objects (not the keys of objects), in order. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (isPlain(value)) for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** The value with each of its strings replaced by `map`'s answer (a copy; the input is untouched; Dates kept). */
export function mapStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, map);
    return out;
  }
  return value;
}
