import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { DATABASE_KINDS, twoInstancesForSuite } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * Several instances start together with the same CIIC_DIRECTORY (issue 12): each loads it at
 * start-up, and the file must become one version, the others finding it unchanged. Each round
 * races two instances on a new text (a comment changes the digest).
 */
const FILE = readFileSync("test/fixtures/directory.yml", "utf8");
const ROUNDS = 8;

describe.each(DATABASE_KINDS)("a directory file loaded by two instances at once on %s", (kind) => {
  const instances = twoInstancesForSuite(kind);

  it("becomes one version; the other instance finds it unchanged", async () => {
    const { store, other } = instances;
    const clock = testClock("2026-12-01T08:00:00Z");
    for (let round = 1; round <= ROUNDS; round++) {
      const text = `${FILE}\n# round ${round}\n`;
      const outcomes = await Promise.all(
        [store, other].map((s, n) => loadDirectory({ store: s, clock }, { text, source: "directory.yml", actor: `system:start-${n}` })),
      );
      const ok = outcomes.map((o) => (o.ok ? o : undefined));
      expect(ok.every(Boolean), JSON.stringify(outcomes)).toBe(true);
      expect(ok.map((o) => o!.unchanged).sort(), `round ${round}`).toEqual([false, true]);
      expect(ok[0]!.version).toBe(ok[1]!.version);
      expect(ok[0]!.version).toBe(round);
    }
    expect(await store.directory.currentVersion()).toBe(ROUNDS);
    const record = await store.record.extent();
    expect(record.directories.count).toBe(ROUNDS);
    expect((await store.audit.withAction("directory.loaded")).length).toBe(ROUNDS);
    expect((await store.audit.withAction("directory.unchanged")).length).toBe(ROUNDS);
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });
});
