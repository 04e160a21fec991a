import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createOutboxDispatcher } from "../../src/core/outbox/dispatch-outbox.js";
import type { ChatPort, OutboundMessage } from "../../src/core/outbox/outbound.js";
import { createCommandService } from "../../src/core/command-service.js";
import { StoreUnavailableError, type Store } from "../../src/core/ports.js";
import type { MessageView } from "../../src/core/views/message.js";
import { PrismaClient } from "../../src/storage/generated/sqlite/client.js";
import { applyMigrations } from "../../src/storage/migrate.js";
import { createPrismaStore } from "../../src/storage/prisma-store.js";
import { sqliteAdapterWithConnection } from "../../src/storage/sqlite-native.js";
import { freshSqliteUrl } from "../support/databases.js";
import { cellKeys, newRootKey } from "../../src/storage/sealing/cell-keys.js";
import { testClock } from "../support/test-clock.js";

/**
 * Issue 12: on a full disk a COMMIT fails with SQLITE_FULL, and afterwards the outbox sent
 * nothing ever again, even once space was back ("Transaction already closed: A rollback cannot be
 * executed on a committed transaction"). Prisma had marked its own transaction committed before
 * the COMMIT failed, never let go of the adapter's lock, and every later update of several rows
 * waited for that lock forever. (Seen with a real 2 MB tmpfs; see the README's Tests section.)
 *
 * Here the disk is filled by a fault in the store's own connection: while `full`, every COMMIT
 * fails as SQLite fails it on a full disk — the transaction rolled back, SQLITE_FULL thrown —
 * whether the native transaction or Prisma sends it.
 */
const view = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "paragraph", content: [text] }] });
const dm = (id: string, text: string): OutboundMessage => ({ kind: "post", to: { platform: "slack", kind: "user", id }, view: view(text) });

async function storeWithFullDisk() {
  const { adapter, connection, native } = sqliteAdapterWithConnection({ url: freshSqliteUrl(), timeout: 5000 });
  const client = new PrismaClient({ adapter });
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await applyMigrations(client, "sqlite");
  const store = createPrismaStore(client, "sqlite", { connection, native }, {}, undefined, {}, cellKeys(newRootKey()));
  const db = connection()!;
  const disk = { full: false, failedCommits: 0 };
  const failCommit = () => {
    disk.failedCommits++;
    // What SQLite does on SQLITE_FULL at COMMIT: the transaction is rolled back, then the error.
    if (db.inTransaction) realExec("ROLLBACK");
    throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
  };
  const realExec = db.exec.bind(db);
  const realPrepare = db.prepare.bind(db);
  db.exec = ((sql: string) => (disk.full && /^\s*COMMIT\b/i.test(sql) ? failCommit() : realExec(sql))) as typeof db.exec;
  // Prisma's own transactions send COMMIT as a prepared statement.
  db.prepare = ((sql: string) => {
    const statement = realPrepare(sql);
    if (!/^\s*COMMIT\b/i.test(sql)) return statement;
    return new Proxy(statement, { get: (target, key) => (key === "run" && disk.full ? failCommit : Reflect.get(target, key, target)) });
  }) as typeof db.prepare;
  return { store, disk };
}

/** Resolves with the outcome, or "hung" when `ms` pass first: the failure this test is about. */
const settle = <T>(work: Promise<T>, ms = 5000) =>
  Promise.race([work.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error: String(error) })), new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), ms))]);

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

describe("SQLite after a failed COMMIT (a full disk)", () => {
  it("fails each transaction while the disk is full, and works again once space is back, without a restart", async () => {
    const { store, disk } = await storeWithFullDisk();
    stores.push(store);
    const clock = testClock("2026-12-04T09:00:00Z");
    await store.transaction((tx) => tx.outbox.enqueue([dm("U1", "one"), dm("U2", "two")], clock.now()));

    disk.full = true;
    // A native transaction, and Prisma's own transaction around an update of several rows.
    expect(await settle(store.transaction((tx) => tx.outbox.enqueue([dm("U3", "three")], clock.now())))).toMatchObject({ ok: false, error: expect.stringMatching(/disk is full/) });
    expect(await settle(store.outbox.claimDue(clock.now(), 60_000, 10))).toMatchObject({ ok: false });
    expect(await settle(store.outbox.claimDue(clock.now(), 60_000, 10))).toMatchObject({ ok: false });
    expect(disk.failedCommits).toBeGreaterThanOrEqual(3);

    disk.full = false;
    // Before the fix this claim waited forever for the lock the failed commit kept.
    const claimed = await settle(store.outbox.claimDue(clock.now(), 60_000, 10));
    expect(claimed).toMatchObject({ ok: true, value: [{ id: 1 }, { id: 2 }] });
    expect(await settle(store.transaction((tx) => tx.outbox.enqueue([dm("U4", "four")], clock.now())))).toMatchObject({ ok: true });
    expect(await store.outbox.pendingCount()).toBe(3);
  });

  it("keeps the outbox sending: a round fails while the disk is full, the next one sends everything", async () => {
    const { store, disk } = await storeWithFullDisk();
    stores.push(store);
    const clock = testClock("2026-12-04T09:00:00Z");
    const posted: string[] = [];
    const port: ChatPort = {
      post: async (to) => (posted.push(to.id), { ok: true, ref: `C|${posted.length}` }),
      upload: async () => ({ ok: true, ref: "C|file" }),
      update: async (ref) => ({ ok: true, ref }),
    };
    const dispatcher = createOutboxDispatcher({ store, clock, ports: { slack: port } });
    await store.transaction((tx) => tx.outbox.enqueue([dm("U1", "one"), dm("U2", "two"), dm("U3", "three")], clock.now()));

    disk.full = true;
    expect(await settle(dispatcher.dispatchOnce())).toMatchObject({ ok: false });
    disk.full = false;
    // A claim that failed left no lease behind: everything is due again at once.
    expect(await settle(dispatcher.dispatchOnce())).toEqual({ ok: true, value: 3 });
    expect(posted.sort()).toEqual(["U1", "U2", "U3"]);
    expect(await store.outbox.pendingCount()).toBe(0);
    // And the store still closes (SIGTERM waited for it before).
    expect(await settle(store.close())).toMatchObject({ ok: true });
    stores.splice(0);
  });

  it("tells the caller the disk is full, and a member that nothing was changed and to try again once there is room", async () => {
    const { store, disk } = await storeWithFullDisk();
    stores.push(store);
    const clock = testClock("2026-12-04T09:00:00Z");
    disk.full = true;
    const failed = await store.transaction((tx) => tx.outbox.enqueue([dm("U1", "one")], clock.now())).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(StoreUnavailableError);
    expect(failed).toMatchObject({ diskFull: true, inDoubt: false, message: expect.stringMatching(/^the database has no room to write: the disk that holds the database is full \(SQLITE_FULL/) });
    const reply = await createCommandService({ store, clock }).handle({ platform: "slack", userId: "U1", requestKey: "k1", command: { name: "help" }, text: "help" });
    expect(reply).toMatchObject({ kind: "message", view: { refused: "store.full" } });
    expect(JSON.stringify(reply)).toContain("Nothing was changed: the cell's database has no room left to write (its disk is full).");
    disk.full = false;
    expect(await store.outbox.pendingCount()).toBe(0);
  });
});
