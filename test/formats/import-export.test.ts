import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExport, runImport } from "../../src/cli/data-commands.js";
import type { Store } from "../../src/core/ports.js";
import { systemClock } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { openStore } from "../../src/storage/database.js";
import { freshSqliteUrl } from "../support/databases.js";

/**
 * Files in and out of the cell on a real SQLite database, through the same code as `ciic import`
 * and `ciic export`: real public STIX, MISP and CSV files, round trips, and hostile files.
 */
const FIXTURES = resolve("test/fixtures/public");
const tmp = mkdtempSync(join(tmpdir(), "ciic-formats-"));
const ANNA = "slack:UAIVDAN01"; // AIVD analyst in test/fixtures/directory.yml

function capture() {
  const chunks: string[] = [];
  return { stream: new Writable({ write: (c, _e, done) => (chunks.push(c.toString()), done()) }), text: () => chunks.join("") };
}

async function freshStore(): Promise<Store> {
  const store = await openStore(freshSqliteUrl());
  await loadDirectory({ store, clock: systemClock }, { text: readFileSync("test/fixtures/directory.yml", "utf8"), source: "directory.yml", actor: "test" });
  return store;
}

async function importInto(store: Store, file: string, ...extra: string[]) {
  const out = capture();
  const err = capture();
  const code = await runImport(store, [file, "--as", ANNA, ...extra], out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}

async function exportFrom(store: Store, format: string) {
  const file = join(tmp, `export-${Math.random().toString(36).slice(2)}.${format === "csv" ? "csv" : "json"}`);
  const err = capture();
  expect(await runExport(store, ["--as", ANNA, "--format", format, "--out", file], capture().stream, err.stream), err.text()).toBe(0);
  return file;
}

const current = async (store: Store) => {
  const items = await store.items.currentPage("AIVD", 0, 100_000);
  return items.map((i) => `${i.type}|${i.value}|${i.tlp}`).sort();
};

describe("importing the real public files (Art 5.3: every item with its provenance)", () => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore();
  });
  afterAll(async () => store.close());

  it("takes the TLP 2.0 CLEAR feed of 58 IPs with its source in every item's provenance", async () => {
    const file = join(FIXTURES, "stix21/feeds2stix_ipsum_level_8.json");
    const res = await importInto(store, file);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/\(stix, sha256 [0-9a-f]{64}\): stored 58/);
    const items = await store.items.currentPage("AIVD", 0, 1000);
    expect(items).toHaveLength(58);
    for (const item of items) {
      expect(item).toMatchObject({ type: "ipv4", tlp: "CLEAR", party: "AIVD", memberId: ANNA, via: "cli:import" });
      expect(item.sourceRef).toMatch(/^feeds2stix_ipsum_level_8\.json sha256:[0-9a-f]{64} indicator--/);
    }
  });

  it("records one audit entry per import, with counts and the file's SHA-256", async () => {
    const [entry] = (await store.audit.latest(5)).filter((e) => e.action === "indicators.imported");
    const details = JSON.parse(entry.readable);
    expect(details).toMatchObject({ file: "feeds2stix_ipsum_level_8.json", format: "stix", stored: 58 });
    const { createHash } = await import("node:crypto");
    expect(details.sha256).toBe(createHash("sha256").update(readFileSync(join(FIXTURES, "stix21/feeds2stix_ipsum_level_8.json"))).digest("hex"));
  });

  it("recognises what the party already supplied when the same file comes again", async () => {
    const res = await importInto(store, join(FIXTURES, "stix21/feeds2stix_ipsum_level_8.json"));
    expect(res.out).toContain("stored 0, already known 58");
  });

  it.each([
    ["misp/eset_sednit_zebrocy_2018-11-20.json", "misp"],
    ["misp/eset_invisimole.json", "misp"],
    ["csv/ipsum_top5000.txt", "csv"],
    ["csv/abusech_malwarebazaar_dump_20260226_sample.csv", "csv"],
    ["stix21/oasis_apt1.json", "stix"],
    ["stix21/oasis_poisonivy.json", "stix"],
  ])("imports %s and reports what it refused, with reasons", async (path, format) => {
    const res = await importInto(store, join(FIXTURES, path), "--tlp", "amber");
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain(`(${format}, sha256`);
    expect(res.out).toMatch(/stored \d+/);
  });

  // Two imports of 45,000 values: some 11 s beside other work, near the default 20 s beside the suite.
  it("says how far a large import got on a terminal, and nothing but the result in a script", { timeout: 60_000 }, async () => {
    const file = join(tmp, "progress.csv");
    writeFileSync(file, `indicator\n${Array.from({ length: 45_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join("\n")}\n`);
    const terminal = capture();
    Object.assign(terminal.stream, { isTTY: true });
    expect(await runImport(store, [file, "--as", ANNA], capture().stream, terminal.stream)).toBe(0);
    expect(terminal.text()).toBe("  20,000 values read…\n  40,000 values read…\n");
    const script = await importInto(store, file);
    expect(script.out).toContain("stored 0, already known 45000");
    expect(script.err).toBe("");
  });

  it("tells a value repeated far apart in the file from one known before, and names the stored ids as runs", async () => {
    // The file is stored a few thousand lines at a time: the repeats come after their first
    // lines were stored, and the last line was already known before the import.
    const address = (i: number) => `172.16.${(i >> 8) & 255}.${i & 255}`;
    writeFileSync(join(tmp, "before.csv"), `indicator\n${address(9_999)}\n`);
    expect((await importInto(store, join(tmp, "before.csv"))).out).toContain("stored 1,");
    const lines = [...Array.from({ length: 7_000 }, (_, i) => address(i)), ...Array.from({ length: 3_000 }, (_, i) => address(i)), address(9_999)];
    const file = join(tmp, "repeats.csv");
    writeFileSync(file, `indicator\n${lines.join("\n")}\n`);
    const res = await importInto(store, file);
    expect(res.out).toContain("stored 7000, already known 1, repeated in the file 3000");
    const [entry] = (await store.audit.latest(1)).filter((e) => e.action === "indicators.imported");
    const details = JSON.parse(entry.readable);
    const ids = (await store.items.currentPage("AIVD", 0, 100_000)).filter((i) => i.value.startsWith("172.16.") && i.value !== address(9_999)).map((i) => i.id);
    expect(ids).toHaveLength(7_000);
    expect(details.storedIds).toBe(`${Math.min(...ids)}-${Math.max(...ids)}`);
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });
});

/** One of each label, each with its own reliability: what a lossless round trip must give back. */
const LABELLED = [
  "value,tlp,reliability",
  "red.example,RED,A1",
  "198.51.100.7,AMBER+STRICT,B2",
  "http://green.example/x,GREEN,C3",
  "2001:db8::7,CLEAR,D4",
  `${"b".repeat(64)},AMBER,E5`,
  "mail@amber.example,AMBER,F6",
  "10.20.0.0/16,RED,B1",
  "CVE-2021-44228,GREEN,A2",
].join("\n");

const labelled = async (store: Store) => {
  const items = await store.items.currentPage("AIVD", 0, 100_000);
  return items.map((i) => `${i.type}|${i.value}|${i.tlp}|${i.reliability}`).sort();
};

describe("round trips keep each item's labels", () => {
  it.each(["stix", "misp", "csv"])("through %s: every TLP label and every reliability comes back as it was", async (format) => {
    const source = join(tmp, "labelled.csv");
    writeFileSync(source, `${LABELLED}\n`);
    const first = await freshStore();
    expect((await importInto(first, source)).code).toBe(0);
    expect(await labelled(first)).toHaveLength(8);
    const second = await freshStore();
    // The option must not relabel anything the file labels itself.
    const res = await importInto(second, await exportFrom(first, format), "--format", format, "--tlp", "clear");
    expect(res.code, res.err).toBe(0);
    expect(await labelled(second)).toEqual(await labelled(first));
    await first.close();
    await second.close();
  });
});

/**
 * Every type, every TLP label, reliabilities, and what a party records with an item: a legal
 * basis, a source reference and a note, some empty, one with a comma and a formula sign inside
 * (which a CSV writes neutralised and must read back as it was), one with quotes.
 */
const RECORDED = [
  "value,tlp,reliability,legal_basis,source_ref,note",
  'red.example,RED,A1,Wiv 2017 art 39,OP-2026-118,"seen in two intrusions, =both at night"',
  "198.51.100.7,AMBER+STRICT,B2,Wiv 2017 art 38,,",
  'http://green.example/x,GREEN,C3,Politiewet art 16,"ref ""quoted""",phishing kit',
  "2001:db8::7,CLEAR,D4,Wiv 2017 art 39,,",
  "2001:db8:aa::/48,AMBER,C2,Wiv 2017 art 39,net-7,",
  `${"b".repeat(64)},AMBER,E5,Wiv 2017 art 39,,dropper`,
  `${"c".repeat(40)},GREEN,B3,Wiv 2017 art 39,,`,
  `${"d".repeat(32)},GREEN,B3,Wiv 2017 art 39,,`,
  "mail@amber.example,AMBER,F6,Wiv 2017 art 39,sender list 4,",
  "10.20.0.0/16,RED,B1,Wiv 2017 art 39,,",
  "CVE-2021-44228,GREEN,A2,Wiv 2017 art 39,,exploited",
  // Matched as http://odd.example/a'b/c?y=%222%22, kept as supplied.
  `"http://odd.example/a'b\\c?y=""2""",AMBER,B2,Wiv 2017 art 39,,`,
].join("\n");

/** Each item as its party recorded it; first seen: by its source, else when the cell received it. */
const recorded = async (store: Store) => {
  const items = await store.items.currentPage("AIVD", 0, 100_000);
  return items.map((i) => [i.type, i.value, i.supplied, i.tlp, i.reliability, i.legalBasis, i.sourceRef, i.note, (i.firstSeen ?? i.submittedAt).toISOString()].join("|")).sort();
};

describe("round trips keep what a party recorded with each item (own exports, Art 5.2)", () => {
  it.each(["stix", "misp", "csv"])("through %s: every type, label, legal basis, source reference and note comes back as it was", async (format) => {
    const source = join(tmp, "recorded.csv");
    writeFileSync(source, `${RECORDED}\n`);
    const first = await freshStore();
    expect((await importInto(first, source)).code).toBe(0);
    const before = await recorded(first);
    expect(new Set(before.map((line) => line.split("|")[0]))).toEqual(new Set(["domain", "ipv4", "url", "ipv6", "ipv6-cidr", "sha256", "sha1", "md5", "email", "ipv4-cidr", "cve"]));
    expect(before.some((line) => line.startsWith("domain|red.example||RED|A1|Wiv 2017 art 39|OP-2026-118|seen in two intrusions, =both at night|"))).toBe(true);
    expect(before.filter((line) => line.startsWith("url|http://odd.example/"))).toEqual([expect.stringMatching(/^url\|http:\/\/odd\.example\/a'b\/c\?y=%222%22\|http:\/\/odd\.example\/a'b\\c\?y="2"\|AMBER\|B2\|/)]);
    const second = await freshStore();
    const res = await importInto(second, await exportFrom(first, format), "--format", format);
    expect(res.code, res.err).toBe(0);
    expect(await recorded(second)).toEqual(before);
    await first.close();
    await second.close();
  });

  it.each(["stix", "misp", "csv"])("through %s: the hashes of one file stay one file (FALLCHILL's file objects)", async (format) => {
    const files = async (store: Store) =>
      (await store.items.currentPage("AIVD", 0, 100_000)).filter((i) => i.sameFile).map((i) => `${i.type}|${i.value}|${i.sameFile}`).sort();
    const first = await freshStore();
    expect((await importInto(first, join(FIXTURES, "misp/pymisp_osint_hidden_cobra_fallchill.json"))).code).toBe(0);
    // Each file's MD5 names its file by the SHA-1; the SHA-1 is the file's own key.
    expect(await files(first)).toEqual([
      "md5|1216da2b3d6e64075e8434be1058de06|5ee752a1b2bcdb84243e615cd67397d965b16490",
      "md5|e48fe20eb1f5a5887f2ac631fed9ed63|f83f30bd284074d1daaf2e262a280ca780791f2c",
    ]);
    const second = await freshStore();
    const res = await importInto(second, await exportFrom(first, format), "--format", format);
    expect(res.code, res.err).toBe(0);
    expect(await files(second)).toEqual(await files(first));
    await first.close();
    await second.close();
  });

  it("a basis typed with the import wins over the one the file kept", async () => {
    const source = join(tmp, "recorded-basis.csv");
    writeFileSync(source, `${RECORDED}\n`);
    const store = await freshStore();
    expect((await importInto(store, source, "--basis", "Wiv 2017 art 62")).code).toBe(0);
    expect(new Set((await store.items.currentPage("AIVD", 0, 100)).map((i) => i.legalBasis))).toEqual(new Set(["Wiv 2017 art 62"]));
    await store.close();
  });
});

describe("round trips: import → export → import gives the same items", () => {
  it.each(["stix", "misp", "csv"])("through %s", async (format) => {
    const first = await freshStore();
    await importInto(first, join(FIXTURES, "misp/eset_invisimole.json"));
    await importInto(first, join(FIXTURES, "stix21/oasis_apt1.json"), "--tlp", "red");
    const exported = await exportFrom(first, format);
    const second = await freshStore();
    // The CSV's own tlp column wins over the option: the RED items come back RED.
    const res = await importInto(second, exported, "--format", format, ...(format === "csv" ? ["--tlp", "amber"] : []));
    expect(res.code, res.err).toBe(0);
    expect(await current(second)).toEqual(await current(first));
    await first.close();
    await second.close();
  });

  it("exports a STIX 2.1 bundle that passes a structural check, and a MISP event with the fields MISP requires", async () => {
    const store = await freshStore();
    await importInto(store, join(FIXTURES, "csv/abusech_malwarebazaar_dump_20260226_sample.csv"), "--tlp", "green");
    const bundle = JSON.parse(readFileSync(await exportFrom(store, "stix"), "utf8"));
    expect(bundle.type).toBe("bundle");
    expect(bundle.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
    const ids = new Set<string>();
    for (const o of bundle.objects) {
      expect(o.id).toMatch(new RegExp(`^${o.type}--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
      expect(ids.has(o.id)).toBe(false);
      ids.add(o.id);
      expect(o.spec_version).toBe("2.1");
      if (o.type !== "marking-definition") {
        expect(Date.parse(o.created)).not.toBeNaN();
        expect(Date.parse(o.modified)).not.toBeNaN();
      }
      if (o.type === "indicator") {
        expect(o.pattern_type).toBe("stix");
        expect(o.pattern).toMatch(/^\[file:hashes\.'SHA-(1|256)' = '[0-9a-f]+'\]$|^\[file:hashes\.MD5 = '[0-9a-f]+'\]$/);
        expect(Date.parse(o.valid_from)).not.toBeNaN();
        for (const ref of o.object_marking_refs) expect(ids.has(ref) || bundle.objects.some((m: { id: string }) => m.id === ref)).toBe(true);
        expect(ids.has(o.created_by_ref)).toBe(true);
      }
    }
    const event = JSON.parse(readFileSync(await exportFrom(store, "misp"), "utf8")).Event;
    for (const field of ["info", "date", "threat_level_id", "analysis", "distribution", "uuid"]) expect(event[field], field).toBeDefined();
    for (const a of event.Attribute) {
      for (const field of ["type", "category", "value", "to_ids", "uuid"]) expect(a[field], field).toBeDefined();
      // The label, and the reliability (the CSV's items: F6, "cannot be judged") as MISP's admiralty-scale taxonomy tags it;
      // then, in a party's own export, what it recorded with the item (its legal basis, its source).
      expect(a.Tag.slice(0, 3)).toEqual([{ name: "tlp:green" }, { name: 'admiralty-scale:source-reliability="f"' }, { name: 'admiralty-scale:information-credibility="6"' }]);
      expect(a.Tag[3].name).toMatch(/^ciic:legal-basis=".+"$/);
    }
    const entries = (await store.audit.latest(5)).filter((e) => e.action === "indicators.exported");
    expect(JSON.parse(entries[0].readable)).toMatchObject({ format: "misp" });
    await store.close();
  });
});

describe("hostile files get a clear refusal, store nothing, and leave the bot working", () => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore();
  });
  afterAll(async () => store.close());

  const refusedWith = async (file: string, code: string, ...extra: string[]) => {
    const before = await store.items.currentPage("AIVD", 0, 10);
    const res = await importInto(store, file, ...extra);
    expect(res.code).toBe(1);
    expect(res.err).toContain("Nothing was imported");
    expect(await store.items.currentPage("AIVD", 0, 10)).toEqual(before);
    const [entry] = await store.audit.latest(1);
    expect(entry.action).toBe("import.refused");
    expect(JSON.parse(entry.readable).code).toBe(code);
    return res.err;
  };

  it("refuses truncated JSON", async () => {
    const text = readFileSync(join(FIXTURES, "stix21/oasis_poisonivy.json"), "utf8");
    const file = join(tmp, "truncated.json");
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    await refusedWith(file, "file.malformed_json", "--format", "stix");
  });

  it("stores none of the thousands of good values before a bad line far into the file (one transaction)", async () => {
    const file = join(tmp, "late-formula.csv");
    const good = Array.from({ length: 12_000 }, (_, i) => `10.99.${i >> 8}.${i & 255}`).join("\n");
    writeFileSync(file, `indicator\n${good}\n@SUM(1+1)\n`);
    await refusedWith(file, "csv.formula_injection", "--format", "csv");
    expect(await store.items.byValue("ipv4", "10.99.0.1")).toEqual([]);
  });

  it("refuses deeply nested JSON without exhausting the stack", async () => {
    const file = join(tmp, "deep.json");
    writeFileSync(file, `{"type":"bundle","objects":[${"[".repeat(100_000)}${"]".repeat(100_000)}]}`);
    await refusedWith(file, "file.too_deep", "--format", "stix");
  });

  it("refuses a CSV with a formula injection", async () => {
    const file = join(tmp, "formula.csv");
    writeFileSync(file, "indicator\n198.51.100.1\n=cmd|' /C calc'!A0\n");
    await refusedWith(file, "csv.formula_injection", "--format", "csv");
  });

  it("refuses a file in the wrong encoding", async () => {
    const file = join(tmp, "latin1.txt");
    writeFileSync(file, Buffer.from([0x31, 0x2e, 0x32, 0x2e, 0x33, 0x2e, 0x34, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x2e, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x0a]));
    await refusedWith(file, "file.encoding", "--format", "csv");
  });

  it("refuses a file over 200 MB", async () => {
    const file = join(tmp, "huge.txt");
    const out = createWriteStream(file);
    const line = "198.51.100.7\n".repeat(10_000);
    for (let written = 0; written <= 201 * 1024 * 1024; written += line.length) if (!out.write(line)) await once(out, "drain");
    out.end();
    await once(out, "finish");
    await refusedWith(file, "file.too_large", "--format", "csv");
  });

  it("reports unsupported STIX patterns as refused, and stores the rest", async () => {
    const res = await importInto(store, join(FIXTURES, "stix21/misp-stix_test_objects_collection_stix21.json"));
    expect(res.code).toBe(0);
    expect(res.out).toContain("stix.unsupported_pattern");
  });
});
