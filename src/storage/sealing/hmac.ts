import { hash } from "node:crypto";

/** SHA-256's block: a key is padded (or first hashed) to it. */
const BLOCK = 64;
/** SHA-256's digest. */
const DIGEST = 32;

/** HMAC-SHA-256 under one key, as bytes or as text. */
export interface KeyedHmac {
  bytes(data: string): Buffer;
  text(data: string, encoding: "base64url" | "hex"): string;
}

/**
 * Texts that surely fit in this many UTF-8 bytes (1,365 UTF-16 units, at three bytes each) are
 * hashed from a buffer kept for them; longer ones from one made for each call (the key of a text
 * that names more than some 65 items: cell-keys.ts textKey).
 */
const KEPT_BYTES = 4096;

/**
 * HMAC-SHA-256 (RFC 2104) over Node's one-shot SHA-256: the same bytes as `createHmac`, without
 * an `Hmac` object per call. Every such object is a native handle that each young collection
 * visits and then tells the native side about when it dies; a look-up made some seventeen (the
 * index tokens of the values its audit entry is read for), and they were a quarter of every
 * collection's pause, which is what sets the look-up's p99 (bench/MEASUREMENTS.md). The key's
 * two pads are written once, each at the head of a buffer kept for the key, and each call writes
 * its text and the inner hash behind them: a look-up makes some thirty of these, and two joined
 * buffers and a native one for each were a twelfth of what it allocated.
 */
export function keyedHmac(key: Buffer): KeyedHmac {
  const padded = Buffer.alloc(BLOCK);
  (key.length > BLOCK ? hash("sha256", key, "buffer") : key).copy(padded);
  const inner = Buffer.alloc(BLOCK + KEPT_BYTES);
  const outer = Buffer.alloc(BLOCK + DIGEST);
  for (let n = 0; n < BLOCK; n++) {
    inner[n] = padded[n] ^ 0x36;
    outer[n] = padded[n] ^ 0x5c;
  }
  /** The outer pad followed by the inner hash of `data`. Written in place: no call keeps it past the next. */
  const outerInput = (data: string): Buffer => {
    // UTF-8 takes at most three bytes for each UTF-16 unit (four for a pair of two).
    const message = data.length * 3 <= KEPT_BYTES ? inner.subarray(0, BLOCK + inner.write(data, BLOCK, "utf8")) : Buffer.concat([inner.subarray(0, BLOCK), Buffer.from(data, "utf8")]);
    // As "binary" (latin1) text, one character a byte: a short string instead of a buffer with memory of its own.
    outer.write(hash("sha256", message, "binary"), BLOCK, "binary");
    return outer;
  };
  return {
    bytes: (data) => hash("sha256", outerInput(data), "buffer"),
    text: (data, encoding) => hash("sha256", outerInput(data), encoding),
  };
}
