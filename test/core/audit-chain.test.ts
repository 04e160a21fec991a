import { describe, expect, it } from "vitest";
import { GENESIS_HASH, chainEvents, hashEntry, verifyChain, type AuditEntry, type AuditEvent } from "../../src/core/audit/chain.js";

const AT = new Date("2026-03-10T09:00:00Z");

const events = (n: number, from = 1): AuditEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    action: i % 3 === 0 ? "indicators.submitted" : i % 3 === 1 ? "lookup.done" : "access.refused",
    actor: i % 4 === 3 ? null : `slack:U0AIVD00${(i % 3) + 1}`,
    subject: i % 2 === 0 ? `item:${from + i}` : undefined,
    details: { n: from + i, via: "slack" },
  }));

/** A fresh chain of `n` entries and the head the log keeps beside it. */
function chainOf(n: number): { entries: AuditEntry[]; head: { seq: number; hash: string } } {
  const entries = chainEvents({ seq: 0, hash: GENESIS_HASH }, events(n), AT);
  const last = entries[entries.length - 1];
  return { entries, head: last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH } };
}

const copy = (entries: AuditEntry[]) => entries.map((e) => ({ ...e, at: new Date(e.at) }));
const bySeq = (entries: AuditEntry[], seq: number) => entries.find((e) => e.seq === seq)!;

describe("chainEvents", () => {
  it("numbers entries from 1 and links each to the one before it, starting at the genesis hash", () => {
    const { entries } = chainOf(10);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    for (const e of entries) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.hash).toBe(hashEntry(e));
    }
  });

  it("records what happened: actor, action, subject (null when none), details as JSON text, time", () => {
    const [entry] = chainEvents(
      { seq: 0, hash: GENESIS_HASH },
      [{ action: "directory.loaded", actor: null, details: { members: 7, source: "directory.yaml" } }],
      AT,
    );
    expect(entry).toMatchObject({ seq: 1, at: AT, actor: null, action: "directory.loaded", subject: null });
    expect(JSON.parse(entry.readable)).toEqual({ members: 7, source: "directory.yaml" });
  });

  it("continues an existing chain after its head", () => {
    const first = chainOf(3);
    const more = chainEvents(first.head, events(2, 4), new Date("2026-03-11T09:00:00Z"));
    expect(more.map((e) => e.seq)).toEqual([4, 5]);
    expect(more[0].prevHash).toBe(first.head.hash);
  });

  it("gives an empty list for no events", () => {
    expect(chainEvents({ seq: 0, hash: GENESIS_HASH }, [], AT)).toEqual([]);
  });
});

describe("hashEntry", () => {
  it("is the same for the same content", () => {
    const { entries } = chainOf(2);
    expect(hashEntry({ ...entries[1] })).toBe(entries[1].hash);
  });

  it("changes when any recorded field changes", () => {
    const { entries } = chainOf(1);
    const e = entries[0];
    const base = hashEntry(e);
    const variants: Omit<AuditEntry, "hash">[] = [
      { ...e, seq: 2 },
      { ...e, at: new Date(e.at.getTime() + 1) },
      { ...e, actor: "slack:U0MIVD001" },
      { ...e, actor: null },
      { ...e, action: "lookup.done" },
      { ...e, subject: "item:999" },
      { ...e, details: e.details.replace("slack", "cli") },
      { ...e, prevHash: "f".repeat(64) },
    ];
    for (const v of variants) expect(hashEntry(v)).not.toBe(base);
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain of 10 entries and reports its head", async () => {
    const { entries, head } = chainOf(10);
    expect(await verifyChain(entries, head)).toEqual({ ok: true, entries: 10, headHash: head.hash });
  });

  it("accepts an empty log whose head is the genesis", async () => {
    expect(await verifyChain([], { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true, entries: 0, headHash: GENESIS_HASH });
  });

  it("reads entries from an async source, as a database cursor gives them", async () => {
    const { entries, head } = chainOf(10);
    async function* cursor() {
      for (const e of entries) yield e;
    }
    expect(await verifyChain(cursor(), head)).toMatchObject({ ok: true, entries: 10 });
  });

  it("names entry 4 as altered when its details were changed", async () => {
    const { entries, head } = chainOf(10);
    const tampered = copy(entries);
    bySeq(tampered, 4).details = JSON.stringify({ n: 4, via: "slack", note: "nothing to see" });
    expect(await verifyChain(tampered, head)).toMatchObject({ ok: false, seq: 4, problem: "altered" });
  });

  it("names entry 4 as altered when its actor, action or time was changed", async () => {
    const { entries, head } = chainOf(10);
    for (const change of [
      (e: AuditEntry) => (e.actor = "slack:U0NCTV001"),
      (e: AuditEntry) => (e.action = "lookup.done"),
      (e: AuditEntry) => (e.at = new Date("2026-01-01T00:00:00Z")),
    ]) {
      const tampered = copy(entries);
      change(bySeq(tampered, 4));
      expect(await verifyChain(tampered, head)).toMatchObject({ ok: false, seq: 4, problem: "altered" });
    }
  });

  it("names entry 4 as rewritten when it was changed and its hash recomputed: entry 5 no longer links to it", async () => {
    const { entries, head } = chainOf(10);
    const tampered = copy(entries);
    const four = bySeq(tampered, 4);
    four.details = JSON.stringify({ n: 4, via: "slack", rewritten: true });
    four.hash = hashEntry(four);
    const verdict = await verifyChain(tampered, head);
    expect(verdict).toMatchObject({ ok: false, seq: 4, problem: "altered" });
    if (!verdict.ok) expect(verdict.message).toContain("rewritten");
  });

  it("names entry 6 as removed when it was deleted", async () => {
    const { entries, head } = chainOf(10);
    const verdict = await verifyChain(
      entries.filter((e) => e.seq !== 6),
      head,
    );
    expect(verdict).toMatchObject({ ok: false, seq: 6, problem: "removed" });
    if (!verdict.ok) expect(verdict.message).toContain("6");
  });

  it("names entry 9 as removed when the last two entries were deleted while the head still says 10", async () => {
    const { entries, head } = chainOf(10);
    const verdict = await verifyChain(entries.slice(0, 8), head);
    expect(verdict).toMatchObject({ ok: false, seq: 9, problem: "removed", entries: 8 });
    if (!verdict.ok) expect(verdict.message).toMatch(/9.*10/);
  });

  it("detects an empty log whose head says entries were written", async () => {
    const { head } = chainOf(10);
    expect(await verifyChain([], head)).toMatchObject({ ok: false, seq: 1, problem: "removed" });
  });

  it("detects the first entry being deleted", async () => {
    const { entries, head } = chainOf(10);
    expect(await verifyChain(entries.slice(1), head)).toMatchObject({ ok: false, seq: 1, problem: "removed" });
  });

  it("detects entries given out of order", async () => {
    const { entries, head } = chainOf(10);
    const reordered = [...entries];
    [reordered[3], reordered[4]] = [reordered[4], reordered[3]];
    expect((await verifyChain(reordered, head)).ok).toBe(false);
  });

  it("detects two entries whose places were swapped, sequence numbers and all", async () => {
    const { entries, head } = chainOf(10);
    const swapped = copy(entries);
    const a = swapped[3];
    const b = swapped[4];
    [swapped[3], swapped[4]] = [{ ...b, seq: 4 }, { ...a, seq: 5 }];
    expect(await verifyChain(swapped, head)).toMatchObject({ ok: false, seq: 4 });
  });

  it("detects a rewritten last entry: the head no longer matches it", async () => {
    const { entries, head } = chainOf(10);
    const tampered = copy(entries);
    const last = bySeq(tampered, 10);
    last.actor = "slack:U0NCTV001";
    last.hash = hashEntry(last);
    expect(await verifyChain(tampered, head)).toMatchObject({ ok: false, seq: 10, problem: "altered" });
  });

  it("detects a whole chain rebuilt from entry 1 on when the head was kept", async () => {
    const { head } = chainOf(10);
    const rebuilt = chainEvents({ seq: 0, hash: GENESIS_HASH }, events(10), new Date("2026-03-10T09:00:01Z"));
    expect((await verifyChain(rebuilt, head)).ok).toBe(false);
  });

  it("detects a first entry that does not start from the genesis hash", async () => {
    const forged = chainEvents({ seq: 0, hash: "a".repeat(64) }, events(3), AT);
    const head = { seq: 3, hash: forged[2].hash };
    expect(await verifyChain(forged, head)).toMatchObject({ ok: false, seq: 1, problem: "altered" });
  });
});
