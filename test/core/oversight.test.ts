import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FIRST_SEAL, sealLine } from "../../src/core/oversight/archive-format.js";
import { verifyArchive } from "../../src/core/oversight/verify-archive.js";
import { CHAT_ARCHIVE_MAX_LINES } from "../../src/core/oversight/export-command.js";
import { details, entriesWith, refusalCode, textOf } from "../support/reply-text.js";
import { coreWorlds, type CoreWorld } from "../support/core-world.js";
import * as roster from "../support/roster.js";

/**
 * The oversight committee's access (Wiv 2017: the CTIVD sees all data and all logs): an auditor's
 * `/ciic oversight export` on a real store (SQLite), and the archive's verification, byte by byte.
 */
const SETTINGS: Omit<roster.DirectoryParts, "members"> = {
  recipients: [{ id: "ncsc-ops", name: "NCSC operations centre", kind: "party", party: "NCSC", slack: "C0NCSCOPS" }],
  language: "en",
};
const MEMBERS = [roster.ANNA, roster.BRAM, roster.HUGO, roster.KARIN, roster.DAAN, roster.LOTTE, roster.NOOR, roster.IRIS, roster.JORIS];
const DIRECTORY = roster.directoryYaml({ ...SETTINGS, members: MEMBERS });
const { ANNA, BRAM, HUGO, KARIN, IRIS } = roster.SLACK;

type World = CoreWorld;
const worlds = coreWorlds();
const world = () => worlds(DIRECTORY, "2026-11-30T09:00:00Z");

/**
 * A cell with something in every table: items and a correction, an analysis, a released request,
 * a meeting, a communication put to the parties and a consultation of the OM with an answer.
 */
async function busyCell(): Promise<World> {
  const w = await world();
  expect(textOf(await w.as(ANNA, "submit 198.51.100.7 evil.example tlp:green"))).toContain("Stored 2");
  expect(textOf(await w.as(ANNA, "correct I-2 value:evil2.example"))).toContain("corrects");
  expect(textOf(await w.as(ANNA, 'analysis title:"Wave" I-1 text: The address serves the phishing kit.'))).toContain("A-1");
  expect(textOf(await w.as(ANNA, "disclose A-1 to ncsc-ops purpose warn the operations centre"))).toContain("R-1");
  const ask = w.store.tables().asks[0].id;
  await w.run(BRAM, { name: "decide", askId: ask, choice: { decision: "approve" } }, "[button]");
  expect(textOf(await w.as(HUGO, "meeting 2026-11-20 Q4 meeting"))).toContain("Recorded");
  expect(textOf(await w.as(ANNA, "comms The CIIC partners confirm that they jointly assessed the phishing wave."))).toContain("CM-1 put to the parties");
  expect(textOf(await w.as(ANNA, "consult I-1 question: may we warn the owner before a seizure?"))).toContain("C-1");
  expect(textOf(await w.as(IRIS, "consult C-1 answer: Yes, once the officer of justice is told."))).toContain("Added to C-1");
  return w;
}

async function exportAsKaren(w: World) {
  const reply = await w.as(KARIN, "oversight export");
  const files = w.store.tables().outbox.filter((m) => m.kind === "file");
  expect(files).toHaveLength(1);
  expect(files[0].target).toBe(`user:${KARIN}`);
  const file = JSON.parse(files[0].payload) as { fileName: string; content: string; view: { summary: string } };
  return { reply, file };
}

const verify = (text: string | Buffer) => verifyArchive((async function* () {
  // In uneven chunks, as a file stream delivers them: lines are split across chunks.
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += 1000) yield bytes.subarray(i, i + 1000);
})());

describe("/ciic oversight export", () => {
  it("sends the auditor the whole record as a sealed archive that verifies, and records the export once", async () => {
    const w = await busyCell();
    const headBefore = await w.store.audit.head();
    const { reply, file } = await exportAsKaren(w);
    const lines = file.content.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ kind: "header", format: "ciic-oversight-archive", version: 3, exportedBy: `slack:${KARIN}`, via: "slack" });
    // The head it carries includes this command's own `command.received` entry.
    expect(lines[0].auditHead).toEqual({ seq: headBefore.seq + 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const kinds = lines.map((l) => l.kind);
    expect(kinds.filter((k) => k === "item")).toHaveLength(3); // both versions of the corrected item
    expect(lines.find((l) => l.kind === "item" && l.id === 2)).toMatchObject({ value: "evil.example", correctedById: 3 });
    expect(lines.find((l) => l.kind === "analysis")).toMatchObject({ title: "Wave", body: "The address serves the phishing kit." });
    expect(lines.find((l) => l.kind === "request")).toMatchObject({ id: 1, state: "RELEASED", recipientId: "ncsc-ops" });
    expect(lines.find((l) => l.kind === "ask")).toMatchObject({ party: "AIVD", state: "APPROVED", decidedById: `slack:${BRAM}` });
    expect(lines.find((l) => l.kind === "provision")).toMatchObject({ requestId: 1 });
    expect(lines.find((l) => l.kind === "meeting")).toMatchObject({ date: "2026-11-20", note: "Q4 meeting" });
    expect(lines.find((l) => l.kind === "directory")).toMatchObject({ version: 1, source: "directory.yml" });
    // The agreement round and the consultation, with every ask and every note.
    expect(lines.find((l) => l.kind === "round")).toMatchObject({ id: 1, roundKind: "comms", state: "OPEN", authorId: `slack:${ANNA}`, text: "The CIIC partners confirm that they jointly assessed the phishing wave." });
    const roundAsks = lines.filter((l) => l.kind === "roundAsk");
    expect(roundAsks.map((a) => `${a.role} ${a.party} ${a.state}`)).toEqual([
      "party AIVD AGREED",
      "party MIVD PENDING",
      "party Politie PENDING",
      "party NCSC PENDING",
      "party OM PENDING",
      "party NCTV PENDING",
      "coordination NCTV PENDING",
    ]);
    expect(lines.find((l) => l.kind === "consultation")).toMatchObject({ id: 1, state: "OPEN", askedById: `slack:${ANNA}`, question: "may we warn the owner before a seizure?", refs: "I-1" });
    expect(lines.find((l) => l.kind === "consultation")).not.toHaveProperty("notes");
    expect(lines.find((l) => l.kind === "consultationNote")).toMatchObject({ id: 1, consultationId: 1, byId: `slack:${IRIS}`, text: "Yes, once the officer of justice is told." });
    expect(kinds.filter((k) => k === "audit")).toHaveLength(headBefore.seq + 1);
    expect(kinds.at(-1)).toBe("trailer");

    const verdict = await verify(file.content);
    expect(verdict).toMatchObject({ ok: true, problems: [], head: lines[0].auditHead, exportedBy: `slack:${KARIN}` });
    expect(verdict.counts).toMatchObject({ item: 3, analysis: 1, request: 1, ask: 1, provision: 1, meeting: 1, directory: 1, round: 1, roundAsk: 7, consultation: 1, consultationNote: 1, audit: headBefore.seq + 1 });

    const sha256 = createHash("sha256").update(file.content).digest("hex");
    expect(verdict.sha256).toBe(sha256);
    const exported = await entriesWith(w.store, "oversight.exported");
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ actor: `slack:${KARIN}`, seq: headBefore.seq + 2 });
    expect(details(exported[0])).toMatchObject({ via: "slack", sha256, head: lines[0].auditHead, counts: verdict.counts, lines: lines.length });

    const text = textOf(reply);
    expect(text).toContain(`is on its way to your direct messages as ${file.fileName}`);
    expect(text).toContain(`SHA-256 of the file: ${sha256}`);
    expect(text).toContain(`ciic oversight verify ${file.fileName}`);
    expect(text).toContain("Items (all versions): 3");
    expect(text).toContain("Agreement rounds, asks: 1, 7");
    expect(text).toContain("OM consultations, notes: 1, 1");
    expect(file.fileName).toBe(`ciic-oversight-2026-11-30-audit-${headBefore.seq + 1}.jsonl`);
  });

  it("fails verification, naming the line, whatever single byte of the archive is changed", async () => {
    const w = await busyCell();
    const { file } = await exportAsKaren(w);
    const bytes = Buffer.from(file.content);
    const starts = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
    starts.pop();
    let checked = 0;
    for (const [index, start] of starts.entries()) {
      const end = (starts[index + 1] ?? bytes.length) - 1; // the line's newline
      const sampled = Array.from({ length: Math.floor((end - start) / 97) }, (_, n) => start + 97 * (n + 1));
      for (const at of new Set([start, start + 9, Math.floor((start + end) / 2), end - 30, end - 1, end, ...sampled])) {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at] === 0x30 ? 0x31 : 0x30; // any other byte: "0", or "1" for a "0"
        const verdict = await verify(changed);
        expect(verdict.ok, `byte ${at} on line ${index + 1}`).toBe(false);
        expect(verdict.problems.join("\n"), `byte ${at} on line ${index + 1}`).toMatch(new RegExp(`line ${index + 1}\\b|line ${index + 2}\\b`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(starts.length * 6);
  });

  it("says which audit entry was altered, and which record line, in words an auditor can act on", async () => {
    const w = await busyCell();
    const { file } = await exportAsKaren(w);
    const lines = file.content.split("\n");
    const auditLine = lines.findIndex((l) => l.includes('"kind":"audit","seq":5,'));
    const altered = [...lines];
    altered[auditLine] = altered[auditLine].replace('"actor":"', '"actor":"x');
    const verdict = await verify(altered.join("\n"));
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain(`line ${auditLine + 1}: audit entry 5 was altered: its content no longer matches its hash`);
    expect(verdict.problems.some((p) => p.includes("does not match the digest in its trailer"))).toBe(true);

    const itemLine = lines.findIndex((l) => l.startsWith('{"kind":"item"') && l.includes('"value":"198.51.100.7"'));
    const changedItem = [...lines];
    changedItem[itemLine] = changedItem[itemLine].replace("198.51.100.7", "198.51.100.8");
    expect((await verify(changedItem.join("\n"))).problems[0]).toBe(`line ${itemLine + 1}: content does not match its seal; the line was changed after export`);

    // A record of the newer tables is sealed like any other.
    for (const kind of ["round", "roundAsk", "consultation", "consultationNote"]) {
      const at = lines.findIndex((l) => l.startsWith(`{"kind":"${kind}",`));
      const changedLine = [...lines];
      changedLine[at] = changedLine[at].replace('"id":', '"id":1');
      const verdict = await verify(changedLine.join("\n"));
      expect(verdict.ok, kind).toBe(false);
      expect(verdict.problems[0], kind).toBe(`line ${at + 1}: content does not match its seal; the line was changed after export`);
    }

    const removed = lines.filter((_, n) => n !== itemLine);
    const afterRemoval = await verify(removed.join("\n"));
    expect(afterRemoval.problems[0]).toBe(`line ${itemLine + 1}: content does not match its seal; the line was changed after export`);
    expect(afterRemoval.problems.join("\n")).toContain("counts 3 item records, but the archive holds 2");

    const cut = lines.slice(0, -5).join("\n") + "\n";
    const truncated = await verify(cut);
    expect(truncated.problems).toContain(`the archive ends at line ${lines.length - 5} without its trailer; it was cut short`);
    expect(truncated.problems.some((p) => /audit entries \d+ to \d+ are missing: the archive claims the audit log's head is entry \d+/.test(p))).toBe(true);
  });

  it("still verifies an archive of format version 1, written before rounds and consultations were archived", async () => {
    const w = await world();
    const { file } = await exportAsKaren(w);
    // The same record as version 1 wrote it: no count of the newer kinds in the trailer, sealed anew.
    const records = file.content.trimEnd().split("\n").map((l) => {
      const { seal: _seal, ...record } = JSON.parse(l) as Record<string, unknown>;
      return record;
    });
    records[0].version = 1;
    const trailer = records.pop()!;
    const counts = { ...(trailer.counts as Record<string, number>) };
    for (const kind of ["round", "roundAsk", "consultation", "consultationNote"]) delete counts[kind];
    let previous = FIRST_SEAL;
    let text = "";
    for (const record of records) {
      const sealed = sealLine(previous, record);
      previous = sealed.seal;
      text += sealed.text;
    }
    text += sealLine(previous, { ...trailer, counts, sha256: createHash("sha256").update(text).digest("hex") }).text;
    const verdict = await verify(text);
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    // A version 1 archive with a record of a newer kind was not written by the bot.
    const withRound = text.replace('"kind":"directory"', '"kind":"round"');
    expect((await verify(withRound)).problems).toContain('line 2: is no record kind an archive holds ("round")');
  });

  it("reports a file that is not an archive, or not even text, as a failed check rather than crashing", async () => {
    expect((await verify("")).problems).toEqual(["the file is empty; it is not an oversight archive"]);
    const json = await verify('{"hello":"world"}\n');
    expect(json.ok).toBe(false);
    expect(json.problems[0]).toBe("line 1: has no seal (the digest each line ends with); the archive was changed after export");
    expect(json.problems).toContain("line 1: is not the header of a CIIC oversight archive; this file is not one (or its first line was changed)");
    const garbage = await verify(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a, 0x7b]));
    expect(garbage.ok).toBe(false);
    expect(garbage.problems[0]).toBe("line 1: is not valid UTF-8 text; the archive was changed after export");
    const notJson = await verify("this is no archive\nat all\n");
    expect(notJson.problems[0]).toMatch(/^line 1: is not valid JSON \(.*\); the archive was changed after export$/);
  });

  it("refuses a record too large for a chat upload, pointing to the command line, and sends nothing", async () => {
    const w = await world();
    await w.store.transaction((tx) =>
      tx.items.insert(
        Array.from({ length: CHAT_ARCHIVE_MAX_LINES }, (_, n) => ({
          type: "ipv4" as const,
          value: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          party: "AIVD" as const,
          memberId: `slack:${ANNA}`,
          memberName: "Anna de Vries",
          submittedAt: w.clock.now(),
          legalBasis: "Wiv 2017",
          reliability: "F6",
          tlp: "AMBER" as const,
          sourceRef: null,
          note: null,
          via: "test",
          supersedesId: null,
        })),
      ),
    );
    const reply = await w.as(KARIN, "oversight export");
    expect(refusalCode(reply)).toBe("oversight.too_large");
    expect(textOf(reply)).toContain("The record is too large for a chat upload");
    expect(textOf(reply)).toContain("`ciic oversight export <file>` writes the whole record to a file of any size");
    expect(w.store.tables().outbox).toEqual([]);
    expect(await entriesWith(w.store, "oversight.exported")).toEqual([]);
    expect(details((await entriesWith(w.store, "oversight.export_refused"))[0])).toMatchObject({ code: "oversight.too_large" });
  });

  it("answers an unknown oversight action with what there is", async () => {
    const w = await world();
    const reply = await w.as(KARIN, "oversight delete everything");
    expect(refusalCode(reply)).toBe("oversight.unknown_action");
    expect(textOf(reply)).toContain("`/ciic oversight export` sends you the whole record as a verifiable archive");
    expect(w.store.tables().outbox).toEqual([]);
  });
});

describe("the oversight export in Dutch and in English (issue 13)", () => {
  /** A second auditor who reads the bot in Dutch, in a directory whose default is English. */
  const DUTCH_AUDITOR = roster.directoryYaml({ ...SETTINGS, members: [...MEMBERS, { ...roster.FEMKE, language: "nl" }] });
  const FEMKE = roster.FEMKE.slack;

  it("tells each auditor in their own language what the archive holds; the archive itself is the same machine format", async () => {
    const w = await worlds(DUTCH_AUDITOR, "2026-11-30T09:00:00Z");
    await w.as(ANNA, "submit 198.51.100.7");
    const reply = await w.as(FEMKE, "oversight export");
    const text = textOf(reply);
    expect(text).toMatch(/^Het toezichtsarchief \(\d+ regels, tot en met auditregel \d+\) is onderweg naar uw privéberichten als ciic-oversight-2026-11-30-audit-\d+\.jsonl\./);
    expect(text).toContain("Gegevens (alle versies): 1");
    expect(text).toContain("Overleg met het OM, notities: 0, 0");
    expect(text).toContain("Controleer het archief op elke computer met het hulpprogramma van de bot: ciic oversight verify ciic-oversight-2026-11-30-audit-");
    expect(text).toMatch(/\(\d+ regels, \d+,\d kB\)/);
    const [file] = w.store.tables().outbox.filter((m) => m.kind === "file").map((m) => JSON.parse(m.payload) as { content: string; view: { summary: string } });
    expect(file.view.summary).toMatch(/^Toezichtsarchief van de CIIC tot en met auditregel \d+/);
    expect(file.content.split("\n")[0]).toContain('"basis":"Wiv 2017: the oversight committee (CTIVD) sees all data and all logs; CIIC covenant Art 3"');

    const unknown = await w.as(FEMKE, "oversight delete");
    expect(refusalCode(unknown)).toBe("oversight.unknown_action");
    expect(textOf(unknown)).toContain("`/ciic oversight delete` is geen opdracht. `/ciic oversight export` stuurt u het hele archief als controleerbaar bestand.");
    expect(textOf(unknown)).toContain("`ciic oversight export <bestand>`");
    expect(textOf(await w.as(KARIN, "oversight delete"))).toContain("`/ciic oversight delete` is not a command.");
    // Asked with nothing after it: what it does, no word called unknown.
    const bare = textOf(await w.as(KARIN, "oversight"));
    expect(bare).toMatch(/^`\/ciic oversight export` sends you the whole record as a verifiable archive\./);
    expect(bare).not.toContain("is not a command");
    expect(textOf(await w.as(KARIN, "oversight export"))).toContain("Items (all versions): 1");
  });
});
