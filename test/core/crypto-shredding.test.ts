import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runDeadlines } from "../../src/core/deadlines/run-deadlines.js";
import { createArchive } from "../../src/core/oversight/export-archive.js";
import { verifyArchive } from "../../src/core/oversight/verify-archive.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { auditEntries } from "../support/test-store.js";
import { buttons, coreWorlds, dmsTo, type CoreWorld } from "../support/core-world.js";
import { textOf } from "../support/reply-text.js";

/**
 * Crypto-shredding (issue 17; Wiv 2017: data that lost their relevance are removed and
 * destroyed). What an item's party lets go at a retention review must be gone from every place
 * the cell kept it: the item's row, the audit log (which may never be changed), the replies kept
 * for retries, the messages sent, the record of provision — and so from the database file, its
 * write-ahead log and any oversight archive made afterwards, while the audit chain still verifies.
 */
/** The end-to-end tests' directory: a retention review is due a year after submission. */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const ANNA = "UAIVDAN01"; // AIVD analyst
const BRAM = "UAIVDLI01"; // AIVD liaison: consents, answers AIVD's reviews
const GRETA = "UNCSCAN01"; // NCSC analyst: compares across parties

/** Monday 3 November 2025, 10:00 UTC. */
const START = Date.parse("2025-11-03T10:00:00.000Z");
const DAY = 86_400_000;

const GONE = "198.51.100.77";
const KEPT = "kept-infra.example";
const SOURCE = "case 2025-417";

const worlds = coreWorlds();

/** Everything the database keeps on disk: its file and, when there is one, its write-ahead log. */
function onDisk(w: CoreWorld): Buffer {
  const wal = `${w.store.path}-wal`;
  return Buffer.concat([readFileSync(w.store.path), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}

async function archiveOf(w: CoreWorld): Promise<string> {
  let text = "";
  for await (const chunk of createArchive(w.store, { exportedAt: w.clock.now(), exportedBy: "cli:test", via: "cli" }).chunks()) text += chunk;
  return text;
}

/** A cell in which AIVD's value went everywhere a value goes: looked up, overlapping, released, in a reply. */
async function cellWithHistory() {
  const w = await worlds(DIRECTORY, START);
  expect(textOf(await w.as(ANNA, `submit ${GONE} src:"${SOURCE}" note: beacon seen twice`))).toContain("Stored 1");
  expect(textOf(await w.as(ANNA, `submit ${KEPT}`))).toContain("Stored 1");
  expect(textOf(await w.as(GRETA, `lookup ${GONE}`))).toContain(GONE);
  expect(textOf(await w.as(ANNA, `disclose I-1 I-2 to ncsc-ops purpose warn the sector about ${GONE}`))).toContain("R-1 made");
  const ask = dmsTo(w.store, BRAM).find((m) => m.topic === "ask:1")!;
  const approve = buttons(ask.view).find((b) => b.label === "Approve")!;
  await w.click(BRAM, approve.action, approve.value);
  expect(w.store.tables().provisions).toHaveLength(1);
  return w;
}

describe("crypto-shredding: letting go destroys the value everywhere (issue 17, Wiv 2017)", () => {
  it("leaves nothing of the value in the database file, its log or a fresh archive, and the chain still verifies", async () => {
    const w = await cellWithHistory();
    // Before: the value is on record, and readable where the cell shows it.
    expect((await auditEntries(w.store)).some((e) => e.readable.includes(GONE))).toBe(true);

    // Half a year on, AIVD's liaison lets the value go.
    w.clock.set(START + 366 * DAY);
    await runDeadlines(w);
    expect(textOf(await w.as(BRAM, "review RV-1 let-go I-1 reason: sinkholed"))).toContain("You let go of I-1");

    const disk = onDisk(w);
    expect(disk.includes(GONE)).toBe(false);
    expect(disk.includes(SOURCE)).toBe(false);
    // Not in a hex or reversed form either (relation keys, heads): only the kept value's row holds
    // anything of it, in the form it was stored.
    expect(disk.includes(Buffer.from(GONE.split(".").map((n) => Number(n).toString(16).padStart(2, "0")).join("")))).toBe(false);

    // The log still verifies, and says where a value was destroyed.
    expect(await verifyAuditLog(w.store)).toMatchObject({ ok: true });
    const entries = await auditEntries(w.store);
    expect(entries.some((e) => e.readable.includes(GONE))).toBe(false);
    expect(entries.some((e) => e.readable.includes("[destroyed]"))).toBe(true);
    // What another item's text holds alone stays readable: the kept value is still there.
    expect(entries.some((e) => e.readable.includes(KEPT))).toBe(true);

    // Nor in anything the cell itself reads back: messages, replies kept for retries.
    expect(w.store.tables().outbox.some((m) => m.payload.includes(GONE))).toBe(false);
    expect(w.store.tables().receipts.some((r) => r.response.includes(GONE))).toBe(false);

    const archive = await archiveOf(w);
    expect(archive.includes(GONE)).toBe(false);
    expect(archive.includes(SOURCE)).toBe(false);
    expect(archive).toContain("[destroyed]");
    expect(archive).toContain(KEPT);
    expect(await verifyArchive([archive])).toMatchObject({ ok: true });
  });

  it("keeps a value no party supplied, that someone looked up or named, out of the database file as typed", async () => {
    const w = await worlds(DIRECTORY, START);
    const typed = "203.0.113.250";
    expect(textOf(await w.as(GRETA, `lookup ${typed}`))).toContain(`No party has supplied ${typed}`);
    expect(textOf(await w.as(GRETA, `lookup evil-${typed}`))).toBeTruthy();
    expect(onDisk(w).includes(typed)).toBe(false);
    // What the cell reads of it is unchanged.
    expect((await auditEntries(w.store)).some((e) => e.readable.includes(typed))).toBe(true);
  });

  it("destroys a related record shown in another party's reply, and leaves a short note's words alone", async () => {
    const w = await worlds(DIRECTORY, START);
    const RANGE = "10.9.0.0/16";
    expect(textOf(await w.as(ANNA, `submit ${RANGE} note: NCSC`))).toContain("Stored 1");
    expect(textOf(await w.as(GRETA, "submit 10.9.1.1"))).toContain("Stored 1");
    expect(textOf(await w.as(GRETA, "lookup 10.9.1.1"))).toContain(RANGE);
    expect(w.store.tables().receipts.some((r) => r.response.includes(RANGE))).toBe(true);

    w.clock.set(START + 366 * DAY);
    await runDeadlines(w);
    expect(textOf(await w.as(BRAM, "review RV-1 let-go I-1 reason: sinkholed"))).toContain("You let go of I-1");
    expect(w.store.tables().receipts.some((r) => r.response.includes(RANGE))).toBe(false);
    expect((await auditEntries(w.store)).some((e) => e.readable.includes(RANGE))).toBe(false);
    expect(onDisk(w).includes(RANGE)).toBe(false);
    // "NCSC" was the item's note, and is a party's code: entries that name the party keep it.
    const [removal] = (await auditEntries(w.store)).filter((e) => e.action === "item.removed");
    expect(JSON.parse(removal.readable)).toMatchObject({ party: "AIVD" });
    expect((await auditEntries(w.store)).some((e) => e.readable.includes('"NCSC"') || e.readable.includes("NCSC"))).toBe(true);
  });

  it("stores a text written to look sealed as it was written, and reads it back so", async () => {
    const w = await worlds(DIRECTORY, START);
    expect(textOf(await w.as(ANNA, "submit 192.0.2.61"))).toContain("Stored 1");
    const title = "ciic:sealed:1:-:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    expect(textOf(await w.as(ANNA, `analysis title:"${title}" I-1 text: the address serves a panel`))).toContain("A-1");
    expect((await w.store.analyses.byId(1))!.title).toBe(title);
  });

  it("keeps the value readable to the cell until it is let go: replies to retries, messages and the provision record open", async () => {
    const w = await cellWithHistory();
    expect(w.store.tables().provisions[0].record).toContain(GONE);
    expect(w.store.tables().outbox.some((m) => m.payload.includes(GONE))).toBe(true);
    // The database holds it sealed only, its own row included.
    const raw = onDisk(w).toString("latin1");
    expect(raw).toContain("ciic:sealed:1:");
    expect(raw).not.toContain(GONE);
    expect(raw).not.toContain(SOURCE);
  });

  it("keeps every value on file, its source, note and supplied form out of the database file, and finds and relates them as before", async () => {
    const w = await worlds(DIRECTORY, START);
    const values = [
      "203.0.113.77",
      "10.77.0.0/16",
      "2001:db8:77::5",
      "shredding-test.example",
      "https://Login.Shredding-Test.example/Path?q=1",
      "someone@shredding-test.example",
      "CVE-2024-3400",
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    ];
    const note = "seen beaconing nightly";
    const source = "ticket 77-alpha";
    expect(textOf(await w.as(ANNA, `submit ${values.join(" ")} src:"${source}" note: ${note}`))).toContain(`Stored ${values.length}`);
    expect(textOf(await w.as(GRETA, "submit 10.77.1.2 sub.shredding-test.example"))).toContain("Stored 2");

    const disk = onDisk(w).toString("latin1");
    for (const text of [...values, "login.shredding-test.example", "shredding-test", "203.0.113", "10.77.1.2", note, source, "9f86d081884c7d659a2feaa0c55ad015"]) {
      expect(disk, text).not.toContain(text);
    }
    // Nor as the clear relation keys were written: an address's bytes in hex, a domain's labels reversed.
    for (const text of ["cb00714d", "0a4d0000", "0a4d0102", "example.shredding-test"]) expect(disk, text).not.toContain(text);

    // The cell finds them, compares them and relates them as it did.
    const lookup = textOf(await w.as(GRETA, "lookup 203.0.113.77"));
    expect(lookup).toContain("AIVD");
    const related = textOf(await w.as(GRETA, "lookup 10.77.1.2"));
    expect(related).toContain("10.77.0.0/16");
    const domain = textOf(await w.as(GRETA, "lookup sub.shredding-test.example"));
    expect(domain).toContain("shredding-test.example");
    const item = await w.store.items.byId(5);
    expect(item).toMatchObject({ value: values[4].replace("Login.Shredding-Test", "login.shredding-test"), supplied: values[4], sourceRef: source, note });
  });
});
