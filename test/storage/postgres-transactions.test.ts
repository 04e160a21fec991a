import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreUnavailableError, type Store } from "../../src/core/ports.js";
import { openStore } from "../../src/storage/database.js";
import { freshPostgresUrl } from "../support/databases.js";

/**
 * Transactions on PostgreSQL run on a pooled connection itself (postgres-transactions.ts), with a
 * Prisma transaction on that connection only for work that uses Prisma's client. What a user of
 * the store relies on: Prisma's writes and the store's own statements commit and roll back as one;
 * a transaction past its time is rolled back and lets go of its locks, whatever its work still
 * does; and a connection the server ends in the middle fails that transaction only.
 */
const DIRECTORY = {
  covenant: { effective: "2020-05-28", screeningValidityYears: 5 },
  legalBasis: {} as never,
  members: [],
  recipients: [],
  consent: { deadlineWorkingDays: 5, remindHoursBefore: 24, escalateAfterHours: 24 },
};
const save = (sha256: string) => ({ loadedAt: new Date(), sha256, source: `${sha256}.yml`, directory: DIRECTORY });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("transactions on PostgreSQL", () => {
  let db: { url: string; drop: () => Promise<void> };
  let store: Store;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await freshPostgresUrl();
    store = await openStore(db.url, { limits: { statementMs: 2000 } });
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await store?.close();
    await db?.drop();
  });

  it("commits a Prisma write and the store's own statements together", async () => {
    const before = (await store.audit.head()).seq;
    await store.transaction(async (tx) => {
      await tx.directory.save(save("together"));
      await tx.audit.append([{ action: "test.together", actor: null, details: {} }], new Date());
    });
    expect((await store.directory.current())!.sha256).toBe("together");
    expect((await store.audit.head()).seq).toBe(before + 1);
  });

  it("rolls back a Prisma write and the store's own statements together when the work fails", async () => {
    const head = await store.audit.head();
    const version = await store.directory.currentVersion();
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append([{ action: "test.undone", actor: null, details: {} }], new Date());
        await tx.directory.save(save("undone"));
        throw new Error("the work failed after both writes");
      }),
    ).rejects.toThrow("the work failed after both writes");
    expect(await store.directory.currentVersion()).toBe(version);
    expect(await store.audit.head()).toEqual(head);
  });

  it("rolls back a transaction past its time while its work still runs, and refuses the work's later statements", async () => {
    const version = await store.directory.currentVersion();
    let late: unknown;
    const attempt = store.transaction(
      async (tx) => {
        await tx.audit.holdHead();
        await sleep(900);
        // The transaction was rolled back at 400 ms: this write must not land anywhere.
        await tx.directory.save(save("late")).catch((error: unknown) => (late = error));
      },
      { timeoutMs: 400 },
    );
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    // The audit head's lock was let go at the time limit: another transaction takes it at once.
    const started = Date.now();
    await store.transaction((tx) => tx.audit.append([{ action: "test.after_timeout", actor: null, details: {} }], new Date()));
    expect(Date.now() - started).toBeLessThan(1000);
    await sleep(700);
    expect(late).toBeInstanceOf(Error);
    expect(String((late as Error).message)).toMatch(/Transaction already closed/);
    expect(await store.directory.currentVersion()).toBe(version);
  });

  it("fails only the transaction whose connection the server ended between its statements; the next one works", async () => {
    const head = await store.audit.head();
    const attempt = store.transaction(async (tx) => {
      await tx.audit.holdHead();
      // Idle in its transaction while the server ends the session: pg reports that as an
      // 'error' event of the connection, not of a statement.
      for (let tries = 0; tries < 100; tries++) {
        const { rows } = await admin.query(`SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`);
        if (rows.length > 0) break;
        await sleep(10);
      }
      await sleep(200);
      await tx.audit.append([{ action: "test.lost", actor: null, details: {} }], new Date());
    });
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.audit.head()).toEqual(head);
    await store.transaction((tx) => tx.audit.append([{ action: "test.after_termination", actor: null, details: {} }], new Date()));
    expect((await store.audit.head()).seq).toBe(head.seq + 1);
  });
});
