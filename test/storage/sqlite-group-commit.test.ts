import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { nativeSqliteTransactions } from "../../src/storage/sqlite-group-commit.js";
import { freshSqliteUrl } from "../support/databases.js";

/**
 * Issue 12 (bursts): SQLite's transactions commit in groups. A COMMIT waits for the disk; when
 * transactions queue, one COMMIT serves all of them, and each still keeps its own outcome and
 * hears of it only once it is on disk.
 */
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function setUp() {
  const path = freshSqliteUrl().replace(/^file:/, "");
  const connect = () => {
    const db = new Database(path);
    open.push(db);
    return db;
  };
  const db = connect();
  db.pragma("journal_mode = WAL");
  db.exec(`CREATE TABLE "Note" ("text" TEXT NOT NULL)`);
  const commits: string[] = [];
  const exec = db.exec.bind(db);
  db.exec = ((sql: string) => {
    if (/^\s*COMMIT\b/i.test(sql)) commits.push(sql);
    return exec(sql);
  }) as typeof db.exec;
  const inTransaction = nativeSqliteTransactions(db, { active: false });
  const insert = db.prepare(`INSERT INTO "Note" ("text") VALUES (?)`);
  // A second connection sees only what is committed.
  const other = connect();
  const committed = () => (other.prepare(`SELECT "text" FROM "Note" ORDER BY "text"`).pluck().all() as string[]);
  return { db, inTransaction, commits, committed, note: (text: string) => insert.run(text) };
}

describe("SQLite group commit", () => {
  it("commits a transaction alone at once when nothing else waits", async () => {
    const { inTransaction, commits, committed, note } = setUp();
    await inTransaction(async () => note("alone"), 1000);
    expect(committed()).toEqual(["alone"]);
    expect(commits).toHaveLength(1);
  });

  it("commits transactions that arrive together with one COMMIT, and each caller hears after it", async () => {
    const { inTransaction, commits, committed, note } = setUp();
    const seenOnDisk: string[][] = [];
    const all = ["a", "b", "c", "d", "e"].map((text) =>
      inTransaction(async () => (note(text), text), 1000).then((result) => {
        seenOnDisk.push(committed());
        return result;
      }),
    );
    expect(await Promise.all(all)).toEqual(["a", "b", "c", "d", "e"]);
    expect(commits).toHaveLength(1);
    // Nobody was answered before every row of the group was committed.
    for (const seen of seenOnDisk) expect(seen).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("lets a transaction that arrives in the same turn of the event loop join the group", async () => {
    const { inTransaction, commits, committed, note } = setUp();
    let late: Promise<unknown> | undefined;
    setImmediate(() => (late = inTransaction(async () => note("later in the turn"), 1000)));
    await inTransaction(async () => note("first"), 1000);
    await late;
    expect(committed()).toEqual(["first", "later in the turn"]);
    expect(commits).toHaveLength(1);
  });

  it("undoes a failing transaction alone and commits the others of its group", async () => {
    const { inTransaction, commits, committed, note } = setUp();
    const outcomes = await Promise.allSettled([
      inTransaction(async () => note("kept 1"), 1000),
      inTransaction(async () => {
        note("undone");
        throw new Error("the work failed halfway");
      }, 1000),
      inTransaction(async () => note("kept 2"), 1000),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error("the work failed halfway"));
    expect(committed()).toEqual(["kept 1", "kept 2"]);
    expect(commits).toHaveLength(1);
  });

  it("rolls back a transaction that overran its time, alone", async () => {
    const { inTransaction, committed, note } = setUp();
    const outcomes = await Promise.allSettled([
      inTransaction(async () => note("in time"), 1000),
      inTransaction(async () => {
        note("too slow");
        await new Promise((resolve) => setTimeout(resolve, 30));
      }, 5),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/took longer than 5 ms and was rolled back/);
    expect(committed()).toEqual(["in time"]);
  });

  it("reports every transaction of a group failed when its COMMIT fails, and the next group commits", async () => {
    const { db, inTransaction, committed, note } = setUp();
    // A deferred foreign key is checked at COMMIT: one bad row fails the COMMIT of the group.
    db.pragma("foreign_keys = ON");
    db.exec(`CREATE TABLE "Parent" ("id" INTEGER PRIMARY KEY); CREATE TABLE "Child" ("parent" INTEGER REFERENCES "Parent"("id") DEFERRABLE INITIALLY DEFERRED)`);
    const outcomes = await Promise.allSettled([
      inTransaction(async () => note("lost 1"), 1000),
      inTransaction(async () => db.prepare(`INSERT INTO "Child" ("parent") VALUES (42)`).run(), 1000),
      inTransaction(async () => note("lost 2"), 1000),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const outcome of outcomes) expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY constraint failed/);
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);

    await inTransaction(async () => note("next"), 1000);
    expect(committed()).toEqual(["next"]);
  });

  it("reports the kept transactions failed when a later one's failure ends the whole transaction (a full disk)", async () => {
    const { db, inTransaction, committed, note } = setUp();
    const outcomes = await Promise.allSettled([
      inTransaction(async () => note("kept, then lost"), 1000),
      inTransaction(async () => {
        note("failing");
        // What SQLite does on SQLITE_FULL: the whole transaction is rolled back, then the error.
        db.exec("ROLLBACK");
        throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
      }, 1000),
      inTransaction(async () => note("after the failure"), 1000),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/disk is full/);
    // The one after the failure ran in a group of its own.
    expect(committed()).toEqual(["after the failure"]);
  });
});
