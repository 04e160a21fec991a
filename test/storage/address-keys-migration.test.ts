import { createCipheriv, createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { IndicatorType } from "../../src/core/indicators/index.js";
import type { NewItem } from "../../src/core/ports.js";
import { relatedRecords } from "../../src/core/relations/related.js";
import { openStore } from "../../src/storage/database.js";
import type { KeyringRow } from "../../src/storage/sealing/keyring.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { newItem } from "../support/new-item.js";
import { rawSql } from "../support/raw-sql.js";
import { testCellKeys } from "../support/sealed-reader.js";
import { auditEntries } from "../support/test-store.js";

/**
 * Address keys blinded under the first scheme (its AES input for bit i: the address's first i
 * bits, then a secret pad's), which kept long runs of an address's bits as they were, are remade
 * under the second at the next start, once, on both real databases (storage/sealing/
 * reblind-addresses.ts); what they relate stays related.
 */

/** The first scheme, as the version before this one blinded an address's first `bits` bits (written here on its own). */
function firstScheme(root: Buffer) {
  const derive = (label: string) => createHmac("sha256", root).update(label).digest();
  const aes = createCipheriv("aes-256-ecb", derive("ciic address keys v1"), null).setAutoPadding(false);
  return (tag: "4" | "6", address: Buffer, bits: number) => {
    const pad = derive(`ciic address pad v${tag}`).subarray(0, 16);
    const out = Buffer.alloc(address.length);
    for (let i = 0; i < bits; i++) {
      const input = Buffer.from(pad);
      for (let b = 0; b < i; b++) {
        const bit = (address[b >> 3] >> (7 - (b & 7))) & 1;
        input[b >> 3] = (input[b >> 3] & ~(0x80 >> (b & 7))) | (bit << (7 - (b & 7)));
      }
      const flipped = ((address[i >> 3] >> (7 - (i & 7))) & 1) ^ (aes.update(input)[0] >> 7);
      out[i >> 3] |= flipped << (7 - (i & 7));
    }
    return out.toString("hex");
  };
}

/** A clear key ("4:0a3d0709", or a range's "4:0a3d0000/16") as the first scheme stored it. */
const asFirstScheme = (blind: ReturnType<typeof firstScheme>, clear: string) => {
  const [hex, length] = clear.slice(2).split("/");
  const tag = clear[0] as "4" | "6";
  return `${tag}:${blind(tag, Buffer.from(hex, "hex"), length === undefined ? hex.length * 4 : Number(length))}${length === undefined ? "" : `/${length}`}`;
};

const ITEMS: NewItem[] = [
  newItem("ipv4-cidr", "10.61.0.0/16", "AIVD"),
  newItem("ipv4", "10.61.7.9", "MIVD"),
  newItem("ipv4-cidr", "0.0.0.0/0", "NCSC"),
  newItem("ipv6-cidr", "2001:db8:61::/48", "AIVD"),
  newItem("ipv6", "2001:db8:61::7", "NCSC"),
  newItem("url", "http://10.61.200.1/panel", "Politie"),
  newItem("domain", "address-keys.example", "AIVD"),
];
/** The clear keys of ITEMS (core/relations/relation-key.ts), ranges with their prefix length. */
const CLEAR_KEYS = ["4:0a3d0000/16", "4:0a3d0709", "4:00000000/0", "6:20010db8006100000000000000000000/48", "6:20010db8006100000000000000000007", "4:0a3dc801", null];

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

describe.each(DATABASE_KINDS)("address keys of the first scheme, on %s", (kind) => {
  it("are remade under the second at the next start, once, audited, and relate as before (on PostgreSQL by one of two instances starting at once)", async () => {
    const { url, drop } = await freshDatabaseUrl(kind);
    drops.push(drop);
    const first = await openStore(url);
    await first.transaction((tx) => tx.items.insert(ITEMS));
    await first.close();

    // The database as the version before left it: its keyring made before the second scheme, its address keys the first's.
    const db = await rawSql(kind, url);
    const [keyring] = await db.all<KeyringRow>(`SELECT "wrapped", "masterFingerprint" FROM "Keyring" WHERE "id" = 1`);
    const keys = testCellKeys(keyring);
    const expected = ITEMS.map((i) => keys.items.storedKey(i.type as IndicatorType, i.value));
    const blind = firstScheme(keys.root);
    const rows = await db.all<{ id: number | bigint; relKey: string | null }>(`SELECT "id", "relKey" FROM "Item" ORDER BY "id"`);
    expect(rows.map((r) => r.relKey)).toEqual(expected);
    for (const [n, row] of rows.entries()) {
      const clear = CLEAR_KEYS[n];
      if (clear !== null) await db.run(`UPDATE "Item" SET "relKey" = ? WHERE "id" = ?`, asFirstScheme(blind, clear), Number(row.id));
    }
    await db.run(`UPDATE "Keyring" SET "addressKeysAt" = NULL`);
    const firstKeys = (await db.all<{ relKey: string | null }>(`SELECT "relKey" FROM "Item" ORDER BY "id"`)).map((r) => r.relKey);
    // Each address key differs from the second scheme's, so that the test sees each one remade
    // (a /0 has no bits to blind, under either scheme; a domain's key is not an address's).
    firstKeys.forEach((key, n) => (CLEAR_KEYS[n] === null || CLEAR_KEYS[n]!.endsWith("/0") ? expect(key).toBe(expected[n]) : expect(key).not.toBe(expected[n])));

    // Several instances run side by side on PostgreSQL only; in one process, two SQLite
    // connections would wait on each other's lock with the event loop held.
    const told: number[] = [];
    const open = () => openStore(url, { onKeys: (opened) => told.push(opened.remadeAddressKeys ?? 0) });
    const [a, b] = kind === "postgres" ? await Promise.all([open(), open()]) : await open().then((one) => [one, one]);
    try {
      const remade = (await auditEntries(a)).filter((e) => e.action === "keys.address_keys_remade");
      expect(remade.map((e) => JSON.parse(e.details ?? "null"))).toEqual([{ items: 6 }]);
      // …and the start that remade them says so (the bot logs it); another says nothing.
      expect(told.sort()).toEqual(kind === "postgres" ? [0, 6] : [6]);
      expect((await db.all<{ relKey: string | null }>(`SELECT "relKey" FROM "Item" ORDER BY "id"`)).map((r) => r.relKey)).toEqual(expected);
      const [mark] = await db.all<{ addressKeysAt: unknown }>(`SELECT "addressKeysAt" FROM "Keyring"`);
      expect(mark.addressKeysAt).not.toBeNull();
      const related = async (type: IndicatorType, value: string) => (await relatedRecords(b.items, { type, value })).records.map((r) => [r.record.value, r.relation]).sort();
      // (A /0 holds every address and relates to none: core/relations/related.ts.)
      expect(await related("ipv4", "10.61.7.9")).toEqual([["10.61.0.0/16", "range_holds_address"]]);
      expect(await related("ipv6", "2001:db8:61::7")).toEqual([["2001:db8:61::/48", "range_holds_address"]]);
      expect(await related("ipv4-cidr", "10.61.200.0/24")).toEqual([
        ["10.61.0.0/16", "range_holds_range"],
        ["http://10.61.200.1/panel", "url_on_host"],
      ]);
    } finally {
      await a.close();
      if (b !== a) await b.close();
    }
    // The next start has nothing to remake.
    const again = await openStore(url);
    try {
      expect((await auditEntries(again)).filter((e) => e.action === "keys.address_keys_remade")).toHaveLength(1);
      expect((await db.all<{ relKey: string | null }>(`SELECT "relKey" FROM "Item" ORDER BY "id"`)).map((r) => r.relKey)).toEqual(expected);
    } finally {
      await again.close();
      await db.end();
    }
  });
});
