import type { Database } from "better-sqlite3";
import { endLeftover, enterGate } from "./sqlite-native.js";

/**
 * How long a group of transactions may run before it commits, when more keep arriving (ms). A
 * COMMIT waits for the disk (fsync, about 0.3 ms here), a fifth of what a short command costs in
 * all; one COMMIT for the transactions of ten milliseconds saves most of that in a burst, and
 * keeps the first of them waiting no more than those ten milliseconds.
 */
export const GROUP_MS = 10;

/** Where each transaction's work runs: undone on its own if it fails, kept if the others fail not. */
const SAVEPOINT = "ciic_transaction";

interface Waiting {
  work: () => Promise<unknown>;
  timeoutMs: number;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/**
 * Transactions on SQLite, run on the connection itself and committed in groups: BEGIN IMMEDIATE,
 * the work of each transaction waiting at that moment (and of those that arrive while they run,
 * for up to GROUP_MS), each in a savepoint of its own, then one COMMIT. One at a time, queued in
 * this process.
 *
 * Each transaction keeps its own outcome:
 * - its work fails, or overruns its time: it alone is rolled back (to its savepoint), and its
 *   caller hears of it at once;
 * - it succeeds: its caller hears so only after the COMMIT that holds it, so nothing is
 *   answered as done before it is on disk (the disk is synced at every COMMIT, as before);
 * - the COMMIT fails (SQLITE_FULL: a full disk), or a failure ends the whole transaction: every
 *   work of the group that was not yet reported is reported failed, with that error, since none
 *   of them was kept.
 * With nothing else waiting, a transaction is a group of one and commits as soon as it is done:
 * the group only forms when transactions queue, which is when a COMMIT apiece costs most.
 *
 * Prisma's queries inside the work run on the same connection, so they are part of the
 * transaction. IMMEDIATE takes the write lock at once: another process's writer (the CLI) makes
 * this one wait up to the connection's busy timeout and then fail as a conflict, which each
 * waiting caller's store retries after a pause of its own.
 */
export function nativeSqliteTransactions(connection: Database, native: { active: boolean }, groupMs = GROUP_MS) {
  const waiting: Waiting[] = [];
  let draining = false;

  async function drain() {
    draining = true;
    try {
      while (waiting.length > 0) await runGroup();
    } finally {
      draining = false;
    }
  }

  async function runGroup() {
    const release = await enterGate(native);
    try {
      endLeftover(connection);
      connection.exec("BEGIN IMMEDIATE");
    } catch (error) {
      release();
      // No work ran: everyone waiting hears of it (a lock another process holds is retried).
      for (const caller of waiting.splice(0)) caller.reject(error);
      return;
    }
    native.active = true;
    const began = Date.now();
    const kept: { caller: Waiting; result: unknown }[] = [];
    try {
      let ran = 0;
      const inTime = () => ran === 0 || Date.now() - began < groupMs;
      for (;;) {
        while (waiting.length > 0 && inTime()) {
          const caller = waiting.shift()!;
          ran++;
          const outcome = await runOne(caller);
          if (outcome.ok) {
            kept.push({ caller, result: outcome.result });
            continue;
          }
          caller.reject(outcome.error);
          // The failure ended the whole transaction (SQLITE_FULL): the kept works went with it.
          if (!connection.inTransaction) throw outcome.error;
        }
        if (!inTime() || waiting.length > 0) break;
        // The requests that arrived in this turn of the event loop join before the COMMIT: their
        // work starts from I/O callbacks that run before setImmediate's.
        await new Promise((resolve) => setImmediate(resolve));
        if (waiting.length === 0) break;
      }
      connection.exec("COMMIT");
      for (const { caller, result } of kept) caller.resolve(result);
    } catch (error) {
      // Also after a failed COMMIT, so that the connection is ready for the next group.
      endLeftover(connection);
      for (const { caller } of kept) caller.reject(error);
    } finally {
      native.active = false;
      release();
    }
  }

  async function runOne(caller: Waiting): Promise<Outcome> {
    const started = Date.now();
    try {
      connection.exec(`SAVEPOINT ${SAVEPOINT}`);
      const result = await caller.work();
      // As with Prisma's own: work that overran its time is undone rather than committed late.
      if (Date.now() - started > caller.timeoutMs) throw new Error(`the transaction took longer than ${caller.timeoutMs} ms and was rolled back`);
      connection.exec(`RELEASE ${SAVEPOINT}`);
      return { ok: true, result };
    } catch (error) {
      undo();
      return { ok: false, error };
    }
  }

  /** Undoes the failed work alone; if even that fails, the whole transaction ends. */
  function undo() {
    if (!connection.inTransaction) return;
    try {
      connection.exec(`ROLLBACK TO ${SAVEPOINT}; RELEASE ${SAVEPOINT}`);
    } catch {
      endLeftover(connection);
    }
  }

  return function inTransaction<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      waiting.push({ work, timeoutMs, resolve: resolve as (result: unknown) => void, reject });
      if (!draining) void drain();
    });
  };
}
