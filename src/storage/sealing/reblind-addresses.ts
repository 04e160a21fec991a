import { createCipheriv, createHmac } from "node:crypto";
import type { DbClient } from "../prisma-store.js";
import type { ItemCipher } from "./item-cipher.js";

/** Rows read and remade at a time. */
const PAGE = 2000;
/** How long the one transaction that remakes every address key may take: a start waits for it. */
const REMAKE_MS = 30 * 60_000;

/**
 * The address keys made under the first scheme (item-cipher.ts), remade under the second, once, at
 * the first start of a version that makes the second. Under the first, the AES input for bit i of
 * an address's key was its first i bits followed by a secret pad's bits; whenever the address's
 * bit i matched the pad's, bits i and i+1 drew the same, so that a key kept long runs of its
 * address's bits as they were (a /16's prefix wholly, in one database of about 150).
 *
 * The first scheme is undone with the root key alone: bit i of the address is bit i of the key
 * XOR a draw from the address's bits before it, which are known by then. So every key is remade,
 * also of rows whose texts cannot be opened. All in one transaction that first marks the keyring:
 * a start cut short leaves every key as it was for the next start, and an instance starting at the
 * same moment waits for it and then finds the mark set. Returns how many keys it remade.
 */
export async function reblindAddressKeys(client: DbClient, root: Buffer, cipher: ItemCipher, kind: "sqlite" | "postgres"): Promise<number> {
  const marks = await client.keyring.findUnique({ where: { id: 1 }, select: { addressKeysAt: true } });
  if (!marks || marks.addressKeysAt) return 0;
  const remake = remakeKey(firstSchemeOpener(root), cipher);
  const mark = kind === "postgres" ? "$1" : "?";
  return client.$transaction(
    async (tx) => {
      // No statement limit here: an instance that starts meanwhile waits on the mark for as long as this takes.
      if (kind === "postgres") await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
      const { count } = await tx.keyring.updateMany({ where: { id: 1, addressKeysAt: null }, data: { addressKeysAt: new Date() } });
      if (count === 0) return 0;
      let remade = 0;
      for (let after = 0; ; ) {
        // Rows not sealed yet hold clear keys, which sealing the items blinds (seal-items.ts).
        const rows = await tx.$queryRawUnsafe<{ id: number | bigint; relKey: string }[]>(
          `SELECT "id", "relKey" FROM "Item" WHERE "id" > ${mark} AND "sealed" IS NOT NULL AND ("relKey" LIKE '4:%' OR "relKey" LIKE '6:%') ORDER BY "id" LIMIT ${PAGE}`,
          after,
        );
        if (rows.length === 0) return remade;
        after = Number(rows[rows.length - 1].id);
        const json = JSON.stringify(rows.map((r) => [Number(r.id), remake(r.relKey)]));
        remade +=
          kind === "postgres"
            ? await tx.$executeRawUnsafe(`UPDATE "Item" i SET "relKey" = r->>1 FROM jsonb_array_elements($1::jsonb) r WHERE i."id" = (r->>0)::int4`, json)
            : await tx.$executeRawUnsafe(`UPDATE "Item" SET "relKey" = j.value->>1 FROM json_each(?) j WHERE "Item"."id" = j.value->>0`, json);
      }
    },
    { timeout: REMAKE_MS, maxWait: REMAKE_MS },
  );
}

type Opener = (tag: "4" | "6", blinded: Buffer, bits: number) => Buffer;

/** A stored key of the first scheme ("4:…", or a range's "4:…/16") as the second makes it. */
function remakeKey(open: Opener, cipher: ItemCipher) {
  return (stored: string): string => {
    const tag = stored[0] as "4" | "6";
    const [hex, length] = stored.slice(2).split("/");
    const bits = length === undefined ? hex.length * 4 : Number(length);
    const first = open(tag, Buffer.from(hex, "hex"), bits);
    if (length === undefined) return cipher.storedKeyOf(`${tag}:${first.toString("hex")}`);
    const last = Buffer.from(first);
    for (let i = bits; i < last.length * 8; i++) last[i >> 3] |= 0x80 >> (i & 7);
    return cipher.storedRangeKey({ from: `${tag}:${first.toString("hex")}`, to: `${tag}:${last.toString("hex")}` });
  };
}

/** The first scheme, undone: the address (its first `bits` bits, zeros after) whose key is `blinded`. */
function firstSchemeOpener(root: Buffer): Opener {
  const derive = (label: string) => createHmac("sha256", root).update(label).digest();
  const cipher = createCipheriv("aes-256-ecb", derive("ciic address keys v1"), null).setAutoPadding(false);
  const pads = { "4": derive("ciic address pad v4").subarray(0, 16), "6": derive("ciic address pad v6").subarray(0, 16) };
  const block = Buffer.alloc(16);
  return (tag, blinded, bits) => {
    const pad = pads[tag];
    const clear = Buffer.alloc(blinded.length);
    for (let i = 0; i < bits; i++) {
      // The first scheme's input for bit i: the address's first i bits, then the pad's.
      const whole = i >> 3;
      const mask = 0xff << (8 - (i & 7));
      for (let j = 0; j < 16; j++) block[j] = j < whole ? clear[j] : j === whole ? (clear[j] & mask) | (pad[j] & ~mask) : pad[j];
      const draw = cipher.update(block)[0] >> 7;
      clear[i >> 3] |= (((blinded[i >> 3] >> (7 - (i & 7))) & 1) ^ draw) << (7 - (i & 7));
    }
    return clear;
  };
}
