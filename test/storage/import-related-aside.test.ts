import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import { importFile } from "../../src/core/formats/import-file.js";
import type { Store } from "../../src/core/ports.js";
import { DATABASE_KINDS, storeWithDirectory } from "../support/databases.js";
import { fileHash, writeLargeBundle } from "../support/large-bundle.js";
import { textOf } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";

/**
 * A large import's related records (Art 6.1) are looked up in a thread of their own on SQLite,
 * on a connection of that thread's own (core/relations/related-aside.ts). It must count what the
 * import's own transaction counts: every relation kind, and a hash tied to another party's record
 * of a second hash only by the importing party's own file object, which that connection cannot
 * see before the import commits (files-so-far.ts).
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const tmp = mkdtempSync(join(tmpdir(), "ciic-import-related-aside-"));
const bundle = join(tmp, "large.json");
writeLargeBundle(bundle);

/**
 * What AIVD holds that relates to NCSC's bundle (support/large-bundle.ts), by relation: a range
 * holding its 1,000 addresses, the host of one URL, the parent of one domain, a subdomain of
 * another, and one hash each of two of its files, whose other hash the bundle carries with it.
 */
const AIVD_HOLDS = ["10.6.0.0/16", "host-1.example.org", "zone-3.example.net", "deep.sub.zone-7.example.net", fileHash("sha256", 2), fileHash("md5", 6)];
const RELATED = 1000 + 1 + 1 + 1 + 2;

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function importWith(kind: (typeof DATABASE_KINDS)[number], thread: boolean) {
  const clock = testClock("2026-12-01T09:00:00Z");
  const { store, close } = await storeWithDirectory(kind, DIRECTORY, clock);
  closers.push(close);
  const service = createCommandService({ store, clock });
  const text = `submit ${AIVD_HOLDS.join(" ")}`;
  expect(textOf(await service.handle({ platform: "slack", userId: "UAIVDAN01", requestKey: `slack:aside:${kind}:${thread}`, command: parseCommandText(text), text }))).toContain(`Stored ${AIVD_HOLDS.length}`);
  let asked = 0;
  const { relationReader, ...rest } = store;
  const importing: Store = thread ? { ...store, relationReader: relationReader && (() => (asked++, relationReader())) } : rest;
  const record = (await store.directory.current())!;
  const member = record.directory.members.find((m) => m.accounts.slack === "UNCSCAN01")!;
  const outcome = await importFile({ store: importing, clock }, { member, directory: record.directory, format: "stix", path: bundle, fileName: "large.json", via: "test" });
  return { outcome, asked };
}

describe.each(DATABASE_KINDS)("a large import's related records on %s (real database)", (kind) => {
  it("counts every relation kind, and a hash related through the party's own file object", async () => {
    const { outcome, asked } = await importWith(kind, true);
    expect(outcome).toMatchObject({ ok: true, stored: 5000, overlaps: 2, related: { indicators: RELATED, parties: ["AIVD"] } });
    // SQLite's store offers the thread; PostgreSQL looks them up in the import's transaction.
    expect(asked).toBe(kind === "sqlite" ? 1 : 0);
  });

  it("stores nothing when the thread cannot look up, and says why", async () => {
    const clock = testClock("2026-12-01T09:00:00Z");
    const { store, close } = await storeWithDirectory(kind, DIRECTORY, clock);
    closers.push(close);
    const text = `submit ${AIVD_HOLDS[0]}`;
    await createCommandService({ store, clock }).handle({ platform: "slack", userId: "UAIVDAN01", requestKey: `slack:broken:${kind}`, command: parseCommandText(text), text });
    const gone = join(tmp, `no-such-${kind}.db`);
    const broken: Store = { ...store, relationReader: () => ({ module: new URL("../../src/storage/relation-reader.ts", import.meta.url).href, data: { path: gone, root: new Uint8Array(32) } }) };
    const record = (await store.directory.current())!;
    const member = record.directory.members.find((m) => m.accounts.slack === "UNCSCAN01")!;
    await expect(importFile({ store: broken, clock }, { member, directory: record.directory, format: "stix", path: bundle, fileName: "large.json", via: "test" })).rejects.toThrow(/unable to open database file|does not exist/);
    expect(await store.items.currentPage("NCSC", 0, 10)).toEqual([]);
  });

  it("looks nothing up in a cell where no other party holds anything yet", async () => {
    const clock = testClock("2026-12-01T09:00:00Z");
    const { store, close } = await storeWithDirectory(kind, DIRECTORY, clock);
    closers.push(close);
    let asked = 0;
    const counting: Store = { ...store, relationReader: () => (asked++, store.relationReader!()) };
    const record = (await store.directory.current())!;
    const member = record.directory.members.find((m) => m.accounts.slack === "UNCSCAN01")!;
    const outcome = await importFile({ store: counting, clock }, { member, directory: record.directory, format: "stix", path: bundle, fileName: "large.json", via: "test" });
    expect(outcome).toMatchObject({ ok: true, stored: 5000, overlaps: 0, related: { indicators: 0, parties: [] } });
    expect(asked).toBe(0);
  });

  it("counts as many in the import's own transaction", async () => {
    const { outcome, asked } = await importWith(kind, false);
    expect(asked).toBe(0);
    expect(outcome).toMatchObject({ ok: true, stored: 5000, overlaps: 2, related: { indicators: RELATED, parties: ["AIVD"] } });
  });
});
