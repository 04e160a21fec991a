import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/core/formats/import-file.js";
import { ASIDE_FROM_BYTES } from "../../src/core/formats/parse-aside.js";
import { parseFile } from "../../src/core/formats/parse-file.js";
import { sealableFieldsOf } from "../../src/core/formats/types.js";
import type { NewItem, Store } from "../../src/core/ports.js";
import { HASH_TYPES } from "../../src/core/relations/relation-key.js";
import { cellKeys, newRootKey } from "../../src/storage/sealing/cell-keys.js";
import { itemPreparer } from "../../src/storage/sealing/prepare-items.js";
import { storedItem } from "../../src/storage/sealing/sealed-items.js";
import { DATABASE_KINDS, storeWithDirectory } from "../support/databases.js";
import { fileHash, writeLargeBundle } from "../support/large-bundle.js";
import { testClock } from "../support/test-clock.js";

/**
 * A file of a megabyte or more is parsed in a thread of its own, which also seals its items for
 * the store (core/formats/parse-aside.ts, storage/sealing/prepare-items.ts). On both real
 * databases: every item reads back with the value, source reference, note, URL as supplied and
 * file it would have had from an import in one thread (Art 5.3), under keys the store opens.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const tmp = mkdtempSync(join(tmpdir(), "ciic-import-aside-"));

describe.each(DATABASE_KINDS)("a large import sealed in the parsing thread, on %s (real database)", (kind) => {
  let store: Store;
  let close: () => Promise<void>;
  const clock = testClock("2026-12-01T09:00:00Z");

  beforeAll(async () => {
    ({ store, close } = await storeWithDirectory(kind, DIRECTORY, clock));
  });
  afterAll(() => close());

  it("stores every item with the texts an import in one thread would have given it", async () => {
    const path = join(tmp, `large-${kind}.json`);
    writeLargeBundle(path);
    expect(statSync(path).size).toBeGreaterThanOrEqual(ASIDE_FROM_BYTES);
    const record = (await store.directory.current())!;
    const member = record.directory.members.find((m) => m.accounts.slack === "UAIVDAN01")!;
    // The store is asked once how its parsing thread seals (the sealed forms' use: below).
    let asked = 0;
    const counting: Store = { ...store, itemPreparer: () => (asked++, store.itemPreparer!()) };
    const outcome = await importFile({ store: counting, clock }, { member, directory: record.directory, format: "stix", path, fileName: "large.json", via: "test" });
    expect(outcome).toMatchObject({ ok: true, stored: 5000, alreadyKnown: 0, refused: [] });
    expect(asked).toBe(1);
    if (!outcome.ok) return;

    // What each item must hold: the fields an import seals, from the file parsed in this thread.
    const expected = new Map<string, ReturnType<typeof sealableFieldsOf>>();
    for await (const batch of parseFile({ path, format: "stix", options: {} }))
      for (const event of batch) if (event.kind === "record") expected.set(`${event.record.type}|${event.record.value}`, sealableFieldsOf(event.record, `large.json sha256:${outcome.fileSha256}`));
    const items = await store.items.currentPage("AIVD", 0, 100_000);
    expect(items).toHaveLength(expected.size);
    for (const item of items) {
      const fields = expected.get(`${item.type}|${item.value}`)!;
      expect(fields, `${item.type} ${item.value}`).toBeDefined();
      const file = HASH_TYPES.has(item.type) && fields.sameFile && fields.sameFile.toLowerCase() !== item.value.toLowerCase() ? fields.sameFile.toLowerCase() : undefined;
      expect({ sourceRef: item.sourceRef, note: item.note, supplied: item.supplied ?? null, sameFile: item.sameFile }).toEqual({
        sourceRef: fields.sourceRef,
        note: fields.note,
        supplied: fields.supplied ?? null,
        sameFile: file,
      });
    }
    // The URLs kept as written, the hashes of one file related, the notes from the names.
    const url = items.find((i) => i.type === "url" && i.value.includes("host-1.example.org"))!;
    expect(url.supplied).toBe("HTTP://Host-1.Example.org/Path?q=1");
    expect(items.find((i) => i.value === fileHash("md5", 2))?.sameFile).toBe(fileHash("sha256", 2));
    expect(items.find((i) => i.value === "10.6.0.0")?.note).toContain('"Indicator number 0"');
    // Found by value, as a look-up finds them: the tokens the thread made are the store's.
    expect((await store.items.byValue("domain", "sub.zone-3.example.net")).map((i) => i.party)).toEqual(["AIVD"]);
  });
});

describe("a sealed form made in the parsing thread", () => {
  const keys = cellKeys(newRootKey());
  const prepare = itemPreparer({ root: keys.root });
  const item = (value: string, prepared?: unknown): NewItem => ({
    type: "domain",
    value,
    party: "AIVD",
    memberId: "slack:UAIVDAN01",
    memberName: "Anna",
    submittedAt: new Date("2026-12-01T09:00:00Z"),
    legalBasis: "Wiv 2017",
    reliability: "C3",
    tlp: "AMBER",
    sourceRef: "feed.json sha256:00 indicator--1",
    note: "a note",
    via: "test",
    supersedesId: null,
    ...(prepared ? { prepared } : {}),
  });

  it("is taken for the item it was made for, and opens under the store's keys", () => {
    const prepared = prepare({ type: "domain", value: "made.example", sourceRef: "feed.json sha256:00 indicator--1", note: "a note" });
    const row = storedItem(keys.items, item("made.example", prepared));
    expect(row.sealed).toBe(prepared.sealed);
    expect(row.value).toBe(keys.items.token("domain", "made.example"));
    expect(keys.items.open(row.keyNonce!, row.sealed!)).toMatchObject({ value: "made.example", sourceRef: "feed.json sha256:00 indicator--1", note: "a note" });
  });

  it("is never taken for another value: that item is sealed anew", () => {
    const prepared = prepare({ type: "domain", value: "other.example", sourceRef: "feed.json sha256:00 indicator--1", note: "a note" });
    const row = storedItem(keys.items, item("mine.example", prepared));
    expect(row.sealed).not.toBe(prepared.sealed);
    expect(row.value).toBe(keys.items.token("domain", "mine.example"));
    expect(keys.items.open(row.keyNonce!, row.sealed!)?.value).toBe("mine.example");
  });
});
