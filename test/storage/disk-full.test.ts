import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/core/ports.js";
import { DATABASE_KINDS, twoInstancesForSuite } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * Issue 12: a database whose disk is full is an operational fault, not a bug. The store says so
 * (a StoreUnavailableError with `diskFull`, whose reason names the driver's code for the
 * operators' log), so that the member is told nothing was changed and when to try again, instead
 * of "something went wrong". The errors are the drivers' own: better-sqlite3's SQLITE_FULL, and
 * pg's SQLSTATE 53100 ("could not extend file … No space left on device"), as a statement that
 * needed room raises them inside the transaction.
 */
const clock = testClock("2026-12-05T21:00:00Z");

function sqliteFull(): Error {
  return new Database.SqliteError("database or disk is full", "SQLITE_FULL");
}
function postgresFull(): Error {
  const error = new pg.DatabaseError('could not extend file "base/16384/16402": No space left on device', 0, "error");
  error.code = "53100";
  return error;
}

describe.each(DATABASE_KINDS)("a full disk on %s", (kind) => {
  const instances = twoInstancesForSuite(kind);
  const full = kind === "sqlite" ? sqliteFull : postgresFull;

  it("fails the transaction as an operational fault that says the disk is full, and changes nothing", async () => {
    const { store } = instances;
    const failed = await store
      .transaction(async (tx) => {
        await tx.audit.append([{ action: "test.before_full", actor: "test", details: {} }], clock.now());
        throw full();
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(StoreUnavailableError);
    expect(failed).toMatchObject({ diskFull: true, inDoubt: false });
    expect((failed as StoreUnavailableError).reason).toMatch(kind === "sqlite" ? /disk that holds the database is full \(SQLITE_FULL/ : /database server's disk is full \(53100\)/);
    expect(await store.transaction((tx) => tx.audit.withAction("test.before_full"))).toEqual([]);
  });

  it("leaves every other error as it was: a time-out is not a full disk, a bug is neither", async () => {
    const { store } = instances;
    const bug = await store.transaction(async () => Promise.reject(new Error("a bug"))).catch((error: unknown) => error);
    expect(bug).not.toBeInstanceOf(StoreUnavailableError);
    const cancelled = Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
    const timedOut = await store.transaction(async () => Promise.reject(cancelled)).catch((error: unknown) => error);
    expect(timedOut).toBeInstanceOf(StoreUnavailableError);
    expect(timedOut).toMatchObject({ diskFull: false });
  });
});
