import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, type NewItem, type Store } from "../../src/core/ports.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { asChecked } from "../../src/core/guard/checked-text.js";

const item = (value: string, party: NewItem["party"] = "AIVD", extra: Partial<NewItem> = {}): NewItem => ({
  type: "ipv4",
  value,
  party,
  memberId: `slack:U${party}`,
  memberName: `Member of ${party}`,
  submittedAt: new Date("2026-11-01T10:00:00Z"),
  legalBasis: "Wiv 2017",
  reliability: "B2",
  tlp: "AMBER",
  sourceRef: "case 1",
  note: null,
  via: "test",
  supersedesId: null,
  ...extra,
});

describe.each(DATABASE_KINDS)("storage on %s (real database)", (kind) => {
  let store: Store;
  let url: string;
  let drop: () => Promise<void>;
  const second: Store[] = [];
  /**
   * Two instances racing: on PostgreSQL two stores with their own connection pools. SQLite is the
   * single-instance embedded database: its driver is synchronous, so two connections in one
   * process would make one wait out the other's lock while blocking it; there one store's
   * concurrent transactions race instead (multi-instance deployments use PostgreSQL).
   */
  const racers = () => (kind === "postgres" ? [store, second[0]] : [store, store]);

  beforeAll(async () => {
    ({ url, drop } = await freshDatabaseUrl(kind));
    store = await openStore(url);
  });
  afterAll(async () => {
    await Promise.all(second.map((s) => s.close()));
    await store.close();
    await drop();
  });

  it("opens an already migrated database again without re-applying migrations", async () => {
    const again = await openStore(url);
    second.push(again);
    expect(await again.audit.head()).toEqual(await store.audit.head());
  });

  it("stores items with their provenance (Art 5.3) and finds them by value", async () => {
    const [stored] = await store.transaction((tx) => tx.items.insert([item("192.0.2.1")]));
    expect(stored.id).toBeGreaterThan(0);
    const found = await store.items.byValue("ipv4", "192.0.2.1");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ party: "AIVD", legalBasis: "Wiv 2017", reliability: "B2", tlp: "AMBER", sourceRef: "case 1", correctedById: null });
    expect(found[0].submittedAt.toISOString()).toBe("2026-11-01T10:00:00.000Z");
  });

  it("stores text as given, whatever characters it holds, in one go as in a bulk import", async () => {
    const note = `quote " backslash \\ line\nbreak, tab\t, é, 漢字, emoji 🛰️, \\u0041 written out`;
    const many = Array.from({ length: 20 }, (_, n) => item(`198.19.0.${n}`, "AIVD", { note, memberName: "Zoë O'Brien-\\Test", sourceRef: `file "x".json sha256:${"a".repeat(64)} line ${n}` }));
    many.push(item("198.19.0.99", "AIVD", { note: "lone \ud800 surrogate" }));
    await store.transaction((tx) => tx.items.insert(many));
    const [first] = await store.items.byValue("ipv4", "198.19.0.0");
    expect(first).toMatchObject({ note, memberName: "Zoë O'Brien-\\Test", sourceRef: `file "x".json sha256:${"a".repeat(64)} line 0` });
    expect(first.submittedAt.toISOString()).toBe("2026-11-01T10:00:00.000Z");
    // A lone surrogate has no UTF-8 form: it is stored, and reads back as replacement characters
    // (one on PostgreSQL, one per byte on SQLite), rather than failing the whole import.
    expect((await store.items.byValue("ipv4", "198.19.0.99"))[0].note).toMatch(/^lone \ufffd+ surrogate$/);
  });

  it("stores an import's slice of thousands as given too, every text and date, each under the id it returned", async () => {
    // As many as an import stores at once, over one statement's rows (PostgreSQL: 5,000 as one
    // JSON text; SQLite: its own driver), with what a bulk format could take for its own syntax.
    const awkward = "tab\there, line\nbreak, return\r, backslash \\ and \\N and \\t written out, é 漢字 🛰️";
    const many = Array.from({ length: 6000 }, (_, n) =>
      item(`100.64.${n >> 8}.${n & 255}`, "AIVD", {
        memberName: `Zoë\t\\N ${n}`,
        legalBasis: awkward,
        via: n % 2 === 0 ? "cli:import\nfile" : "\\N",
        note: n % 3 === 0 ? null : awkward,
        firstSeen: n % 5 === 0 ? new Date("2026-10-02T03:04:05.678Z") : null,
      }),
    );
    many.push(item("100.64.200.1", "AIVD", { legalBasis: "lone \ud800 surrogate" }));
    const stored = await store.transaction((tx) => tx.items.insert(many));
    expect(stored.map((s) => s.value)).toEqual(many.map((m) => m.value));
    for (const n of [0, 1, 3, 5, 1234, 4999, 5000, 5999]) {
      const [found] = await store.items.byValue("ipv4", many[n].value);
      expect(found.id, many[n].value).toBe(stored[n].id);
      expect(found).toMatchObject({ memberName: `Zoë\t\\N ${n}`, legalBasis: awkward, via: many[n].via, note: many[n].note, tlp: "AMBER", supersedesId: null, correctedById: null });
      expect(found.submittedAt.toISOString()).toBe("2026-11-01T10:00:00.000Z");
      expect(found.firstSeen?.toISOString() ?? null).toBe(n % 5 === 0 ? "2026-10-02T03:04:05.678Z" : null);
    }
    expect((await store.items.byValue("ipv4", "100.64.200.1"))[0].legalBasis).toMatch(/^lone \ufffd+ surrogate$/);
    // Current versions, as a look-up and the overlap check find them.
    expect(await store.items.suppliersOf([{ type: "ipv4", value: "100.64.9.9" }])).toEqual([{ type: "ipv4", value: "100.64.9.9", party: "AIVD" }]);
  });

  it("refuses a slice of thousands that holds a value the party has current already, and stores none of it", async () => {
    const many = Array.from({ length: 2000 }, (_, n) => item(`100.65.${n >> 8}.${n & 255}`));
    await store.transaction((tx) => tx.items.insert([many[1500]]));
    await expect(store.transaction((tx) => tx.items.insert(many))).rejects.toBeInstanceOf(ConflictError);
    expect(await store.items.byValue("ipv4", many[0].value)).toHaveLength(0);
    expect(await store.items.byValue("ipv4", many[1500].value)).toHaveLength(1);
  });

  it("stores with insertAbsent only what the party holds no current record of, other parties' and corrected-away values included", async () => {
    // Thousands, as an import's slice: AIVD holds two of them, NCSC a third, and AIVD corrected a
    // fourth away (its old version is no longer current).
    const many = Array.from({ length: 6000 }, (_, n) => item(`100.66.${n >> 8}.${n & 255}`));
    const [held] = await store.transaction((tx) => tx.items.insert([many[10], many[5999]]));
    await store.transaction((tx) => tx.items.insert([item(many[20].value, "NCSC")]));
    const [old] = await store.transaction((tx) => tx.items.insert([many[30]]));
    await store.transaction((tx) => tx.items.insert([item("100.67.0.1", "AIVD", { supersedesId: old.id })]));

    const stored = await store.transaction((tx) => tx.items.insertAbsent(many));
    expect(stored.map((s) => s.value)).toEqual(many.filter((_, n) => n !== 10 && n !== 5999).map((m) => m.value));
    // Each under the id it was given; the one held before is the only current record of its value.
    for (const s of [stored[0], stored[19], stored.at(-1)!]) expect((await store.items.currentOf("AIVD", [{ type: "ipv4", value: s.value }])).map((i) => i.id)).toEqual([s.id]);
    expect((await store.items.currentOf("AIVD", [{ type: "ipv4", value: many[10].value }])).map((i) => i.id)).toEqual([held.id]);
    expect((await store.items.byValue("ipv4", many[20].value)).map((i) => i.party).sort()).toEqual(["AIVD", "NCSC"]);
    expect((await store.items.currentOf("AIVD", [{ type: "ipv4", value: many[30].value }])).map((i) => i.id)).not.toContain(old.id);

    // Asked again, it stores nothing; a correction is not its to store.
    expect(await store.transaction((tx) => tx.items.insertAbsent(many.slice(0, 100)))).toEqual([]);
    await expect(store.transaction((tx) => tx.items.insertAbsent([item("100.67.0.2", "AIVD", { supersedesId: held.id })]))).rejects.toThrow(/not corrections/);
  });

  it("refuses a second current record of the same indicator from the same party, and rolls the transaction back", async () => {
    const before = await store.audit.head();
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append([{ action: "test.should_vanish", actor: null, details: {} }], new Date());
        await tx.items.insert([item("192.0.2.2")]);
        await tx.items.insert([item("192.0.2.2")]);
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await store.items.byValue("ipv4", "192.0.2.2")).toHaveLength(0);
    expect(await store.audit.head()).toEqual(before);
  });

  it("lets another party supply the same indicator and reports who holds it (Art 6.1)", async () => {
    await store.transaction((tx) => tx.items.insert([item("192.0.2.3", "AIVD"), item("192.0.2.3", "NCSC")]));
    const suppliers = await store.items.suppliersOf([{ type: "ipv4", value: "192.0.2.3" }]);
    expect(suppliers.map((s) => s.party).sort()).toEqual(["AIVD", "NCSC"]);
    // Asked on NCSC's behalf: only the other party.
    expect(await store.transaction((tx) => tx.items.suppliersOf([{ type: "ipv4", value: "192.0.2.3" }], "NCSC"))).toEqual([{ type: "ipv4", value: "192.0.2.3", party: "AIVD" }]);
    expect((await store.items.currentOf("NCSC", [{ type: "ipv4", value: "192.0.2.3" }]))[0].party).toBe("NCSC");
  });

  it("rolls back thousands of items stored in one go when their transaction fails, heads and all", async () => {
    const many = Array.from({ length: 3000 }, (_, n) => item(`198.18.${n >> 8}.${n & 255}`));
    await expect(
      store.transaction(async (tx) => {
        await tx.items.insert(many);
        expect((await tx.items.currentOf("AIVD", many)).length).toBe(3000);
        throw new Error("the file turned out unreadable");
      }),
    ).rejects.toThrow("unreadable");
    expect(await store.items.currentOf("AIVD", many)).toEqual([]);
    // Nothing half-stored blocks the same items later.
    const stored = await store.transaction((tx) => tx.items.insert(many));
    expect(new Set(stored.map((s) => s.id)).size).toBe(3000);
  });

  it("keeps a write that Prisma nests in a transaction of its own inside the store's transaction: it rolls back and commits with it", async () => {
    const [cited] = await store.transaction((tx) => tx.items.insert([item("198.18.200.1")]));
    const analysis = { title: asChecked("Nested"), body: asChecked("One actor."), authorId: "slack:UAIVD", authorName: "Anna", createdAt: new Date("2026-11-01T10:00:00Z"), itemIds: [cited.id] };
    let rolledBackId = 0;
    await expect(
      store.transaction(async (tx) => {
        rolledBackId = (await tx.analyses.create(analysis)).id;
        throw new Error("a later step failed");
      }),
    ).rejects.toThrow("a later step failed");
    expect(await store.transaction((tx) => tx.analyses.byId(rolledBackId))).toBeUndefined();
    const kept = await store.transaction((tx) => tx.analyses.create(analysis));
    expect(await store.transaction((tx) => tx.analyses.byId(kept.id))).toMatchObject({ title: "Nested", itemIds: [cited.id] });
  });

  it("records a correction as a new version; the old one stays and points at it", async () => {
    const [old] = await store.transaction((tx) => tx.items.insert([item("192.0.2.4")]));
    const [fixed] = await store.transaction((tx) => tx.items.insert([item("192.0.2.5", "AIVD", { supersedesId: old.id })]));
    expect((await store.items.byId(old.id))!.correctedById).toBe(fixed.id);
    expect(await store.items.currentOf("AIVD", [{ type: "ipv4", value: "192.0.2.4" }])).toHaveLength(0);
    expect((await store.items.currentOf("AIVD", [{ type: "ipv4", value: "192.0.2.5" }]))[0].id).toBe(fixed.id);
    // A version can be corrected once only: the second correction of the same version loses.
    await expect(store.transaction((tx) => tx.items.insert([item("192.0.2.6", "AIVD", { supersedesId: old.id })]))).rejects.toThrow();
  });

  it("counts only current records as holders of a value, of the parties asked about (Art 6.1)", async () => {
    const value = (n: number) => ({ type: "ipv4" as const, value: `198.20.0.${n}` });
    const [ncscOld] = await store.transaction((tx) => tx.items.insert([item("198.20.0.1", "NCSC"), item("198.20.0.1", "MIVD"), item("198.20.0.2", "OM")]));
    // NCSC corrects its record of .1 to .3: it no longer holds .1.
    await store.transaction((tx) => tx.items.insert([item("198.20.0.3", "NCSC", { supersedesId: ncscOld.id })]));
    const holders = await store.items.suppliersOf([value(1), value(2), value(3), value(4)]);
    const seen = holders.map((h) => `${h.party} ${h.value}`).sort();
    expect(seen).toEqual(["MIVD 198.20.0.1", "NCSC 198.20.0.3", "OM 198.20.0.2"]);
    // Asked for the other parties of MIVD, its own record is left out.
    expect((await store.items.suppliersOf([value(1)], "MIVD")).map((h) => h.party)).toEqual([]);
    // Many values at once, as an import asks: the same answer.
    const many = [...Array.from({ length: 6000 }, (_, n) => ({ type: "ipv4" as const, value: `203.0.${n >> 8}.${n & 255}` })), value(1), value(2), value(3)];
    expect((await store.items.suppliersOf(many)).map((h) => `${h.party} ${h.value}`).sort()).toEqual(seen);
  });

  it("keeps one unforked audit chain when many transactions append at once", async () => {
    const before = await store.audit.head();
    const writers = racers();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        writers[i % 2].transaction((tx) => tx.audit.append([{ action: "test.concurrent", actor: `w${i}`, details: { i } }], new Date())),
      ),
    );
    const head = await store.audit.head();
    expect(head.seq).toBe(before.seq + 30);
    const verdict = await verifyAuditLog(store);
    expect(verdict).toMatchObject({ ok: true, entries: head.seq });
  });

  it("chains a reading transaction's entries when it commits, so that it holds no one up while it reads (auditAtCommit)", async () => {
    const before = await store.audit.head();
    let open!: () => void;
    const reading = new Promise<void>((resolve) => (open = resolve));
    let appended!: () => void;
    const hasAppended = new Promise<void>((resolve) => (appended = resolve));
    const reader = store.transaction(
      async (tx) => {
        await tx.audit.append([{ action: "test.read", actor: "reader", details: {} }], new Date());
        appended();
        await reading;
        await tx.audit.append([{ action: "test.read_done", actor: "reader", details: {} }], new Date());
      },
      { auditAtCommit: true },
    );
    await hasAppended;
    if (kind === "postgres") {
      // Another instance appends and commits while the reader is still reading: the head is free.
      const other = second[0] ?? (await openStore(url));
      if (!second.includes(other)) second.push(other);
      await other.transaction((tx) => tx.audit.append([{ action: "test.write", actor: "writer", details: {} }], new Date()), { timeoutMs: 2000 });
      expect((await store.audit.latest(1))[0].action).toBe("test.write");
    }
    open();
    await reader;
    const latest = (await store.audit.latest(3)).map((e) => e.action).reverse();
    // In the order they committed; the reader's own entries in the order it made them.
    expect(latest.slice(-2)).toEqual(["test.read", "test.read_done"]);
    if (kind === "postgres") expect(latest[0]).toBe("test.write");
    expect((await store.audit.head()).seq).toBe(before.seq + (kind === "postgres" ? 3 : 2));
    expect(await verifyAuditLog(store)).toMatchObject({ ok: true });
  });

  it("takes the head at once when a reading transaction asks for it, after chaining what it appended before", async () => {
    await store.transaction(
      async (tx) => {
        await tx.audit.append([{ action: "test.first", actor: "t", details: {} }], new Date());
        await tx.audit.holdHead();
        await tx.audit.append([{ action: "test.second", actor: "t", details: {} }], new Date());
      },
      { auditAtCommit: true },
    );
    expect((await store.audit.latest(2)).map((e) => e.action).reverse()).toEqual(["test.first", "test.second"]);
    expect(await verifyAuditLog(store)).toMatchObject({ ok: true });
  });

  it("lets exactly one of two racing writers store the same new indicator", async () => {
    const results = await Promise.allSettled(
      racers().map((s) =>
        s.transaction(async (tx) => {
          const existing = await tx.items.currentOf("MIVD", [{ type: "ipv4", value: "192.0.2.77" }]);
          if (existing.length > 0) return "known";
          await tx.items.insert([item("192.0.2.77", "MIVD")]);
          return "stored";
        }),
      ),
    );
    const outcomes = results.map((r) => (r.status === "fulfilled" ? r.value : `error: ${r.reason}`)).sort();
    expect(outcomes).toEqual(["known", "stored"]);
    expect(await store.items.byValue("ipv4", "192.0.2.77")).toHaveLength(1);
  });

  it("answers a receipt key once; a second save of the key is a conflict", async () => {
    await store.transaction((tx) => tx.receipts.save("slack:command:1", '{"a":1}', new Date()));
    expect(await store.receipts.find("slack:command:1")).toBe('{"a":1}');
    await expect(store.transaction((tx) => tx.receipts.save("slack:command:1", "{}", new Date()))).rejects.toBeInstanceOf(ConflictError);
  });

  it("keeps every directory version; the last one is in force", async () => {
    const directory = {
      covenant: { effective: "2020-05-28", screeningValidityYears: 5 },
      legalBasis: {} as never,
      members: [],
      recipients: [],
      consent: { deadlineWorkingDays: 5, remindHoursBefore: 24, escalateAfterHours: 24 },
    };
    const a = await store.transaction((tx) => tx.directory.save({ loadedAt: new Date(), sha256: "a", source: "a.yml", directory }));
    const b = await store.transaction((tx) => tx.directory.save({ loadedAt: new Date(), sha256: "b", source: "b.yml", directory }));
    expect(b.version).toBeGreaterThan(a.version);
    expect((await store.directory.current())!.sha256).toBe("b");
    expect(await store.directory.currentVersion()).toBe(b.version);
  });
});
