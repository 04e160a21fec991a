import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import type { Store } from "../../src/core/ports.js";
import { runSteeringReminders } from "../../src/core/steering/reminders.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * The steering group's records on the real databases (Art 9): a reminder goes out once even
 * when two bot instances run the scheduler at the same moment, a day's meeting is recorded once
 * when two deliveries race, and the whole record reads back page by page for an oversight export.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8").replace("covenant:\n", "channels:\n  steering:\n    slack: C0STEER01\ncovenant:\n");
const HUGO = "UNCSCST01";

describe.each(DATABASE_KINDS)("steering records on %s", (kind) => {
  let store: Store;
  let other: Store;
  let drop: () => Promise<void>;
  // Two instances: on PostgreSQL two stores with their own pools; SQLite serves one instance, so
  // there one store's concurrent transactions race (see store.test.ts).
  const racers = () => (kind === "postgres" ? [store, other] : [store, store]);

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await freshDatabaseUrl(kind));
    store = await openStore(url);
    other = kind === "postgres" ? await openStore(url) : store;
    const clock = testClock("2026-11-20T09:00:00Z");
    expect(await loadDirectory({ store, clock }, { text: DIRECTORY, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    if (other !== store) await other.close();
    await store.close();
    await drop();
  });

  it("sends a reminder once when two instances run the scheduler at the same moment", async () => {
    const clock = testClock("2026-11-20T09:00:00Z"); // within two weeks of the evaluation of 28 Nov 2026
    const results = await Promise.all(racers().map((s) => runSteeringReminders({ store: s, clock })));
    expect(results.reduce((n, r) => n + r.evaluations, 0)).toBe(1);
    expect(await runSteeringReminders({ store: other, clock })).toEqual({ evaluations: 0, meetings: 0 });
    const reminded = (await store.audit.latest(20)).filter((e) => e.action === "steering.reminded");
    expect(reminded.map((e) => e.subject)).toEqual(["evaluation:2026-11-28"]);
    expect(await store.record.reminders()).toEqual([{ key: "evaluation:2026-11-28", sentAt: new Date("2026-11-20T09:00:00Z") }]);
    expect(await store.outbox.pendingCount()).toBe(1);
  });

  it("records a day's meeting once when two deliveries of it race, and answers the second clearly", async () => {
    const clock = testClock("2026-11-21T09:00:00Z");
    const replies = await Promise.all(
      racers().map((s, n) =>
        createCommandService({ store: s, clock }).handle({ platform: "slack", userId: HUGO, requestKey: `slack:command:M${n}`, command: parseCommandText("meeting 2026-11-20"), text: "meeting 2026-11-20" }),
      ),
    );
    const texts = replies.map((r) => (r.kind === "message" ? r.view.summary : ""));
    expect(texts.filter((t) => t.startsWith("Recorded: the steering group met on 20 Nov 2026"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("a meeting on 2026-11-20 is already recorded, by Hugo Mulder"))).toHaveLength(1);
    expect(await store.steering.meetingsBetween("2026-11-01", "2026-12-01")).toMatchObject([{ date: "2026-11-20", recordedById: "slack:UNCSCST01", note: null }]);
    // With a meeting recorded in 2026-Q4, its quarter-end reminder never goes out.
    expect(await runSteeringReminders({ store, clock: testClock("2026-12-20T09:00:00Z") })).toEqual({ evaluations: 0, meetings: 0 });
  });

  it("reads the whole record back in pages, with its extent", async () => {
    const extent = await store.record.extent();
    expect(extent).toMatchObject({ directories: { count: 1, last: 1 }, meetings: { count: 1 }, reminders: { count: 1 }, items: { count: 0, last: 0 } });
    const [directory] = await store.record.directoryPage(0, 10);
    expect(directory.directory.channels).toEqual({ steering: { slack: "C0STEER01" } });
    expect(await store.record.meetingPage(extent.meetings.last, 10)).toEqual([]);
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });
});
