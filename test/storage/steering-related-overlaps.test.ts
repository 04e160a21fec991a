import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PartyCode } from "../../src/core/covenant/parties.js";
import type { NewItem, Store } from "../../src/core/ports.js";
import { keysBelow } from "../../src/core/relations/relation-key.js";
import { countRelatedOverlaps } from "../../src/core/steering/related-overlaps.js";
import type { KeyCursor, OverlapCounts, SteeringReads } from "../../src/core/steering/types.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { newItem } from "../support/new-item.js";

const at = (iso: string) => new Date(iso);
const supplied = (type: NewItem["type"], value: string, party: PartyCode, when: string): NewItem => ({ ...newItem(type, value, party), submittedAt: at(when) });
const none: OverlapCounts = { indicators: 0, pairs: [] };
const counted = (indicators: number, ...pairs: [PartyCode, PartyCode, number][]): OverlapCounts => ({
  indicators,
  pairs: pairs.map(([a, b, n]) => ({ parties: [a, b], indicators: n })),
});

/**
 * The steering report's related overlaps (issue 15, Art 6.1, 9) on real SQLite and PostgreSQL:
 * indicators of a period related, not identical, to another party's record supplied by its end.
 * Each case keeps to its own month and its own values, so that the cases share one database.
 */
describe.each(DATABASE_KINDS)("related overlaps in the steering report on %s (real database)", (kind) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(kind);
    drop = fresh.drop;
    store = await openStore(fresh.url);
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const insert = (items: NewItem[]) => store.transaction((tx) => tx.items.insert(items));
  /** Counted inside a command's transaction (SQLite's native queries) and outside it: the same. */
  const related = async (from: string, to: string) => {
    const inside = await store.transaction((tx) => countRelatedOverlaps(tx.steering, tx.items, at(from), at(to)));
    expect(await countRelatedOverlaps(store.steering, store.items, at(from), at(to))).toEqual(inside);
    return inside;
  };

  it("counts an address of MIVD in the period inside a range of AIVD once, with the pair AIVD–MIVD", async () => {
    await insert([supplied("ipv4-cidr", "10.1.0.0/16", "AIVD", "2026-01-10T10:00:00Z"), supplied("ipv4", "10.1.2.3", "MIVD", "2026-02-10T10:00:00Z")]);
    expect(await related("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")).toEqual(counted(1, ["AIVD", "MIVD", 1]));
    // With the range in the period as well, each of the two is an indicator of the period related
    // to the other party's record: both count.
    expect(await related("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z")).toEqual(counted(2, ["AIVD", "MIVD", 2]));
    // Identical overlaps see none of it.
    expect(await store.steering.overlaps(at("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z"))).toEqual(none);
  });

  it("counts a URL on a subdomain of another party's domain, and the domain with URLs of another party under it", async () => {
    await insert([
      supplied("domain", "evil-march.example", "NCSC", "2026-02-20T10:00:00Z"),
      supplied("url", "https://cdn.evil-march.example/kit.zip", "Politie", "2026-03-05T10:00:00Z"),
    ]);
    expect(await related("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")).toEqual(counted(1, ["NCSC", "Politie", 1]));
    // February ends before the URL was supplied: the domain has nothing related yet (MIVD's
    // address of the first case is February's only related overlap).
    expect(await related("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")).toEqual(counted(1, ["AIVD", "MIVD", 1]));
    // Both in one period: the URL upwards, the domain downwards (the URL lies below it).
    expect(await related("2026-02-15T00:00:00Z", "2026-03-10T00:00:00Z")).toEqual(counted(2, ["NCSC", "Politie", 2]));
  });

  it("does not count relations among one party's own records", async () => {
    await insert([
      supplied("ipv4-cidr", "10.3.0.0/16", "AIVD", "2026-04-02T10:00:00Z"),
      supplied("ipv4", "10.3.1.1", "AIVD", "2026-04-03T10:00:00Z"),
      supplied("domain", "own-april.example", "OM", "2026-04-04T10:00:00Z"),
      supplied("url", "https://own-april.example/login", "OM", "2026-04-05T10:00:00Z"),
      supplied("email", "boss@mail.own-april.example", "OM", "2026-04-06T10:00:00Z"),
    ]);
    expect(await related("2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z")).toEqual(none);
  });

  it("does not count a related record supplied after the period's end; the period it was supplied in does", async () => {
    await insert([supplied("ipv4-cidr", "10.4.0.0/16", "MIVD", "2026-05-10T10:00:00Z"), supplied("ipv4", "10.4.1.1", "AIVD", "2026-06-10T10:00:00Z")]);
    expect(await related("2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z")).toEqual(none);
    expect(await related("2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z")).toEqual(counted(1, ["AIVD", "MIVD", 1]));
  });

  it("does not count a removed item, on either side of a relation", async () => {
    const [, url, , address] = await insert([
      supplied("domain", "gone-july.example", "NCSC", "2026-07-02T10:00:00Z"),
      supplied("url", "http://gone-july.example/a", "MIVD", "2026-07-03T10:00:00Z"),
      supplied("ipv4-cidr", "10.5.0.0/24", "OM", "2026-07-04T10:00:00Z"),
      supplied("ipv4", "10.5.0.9", "NCSC", "2026-07-05T10:00:00Z"),
    ]);
    expect(await related("2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z")).toEqual(counted(4, ["MIVD", "NCSC", 2], ["NCSC", "OM", 2]));
    // Let go at a retention review (Wiv 2017): value and relation key are destroyed.
    for (const item of [url, address]) await store.transaction((tx) => tx.retention.removeItem(item.id, at("2026-12-01T10:00:00Z")));
    expect(await related("2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z")).toEqual(none);
  });

  it("keeps the identical overlaps' counts beside the related ones; an indicator of two parties relates for both", async () => {
    await insert([
      supplied("ipv4-cidr", "198.51.100.0/24", "NCSC", "2026-07-20T10:00:00Z"),
      supplied("ipv4", "198.51.100.60", "AIVD", "2026-08-03T10:00:00Z"),
      supplied("ipv4", "198.51.100.60", "MIVD", "2026-08-04T10:00:00Z"),
      supplied("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "AIVD", "2026-08-05T10:00:00Z"),
      supplied("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "Politie", "2026-08-06T10:00:00Z"),
    ]);
    const august = [at("2026-08-01T00:00:00Z"), at("2026-09-01T00:00:00Z")] as const;
    expect(await store.steering.overlaps(...august)).toEqual(counted(2, ["AIVD", "MIVD", 1], ["AIVD", "Politie", 1]));
    // The address relates to NCSC's range for AIVD and for MIVD; the hash has no relation.
    expect(await related("2026-08-01T00:00:00Z", "2026-09-01T00:00:00Z")).toEqual(counted(1, ["AIVD", "NCSC", 1], ["MIVD", "NCSC", 1]));
  });

  it("finds another party's record under a range behind more records than the relations' look-up reads", async () => {
    await insert([
      // 60 of AIVD's own addresses first in key order, then 60 of NCSC's supplied after the period…
      ...Array.from({ length: 60 }, (_, n) => supplied("ipv4", `10.7.0.${n + 1}`, "AIVD", "2026-08-20T10:00:00Z")),
      ...Array.from({ length: 60 }, (_, n) => supplied("ipv4", `10.7.100.${n + 1}`, "NCSC", "2026-10-20T10:00:00Z")),
      // … and MIVD's address last.
      supplied("ipv4", "10.7.200.1", "MIVD", "2026-08-21T10:00:00Z"),
      supplied("ipv4-cidr", "10.7.0.0/16", "AIVD", "2026-09-10T10:00:00Z"),
    ]);
    expect(await related("2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z")).toEqual(counted(1, ["AIVD", "MIVD", 1]));
  });

  it("pages through a period's indicators, each once, with every party that had supplied it by the end", async () => {
    await insert([
      supplied("domain", "paged-nov.example", "AIVD", "2026-10-20T10:00:00Z"),
      supplied("domain", "paged-nov.example", "MIVD", "2026-11-02T10:00:00Z"),
      supplied("domain", "other-nov.example", "OM", "2026-11-03T10:00:00Z"),
      supplied("domain", "paged-nov.example", "NCSC", "2026-11-04T10:00:00Z"),
      supplied("domain", "paged-nov.example", "Politie", "2026-12-04T10:00:00Z"),
    ]);
    const seen: { value: string; parties: PartyCode[] }[] = [];
    for (let after = 0; ; ) {
      const page = await store.steering.periodIndicators(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), after, 1);
      seen.push(...page.indicators.map(({ value, parties }) => ({ value, parties })));
      if (page.lastId === null) break;
      after = page.lastId;
    }
    expect(seen).toEqual([
      { value: "paged-nov.example", parties: ["AIVD", "MIVD", "NCSC"] },
      { value: "other-nov.example", parties: ["OM"] },
    ]);
  });

  it("reads everything under a range page by page in the store's key and id order, also amid many records of one key", async () => {
    await insert([
      ...Array.from({ length: 9 }, (_, n) => supplied("url", `http://10.8.0.1/p${n}`, n % 2 ? "AIVD" : "OM", "2026-11-10T10:00:00Z")),
      supplied("ipv4", "10.8.0.1", "MIVD", "2026-11-10T10:00:00Z"),
      supplied("ipv4", "10.8.3.3", "NCSC", "2026-11-10T10:00:00Z"),
      supplied("ipv4", "10.8.9.9", "NCSC", "2026-12-10T10:00:00Z"),
    ]);
    const range = keysBelow("ipv4-cidr", "10.8.0.0/16")!;
    const before = at("2026-12-01T00:00:00Z");
    const whole = await store.steering.recordsUnder(range, before, null, 100);
    // The store orders by its blinded keys (issue 17), which keep a range's records together but
    // not in address order: the records of one key come together, in id order.
    const oneKey = [...Array.from({ length: 9 }, (_, n) => `http://10.8.0.1/p${n}`), "10.8.0.1"];
    expect(whole.map((r) => r.value).sort()).toEqual([...oneKey, "10.8.3.3"].sort());
    const at101 = whole.findIndex((r) => r.value === "http://10.8.0.1/p0");
    expect(whole.slice(at101, at101 + oneKey.length).map((r) => r.value)).toEqual(oneKey);
    const paged = async (reads: Pick<SteeringReads, "recordsUnder">) => {
      const out = [];
      for (let after: KeyCursor | null = null; ; ) {
        const page = await reads.recordsUnder(range, before, after, 4);
        out.push(...page);
        if (page.length < 4) break;
        // As the steering report pages (related-overlaps.ts): by the stored key where there is one.
        after = { key: page[3].storedKey ?? page[3].key, id: page[3].id };
      }
      return out;
    };
    expect(await paged(store.steering)).toEqual(whole);
    // Inside a command's transaction the reads go straight to its connection: the same pages.
    expect(await store.transaction((tx) => paged(tx.steering))).toEqual(whole);
  });

  it("gives the event loop a turn after every page of the period, so that a long report in chat does not hold the bot", async () => {
    // Pages of 2,000 records, in a month of their own.
    await insert(Array.from({ length: 6500 }, (_, n) => supplied("domain", `page-${n}.turns.example`, n % 2 ? "AIVD" : "NCSC", "2025-06-10T10:00:00Z")));
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const turnsAtPage: number[] = [];
    try {
      await store.transaction((tx) =>
        countRelatedOverlaps(
          {
            ...tx.steering,
            periodIndicators: (from, to, after, limit) => {
              turnsAtPage.push(turns);
              return tx.steering.periodIndicators(from, to, after, limit);
            },
          },
          tx.items,
          at("2025-06-01T00:00:00Z"),
          at("2025-07-01T00:00:00Z"),
        ),
      );
    } finally {
      clearInterval(ticker);
    }
    expect(turnsAtPage.length).toBeGreaterThanOrEqual(4);
    const without = turnsAtPage.slice(1).filter((t, n) => t === turnsAtPage[n]).length;
    expect(without, `pages read without a turn of the event loop before them: ${turnsAtPage.join(", ")}`).toBe(0);
  });
});
