import { hash } from "node:crypto";

/** SHA-256's block: a key is padded (or first hashed) to it. */
const BLOCK = 64;

/** HMAC-SHA-256 under one key, as bytes or as text. */
export interface KeyedHmac {
  bytes(data: string): Buffer;
  text(data: string, encoding: "base64url" | "hex"): string;
}

/**
 * HMAC-SHA-256 (RFC 2104) over Node's one-shot SHA-256: the same bytes as `createHmac`, without
 * an `Hmac` object per call. Every such object is a native handle that each young collection
 * visits and then tells the native side about when it dies; a look-up made some seventeen (the
 * index tokens of the values its audit entry is read for), and they were a quarter of every
 * collection's pause, which is what sets the look-up's p99 (README, "Speed, measured"). The key's
 * two pads are made once.
 */
export function keyedHmac(key: Buffer): KeyedHmac {
  const padded = Buffer.alloc(BLOCK);
  (key.length > BLOCK ? hash("sha256", key, "buffer") : key).copy(padded);
  const inner = Buffer.from(padded.map((b) => b ^ 0x36));
  const outer = Buffer.from(padded.map((b) => b ^ 0x5c));
  const innerHash = (data: string) => hash("sha256", Buffer.concat([inner, Buffer.from(data, "utf8")]), "buffer");
  return {
    bytes: (data) => hash("sha256", Buffer.concat([outer, innerHash(data)]), "buffer"),
    text: (data, encoding) => hash("sha256", Buffer.concat([outer, innerHash(data)]), encoding),
  };
}
