import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { BELOW_LIMIT, rangePrefixesOf, relatedOfEach, relatedRecords, type Relation } from "../../src/core/relations/related.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { newItem } from "../support/new-item.js";

const SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

/**
 * Each kind of relation (issue 15) found by the store's indexes on real SQLite and PostgreSQL,
 * inside a command's transaction (the native queries) and outside it.
 */
describe.each(DATABASE_KINDS)("related records on %s (real database)", (kind) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(kind);
    drop = fresh.drop;
    store = await openStore(fresh.url);
    await store.transaction((tx) =>
      tx.items.insert([
        newItem("ipv4-cidr", "10.1.0.0/16", "AIVD"),
        newItem("ipv4-cidr", "10.0.0.0/8", "MIVD"),
        newItem("ipv6-cidr", "2001:db8:aa::/48", "AIVD"),
        newItem("domain", "evil.example", "AIVD"),
        newItem("url", "https://evil.example/login", "NCSC"),
        newItem("url", "http://evil.example:8080/x", "NCSC"),
        newItem("url", "https://evil.example.other.example/", "NCSC"),
        newItem("domain", "evil.co.uk", "MIVD"),
        newItem("ipv4", "198.51.100.7", "MIVD"),
        // Below: subdomains, and URLs and e-mail addresses on them; addresses and URLs in ranges.
        newItem("domain", "cdn.evil.example", "MIVD"),
        newItem("url", "https://x.cdn.evil.example/a", "AIVD"),
        newItem("email", "Boss@Mail.Evil.Example", "Politie"),
        newItem("domain", "notevil.example", "MIVD"),
        newItem("ipv4", "192.0.2.130", "NCSC"),
        newItem("ipv4-cidr", "192.0.2.128/26", "Politie"),
        newItem("url", "http://192.0.2.131:8443/gate.php", "AIVD"),
        newItem("ipv4", "192.0.3.1", "NCSC"),
        newItem("ipv6", "2001:db8:aa::99", "NCSC"),
        newItem("url", "http://[2001:db8:aa::7]/x", "MIVD"),
        // The hashes of one file, as a STIX or MISP file object carried them (AIVD) …
        { ...newItem("md5", "5d41402abc4b2a76b9719d911017c592", "AIVD"), sameFile: SHA256 },
        { ...newItem("sha1", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", "AIVD"), sameFile: SHA256 },
        { ...newItem("sha256", SHA256, "AIVD"), sameFile: SHA256 },
        // … and one of them supplied alone by another party, and an unrelated hash.
        newItem("sha1", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", "NCSC"),
        newItem("md5", "7d793037a0760186574b0282f2f435e7", "MIVD"),
        // A file whose strongest hash one party supplied alone, and whose other hashes another
        // party gave with it named as their file (a CSV's same_file column, or an earlier export).
        { ...newItem("md5", "3".repeat(32), "Politie"), sameFile: "4".repeat(64) },
        { ...newItem("sha1", "5".repeat(40), "Politie"), sameFile: "4".repeat(64) },
        newItem("sha256", "4".repeat(64), "MIVD"),
      ]),
    );
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const related = async (type: Parameters<typeof relatedRecords>[1]["type"], value: string) => {
    const inside = await store.transaction((tx) => relatedRecords(tx.items, { type, value }));
    const outside = await relatedRecords(store.items, { type, value });
    expect(outside).toEqual(inside);
    return inside.records.map((r): [string, string, Relation] => [r.record.party, r.record.value, r.relation]);
  };

  it("an address and the ranges that hold it (IPv4 and IPv6)", async () => {
    expect(await related("ipv4", "10.1.2.3")).toEqual([
      ["AIVD", "10.1.0.0/16", "range_holds_address"],
      ["MIVD", "10.0.0.0/8", "range_holds_address"],
    ]);
    expect(await related("ipv6", "2001:db8:aa:1::5")).toEqual([["AIVD", "2001:db8:aa::/48", "range_holds_address"]]);
    expect(await related("ipv4", "10.2.0.1")).toEqual([["MIVD", "10.0.0.0/8", "range_holds_address"]]);
  });

  it("a range and the larger ranges that hold it", async () => {
    expect(await related("ipv4-cidr", "10.1.2.0/24")).toEqual([
      ["AIVD", "10.1.0.0/16", "range_holds_range"],
      ["MIVD", "10.0.0.0/8", "range_holds_range"],
    ]);
  });

  it("a URL and its host, a domain and its URLs (any scheme and port, not a longer host)", async () => {
    expect(await related("url", "https://evil.example/other")).toEqual([["AIVD", "evil.example", "host_of_url"]]);
    expect(await related("url", "http://198.51.100.7/payload")).toEqual([["MIVD", "198.51.100.7", "host_of_url"]]);
    expect(await related("domain", "evil.example")).toEqual([
      ["NCSC", "https://evil.example/login", "url_on_domain"],
      ["NCSC", "http://evil.example:8080/x", "url_on_domain"],
      ["MIVD", "cdn.evil.example", "subdomain"],
      ["AIVD", "https://x.cdn.evil.example/a", "url_on_domain"],
      ["Politie", "Boss@Mail.Evil.Example", "email_on_domain"],
    ]);
  });

  it("a subdomain and its parents up to the registrable domain, and an e-mail address's domain", async () => {
    expect(await related("domain", "a.b.evil.example")).toEqual([["AIVD", "evil.example", "parent_domain"]]);
    expect(await related("domain", "other.co.uk")).toEqual([]);
    expect(await related("domain", "x.evil.co.uk")).toEqual([["MIVD", "evil.co.uk", "parent_domain"]]);
    expect(await related("email", "ceo@evil.example")).toEqual([["AIVD", "evil.example", "domain_of_email"]]);
    expect(await related("email", "ceo@mail.evil.example")).toEqual([["AIVD", "evil.example", "parent_domain"]]);
  });

  it("a domain and what lies below it: subdomains, and the URLs and e-mail addresses on them, not a longer name", async () => {
    expect(await related("domain", "cdn.evil.example")).toEqual([
      ["AIVD", "evil.example", "parent_domain"],
      ["AIVD", "https://x.cdn.evil.example/a", "url_on_domain"],
    ]);
    expect(await related("domain", "mail.evil.example")).toEqual([
      ["AIVD", "evil.example", "parent_domain"],
      ["Politie", "Boss@Mail.Evil.Example", "email_on_domain"],
    ]);
    expect(await related("domain", "example.evil")).toEqual([]);
  });

  it("a range and what lies inside it: addresses, smaller ranges and URLs on its addresses (IPv4 and IPv6)", async () => {
    expect(await related("ipv4-cidr", "192.0.2.0/24")).toEqual([
      ["NCSC", "192.0.2.130", "address_in_range"],
      ["Politie", "192.0.2.128/26", "range_in_range"],
      ["AIVD", "http://192.0.2.131:8443/gate.php", "url_on_host"],
    ]);
    expect(await related("ipv4-cidr", "192.0.2.128/25")).toEqual([
      ["NCSC", "192.0.2.130", "address_in_range"],
      ["Politie", "192.0.2.128/26", "range_in_range"],
      ["AIVD", "http://192.0.2.131:8443/gate.php", "url_on_host"],
    ]);
    // The /26 starts where the /25 and the /24 start, but holds neither.
    expect(await related("ipv4-cidr", "192.0.2.128/26")).toEqual([
      ["NCSC", "192.0.2.130", "address_in_range"],
      ["AIVD", "http://192.0.2.131:8443/gate.php", "url_on_host"],
    ]);
    expect(await related("ipv6-cidr", "2001:db8:aa::/64")).toEqual([
      ["AIVD", "2001:db8:aa::/48", "range_holds_range"],
      ["NCSC", "2001:db8:aa::99", "address_in_range"],
      ["MIVD", "http://[2001:db8:aa::7]/x", "url_on_host"],
    ]);
  });

  it("knows the prefix lengths of the ranges on file, for an import to probe only those", async () => {
    const sorted = (await store.items.rangePrefixes()).sort((a, b) => a.type.localeCompare(b.type) || a.prefix - b.prefix);
    expect(sorted).toEqual([
      { type: "ipv4-cidr", prefix: 8 },
      { type: "ipv4-cidr", prefix: 16 },
      { type: "ipv4-cidr", prefix: 26 },
      { type: "ipv6-cidr", prefix: 48 },
    ]);
  });

  it("reads the ranges on file whole, and an import that probes only those, reading names only, finds what probing every length finds", async () => {
    const ranges = ["ipv4-cidr|10.0.0.0/8", "ipv4-cidr|10.1.0.0/16", "ipv4-cidr|192.0.2.128/26", "ipv6-cidr|2001:db8:aa::/48"];
    const outside = await store.items.storedRanges(100);
    const inside = await store.transaction((tx) => tx.items.storedRanges(100));
    for (const found of [outside, inside]) expect(found.map((r) => `${r.type}|${r.value}`).sort()).toEqual(ranges);
    expect(await store.items.storedRanges(2)).toHaveLength(2);

    const prefixes = await store.transaction((tx) => rangePrefixesOf(tx.items));
    expect([...(prefixes.ranges ?? [])].sort()).toEqual(ranges);
    const asked = [
      { type: "ipv4", value: "10.1.2.3" },
      { type: "ipv4", value: "192.0.2.131" },
      { type: "ipv4", value: "203.0.113.9" },
      { type: "ipv6", value: "2001:db8:aa::99" },
      { type: "ipv4-cidr", value: "10.1.4.0/24" },
      { type: "ipv6-cidr", value: "2001:db8:aa:1::/64" },
      { type: "url", value: "http://10.1.9.9/x" },
      { type: "url", value: "http://[2001:db8:aa::5]/y" },
    ] as const;
    const everyLength = await store.transaction((tx) => relatedOfEach(tx.items, asked));
    const onlyOnFile = await store.transaction((tx) => relatedOfEach(tx.items, asked, { rangePrefixes: prefixes }));
    expect(onlyOnFile).toEqual(everyLength);
    // Counted rather than shown (an import, the steering report): the same records, read from the value index alone.
    const namesOnly = await store.transaction((tx) => relatedOfEach(tx.items, [...asked, { type: "md5", value: "5d41402abc4b2a76b9719d911017c592" }, { type: "url", value: "https://a.cdn.evil.example/" }], { rangePrefixes: prefixes, namesOnly: true }));
    const shown = await store.transaction((tx) => relatedOfEach(tx.items, [...asked, { type: "md5", value: "5d41402abc4b2a76b9719d911017c592" }, { type: "url", value: "https://a.cdn.evil.example/" }]));
    expect(namesOnly).toEqual(shown);
    expect(namesOnly.get("md5|5d41402abc4b2a76b9719d911017c592")?.records.map((r) => r.record.value).sort()).toEqual(["aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", SHA256].sort());
    expect(namesOnly.get("url|https://a.cdn.evil.example/")?.records.map((r) => [r.record.value, r.relation])).toEqual([
      ["evil.example", "parent_domain"],
      ["cdn.evil.example", "parent_domain"],
    ]);
    expect([...everyLength.keys()].sort()).toEqual(asked.filter((a) => a.value !== "203.0.113.9").map((a) => `${a.type}|${a.value}`).sort());
  });

  it("an address and the URLs on it", async () => {
    expect(await related("ipv4", "192.0.2.131")).toEqual([
      ["Politie", "192.0.2.128/26", "range_holds_address"],
      ["AIVD", "http://192.0.2.131:8443/gate.php", "url_on_host"],
    ]);
  });

  it("a hash and the other hashes of its file, with every party's record of them", async () => {
    const fileOf = [
      ["AIVD", "5d41402abc4b2a76b9719d911017c592", "same_file"],
      ["AIVD", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", "same_file"],
      ["AIVD", SHA256, "same_file"],
      ["NCSC", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", "same_file"],
    ];
    // Submitted later by anyone, as any one of the three: the others relate.
    expect(await related("md5", "5d41402abc4b2a76b9719d911017c592")).toEqual(fileOf.filter(([, v]) => v !== "5d41402abc4b2a76b9719d911017c592"));
    expect(await related("sha256", SHA256)).toEqual(fileOf.filter(([, v]) => v !== SHA256));
    expect(await related("sha1", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")).toEqual(fileOf.filter(([, v]) => v !== "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"));
    expect(await related("md5", "7d793037a0760186574b0282f2f435e7")).toEqual([]);
  });

  it("a file's strongest hash supplied alone relates to the hashes another party stored with that file, both ways", async () => {
    expect(await related("md5", "3".repeat(32))).toEqual([
      ["Politie", "5".repeat(40), "same_file"],
      ["MIVD", "4".repeat(64), "same_file"],
    ]);
    expect(await related("sha256", "4".repeat(64))).toEqual([
      ["Politie", "3".repeat(32), "same_file"],
      ["Politie", "5".repeat(40), "same_file"],
    ]);
  });
});

describe.each(DATABASE_KINDS)("the limits of relations on %s (real database)", (kind) => {
  it("reads at most 50 records below a value and says that there are more; a removed item is no longer related", async () => {
    const fresh = await freshDatabaseUrl(kind);
    const store = await openStore(fresh.url);
    try {
      await store.transaction((tx) => tx.items.insert(Array.from({ length: 60 }, (_, n) => newItem("domain", `h${String(n).padStart(2, "0")}.big.example`, "MIVD"))));
      const wide = await relatedRecords(store.items, { type: "domain", value: "big.example" });
      expect(wide.records).toHaveLength(BELOW_LIMIT);
      expect(wide.more).toBe(true);
      const narrow = await relatedRecords(store.items, { type: "domain", value: "h07.big.example" });
      expect(narrow).toEqual({ records: [], more: false });

      const [url] = await store.transaction((tx) => tx.items.insert([newItem("url", "https://h07.big.example/kit.zip", "AIVD")]));
      expect((await relatedRecords(store.items, { type: "domain", value: "h07.big.example" })).records.map((r) => r.record.id)).toEqual([url.id]);
      // A file's strongest hash let go: the party's other hashes of that file lose their key
      // (no key keeps the value); another party's file keyed by it stays.
      const strongest = "9".repeat(64);
      const [, , mine] = await store.transaction((tx) =>
        tx.items.insert([
          { ...newItem("md5", "1".repeat(32), "AIVD"), sameFile: strongest },
          { ...newItem("sha256", strongest, "NCSC"), sameFile: strongest },
          { ...newItem("sha256", strongest, "AIVD"), sameFile: strongest },
          { ...newItem("sha1", "2".repeat(40), "NCSC"), sameFile: strongest },
        ]),
      );
      await store.transaction((tx) => tx.retention.removeItem(mine.id, new Date("2026-12-01T10:00:00Z")));
      expect((await store.items.byValue("md5", "1".repeat(32)))[0].sameFile).toBeUndefined();
      expect((await store.items.byValue("sha1", "2".repeat(40)))[0].sameFile).toBe(strongest);
      expect((await relatedRecords(store.items, { type: "md5", value: "1".repeat(32) })).records).toEqual([]);

      // Let go at a retention review (Wiv 2017): its value and its key are gone.
      await store.transaction((tx) => tx.retention.removeItem(url.id, new Date("2026-12-01T10:00:00Z")));
      expect(await relatedRecords(store.items, { type: "domain", value: "h07.big.example" })).toEqual({ records: [], more: false });
    } finally {
      await store.close();
      await fresh.drop();
    }
  });
});
