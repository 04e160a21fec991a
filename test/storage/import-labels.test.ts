import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/core/formats/import-file.js";
import type { FileFormat } from "../../src/core/formats/types.js";
import type { Member } from "../../src/core/directory/types.js";
import { translator } from "../../src/core/i18n/translator.js";
import { say } from "../../src/core/i18n/phrase.js";
import type { Store } from "../../src/core/ports.js";
import { DATABASE_KINDS, storeWithDirectory } from "../support/databases.js";
import { newItem } from "../support/new-item.js";
import { testClock } from "../support/test-clock.js";

/**
 * The labels a file gives its items — a STIX indicator's name (kept in the item's note), a MISP
 * attribute's comment, a CSV's note, source reference, legal basis and same-file columns — become
 * the items' own, which the party's members read in its exports (Art 5.2). Art 7.2 holds for them
 * as for a note typed with `/ciic submit`: a record whose label names what another party supplied
 * is refused, and says why; the rest of the file is stored. On both real databases.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const tmp = mkdtempSync(join(tmpdir(), "ciic-import-labels-"));
const HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe.each(DATABASE_KINDS)("labels from an imported file, on %s (real database)", (kind) => {
  let store: Store;
  let close: () => Promise<void>;
  let ncsc: Member;
  const clock = testClock("2026-12-01T09:00:00Z");
  let files = 0;

  beforeAll(async () => {
    ({ store, close } = await storeWithDirectory(kind, DIRECTORY, clock));
    // AIVD supplied these before; NCSC's analyst imports.
    await store.transaction((tx) => tx.items.insert([newItem("domain", "aivd-only.example", "AIVD"), newItem("ipv4", "203.0.113.9", "AIVD"), newItem("sha256", HASH, "AIVD")]));
    const record = (await store.directory.current())!;
    ncsc = record.directory.members.find((m) => m.accounts.slack === "UNCSCAN01")!;
  });
  afterAll(() => close());

  const importText = async (format: FileFormat, text: string, legalBasis?: string) => {
    const path = join(tmp, `file-${kind}-${++files}`);
    writeFileSync(path, text);
    const directory = (await store.directory.current())!.directory;
    const outcome = await importFile({ store, clock }, { member: ncsc, directory, format, path, fileName: `file-${files}`, via: "test", ...(legalBasis ? { legalBasis } : {}) });
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome;
  };
  const ncscItems = async () => (await store.items.currentPage("NCSC", 0, 1000)).map((i) => `${i.value} | ${i.note ?? ""} | ${i.sourceRef ?? ""} | ${i.legalBasis}`).join("\n");

  it("refuses a CSV record whose note, source reference or legal basis names another party's value, and stores the rest", async () => {
    const outcome = await importText(
      "csv",
      [
        "value,note,source_ref,legal_basis",
        "ncsc-a.example,same actor as aivd-only.example,,",
        "ncsc-b.example,,ref 203[.]0.113.9,",
        "ncsc-c.example,,,basis for aivd-only.example",
        "ncsc-d.example,seen by our sensors,ticket 42,Wbni art 3",
        // Its own values and what the same file supplies may be named.
        "ncsc-e.example,resolves to ncsc-d.example,,",
      ].join("\n"),
    );
    expect(outcome).toMatchObject({ stored: 2 });
    expect(outcome.refused).toEqual([{ code: "import.label_names_data", count: 3, examples: expect.any(Array) }]);
    const t = translator("en");
    expect(outcome.refused[0].examples.map((e) => `${e.example}: ${say(t, e.why)}`)).toEqual([
      expect.stringMatching(/^ncsc-a\.example: the note the file gives it names data that another party supplied/),
      expect.stringMatching(/^ncsc-b\.example: the source reference the file gives it names data/),
      expect.stringMatching(/^ncsc-c\.example: the legal basis the file gives it names data/),
    ]);
    const items = await ncscItems();
    expect(items).not.toContain("aivd-only.example");
    expect(items).not.toContain("203");
    expect(items).toContain("ncsc-e.example | resolves to ncsc-d.example");
  });

  it("refuses a liaison's labels that name a request or an analysis alike, whatever it holds (Art 7.2)", async () => {
    const record = (await store.directory.current())!;
    const liaison = record.directory.members.find((m) => m.party === "NCSC" && m.roles.includes("liaison"))!;
    const path = join(tmp, `file-${kind}-${++files}`);
    writeFileSync(path, ["value,note", "ncsc-r1.example,handled in R-1", "ncsc-r99.example,handled in R-99", "ncsc-a2.example,see A-2", "ncsc-own.example,no request named"].join("\n"));
    const outcome = await importFile({ store, clock }, { member: liaison, directory: record.directory, format: "csv", path, fileName: `file-${files}`, via: "test" });
    if (!outcome.ok) throw new Error(outcome.message);
    // None of these exists here, and a liaison may not learn which would hold another party's data.
    expect(outcome).toMatchObject({ stored: 1 });
    expect(outcome.refused).toEqual([{ code: "import.label_names_data", count: 3, examples: expect.any(Array) }]);
  });

  it("reads a STIX indicator's name, and a MISP attribute's comment, the same way", async () => {
    const stix = await importText(
      "stix",
      JSON.stringify({
        type: "bundle",
        id: "bundle--1",
        objects: [
          { type: "indicator", spec_version: "2.1", id: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", created: "2026-01-01T00:00:00Z", modified: "2026-01-01T00:00:00Z", name: "C2 AIVD-ONLY.EXAMPLE", pattern: "[domain-name:value = 'ncsc-f.example']", pattern_type: "stix", valid_from: "2026-01-01T00:00:00Z" },
          { type: "indicator", spec_version: "2.1", id: "indicator--9e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", created: "2026-01-01T00:00:00Z", modified: "2026-01-01T00:00:00Z", name: "C2 that talks to 203.0.113.9", pattern: "[domain-name:value = 'ncsc-g.example']", pattern_type: "stix", valid_from: "2026-01-01T00:00:00Z" },
          { type: "indicator", spec_version: "2.1", id: "indicator--ae2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", created: "2026-01-01T00:00:00Z", modified: "2026-01-01T00:00:00Z", name: "Phishing host", pattern: "[domain-name:value = 'ncsc-h.example']", pattern_type: "stix", valid_from: "2026-01-01T00:00:00Z" },
        ],
      }),
    );
    expect(stix).toMatchObject({ stored: 1, refused: [{ code: "import.label_names_data", count: 2 }] });
    const misp = await importText(
      "misp",
      JSON.stringify({
        Event: {
          info: "test",
          Attribute: [
            { type: "domain", category: "Network activity", value: "ncsc-i.example", comment: `dropper ${HASH.toUpperCase()}`, to_ids: true },
            { type: "domain", category: "Network activity", value: "ncsc-j.example", comment: "landing page", to_ids: true },
          ],
        },
      }),
    );
    expect(misp).toMatchObject({ stored: 1, refused: [{ code: "import.label_names_data", count: 1 }] });
    const items = await ncscItems();
    for (const kept of ["ncsc-h.example", "ncsc-j.example"]) expect(items).toContain(kept);
    for (const refused of ["ncsc-f.example", "ncsc-g.example", "ncsc-i.example", "aivd-only", "203.0.113.9", HASH]) expect(items).not.toContain(refused);
  });

  it("refuses a CSV record whose same-file column names another party's hash", async () => {
    const outcome = await importText("csv", `value,same_file\nd41d8cd98f00b204e9800998ecf8427e,${HASH}\n`);
    expect(outcome).toMatchObject({ stored: 0, refused: [{ code: "import.label_names_data", count: 1 }] });
    expect(say(translator("nl"), outcome.refused[0].examples[0].why)).toMatch(/^de hash van hetzelfde bestand die het bestand eraan geeft, noemt gegevens/);
  });

  it("passes over the file's legal basis when the importer types one", async () => {
    const outcome = await importText("csv", "value,legal_basis\nncsc-k.example,basis for aivd-only.example\n", "Wbni art 3");
    expect(outcome).toMatchObject({ stored: 1, refused: [] });
    expect(await ncscItems()).toContain("ncsc-k.example |  |");
  });
});
