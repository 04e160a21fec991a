import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/ciic.js";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";

/** Runs the CLI in-process with DATABASE_URL set, capturing what it prints. */
async function ciic(url: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write: (chunk, _e, done) => (into.push(chunk.toString()), done()) });
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    const code = await runCli(args, sink(out) as never, sink(err) as never);
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

const tmp = mkdtempSync(join(tmpdir(), "ciic-oversight-"));
const ANNA = "UAIVDAN01";
const GRETA = "UNCSCAN01";
const BRAM = "UAIVDLI01";
const IRIS = "UOMLI0001"; // OM liaison

/** A cell with work in it, made through the bot's own command service on the real database. */
async function cellWithWork(url: string) {
  const store = await openStore(url);
  const clock = { now: () => new Date() };
  await loadDirectory({ store, clock }, { text: readFileSync("test/fixtures/directory.yml", "utf8"), source: "test/fixtures/directory.yml", actor: "cli:admin" });
  const service = createCommandService({ store, clock });
  let n = 0;
  const as = (userId: string, text: string) => service.handle({ platform: "slack", userId, requestKey: `slack:command:C${++n}`, command: parseCommandText(text), text });
  await as(ANNA, "submit 198.51.100.7 evil.example tlp:green");
  await as(GRETA, "submit 198.51.100.7");
  await as(ANNA, "correct I-2 value:evil2.example");
  await as(ANNA, "disclose I-1 to ncsc-ops purpose warn the operations centre");
  const [ask] = await store.disclosures.asksOf(1);
  await service.handle({ platform: "slack", userId: BRAM, requestKey: "slack:click:1", command: { name: "decide", askId: ask.id, choice: { decision: "approve" } }, text: "[button]" });
  await as(ANNA, "comms The CIIC partners confirm that they jointly assessed the phishing wave.");
  await as(ANNA, "consult I-1 question: may we warn the owner before a seizure?");
  await as(IRIS, "consult C-1 answer: Yes, once the officer of justice is told.");
  await store.close();
}

describe.each(DATABASE_KINDS)("ciic oversight and ciic report on %s", (kind) => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  const database = async () => {
    const { url, drop } = await freshDatabaseUrl(kind);
    drops.push(drop);
    return url;
  };

  it("exports the whole record, verifies it, and fails verification with a clear message after one byte is changed", async () => {
    const url = await database();
    await cellWithWork(url);
    const file = join(tmp, `archive-${kind}.jsonl`);
    const exported = await ciic(url, "oversight", "export", file);
    expect(exported.err).toBe("");
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/^Wrote .*archive-\w+\.jsonl: \d+ lines, [\d.]+ MB — 1 directory versions, 4 items \(all versions\), 0 analyses, 1 disclosure requests, 1 consent asks, 1 provisions, 0 steering meetings, 0 steering reminders, 1 agreement rounds, 7 round asks, 1 OM consultations, 1 consultation notes, \d+ audit entries\.\n/);
    const sha256 = /SHA-256 of the file: ([0-9a-f]{64})/.exec(exported.out)![1];

    const verified = await ciic(url, "oversight", "verify", file);
    expect(verified.err).toBe("");
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toContain(": intact. ");
    expect(verified.out).toMatch(/The audit chain runs unbroken from its first entry to entry \d+ \(hash [0-9a-f]{64}\), the head the archive claims/);
    expect(verified.out).toContain(`SHA-256 of the file: ${sha256}`);

    // The export is one audit entry, with the digest of exactly what was written.
    const tail = await ciic(url, "audit", "tail", "1");
    expect(tail.out).toContain("oversight.exported");
    expect(tail.out).toContain(sha256);

    // One byte changed inside an item's value.
    const bytes = readFileSync(file);
    const at = bytes.indexOf("198.51.100.7");
    const line = bytes.subarray(0, at).toString().split("\n").length;
    const changed = Buffer.from(bytes);
    changed[at + 11] = "8".charCodeAt(0);
    const tampered = join(tmp, `tampered-${kind}.jsonl`);
    writeFileSync(tampered, changed);
    const failed = await ciic(url, "oversight", "verify", tampered);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(": NOT intact — 2 problems:");
    expect(failed.err).toContain(`  line ${line}: content does not match its seal; the line was changed after export`);
    expect(failed.err).toContain("the archive's content does not match the digest in its trailer; it was changed after export");

    // One byte of an agreement round, and of an answer of the OM, each named by its line.
    for (const [kind, text] of [["round", "jointly assessed"], ["consultationNote", "officer of justice"]]) {
      const lineAt = bytes.indexOf(`{"kind":"${kind}",`);
      const byteAt = bytes.indexOf(text, lineAt);
      const inRecord = Buffer.from(bytes);
      inRecord[byteAt] = "J".charCodeAt(0);
      writeFileSync(tampered, inRecord);
      const found = await ciic(url, "oversight", "verify", tampered);
      expect(found.code, kind).toBe(1);
      expect(found.err, kind).toContain(`  line ${bytes.subarray(0, lineAt).toString().split("\n").length}: content does not match its seal; the line was changed after export`);
    }

    // One byte of an audit entry's details.
    const auditAt = bytes.indexOf('"kind":"audit","seq":3,');
    const detailsAt = bytes.indexOf('"details":"{', auditAt) + 14;
    const auditLine = bytes.subarray(0, auditAt).toString().split("\n").length;
    const inAudit = Buffer.from(bytes);
    inAudit[detailsAt] = inAudit[detailsAt] === 0x61 ? 0x62 : 0x61;
    writeFileSync(tampered, inAudit);
    expect((await ciic(url, "oversight", "verify", tampered)).err).toContain(`line ${auditLine}: audit entry 3 was altered: its content no longer matches its hash`);

    // A broken line is a finding, not a crash.
    const broken = Buffer.from(bytes);
    broken[0] = "[".charCodeAt(0);
    writeFileSync(tampered, broken);
    const unreadable = await ciic(url, "oversight", "verify", tampered);
    expect(unreadable.code).toBe(1);
    expect(unreadable.err).toMatch(/line 1: is not valid JSON \(.*\); the archive was changed after export/);
  });

  it("never overwrites an archive, refuses a non-auditor named with --as (logged), and says how to call it", async () => {
    const url = await database();
    await cellWithWork(url);
    const file = join(tmp, `twice-${kind}.jsonl`);
    expect((await ciic(url, "oversight", "export", file, "--as", "slack:UCTIVD001")).code).toBe(0);
    const again = await ciic(url, "oversight", "export", file);
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining("exists already; choose another name (an earlier archive is never overwritten)") });
    const analyst = await ciic(url, "oversight", "export", join(tmp, `analyst-${kind}.jsonl`), "--as", "slack:UAIVDAN01");
    expect(analyst.code).toBe(1);
    expect(analyst.err).toContain("`/ciic oversight export` is for auditor (covenant Art 3); your roles are analyst.");
    expect(analyst.err).toContain("Nothing was exported.");
    expect((await ciic(url, "audit", "tail", "1")).out).toMatch(/access\.refused\tcommand:oversight/);
    expect(await ciic(url, "oversight")).toMatchObject({ code: 2, err: expect.stringContaining("Usage: ciic oversight export <file>") });
    const missing = await ciic(url, "oversight", "verify", join(tmp, "no-such-file.jsonl"));
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining("Cannot read") });
  });

  it("prints the steering group's report as text or JSON, and refuses a period it cannot read", async () => {
    const url = await database();
    await cellWithWork(url);
    const year = String(new Date().getUTCFullYear());
    const text = await ciic(url, "report", year);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`Steering group report ${year}`);
    expect(text.out).toContain("AIVD: 2 (domain 1, ipv4 1); 1 correction");
    expect(text.out).toContain("AIVD and NCSC: 1 indicator both supplied");
    expect(text.out).toContain("released 1 · denied 0 · expired 0 · withdrawn 0 · pending 0");
    expect(text.out).not.toContain("198.51.100.7");
    const json = JSON.parse((await ciic(url, "report", year, "--json")).out);
    expect(json.period.label).toBe(year);
    expect(json.supplied.find((p: { party: string }) => p.party === "AIVD")).toMatchObject({ total: 2, corrections: 1 });
    expect(json.overlaps).toEqual({ indicators: 1, pairs: [{ parties: ["AIVD", "NCSC"], indicators: 1 }] });
    expect(json.requests.outcomes.released).toBe(1);
    const bad = await ciic(url, "report", "last-year");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("`last-year` is not a period the report can read. Write a quarter, a month or a year, e.g. `ciic report 2026-Q3`");
    expect((await ciic(url, "audit", "tail", "3")).out).toContain("steering.reported");
  });
});
