import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createCommandService, refusalCode, type CommandOutcome } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import { StoreUnavailableError, type Transaction } from "../../src/core/ports.js";
import { nativeSqliteTransactions } from "../../src/storage/sqlite-native.js";
import { runWithin } from "../../src/storage/transaction-deadline.js";
import { testStores } from "../support/test-store.js";
import { testClock } from "../support/test-clock.js";

/** Real stores (SQLite), each closed after its test. */
const newStore = testStores();

/**
 * The deadline of one transaction attempt (storage/transaction-deadline.ts) with a stand-in for
 * the database, for the moments a real one does not show on demand: work that could start only
 * after the deadline, and a commit still under way when it passed.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tx = {} as Transaction;

describe("a transaction's deadline", () => {
  it("answers at the deadline, and work that could start only after it refuses to run", async () => {
    let ran = false;
    let refusedToStart: unknown;
    const started = Date.now();
    // The database hands out a connection only after 300 ms; the deadline is at 100 ms.
    const attempt = runWithin(
      async (work) => {
        await sleep(300);
        return work(tx).catch((error: unknown) => {
          refusedToStart = error;
          throw error;
        });
      },
      async () => {
        ran = true;
        return "done";
      },
      Date.now() + 100,
      100,
    );
    await expect(attempt).rejects.toMatchObject({ code: "store.unavailable", inDoubt: false });
    expect(Date.now() - started).toBeLessThan(250);
    await sleep(300);
    expect(ran).toBe(false);
    expect(refusedToStart).toBeInstanceOf(StoreUnavailableError);
  });

  it("gives an attempt what is left of the time, and names the limit that was set when it is overrun", async () => {
    // A second attempt (after a conflict), or the first one when the clock turned over a
    // millisecond between two readings: less time than the limit is left.
    const given: number[][] = [];
    await runWithin(
      async (work, timeoutMs, limitMs) => {
        given.push([timeoutMs, limitMs]);
        return work(tx);
      },
      async () => "done",
      Date.now() + 250,
      300,
    );
    expect(given[0][0]).toBeLessThanOrEqual(250);
    expect(given[0][1]).toBe(300);
    // The SQLite transaction then names the limit, not what this attempt had left of it.
    const connection = new Database(":memory:");
    try {
      const inTransaction = nativeSqliteTransactions(connection, { active: false });
      await expect(inTransaction(() => sleep(60), 20, 300)).rejects.toThrow("the transaction took longer than 300 ms and was rolled back");
    } finally {
      connection.close();
    }
  });

  it("does not let work that finished after the deadline commit", async () => {
    let committed = false;
    const attempt = runWithin(
      async (work) => {
        const result = await work(tx);
        committed = true; // what the database would do with a result handed back
        return result;
      },
      async () => {
        await sleep(200);
        return "done";
      },
      Date.now() + 100,
      100,
    );
    await expect(attempt).rejects.toMatchObject({ inDoubt: false });
    await sleep(200);
    expect(committed).toBe(false);
  });

  it("says the outcome is unknown when the deadline passed while the database was committing", async () => {
    const attempt = runWithin(
      async (work) => {
        const result = await work(tx);
        await sleep(300); // COMMIT sent; no answer yet
        return result;
      },
      async () => "done",
      Date.now() + 100,
      100,
    );
    await expect(attempt).rejects.toMatchObject({ code: "store.unavailable", inDoubt: true });
  });

  it("answers a command whose commit was not confirmed with store.unconfirmed, and one the database did not answer with store.unavailable", async () => {
    for (const inDoubt of [true, false]) {
      const store = await newStore();
      store.transaction = () => Promise.reject(new StoreUnavailableError("a statement ran past its time limit and was cancelled (57014)", inDoubt));
      const outcomes: CommandOutcome[] = [];
      const service = createCommandService({ store, clock: testClock("2026-12-03T09:00:00Z"), limits: { commandMs: 2500 }, observe: (o) => outcomes.push(o) });
      const reply = await service.handle({ platform: "slack", userId: "U1", requestKey: "k", command: parseCommandText("submit 192.0.2.1"), text: "submit 192.0.2.1" });
      expect(refusalCode(reply)).toBe(inDoubt ? "store.unconfirmed" : "store.unavailable");
      expect(reply.kind === "message" && reply.view.summary).toMatch(inDoubt ? /did not confirm in time whether this was recorded/ : /^Nothing was changed: the database did not answer in time/);
      expect(outcomes).toMatchObject([{ platform: "slack", command: "submit", outcome: "unavailable", code: refusalCode(reply) }]);
      expect((outcomes[0].error as StoreUnavailableError).inDoubt).toBe(inDoubt);
    }
  });

  it("still throws a bug, and reports it as an error", async () => {
    const store = await newStore();
    store.transaction = () => Promise.reject(new TypeError("a bug"));
    const outcomes: CommandOutcome[] = [];
    const service = createCommandService({ store, clock: testClock("2026-12-03T09:00:00Z"), observe: (o) => outcomes.push(o) });
    await expect(service.handle({ platform: "slack", userId: "U1", requestKey: "k", command: parseCommandText("help"), text: "help" })).rejects.toThrow("a bug");
    expect(outcomes).toMatchObject([{ command: "help", outcome: "error" }]);
  });
});
