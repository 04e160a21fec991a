import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import type { Store } from "../../src/core/ports.js";
import { runRetentionReviews } from "../../src/core/retention/run-reviews.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { textOf } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";

/**
 * Retention review and removal (Wiv 2017) on real SQLite and PostgreSQL: a removed item's value,
 * source and note are gone from its row, its head is dropped so that the party can supply the
 * value again, and two instances running the scheduler at once ask each question once.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const BRAM = "UAIVDLI01"; // AIVD liaison

describe.each(DATABASE_KINDS)("retention on %s (real database)", (kind) => {
  const start = Date.parse("2026-01-05T09:00:00Z");
  const clock = testClock(start);
  let stores: Store[] = [];
  let drop: () => Promise<void>;
  let serial = 0;
  const say = (user: string, text: string) =>
    createCommandService({ store: stores[0], clock }).handle({ platform: "slack", userId: user, requestKey: `slack:${kind}:${++serial}`, command: parseCommandText(text), text });

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(kind);
    drop = fresh.drop;
    const first = await openStore(fresh.url);
    stores = kind === "postgres" ? [first, await openStore(fresh.url)] : [first, first];
    const loaded = await loadDirectory({ store: first, clock }, { text: readFileSync("test/fixtures/directory.yml", "utf8"), source: "directory.yml", actor: "cli:admin" });
    expect(loaded).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    for (const store of new Set(stores)) await store.close();
    await drop();
  });

  it("asks once across two instances, removes the value once, and lets the party supply it again", async () => {
    expect(textOf(await say(ANNA, 'submit 198.51.100.7 evil.example src:"case 2026-3" note: seen in the phishing wave'))).toContain("I-1");
    // Not yet due: the fixture directory sets no retention, so a year applies.
    clock.set(start + 364 * 86_400_000);
    expect(await runRetentionReviews({ store: stores[0], clock })).toMatchObject({ asked: 0 });
    clock.set(start + 366 * 86_400_000);
    const runs = await Promise.all(stores.map((store) => runRetentionReviews({ store, clock })));
    expect(runs.map((r) => r.asked).reduce((a, b) => a + b)).toBe(1);
    const [review] = await stores[0].retention.openReviews(10);
    expect(review).toMatchObject({ id: 1, party: "AIVD", state: "OPEN" });
    expect((await stores[0].retention.entries(1)).map((e) => [e.itemId, e.verdict])).toEqual([[1, null], [2, null]]);
    // Held by the open review: not due again.
    expect(await stores[0].retention.dueItems("AIVD", { ipv4: new Date(clock.now()), domain: new Date(clock.now()) } as never, 10)).toEqual([]);

    const reply = await say(BRAM, "review RV-1 let-go I-1 reason: feed retired");
    expect(textOf(reply)).toContain("You let go of I-1");
    const removed = (await stores[0].items.byId(1))!;
    expect(removed).toMatchObject({ value: "removed:I-1", sourceRef: null, note: null, type: "ipv4", party: "AIVD" });
    expect(removed.removedAt).toEqual(new Date(clock.now()));
    // The value is unknown again: nothing current holds it, and a new submission is stored.
    expect(await stores[0].items.byValue("ipv4", "198.51.100.7")).toEqual([]);
    expect(await stores[0].items.currentOf("AIVD", [{ type: "ipv4", value: "198.51.100.7" }])).toEqual([]);
    expect(textOf(await say(ANNA, "submit 198.51.100.7"))).toContain("I-3");
    expect((await stores[0].items.currentOf("AIVD", [{ type: "ipv4", value: "198.51.100.7" }])).map((i) => i.id)).toEqual([3]);
    // Exports of the party's current items leave the removed one out.
    expect((await stores[0].items.currentPage("AIVD", 0, 10)).map((i) => i.id)).toEqual([2, 3]);

    // Keep: the other item's period starts anew, and the review is answered once.
    expect(textOf(await say(BRAM, "review RV-1 keep"))).toContain("You kept I-2 for another review period. RV-1 is answered.");
    expect((await stores[0].retention.review(1))!.state).toBe("ANSWERED");
    expect(textOf(await say(BRAM, "review RV-1 keep"))).toContain("Already answered");
    // Both the kept item and the value supplied anew come up a year on.
    clock.set(start + (366 + 364) * 86_400_000);
    expect(await runRetentionReviews({ store: stores[0], clock })).toMatchObject({ asked: 0 });
    clock.set(start + (366 + 366) * 86_400_000);
    expect(await runRetentionReviews({ store: stores[0], clock })).toMatchObject({ asked: 1 });
    expect((await stores[0].retention.entries(2)).map((e) => e.itemId)).toEqual([2, 3]);

    // The removal is in the audit log without the value; the chain still verifies.
    const log = await stores[0].audit.latest(1000);
    const removal = log.find((e) => e.action === "item.removed")!;
    expect(JSON.parse(removal.readable)).toMatchObject({ item: 1, type: "ipv4", party: "AIVD", reason: "feed retired", review: "RV-1" });
    expect(removal.readable).not.toContain("198.51.100.7");
    expect(await verifyAuditLog(stores[0])).toMatchObject({ ok: true });
  });
});
