import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { relatedRecords, type Relation } from "../../src/core/relations/related.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { newItem } from "../support/new-item.js";

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
    return inside.map((r): [string, string, Relation] => [r.record.party, r.record.value, r.relation]);
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
    ]);
  });

  it("a subdomain and its parents up to the registrable domain, and an e-mail address's domain", async () => {
    expect(await related("domain", "a.b.evil.example")).toEqual([["AIVD", "evil.example", "parent_domain"]]);
    expect(await related("domain", "other.co.uk")).toEqual([]);
    expect(await related("domain", "x.evil.co.uk")).toEqual([["MIVD", "evil.co.uk", "parent_domain"]]);
    expect(await related("email", "ceo@evil.example")).toEqual([["AIVD", "evil.example", "domain_of_email"]]);
    expect(await related("email", "ceo@mail.evil.example")).toEqual([["AIVD", "evil.example", "parent_domain"]]);
  });
});
