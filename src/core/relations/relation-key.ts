import { addressWithPrefix, hostOfUrl, networkBytes } from "../indicators/address-parts.js";
import type { IndicatorType } from "../indicators/index.js";

/**
 * A stored item's relation key: one indexed text per item that makes the downward relations
 * range searches of one index (issue 15, Art 6.1), where the value's own index cannot serve them:
 *
 * - a domain, and the host of a URL or an e-mail address on it, as its labels in reverse order
 *   ("d:example.evil.sub."), so that a domain and everything below it share a prefix;
 * - an address, and a URL on an address, as the address's bits in fixed-width hex ("4:0a010203",
 *   "6:2001…"), so that the addresses in a range lie between its first and last address; a range
 *   is keyed by its first address;
 * - a hash as its file ("f:" and the file's strongest hash): the hashes a file object carried
 *   together share one key. A hash supplied alone has none: its value's index finds it, and
 *   leaving it out of this index keeps imports of hash feeds fast (related.ts, sameFile).
 *
 * Other types have none (null). The key is read from the value, so a removed item's key goes
 * with its value.
 */
export type RelationKey = string;

/** The inclusive range of keys below an indicator: everything it holds. */
export interface KeyRange {
  from: RelationKey;
  to: RelationKey;
}

const IP_TYPES: ReadonlySet<IndicatorType> = new Set(["ipv4", "ipv6", "ipv4-cidr", "ipv6-cidr"]);
export const HASH_TYPES: ReadonlySet<IndicatorType> = new Set(["md5", "sha1", "sha256"]);
// Made once: a regular expression literal inside a function is a new object at every call.
const DOTTED_NUMBERS = /^\d+\.\d+\.\d+\.\d+$/;
const FILE_HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** The key an item is stored with; `sameFile` is the strongest hash of the file object it came in. */
export function relationKeyOf(type: IndicatorType, value: string, sameFile?: string | null): RelationKey | null {
  if (IP_TYPES.has(type)) return addressKey(value);
  switch (type) {
    case "domain":
      return domainKey(value);
    case "email":
      return domainKey(value.slice(value.lastIndexOf("@") + 1).toLowerCase());
    case "url": {
      const host = hostOfUrl(value);
      if (host === undefined || host === "") return null;
      // The URL parser has written the host in its normal form: an IPv6 address has colons, an
      // IPv4 one is four numbers. (Asking an address parser throws and catches for every domain: 12 µs.)
      return host.includes(":") || DOTTED_NUMBERS.test(host) ? addressKey(host) : domainKey(host);
    }
    case "md5":
    case "sha1":
    case "sha256":
      return sameFile ? fileKey(sameFile) : null;
    default:
      return null;
  }
}

/** Of the hashes one file object carried, the one its relation key is made of: SHA-256, else SHA-1, else MD5. */
export function strongestHash(hashes: readonly { type: IndicatorType; value: string }[]): string | undefined {
  for (const type of ["sha256", "sha1", "md5"] as const) {
    const found = hashes.find((h) => h.type === type);
    if (found) return found.value.toLowerCase();
  }
  return undefined;
}

/** A file's hash as a file says which file a hash belongs to (an MD5, SHA-1 or SHA-256 in hex), in lower case; else undefined. */
export const fileHashOf = (text: string | undefined): string | undefined => (text && FILE_HASH.test(text) ? text.toLowerCase() : undefined);

/** A stored hash's file, where it came with other hashes of it: read back from its relation key. */
export function sameFileOfKey(type: IndicatorType, value: string, key: string | null | undefined): string | undefined {
  if (!HASH_TYPES.has(type) || !key?.startsWith("f:")) return undefined;
  const file = key.slice(2);
  return file !== value.toLowerCase() ? file : undefined;
}

/** The key a file of this hash (as a group's strongest hash, or alone) is stored under. */
export const fileKey = (hash: string): RelationKey => `f:${hash.toLowerCase()}`;

/**
 * The keys below an indicator: a domain's subdomains and the URLs and e-mail addresses on them;
 * a range's addresses, smaller ranges and URLs on its addresses; the URLs on an address.
 */
export function keysBelow(type: IndicatorType, value: string): KeyRange | undefined {
  if (type === "domain") {
    const from = domainKey(value);
    // "/" follows "." in code-point order: every key that begins with `from` sorts before it.
    return { from, to: `${from.slice(0, -1)}/` };
  }
  if (IP_TYPES.has(type)) {
    const range = addressRange(value);
    return range && { from: range.first, to: range.last };
  }
  return undefined;
}

/** "sub.evil.example" → "d:example.evil.sub." */
function domainKey(domain: string): RelationKey {
  return `d:${domain.toLowerCase().split(".").reverse().join(".")}.`;
}

function addressKey(value: string): RelationKey | null {
  return addressRange(value)?.first ?? null;
}

/** The first and last address of an address (the same) or a range, as keys. */
function addressRange(value: string): { first: RelationKey; last: RelationKey } | undefined {
  const parsed = addressWithPrefix(value);
  if (!parsed) return undefined;
  const { v4, bytes, prefix } = parsed;
  const tag = v4 ? "4" : "6";
  const first = networkBytes(bytes, prefix);
  const last = first.map((byte, i) => byte | (~(0xff << (8 - Math.max(0, Math.min(8, prefix - i * 8)))) & 0xff));
  return { first: `${tag}:${hex(first)}`, last: `${tag}:${hex(last)}` };
}

const hex = (bytes: readonly number[]) => bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
