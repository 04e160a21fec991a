import { createCipheriv, createHmac } from "node:crypto";
import type { IndicatorType } from "../../core/indicators/index.js";
import { keysBelow, relationKeyOf, type KeyRange, type RelationKey } from "../../core/relations/relation-key.js";
import { decrypt, encrypt } from "./aead.js";
import { keyedHmac, type KeyedHmac } from "./hmac.js";

/**
 * An item's row as the database keeps it (crypto-shredding, issue 17): nothing on it reads as the
 * indicator without the cell's keys, and nothing is left of it once its key is destroyed.
 *
 * - `value` holds the value's **index token**, a keyed hash (HMAC) of its type and normal form:
 *   equal values have equal tokens, so look-ups, the head keys and the steering counts compare
 *   tokens as they compared values, and the database never sees a value.
 * - `sealed` holds what is shown of the item (its value, the URL as supplied, the source
 *   reference, the note, its file) sealed under the item's own key (AES-256-GCM). Clearing the
 *   item's nonce at a removal destroys it with every text that names the item.
 * - `relKey`, the relation key (core/relations/relation-key.ts), is **blinded** so that what the
 *   related-indicator comparison searches as a range stays a range:
 *   - a domain's labels, from the top, each an HMAC chained on the ones above it: a domain's
 *     key begins every key below it, as its labels began them;
 *   - an address through a prefix-preserving encryption in the manner of Crypto-PAn: bit i of the
 *     key is bit i of the address XOR a pseudorandom bit drawn from the bits before it (AES over
 *     them), so that the addresses in a range are exactly the keys between its first and last
 *     address's (in hex, as in clear); a range is keyed by its blinded prefix (zeros after it) and
 *     its prefix length ("4:0af30000/16"). The AES input for bit i is the first i bits, a 1 and
 *     zeros (addressBlock), so that no two prefixes share an input and every bit's draw is its own
 *     (the first scheme padded with a secret pad instead: then bit i and bit i+1 drew the same
 *     whenever the address's bit i matched the pad's, and a /16's key was its clear prefix in one
 *     database of about 150; reblind-addresses.ts remakes such keys);
 *   - a file as an HMAC of its strongest hash.
 *
 * What the blinded keys show to someone holding only the database: which items share a domain
 * suffix or an address prefix, how long a range's prefix is, which hashes are of one file — the
 * shape of the data, never a value. The core sees clear keys only: the store translates ranges on
 * their way in and makes the keys of what it found anew from their opened values.
 */
export interface ItemCipher {
  /** The index token of a value of this type. */
  token(type: IndicatorType | string, value: string): string;
  /**
   * The token of a value a text was read for (what a stored text names, TextSealer): the same as
   * `token`, and not kept. Most such values are stored nowhere.
   */
  probeToken(type: IndicatorType | string, value: string): string;
  /** An item's blinded relation key, or null where it has none. */
  storedKey(type: IndicatorType, value: string, sameFile?: string | null): string | null;
  /** A clear key's blinded form (an address key stands for the address alone). */
  storedKeyOf(key: RelationKey): string;
  /** Remembers for a while (ADOPTED_KEYS) a clear key's blinded form made elsewhere under the same keys (an import's parsing thread), as storedKeyOf would have. */
  adoptKey(key: RelationKey, stored: string): void;
  /** The blinded range that holds exactly the blinded keys of what the clear range holds. */
  storedRange(range: KeyRange): KeyRange;
  /** An address range item's own blinded key, from its first and last address ("4:…/16"). */
  storedRangeKey(range: KeyRange): string;
  seal(nonce: string, secrets: ItemSecrets): string;
  /** What was sealed, or undefined when the key is gone or is not the one it was sealed under. */
  open(nonce: string, sealed: string): ItemSecrets | undefined;
  /** Lets go of what this process remembers of the text sealed under this nonce (a removal). */
  forget(nonce: string): void;
}

/** What an item's row keeps sealed. */
export interface ItemSecrets {
  value: string;
  supplied?: string | null;
  sourceRef?: string | null;
  note?: string | null;
  /** The strongest hash of the file a hash came with (relation-key.ts). */
  sameFile?: string | null;
}

/**
 * Writes at `at` the AES input that draws bit `i` of an address's key: its first `i` bits, a 1,
 * then zeros. The 1 marks where the prefix ends, so that prefixes of different lengths never make
 * the same input (an IPv6 address's bit 127 still fits: 127 bits and the 1).
 */
function addressBlock(bytes: Uint8Array, i: number, into: Buffer, at: number): void {
  const whole = i >> 3;
  const used = i & 7;
  into.fill(0, at, at + 16);
  for (let j = 0; j < whole; j++) into[at + j] = bytes[j];
  // The byte the prefix ends in: its first `used` bits, then the 1.
  into[at + whole] = (bytes[whole] & (0xff00 >> used)) | (0x80 >> used);
}

/** Keys adopted from an import's parsing thread that are held (adoptKey): two slices of an import (SLICE in import-file.ts). */
const ADOPTED_KEYS = 2_000;

/** Sorts after every character of a base64url token, a hex digit and "/": a key followed by it bounds every key that begins with it. */
const AFTER = "~";
const TOKEN_CHARS = 22;
const LABEL_CHARS = 11;
const AAD = "ciic item v1";

/** A lone UTF-16 surrogate has no UTF-8 form: it is written as U+FFFD, as the databases write a column's. */
const wellFormed = (text: string | null | undefined) => (text && !text.isWellFormed() ? text.toWellFormed() : text);

/** The secrets as they are sealed: each text well formed, an empty one as none. */
const keptOf = (secrets: ItemSecrets): ItemSecrets => ({
  value: wellFormed(secrets.value)!,
  supplied: wellFormed(secrets.supplied) || null,
  sourceRef: wellFormed(secrets.sourceRef) || null,
  note: wellFormed(secrets.note) || null,
  sameFile: wellFormed(secrets.sameFile) || null,
});

/** What a sealed text holds: short names, and only the fields an item has. */
interface SealedFields {
  v: string;
  s?: string;
  r?: string;
  n?: string;
  f?: string;
}
const asSealed = (k: ItemSecrets): SealedFields => {
  const fields: SealedFields = { v: k.value };
  if (k.supplied) fields.s = k.supplied;
  if (k.sourceRef) fields.r = k.sourceRef;
  if (k.note) fields.n = k.note;
  if (k.sameFile) fields.f = k.sameFile;
  return fields;
};

/**
 * What was made lately, by a kind and a string: two keys, so that no joined key is built (and
 * hashed anew) at each look-up; the strings an import asks with are the very ones it read, whose
 * hashes the engine keeps. Let go whole when `most` are held: a small map stays in the caches.
 */
class Remembered<T> {
  private readonly byKind = new Map<string, Map<string, T>>();
  private size = 0;
  constructor(private readonly most = 20_000) {}

  /** What was made for this kind and key, if it is still held. */
  get(kind: string, key: string): T | undefined {
    return this.byKind.get(kind)?.get(key);
  }

  /** `made`, held for this kind and key. (No function to make it is passed: a closure at each look-up was garbage at each.) */
  keep(kind: string, key: string, made: T): T {
    if (this.size >= this.most) {
      this.byKind.clear();
      this.size = 0;
    }
    let map = this.byKind.get(kind);
    if (!map) this.byKind.set(kind, (map = new Map()));
    map.set(key, made);
    this.size++;
    return made;
  }
}

/** The texts last sealed or opened, with what they hold, in a ring that neither grows nor leaves a table behind. */
class RecentlyOpened {
  private static readonly SIZE = 64;
  private readonly nonces: string[] = new Array<string>(RecentlyOpened.SIZE).fill("");
  private readonly sealed: string[] = new Array<string>(RecentlyOpened.SIZE).fill("");
  private readonly secrets: (ItemSecrets | undefined)[] = new Array<ItemSecrets | undefined>(RecentlyOpened.SIZE).fill(undefined);
  private at = 0;

  /** What this very text under this nonce holds, if it is among the last few. */
  get(nonce: string, sealed: string): ItemSecrets | undefined {
    for (let n = 0; n < RecentlyOpened.SIZE; n++) if (this.nonces[n] === nonce && this.sealed[n] === sealed) return this.secrets[n];
    return undefined;
  }

  keep(nonce: string, sealed: string, secrets: ItemSecrets): void {
    this.nonces[this.at] = nonce;
    this.sealed[this.at] = sealed;
    this.secrets[this.at] = secrets;
    this.at = (this.at + 1) % RecentlyOpened.SIZE;
  }

  forget(nonce: string): void {
    for (let n = 0; n < RecentlyOpened.SIZE; n++) {
      if (this.nonces[n] !== nonce) continue;
      this.nonces[n] = "";
      this.sealed[n] = "";
      this.secrets[n] = undefined;
    }
  }
}

/**
 * `itemKey`: an item's own key, from its nonce (cell-keys.ts). `remembers`: whether what is sealed
 * is kept for opening it again, and the tokens and keys made for asking again. Not in an import's
 * parsing thread, which makes each item's once and never opens: keeping them took 2.3 s of a
 * 34 s profile of it on the related-mix bench. (The labels of domains it still keeps: a feed names the same
 * few parents again and again.)
 */
export function itemCipher(root: Buffer, itemKey: (nonce: string) => Buffer, remembers = true): ItemCipher {
  const derive = (label: string) => createHmac("sha256", root).update(label).digest();
  const valueKey = keyedHmac(derive("ciic value index v1"));
  const domainKey = keyedHmac(derive("ciic domain keys v1"));
  const fileKey = keyedHmac(derive("ciic file keys v1"));
  // One key per family: an IPv4 prefix and an IPv6 prefix of the same bits make the same input.
  const addressBlocks = {
    "4": createCipheriv("aes-256-ecb", derive("ciic address keys v2 ipv4"), null).setAutoPadding(false),
    "6": createCipheriv("aes-256-ecb", derive("ciic address keys v2 ipv6"), null).setAutoPadding(false),
  };
  const mac = (key: KeyedHmac, text: string, chars: number) => key.text(text, "base64url").slice(0, chars);

  /** Labels from the top; each under the blinded labels above it, remembered: an import names the same few domains again and again. */
  const labelPaths = new Remembered<string>();
  function blindDomain(labels: readonly string[]): string {
    let out = "";
    for (const label of labels) {
      out = labelPaths.get(out, label) ?? labelPaths.keep(out, label, out + mac(domainKey, `${out}\u0000${label}`, LABEL_CHARS));
    }
    return `d:${out}`;
  }

  const blocks = Buffer.alloc(16 * 128);
  /** The first `bits` bits of an address, encrypted prefix-preservingly, and zeros after: as hex. */
  function blindAddress(tag: "4" | "6", bytes: Buffer, bits: number): string {
    for (let i = 0; i < bits; i++) addressBlock(bytes, i, blocks, 16 * i);
    // ECB keeps no state from one block to the next: one cipher serves every call.
    const stream = bits > 0 ? addressBlocks[tag].update(blocks.subarray(0, 16 * bits)) : blocks;
    const out = Buffer.alloc(bytes.length);
    for (let i = 0; i < bits; i++) {
      const bit = ((bytes[i >> 3] >> (7 - (i & 7))) & 1) ^ (stream[16 * i] >> 7);
      out[i >> 3] |= bit << (7 - (i & 7));
    }
    return `${tag}:${out.toString("hex")}`;
  }

  /** "4:0a000000" (an address, or a range's first address) with the number of its bits that count. */
  const blindAddressKey = (key: string, bits: number) => blindAddress(key[0] as "4" | "6", Buffer.from(key.slice(2), "hex"), bits);

  /** Where an address range's first and last address part: its prefix length. */
  function prefixOf(range: KeyRange): number {
    const first = Buffer.from(range.from.slice(2), "hex");
    const last = Buffer.from(range.to.slice(2), "hex");
    let bits = 0;
    while (bits < first.length * 8 && ((first[bits >> 3] ^ last[bits >> 3]) & (0x80 >> (bits & 7))) === 0) bits++;
    return bits;
  }

  /** The blinded keys between which lie exactly those of the addresses and ranges inside `range`. */
  function blindRangeBounds(range: KeyRange): KeyRange {
    const bits = prefixOf(range);
    const from = blindAddressKey(range.from, bits);
    const last = Buffer.from(from.slice(2), "hex");
    for (let i = bits; i < last.length * 8; i++) last[i >> 3] |= 0x80 >> (i & 7);
    return { from, to: `${from[0]}:${last.toString("hex")}${AFTER}` };
  }

  // Keys and ranges made lately: an import asks for each indicator's when it looks for related
  // records and again when it stores it.
  const madeKeys = new Remembered<string>();
  const madeRanges = new Remembered<KeyRange>();
  // Keys an import's parsing thread made, for the look-up of related records that follows the
  // slice they were stored in: a couple of slices' worth. Kept among the 20,000 above, every item's
  // key lived through several young collections and was promoted (51 MB of a 1,000,000-line
  // import, sampled), to be collected later by a full one.
  const adoptedKeys = new Remembered<string>(ADOPTED_KEYS);

  function blindKey(key: RelationKey): string {
    if (key.startsWith("d:")) return blindDomain(key.slice(2, -1).split("."));
    if (key.startsWith("f:")) return `f:${mac(fileKey, key.slice(2), TOKEN_CHARS)}`;
    if (key.startsWith("4:") || key.startsWith("6:")) return blindAddressKey(key, (key.length - 2) * 4);
    throw new Error(`not a relation key: ${key.slice(0, 2)}…`);
  }
  const storedKeyOf = (key: RelationKey): string => (remembers ? (madeKeys.get("", key) ?? adoptedKeys.get("", key) ?? madeKeys.keep("", key, blindKey(key))) : blindKey(key));

  /** A range's own key: its blinded first address and its prefix length ("4:…/16"). */
  function blindRange(range: KeyRange): string {
    const bits = prefixOf(range);
    return `${blindAddressKey(range.from, bits)}/${bits}`;
  }
  const rangeKey = (range: KeyRange) => (remembers ? (madeKeys.get(range.from, range.to) ?? madeKeys.keep(range.from, range.to, blindRange(range))) : blindRange(range));

  // What was sealed or opened lately, by the nonce it was sealed under (one per item): a
  // submission's reply names what it stored a moment before, and a command opens some of the rows
  // it reads twice (the record looked up, then again to seal its reply). Only for the very text
  // remembered, which only a row that still has its nonce gives; and a removal forgets its row's.
  // A ring of the last few, not a map of thousands: every row a look-up opened, kept in a map of
  // 20,000, lived through two young collections and was promoted, 45 % of what each one promoted
  // on the related-mix bench and a quarter of its pause, for the rows that only one look-up reads.
  // Four already caught every second opening there; 64 hold a submission of as many values.
  const opened = new RecentlyOpened();
  const remember = (nonce: string, sealed: string, secrets: ItemSecrets) => {
    if (remembers) opened.keep(nonce, sealed, secrets);
    return secrets;
  };
  // An import asks for each value's token several times (is it known? who holds it? store it).
  const tokens = new Remembered<string>();
  // The values a command's texts are read for (a look-up's reply names some fourteen candidates:
  // the value, its host, its parent domains, each as a URL…) are made anew each time, never kept.
  // Kept with the tokens, each lived through two young collections and was promoted: a third of
  // what every collection copied, and a quarter of its pause on the look-up bench. Kept in a map
  // of their own let go every few commands, they were promoted all the same: the map's old table
  // still pointed at them, and a young collection takes that as a reason to keep them.
  const makeToken = (type: string, value: string) => mac(valueKey, `${type}\u0000${value}`, TOKEN_CHARS);
  return {
    token(type, value) {
      if (!remembers) return makeToken(type, value);
      return tokens.get(type, value) ?? tokens.keep(type, value, makeToken(type, value));
    },
    probeToken(type, value) {
      if (!remembers) return makeToken(type, value);
      return tokens.get(type, value) ?? makeToken(type, value);
    },
    storedKey(type, value, sameFile) {
      const below = type === "ipv4-cidr" || type === "ipv6-cidr" ? keysBelow(type, value) : undefined;
      if (below) return rangeKey(below);
      const key = relationKeyOf(type, value, sameFile);
      return key === null ? null : storedKeyOf(key);
    },
    storedKeyOf,
    storedRangeKey: rangeKey,
    adoptKey(key, stored) {
      adoptedKeys.keep("", key, stored);
    },
    storedRange(range) {
      if (range.from.startsWith("f:")) {
        const key = storedKeyOf(range.from);
        return { from: key, to: key };
      }
      if (range.from.startsWith("d:")) {
        // A domain's range runs from its key to the key with its last "." made "/" (relation-key.ts).
        const from = storedKeyOf(range.from);
        return { from, to: from + AFTER };
      }
      // An address alone (made as an item's own key is): its key, and the ranges of its own size
      // ("…/32"), whose keys follow it.
      if (range.from === range.to) return { from: storedKeyOf(range.from), to: storedKeyOf(range.from) + AFTER };
      // A range: the addresses that share its prefix, and the ranges inside it, whose keys are
      // their first address and their prefix length after a "/", which sorts before "~".
      return madeRanges.get(range.from, range.to) ?? madeRanges.keep(range.from, range.to, blindRangeBounds(range));
    },
    seal(nonce, secrets) {
      const kept = keptOf(secrets);
      const sealed = encrypt(itemKey(nonce), Buffer.from(JSON.stringify(asSealed(kept)), "utf8"), AAD).toString("base64");
      remember(nonce, sealed, kept);
      return sealed;
    },
    open(nonce, sealed) {
      const known = opened.get(nonce, sealed);
      if (known) return known;
      const plain = decrypt(itemKey(nonce), Buffer.from(sealed, "base64"), AAD);
      if (!plain) return undefined;
      const o = JSON.parse(plain.toString("utf8")) as SealedFields;
      return remember(nonce, sealed, { value: o.v, supplied: o.s ?? null, sourceRef: o.r ?? null, note: o.n ?? null, sameFile: o.f ?? null });
    },
    forget(nonce) {
      opened.forget(nonce);
    },
  };
}
