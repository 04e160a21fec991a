import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService, refusalCode } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import type { Store } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { textOf as replyText } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";

/**
 * Submissions take the audit log's head late (issue 12: bursts), so two of them run side by side
 * until they compare across parties. What the head serialised before must still hold when they
 * race — on PostgreSQL from two instances, on SQLite within one:
 * - two parties submitting one value at once: the later is told the other party supplied it
 *   (Art 6.1), as when one waited for the other from the start;
 * - one party submitting one value twice at once (a double-click, two windows): one record is stored, the other answer says it
 *   is already known, and neither fails.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const AIVD_ANALYST = "UAIVDAN01";
const NCSC_ANALYST = "UNCSCAN01";
const RACES = 12;

describe.each(DATABASE_KINDS)("racing submissions on %s (real database)", (kind) => {
  const stores: Store[] = [];
  let drop: () => Promise<void>;
  let n = 0;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(kind);
    drop = fresh.drop;
    stores.push(await openStore(fresh.url));
    // Two instances on PostgreSQL; SQLite is one instance, whose transactions race in it.
    stores.push(kind === "postgres" ? await openStore(fresh.url) : stores[0]);
    expect(await loadDirectory({ store: stores[0], clock: testClock("2026-12-01T09:00:00Z") }, { text: DIRECTORY, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await Promise.all([...new Set(stores)].map((s) => s.close()));
    await drop();
  });

  const submit = (instance: number, userId: string, value: string) => {
    const service = createCommandService({ store: stores[instance], clock: testClock("2026-12-01T09:00:00Z") });
    const text = `submit ${value}`;
    return service.handle({ platform: "slack", userId, requestKey: `slack:command:race-${++n}`, command: parseCommandText(text), text });
  };

  it("tells the later of two parties submitting one value at once that the other supplied it (Art 6.1)", async () => {
    for (let race = 1; race <= RACES; race++) {
      const value = `198.51.100.${race}`;
      const [aivd, ncsc] = await Promise.all([submit(0, AIVD_ANALYST, value), submit(1, NCSC_ANALYST, value)]);
      for (const reply of [aivd, ncsc]) expect(refusalCode(reply), replyText(reply)).toBeUndefined();
      const told = [aivd, ncsc].filter((reply) => /also supplied by another party/.test(replyText(reply)));
      expect(told.length, `race ${race}: ${replyText(aivd)} | ${replyText(ncsc)}`).toBeGreaterThanOrEqual(1);
    }
    expect(await verifyAuditLog(stores[0])).toMatchObject({ ok: true });
  });

  it("stores one record when one party submits one value twice at once, and says the other is already known", async () => {
    for (let race = 1; race <= RACES; race++) {
      const value = `203.0.113.${race}`;
      const replies = await Promise.all([submit(0, AIVD_ANALYST, value), submit(1, AIVD_ANALYST, value)]);
      for (const reply of replies) expect(refusalCode(reply), replyText(reply)).toBeUndefined();
      const known = replies.filter((reply) => /already known 1/.test(replyText(reply)));
      expect(known, `race ${race}: ${replies.map(replyText).join(" | ")}`).toHaveLength(1);
      const records = (await stores[0].items.byValue("ipv4", value)).filter((item) => item.party === "AIVD");
      expect(records).toHaveLength(1);
    }
    expect(await verifyAuditLog(stores[0])).toMatchObject({ ok: true });
  });
});
