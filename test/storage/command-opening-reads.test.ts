import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WITHDRAWAL_NOTICED } from "../../src/core/covenant-life/withdrawal.js";
import type { Store, Transaction } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { DATABASE_KINDS, twoInstancesForSuite } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * A command's transaction opens by looking for its receipt, then reads the directory and the
 * withdrawal notices (Art 14). On PostgreSQL the store reads all three in one statement; what the
 * command sees must be exactly what a read of its own would have seen: what another instance
 * committed before, and what the transaction wrote itself.
 */
const FILE = readFileSync("test/fixtures/directory.yml", "utf8");
const ACTION = WITHDRAWAL_NOTICED;
const at = new Date("2026-12-01T09:00:00Z");

describe.each(DATABASE_KINDS)("a command's opening reads on %s", (kind) => {
  const instances = twoInstancesForSuite(kind);

  /** As the command service opens a transaction: its receipt first, then the directory and the notices. */
  const opening = (tx: Transaction, key: string) =>
    tx.receipts.find(key).then(async (receipt) => ({
      receipt,
      version: (await tx.directory.current())?.version,
      notices: (await tx.audit.withAction(ACTION)).map((e) => JSON.parse(e.readable) as { n: number }),
    }));
  const notice = (s: Store, n: number) => s.transaction((tx) => tx.audit.append([{ action: ACTION, actor: "test", details: { n } }], at));

  it("sees the notices and the directory another instance committed since, and its own notice written before it reads", async () => {
    const { store, other } = instances;
    expect(await store.transaction((tx) => opening(tx, "k:1"))).toEqual({ receipt: undefined, version: undefined, notices: [] });

    await notice(other, 1);
    const loaded = await loadDirectory({ store: other, clock: testClock("2026-12-01T08:00:00Z") }, { text: FILE, source: "directory.yml", actor: "test" });
    expect(loaded.ok).toBe(true);
    const seen = await store.transaction((tx) => opening(tx, "k:2"));
    expect(seen.notices).toEqual([{ n: 1 }]);
    expect(seen.version).toBe(loaded.ok ? loaded.version : undefined);

    const own = await store.transaction(async (tx) => {
      await tx.receipts.find("k:3");
      await tx.audit.append([{ action: ACTION, actor: "test", details: { n: 2 } }], at);
      return (await tx.audit.withAction(ACTION)).map((e) => JSON.parse(e.readable) as { n: number });
    });
    expect(own).toEqual([{ n: 1 }, { n: 2 }]);

    if (kind !== "postgres") return;
    // Asked twice in one transaction, the second answer is read anew: on PostgreSQL it sees what
    // another instance committed in between.
    const twice = await store.transaction(async (tx) => {
      const first = await opening(tx, "k:4");
      await notice(other, 3);
      return { first: first.notices, again: (await tx.audit.withAction(ACTION)).map((e) => JSON.parse(e.readable) as { n: number }) };
    });
    expect(twice.first).toEqual([{ n: 1 }, { n: 2 }]);
    expect(twice.again).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("leaves nothing of what it read ahead to the next transaction, which sees what was committed since", async () => {
    const { store, other } = instances;
    // On PostgreSQL the next transaction is likely on the same connection, served by the same
    // repositories (per-connection.ts): what this one read ahead and never used is let go.
    await store.transaction((tx) => tx.receipts.find("k:6"));
    await notice(other, 4);
    const next = await store.transaction(async (tx) => (await tx.audit.withAction(ACTION)).map((e) => (JSON.parse(e.readable) as { n: number }).n));
    expect(next).toContain(4);
  });

  it("answers a retried command with its receipt, opened", async () => {
    const { store } = instances;
    await store.transaction((tx) => tx.receipts.save("k:5", JSON.stringify({ kind: "message", text: "Stored 203.0.113.9" }), at));
    const again = await store.transaction((tx) => opening(tx, "k:5"));
    expect(JSON.parse(again.receipt!)).toEqual({ kind: "message", text: "Stored 203.0.113.9" });
    expect(again.notices.map((n) => n.n)).toContain(1);
  });
});
