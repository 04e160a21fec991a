import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile, SLICE } from "../../src/core/formats/import-file.js";
import { ASIDE_FROM_BYTES } from "../../src/core/formats/parse-aside.js";
import type { Store } from "../../src/core/ports.js";
import { DATABASE_KINDS, storeWithDirectory } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * A bot that imports a large file keeps reading requests meanwhile: Slack's commands and clicks
 * want an answer within 3 s, and an operator's /healthz within its probe's time. On SQLite every
 * query of an import answers at once and the parsing thread queues its batches ahead, so an
 * import that never gave the event loop a turn held it for the whole file (a 1,000,000-line feed:
 * 35 s without reading a single request). On both real databases.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const LINES = 40_000;

describe.each(DATABASE_KINDS)("a large import and the rest of the bot, on %s (real database)", (kind) => {
  let store: Store;
  let close: () => Promise<void>;
  const clock = testClock("2026-12-01T09:00:00Z");
  const path = join(mkdtempSync(join(tmpdir(), "ciic-import-turns-")), "feed.csv");

  beforeAll(async () => {
    ({ store, close } = await storeWithDirectory(kind, DIRECTORY, clock));
    const lines = Array.from({ length: LINES }, (_, n) => (n % 2 === 0 ? `indicator-host-${n}.feed-${n % 97}.keeps-turning.example` : `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`));
    writeFileSync(path, `indicator\n${lines.join("\n")}\n`);
  });
  afterAll(() => close());

  it("gives the event loop a turn after every slice it stores, so that no request waits for the whole file", { timeout: 60_000 }, async () => {
    // Large enough for the parsing thread, and many slices.
    expect(statSync(path).size).toBeGreaterThanOrEqual(ASIDE_FROM_BYTES);
    const record = (await store.directory.current())!;
    const member = record.directory.members.find((m) => m.accounts.slack === "UAIVDAN01")!;

    // A timer due every millisecond, as the HTTP server's reads and the outbox's rounds are; and the
    // import's slices as they are stored, each with how many turns the timer had had by then.
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const turnsAtSlice: number[] = [];
    const watched: Store = {
      ...store,
      transaction: (work, options) =>
        store.transaction(
          (tx) =>
            work({
              ...tx,
              items: {
                ...tx.items,
                // An import stores each slice through insertAbsent.
                insertAbsent: (items) => {
                  turnsAtSlice.push(turns);
                  return tx.items.insertAbsent(items);
                },
              },
            }),
          options,
        ),
    };
    const outcome = await importFile({ store: watched, clock }, { member, directory: record.directory, format: "csv", path, fileName: "feed.csv", via: "test" });
    clearInterval(ticker);

    expect(outcome).toMatchObject({ ok: true, stored: LINES, refused: [] });
    expect(turnsAtSlice).toHaveLength(LINES / SLICE);
    // Between any two slices the timer had a turn: a request waits one slice at most, never the file.
    const without = turnsAtSlice.slice(1).filter((t, n) => t === turnsAtSlice[n]).length;
    expect(without, `slices stored without a turn of the event loop before them: ${turnsAtSlice.join(", ")}`).toBe(0);
  });
});
