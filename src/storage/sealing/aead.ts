import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** AES-256-GCM, as every sealed thing is sealed (cell-keys.ts, sealed-text.ts, item-cipher.ts). */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Random IVs drawn from a pool refilled a few hundred at a time: one call to the system's
 * generator per IV cost a tenth of sealing an item on an import.
 */
const ivPool = { bytes: Buffer.alloc(0), at: 0 };
function freshIv(): Buffer {
  if (ivPool.at + IV_BYTES > ivPool.bytes.length) {
    ivPool.bytes = randomBytes(IV_BYTES * 512);
    ivPool.at = 0;
  }
  const iv = ivPool.bytes.subarray(ivPool.at, ivPool.at + IV_BYTES);
  ivPool.at += IV_BYTES;
  return iv;
}

const aadBytes = new Map<string, Buffer>();
const aadOf = (aad: string) => aadBytes.get(aad) ?? (aadBytes.size < 100 ? aadBytes.set(aad, Buffer.from(aad, "utf8")).get(aad)! : Buffer.from(aad, "utf8"));

/** AES-256-GCM: iv, then ciphertext, then tag. `aad` binds the ciphertext to where it belongs. */
export function encrypt(key: Buffer, plain: Buffer, aad: string): Buffer {
  const iv = freshIv();
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aadOf(aad));
  const out = Buffer.allocUnsafe(IV_BYTES + plain.length + TAG_BYTES);
  iv.copy(out, 0);
  // GCM is a stream mode: update gives back as many bytes as it is given, final none.
  cipher.update(plain).copy(out, IV_BYTES);
  cipher.final();
  cipher.getAuthTag().copy(out, IV_BYTES + plain.length);
  return out;
}

/** The plain bytes, or undefined when the key is not the one it was sealed with (or it was altered). */
export function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer | undefined {
  if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aadOf(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}
