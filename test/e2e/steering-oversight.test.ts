import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyArchive } from "../../src/core/oversight/verify-archive.js";
import { messageProblems } from "../support/fake-slack.js";
import { manualClock, shownText, startTestBot, type TestBot } from "../support/bot-harness.js";
import { settleOutbox } from "../support/settle-outbox.js";

/**
 * The steering group's report (covenant Art 9) and the oversight committee's export (Wiv 2017)
 * as Slack drives them: signed slash commands in, the answer shown to the asker, and the CSV and
 * chart or the archive uploaded to the asker's direct messages through the fake Slack Web API.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const GRETA = "UNCSCAN01"; // NCSC analyst
const BRAM = "UAIVDLI01"; // AIVD liaison
const HUGO = "UNCSCST01"; // NCSC, steering group
const KARIN = "UCTIVD001"; // CTIVD auditor
const IRIS = "UOMLI0001"; // OM liaison, its staff for consultation (Art 4.5)

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ clock: manualClock(new Date("2026-11-30T09:00:00Z")) });
});
afterEach(async () => {
  await t?.stop();
});

const say = async (user: string, text: string) => {
  const reply = await t.command(user, text);
  expect(reply.status).toBe(200);
  expect(messageProblems(reply.json)).toEqual([]);
  return shownText(reply.json);
};
const settle = async () => {
  await settleOutbox(t.bot, t.clock);
};
/** Files the bot shared in its direct conversation with a member (Slack's D… id for them). */
const filesFor = (user: string) => t.fake.uploadedFiles.filter((f) => f.channel === `D${user}`);

async function someWork() {
  expect(await say(ANNA, "submit 198.51.100.7 evil.example")).toContain("Stored 2");
  expect(await say(GRETA, "submit 198.51.100.7")).toContain("Stored 1");
  expect(await say(ANNA, "disclose I-1 to ncsc-ops purpose warn the operations centre")).toContain("R-1");
  await settle();
}

describe("the steering group's report over Slack (Art 9)", () => {
  it("answers with the figures and uploads the CSV and the chart to the asker's direct messages, without a single value", async () => {
    await someWork();
    const shown = await say(HUGO, "report 2026-Q4");
    expect(shown).toContain("Steering group report 2026-Q4");
    expect(shown).toContain("2026-Q4 (1 Oct 2026 – 31 Dec 2026, until now)");
    expect(shown).toContain("*AIVD*: 2 (domain 1, ipv4 1)");
    expect(shown).toContain("*AIVD and NCSC*: 1 indicator both supplied");
    expect(shown).toContain("released 0 · denied 0 · expired 0 · withdrawn 0 · pending 1");
    expect(shown).toContain("ciic-steering-report-2026-Q4.csv");
    expect(shown).toContain("ciic-steering-report-2026-Q4.svg");
    expect(shown).not.toContain("198.51.100.7");
    expect(shown).not.toContain("evil.example");

    await settle();
    expect(t.fake.callsTo("conversations.open").map((c) => c.body.users)).toContain(HUGO);
    const [file, chart] = filesFor(HUGO);
    expect(filesFor(HUGO)).toHaveLength(2);
    expect(file.name).toBe("ciic-steering-report-2026-Q4.csv");
    expect(file.content).toContain("items,AIVD,ipv4,supplied,1\n");
    expect(file.content).toContain("overlaps,AIVD,NCSC,indicators,1\n");
    expect(file.content).not.toContain("198.51.100.7");
    // The chart arrives as a second upload in the same conversation: counts only (Art 7.2).
    expect(chart.name).toBe("ciic-steering-report-2026-Q4.svg");
    expect(chart.content).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(chart.content).toContain("CIIC steering group report (covenant Art 9)");
    expect(chart.content).toContain(">AIVD</text>");
    expect(chart.content).not.toContain("198.51.100.7");
    expect(chart.content).not.toContain("evil.example");
    const [entry] = (await t.bot.store.audit.latest(50)).filter((e) => e.action === "steering.reported");
    expect(JSON.parse(entry.readable)).toMatchObject({
      file: file.name,
      sha256: createHash("sha256").update(file.content).digest("hex"),
      chart: chart.name,
      chartSha256: createHash("sha256").update(chart.content).digest("hex"),
    });
    expect(t.fake.violations).toEqual([]);

    const shownDefault = await say(HUGO, "report");
    expect(shownDefault).toContain("Steering group report 2026-Q3");
    expect(await say(HUGO, "report next-quarter")).toContain("`next-quarter` is not a period the report can read");
  });

  it("lets the steering group record a meeting, and refuses the same day twice", async () => {
    expect(await say(HUGO, "meeting 2026-11-20 Q4 meeting")).toContain("Recorded: the steering group met on 20 Nov 2026 (Q4 meeting).");
    expect(await say(HUGO, "meeting 2026-11-20")).toContain("a meeting on 2026-11-20 is already recorded, by Hugo Mulder");
  });
});

describe("the oversight committee's export over Slack (Wiv 2017)", () => {
  it("uploads the whole record to the auditor's direct messages as an archive that verifies, and logs the export", async () => {
    await someWork();
    expect(await say(HUGO, "meeting 2026-11-20")).toContain("Recorded");
    expect(await say(ANNA, "comms The CIIC partners confirm that they jointly assessed the phishing wave.")).toContain("CM-1 put to the parties");
    expect(await say(ANNA, "consult I-1 question: may we warn the owner before a seizure?")).toContain("C-1");
    expect(await say(IRIS, "consult C-1 answer: Yes, once the officer of justice is told.")).toContain("Added to C-1");
    const shown = await say(KARIN, "oversight export");
    expect(shown).toContain("Oversight archive");
    expect(shown).toContain("is on its way to your direct messages as ciic-oversight-2026-11-30-audit-");
    expect(shown).toContain("*Items (all versions)*\n3");
    expect(shown).toContain("*Agreement rounds, asks*\n1, 7");
    expect(shown).toContain("*OM consultations, notes*\n1, 1");
    expect(shown).toContain("ciic oversight verify ciic-oversight-2026-11-30-audit-");

    await settle();
    const [file] = filesFor(KARIN);
    expect(file.name).toMatch(/^ciic-oversight-2026-11-30-audit-\d+\.jsonl$/);
    const verdict = await verifyArchive([Buffer.from(file.content)]);
    expect(verdict).toMatchObject({ ok: true, problems: [], exportedBy: "slack:UCTIVD001" });
    expect(verdict.counts).toMatchObject({ item: 3, request: 1, ask: 1, meeting: 1, directory: 1, round: 1, roundAsk: 7, consultation: 1, consultationNote: 1 });
    const records = file.content.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.find((r) => r.kind === "round")).toMatchObject({ roundKind: "comms", state: "OPEN", text: "The CIIC partners confirm that they jointly assessed the phishing wave." });
    expect(records.find((r) => r.kind === "consultationNote")).toMatchObject({ consultationId: 1, text: "Yes, once the officer of justice is told." });
    const sha256 = createHash("sha256").update(file.content).digest("hex");
    expect(shown).toContain(sha256);

    const exported = (await t.bot.store.audit.latest(50)).filter((e) => e.action === "oversight.exported");
    expect(exported).toHaveLength(1);
    expect(JSON.parse(exported[0].readable)).toMatchObject({ via: "slack", sha256, head: verdict.head });

    // One byte changed in the file as it arrived, and the check fails naming the line.
    const changed = Buffer.from(file.content);
    const at = changed.indexOf("evil.example");
    changed[at] = "E".charCodeAt(0);
    const tampered = await verifyArchive([changed]);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems[0]).toBe(`line ${file.content.slice(0, at).split("\n").length}: content does not match its seal; the line was changed after export`);
    // And one byte in the agreement round's line.
    const inRound = Buffer.from(file.content);
    const roundAt = inRound.indexOf("jointly assessed");
    inRound[roundAt] = "J".charCodeAt(0);
    const roundVerdict = await verifyArchive([inRound]);
    expect(roundVerdict.ok).toBe(false);
    expect(roundVerdict.problems[0]).toBe(`line ${file.content.slice(0, roundAt).split("\n").length}: content does not match its seal; the line was changed after export`);
    expect(t.fake.violations).toEqual([]);
    // The operators' log names the command, never the archive's content.
    expect(t.rawLogs.join("\n")).not.toContain("198.51.100.7");
  });
});

describe("who may use them", () => {
  it.each([
    ["an analyst asking for the steering group's report", ANNA, "report", "`/ciic report` is for steering or auditor (covenant Art 9)"],
    ["the steering group exporting the record", HUGO, "oversight export", "`/ciic oversight export` is for auditor (covenant Art 3)"],
    ["the auditor recording a meeting", KARIN, "meeting 2026-11-20", "`/ciic meeting` is for steering (covenant Art 9)"],
    ["a liaison recording a meeting", BRAM, "meeting 2026-11-20", "`/ciic meeting` is for steering (covenant Art 9)"],
    ["the auditor submitting", KARIN, "submit 192.0.2.1", "is for analyst or liaison"],
  ])("refuses %s, says why, logs it and sends nothing", async (_who, user, text, reason) => {
    const shown = await say(user, text);
    expect(shown).toContain(reason);
    expect(shown).toContain("access.role_missing");
    const [last] = await t.bot.store.audit.latest(1);
    expect(last.action).toBe("access.refused");
    expect(JSON.parse(last.readable)).toEqual({ code: "access.role_missing" });
    await settle();
    expect(t.fake.uploadedFiles).toEqual([]);
  });
});
