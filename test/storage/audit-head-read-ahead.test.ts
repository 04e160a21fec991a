import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createCommandService, refusalCode } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import type { AuditEntry } from "../../src/core/audit/chain.js";
import type { Store } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { DATABASE_KINDS, twoInstancesForSuite } from "../support/databases.js";
import { textOf as replyText } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";

/**
 * "Every step is logged" in one chain that proves it was not altered. A transaction that takes
 * the log's head when it commits (a look-up, auditAtCommit) writes its entries, on PostgreSQL,
 * chained from the head its opening read found, in the statement that locks the head, if no
 * other instance appended in between; if one did, they are chained anew from the head that
 * statement found (prisma-store.ts, flushOnHeadReadAhead). Either way: no entry lost, none
 * written twice, no fork, the receipt saved once.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const ANALYST = "UAIVDAN01";
const at = new Date("2026-12-01T09:00:00Z");

const entriesOf = async (store: Store) => {
  const out: AuditEntry[] = [];
  for await (const entry of store.audit.entries()) out.push(entry);
  return out;
};

describe.each(DATABASE_KINDS)("audit entries written at commit on %s (real database)", (kind) => {
  const instances = twoInstancesForSuite(kind);
  let stores: Store[];

  beforeAll(async () => {
    stores = [instances.store, instances.other];
    expect(await loadDirectory({ store: stores[0], clock: testClock("2026-12-01T09:00:00Z") }, { text: DIRECTORY, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
  });

  // Two instances: PostgreSQL's (on SQLite the other's append would wait for this transaction).
  it.runIf(kind === "postgres")("chains a transaction's entries after those another instance appended since it began, and saves its receipt once", async () => {
    const [mine, other] = stores;
    const before = (await entriesOf(mine)).length;
    for (let round = 1; round <= 5; round++) {
      const key = `test:read-ahead:${round}`;
      await mine.transaction(
        async (tx) => {
          // The opening read (PostgreSQL reads the head with it), then another instance appends
          // and commits before this transaction writes anything.
          expect(await tx.receipts.find(key)).toBeUndefined();
          await other.transaction(async (otherTx) => otherTx.audit.append([{ action: "test.other_instance", actor: "cli:test", details: { round } }], at));
          await tx.audit.append([{ action: "test.this_transaction", actor: "cli:test", details: { round } }], at);
          await tx.receipts.save(key, JSON.stringify({ round }), at);
        },
        { auditAtCommit: true },
      );
      expect(await mine.receipts.find(key)).toBe(JSON.stringify({ round }));
    }
    const entries = (await entriesOf(mine)).slice(before);
    expect(entries.map((e) => `${e.action} ${JSON.parse(e.details).round}`)).toEqual([1, 2, 3, 4, 5].flatMap((round) => [`test.other_instance ${round}`, `test.this_transaction ${round}`]));
    expect(await verifyAuditLog(mine)).toMatchObject({ ok: true });
  });

  it("writes the entries of a transaction that nothing raced, chained from the head it read", async () => {
    const [mine] = stores;
    const head = await mine.audit.head();
    await mine.transaction(
      async (tx) => {
        expect(await tx.receipts.find("test:read-ahead:quiet")).toBeUndefined();
        await tx.audit.append([{ action: "test.quiet", actor: "cli:test", details: { n: 1 } }, { action: "test.quiet", actor: "cli:test", details: { n: 2 } }], at);
      },
      { auditAtCommit: true },
    );
    const written = (await mine.audit.withAction("test.quiet")).map((e) => [e.seq, e.prevHash]);
    expect(written[0]).toEqual([head.seq + 1, head.hash]);
    expect(written[1][0]).toBe(head.seq + 2);
    expect(await verifyAuditLog(mine)).toMatchObject({ ok: true });
  });

  it("logs every one of many look-ups from two instances at once, in one unbroken chain", async () => {
    const lookups = 30;
    const before = (await stores[0].audit.withAction("indicator.looked_up")).length;
    const replies = await Promise.all(
      Array.from({ length: lookups }, (_, n) => {
        const service = createCommandService({ store: stores[n % 2], clock: testClock("2026-12-01T09:00:00Z") });
        const text = `lookup 192.0.2.${n + 1}`;
        return service.handle({ platform: "slack", userId: ANALYST, requestKey: `slack:command:lookup-race-${n}`, command: parseCommandText(text), text });
      }),
    );
    for (const reply of replies) expect(refusalCode(reply), replyText(reply)).toBeUndefined();
    expect((await stores[0].audit.withAction("indicator.looked_up")).length - before).toBe(lookups);
    expect(await verifyAuditLog(stores[0])).toMatchObject({ ok: true });
  });
});
