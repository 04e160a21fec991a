import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText, type Command } from "../../src/core/commands/command.js";
import type { Store } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * Inside a transaction the store reads the commonest records straight from the connection
 * (storage/native-reads.ts); outside one, through Prisma. Both must give the same objects, field
 * for field: a record with every kind of column set (dates, nulls, a correction, a decided ask,
 * an agreement round, a retention review with a decided entry) is read both ways.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const SEM = "UNCSCAL01"; // NCSC analyst and liaison
const BRAM = "UAIVDLI01"; // AIVD liaison

describe.each(DATABASE_KINDS)("native reads on %s", (kind) => {
  const clock = testClock("2026-11-30T09:00:00Z");
  let store: Store;
  let drop: () => Promise<void>;
  let serial = 0;
  const say = (user: string, text: string) => {
    const command: Command = parseCommandText(text);
    return createCommandService({ store, clock }).handle({ platform: "slack", userId: user, requestKey: `slack:native:${++serial}`, command, text });
  };
  /** The same read inside a transaction (native) and outside one (Prisma). */
  const both = async <T>(read: (r: Store | Parameters<Parameters<Store["transaction"]>[0]>[0]) => Promise<T>) => ({
    native: await store.transaction((tx) => read(tx)),
    prisma: await read(store),
  });

  beforeAll(async () => {
    const db = await freshDatabaseUrl(kind);
    drop = db.drop;
    store = await openStore(db.url);
    await loadDirectory({ store, clock }, { text: readFileSync("test/fixtures/directory.yml", "utf8"), source: "directory.yml", actor: "test" });
    await say(ANNA, "submit 198.51.100.10 198.51.100.11 src:feed-7 note: seen twice");
    await say(SEM, "submit 198.51.100.10 ncsc-only.example tlp:green");
    await say(ANNA, "correct I-2 tlp:red");
    await say(ANNA, 'analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.');
    await say(ANNA, 'disclose A-1 to ncsc-ops purpose warn the sector conditions:"not to be passed on"');
    const ask = (await store.disclosures.asksOf(1)).find((a) => a.party === "AIVD")!;
    await createCommandService({ store, clock }).handle({ platform: "slack", userId: BRAM, requestKey: "slack:native:decide", command: { name: "decide", askId: ask.id, choice: { decision: "approve" } }, text: "approve" });
    await say(ANNA, "comms The CIIC partners confirm a joint assessment of the phishing wave.");
    await store.transaction(async (tx) => {
      const { review } = await tx.retention.open({ party: "AIVD", askedAt: clock.now(), deadline: new Date("2026-12-14T09:00:00Z") }, [1, 3]);
      await tx.retention.decide(review.id, 1, "KEEP", { id: "slack:UAIVDLI01", name: "Bram Jansen" }, clock.now());
    });
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it("reads items, a correction and the current versions alike", async () => {
    for (const id of [1, 2, 3, 4, 99]) {
      const { native, prisma } = await both((r) => r.items.byId(id));
      expect(native).toEqual(prisma);
    }
    expect((await both((r) => r.items.byId(2))).native).toMatchObject({ correctedById: expect.any(Number), sourceRef: "feed-7", note: "seen twice" });
    const indicators = [
      { type: "ipv4" as const, value: "198.51.100.10" },
      { type: "ipv4" as const, value: "198.51.100.11" },
      { type: "ipv4" as const, value: "198.51.100.99" },
    ];
    const { native, prisma } = await both((r) => r.items.currentOf("AIVD", indicators));
    expect(native).toHaveLength(2);
    expect(native).toEqual([...prisma].sort((a, b) => a.id - b.id));
  });

  it("reads disclosure requests, their consent questions and analyses alike", async () => {
    const reads: ((r: Store) => Promise<unknown>)[] = [
      (r: Store) => r.disclosures.byId(1),
      (r: Store) => r.disclosures.byId(99),
      (r: Store) => r.disclosures.byRequester("slack:UAIVDAN01", 20),
      (r: Store) => r.disclosures.asksOf(1),
      (r: Store) => r.disclosures.asksFor(["AIVD", "NCSC"], ["PENDING", "APPROVED"], 20),
      (r: Store) => r.disclosures.asksFor(["NCSC"], ["PENDING"], 1),
      (r: Store) => r.analyses.byId(1),
      (r: Store) => r.analyses.byId(99),
    ];
    for (const read of reads) {
      const { native, prisma } = await both((r) => read(r as Store));
      expect(native).toEqual(prisma);
    }
    expect((await both((r) => r.disclosures.asksOf(1))).native.find((a) => a.party === "AIVD")).toMatchObject({ state: "APPROVED", decidedAt: expect.any(Date) });
  });

  it("reads agreement rounds and retention reviews alike", async () => {
    const reads: ((r: Store) => Promise<unknown>)[] = [
      (r: Store) => r.rounds.byId(1),
      (r: Store) => r.rounds.asksOf(1),
      (r: Store) => r.rounds.asksOf(1, 1),
      (r: Store) => r.rounds.byAuthor("slack:UAIVDAN01", 10),
      (r: Store) => r.rounds.openAsks(50),
      (r: Store) => r.rounds.openAsks(50, ["NCSC"]),
      (r: Store) => r.retention.openReviews(50),
      (r: Store) => r.retention.openReviews(50, ["AIVD"]),
      (r: Store) => r.retention.entries(1),
    ];
    for (const read of reads) {
      const { native, prisma } = await both((r) => read(r as Store));
      expect(native).toEqual(prisma);
    }
    expect((await both((r) => r.rounds.openAsks(50))).native.length).toBeGreaterThan(0);
    expect((await both((r) => r.retention.entries(1))).native[0]).toMatchObject({ verdict: "KEEP", decidedAt: expect.any(Date) });
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });
});
