import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { NewItem, Store } from "../../src/core/ports.js";
import { openStore, sqlitePath } from "../../src/storage/database.js";
import { startCheckpointThread } from "../../src/storage/sqlite-checkpoints.js";
import { freshSqliteUrl } from "../support/databases.js";

const item = (n: number): NewItem => ({
  type: "domain",
  value: `host-${n}.checkpoint.example`,
  party: "AIVD",
  memberId: "slack:U0AIVD001",
  memberName: "Anna de Vries",
  submittedAt: new Date("2026-11-29T08:00:00Z"),
  legalBasis: "Wiv 2017",
  reliability: "B2",
  tlp: "AMBER",
  sourceRef: `case ${n} ${"x".repeat(100)}`,
  note: null,
  via: "test",
  supersedesId: null,
});

/** Stores 1,000 items in 20 commits: a few hundred pages of log, under SQLite's own checkpoint (1,000). */
async function writeSome(store: Store) {
  for (let batch = 0; batch < 20; batch++) {
    await store.transaction((tx) => tx.items.insert(Array.from({ length: 50 }, (_, i) => item(batch * 50 + i))));
  }
}

const waitUntil = async (check: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end && !check(); ) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
};

describe("SQLite checkpoints in the background", () => {
  it("moves the bot's commits from the log into the database file within seconds, with no commit doing it", async () => {
    const url = freshSqliteUrl();
    const store = await openStore(url, { checkpointInBackground: { onError: (error) => expect.fail(String(error)) } });
    const file = () => statSync(sqlitePath(url)).size;
    const before = file();
    await writeSome(store);
    // The commits are in the log only; the thread copies them over on its next round.
    expect(await waitUntil(() => file() > before + 100_000, 5000)).toBe(true);
    const items = await store.items.currentPage("AIVD", 0, 5000);
    expect(items).toHaveLength(1000);
    await store.close();
  });

  it("is not started unless asked for: the log then waits for a connection's own checkpoint", async () => {
    const url = freshSqliteUrl();
    const store = await openStore(url);
    const before = statSync(sqlitePath(url)).size;
    await writeSome(store);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(statSync(sqlitePath(url)).size).toBe(before);
    await store.close();
  });

  it("stops with the store, and the database opens again with everything in it", async () => {
    const url = freshSqliteUrl();
    const store = await openStore(url, { checkpointInBackground: { onError: (error) => expect.fail(String(error)) } });
    await writeSome(store);
    await store.close();
    const again = await openStore(url);
    expect(await again.items.currentPage("AIVD", 0, 5000)).toHaveLength(1000);
    await again.close();
  });

  it("tells the bot, once, of a failure other than a busy database", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "ciic-notadb-")), "not-a-database.db");
    writeFileSync(path, "this file is no SQLite database, though it has a name like one ".repeat(100));
    const errors: string[] = [];
    const thread = startCheckpointThread(path, (error) => errors.push(String(error)), 20);
    await waitUntil(() => errors.length > 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // some ten rounds more
    await thread.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/a checkpoint failed: SQLITE_NOTADB/);
  });
});
