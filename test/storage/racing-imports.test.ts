import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFile, type ImportOutcome } from "../../src/core/formats/import-file.js";
import type { Store } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { DATABASE_KINDS, twoInstancesForSuite } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * Imports that run at once (issue 18): on PostgreSQL from two bot instances, on SQLite within
 * one. What an import tells must hold as if one had waited for the other:
 * - two parties importing files that share values: the later is told that the other party
 *   supplied them (Art 6.1), though each import looked its values up before the other committed;
 * - one party importing one file twice at once: every value is stored once, one current record
 *   each, and the other import says they were known already.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const AIVD_ANALYST = "UAIVDAN01";
const NCSC_ANALYST = "UNCSCAN01";
/** Two slices of 5,000 and more per file, so that each import looks up more than once. */
const EACH = 6000;
const SHARED = 2500;
const RACES = 3;

describe.each(DATABASE_KINDS)("racing imports on %s (real database)", (kind) => {
  const instances = twoInstancesForSuite(kind);
  const clock = testClock("2026-12-01T09:00:00Z");
  const dir = mkdtempSync(join(tmpdir(), "ciic-racing-imports-"));

  beforeAll(async () => {
    expect(await loadDirectory({ store: instances.store, clock }, { text: DIRECTORY, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
  });

  /** A CSV feed of the given values, as a file of its own. */
  const feed = (name: string, values: readonly string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `indicator\n${values.join("\n")}\n`);
    return path;
  };
  const importAs = async (store: Store, slackId: string, path: string): Promise<Extract<ImportOutcome, { ok: true }>> => {
    const record = (await store.directory.current())!;
    const member = record.directory.members.find((m) => m.accounts.slack === slackId)!;
    const outcome = await importFile({ store, clock }, { member, directory: record.directory, format: "csv", path, fileName: path.slice(dir.length + 1), via: "test" });
    if (!outcome.ok) throw new Error(`the import was refused: ${outcome.message}`);
    return outcome;
  };

  it("tells the later of two parties importing shared values at once that the other supplied them (Art 6.1)", { timeout: 120_000 }, async () => {
    for (let race = 1; race <= RACES; race++) {
      const host = (n: number) => `host-${n}.race-${race}.racing-imports.example`;
      const shared = Array.from({ length: SHARED }, (_, n) => host(n));
      const aivdOnly = Array.from({ length: EACH - SHARED }, (_, n) => host(100_000 + n));
      const ncscOnly = Array.from({ length: EACH - SHARED }, (_, n) => host(200_000 + n));
      // Interleaved, so that both files look their shared values up in every slice.
      const aivdFile = feed(`aivd-${race}.csv`, aivdOnly.flatMap((v, n) => (n < SHARED ? [v, shared[n]] : [v])));
      const ncscFile = feed(`ncsc-${race}.csv`, ncscOnly.flatMap((v, n) => (n < SHARED ? [shared[SHARED - 1 - n], v] : [v])));

      const [aivd, ncsc] = await Promise.all([importAs(instances.store, AIVD_ANALYST, aivdFile), importAs(instances.other, NCSC_ANALYST, ncscFile)]);
      expect([aivd.stored, ncsc.stored]).toEqual([EACH, EACH]);
      // The one that committed last saw the other's records; the first may have seen none of them.
      expect(Math.max(aivd.overlaps!, ncsc.overlaps!), `race ${race}: AIVD was told of ${aivd.overlaps}, NCSC of ${ncsc.overlaps}`).toBe(SHARED);
      expect(Math.min(aivd.overlaps!, ncsc.overlaps!)).toBeLessThanOrEqual(SHARED);
    }
    expect(await verifyAuditLog(instances.store)).toMatchObject({ ok: true });
  });

  it("stores each value once when one party imports one file twice at once, and the other import finds them known", { timeout: 120_000 }, async () => {
    const values = Array.from({ length: EACH }, (_, n) => `twice-${n}.racing-imports.example`);
    const path = feed("twice.csv", values);
    const outcomes = await Promise.all([importAs(instances.store, AIVD_ANALYST, path), importAs(instances.other, AIVD_ANALYST, path)]);
    expect(outcomes.map((o) => o.stored).sort((a, b) => a - b)).toEqual([0, EACH]);
    expect(outcomes.map((o) => o.alreadyKnown).sort((a, b) => a - b)).toEqual([0, EACH]);
    // One current record of each value for the party, never two.
    for (const value of [values[0], values[EACH / 2], values[EACH - 1]]) {
      const records = (await instances.store.items.byValue("domain", value)).filter((i) => i.party === "AIVD");
      expect(records, value).toHaveLength(1);
    }
    expect(await verifyAuditLog(instances.store)).toMatchObject({ ok: true });
  });

  it("counts again, set-based, how many of a party's items among some ids another party holds too", async () => {
    const host = (n: number) => `counted-${n}.racing-imports.example`;
    await importAs(instances.store, AIVD_ANALYST, feed("counted-aivd.csv", [0, 1, 2, 3, 4, 5].map(host)));
    await importAs(instances.other, NCSC_ANALYST, feed("counted-ncsc.csv", [1, 3, 5, 7].map(host)));
    const aivd = (await instances.store.items.currentOf("AIVD", [0, 1, 2, 3, 4, 5].map((n) => ({ type: "domain" as const, value: host(n) })))).sort((a, b) => a.id - b.id);
    const runs = aivd.map((i) => [i.id, i.id] as const);
    expect(await instances.store.items.heldByOthers("AIVD", runs)).toBe(3);
    // Only the ids asked for, and only the party's own items among them.
    expect(await instances.store.items.heldByOthers("AIVD", [[aivd[0].id, aivd[2].id]])).toBe(1);
    expect(await instances.store.items.heldByOthers("NCSC", runs)).toBe(0);
    expect(await instances.store.items.heldByOthers("AIVD", [])).toBe(0);
  });
});
