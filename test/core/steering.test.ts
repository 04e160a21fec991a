import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runRoundDeadlines } from "../../src/core/rounds/round-deadlines.js";
import { ROUND_DECIDE_ACTION, ROUND_NOTE_ACTION } from "../../src/core/rounds/views.js";
import { runDeadlines } from "../../src/core/deadlines/run-deadlines.js";
import { runSteeringReminders } from "../../src/core/steering/reminders.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import type { MessageView } from "../../src/core/views/message.js";
import { details, entriesWith, refusalCode, textOf, textOfView, view } from "../support/reply-text.js";
import type { TestStore } from "../support/test-store.js";
import { coreWorlds, type CoreWorld } from "../support/core-world.js";
import * as roster from "../support/roster.js";

/**
 * The steering group (covenant Art 9) on a real store (SQLite) with a clock the tests move: its
 * report, its meetings, and the reminders the deadline scheduler sends its channel — the
 * evaluations six months after the covenant took effect (28 May 2020) and yearly after, and a
 * quarter ending without a recorded meeting.
 */
const CELL: roster.DirectoryParts = {
  language: "en",
  // Sanne reads the bot in Dutch, in a directory whose default is English.
  members: [roster.ANNA, roster.BRAM, roster.GRETA, roster.NOOR, roster.HUGO, { ...roster.SANNE, language: "nl" }, roster.KARIN],
  recipients: [{ id: "ncsc-ops", name: "NCSC operations centre", kind: "party", party: "NCSC", slack: "C0NCSCOPS" }],
};
const STEERING_CHANNEL = { steering: { slack: "C0STEER01" } };
const WITH_CHANNEL = roster.directoryYaml({ ...CELL, channels: STEERING_CHANNEL });
const WITHOUT_CHANNEL = roster.directoryYaml(CELL);

/** Every party has someone to answer for it in an agreement round (Art 10, 13 ask all six). */
const EVERY_PARTY = roster.directoryYaml({ ...CELL, members: [...CELL.members, roster.DAAN, roster.LOTTE, roster.IRIS, roster.JORIS] });
const { ANNA, BRAM, GRETA, NOOR, LOTTE, HUGO, KARIN, DAAN, JORIS } = roster.SLACK;
/** A steering group member who reads the bot in Dutch, in a directory whose default is English. */
const { SANNE } = roster.SLACK;
/** Who answers for each party in the rounds below. */
const ANSWERS: Record<string, string> = { AIVD: BRAM, MIVD: DAAN, Politie: LOTTE, NCSC: NOOR, OM: roster.IRIS.slack, NCTV: JORIS };

type World = CoreWorld;
const worlds = coreWorlds();
const world = (start: string, directory = WITH_CHANNEL) => worlds(directory, start);
/** A liaison's consent, as the Approve and Deny buttons deliver it. */
const approve = (w: World, userId: string, askId: number) => w.run(userId, { name: "decide", askId, choice: { decision: "approve" } }, "[button] approve");
const deny = (w: World, userId: string, askId: number, reason: string) => w.run(userId, { name: "decide", askId, choice: { decision: "deny", reason } }, "[button] deny");

const outbox = (store: TestStore) => store.tables().outbox;
const channelPosts = (store: TestStore) =>
  outbox(store)
    .filter((m) => m.kind === "post" && m.target === "channel:C0STEER01")
    .map((m) => JSON.parse(m.payload) as MessageView);
const filesTo = (store: TestStore, slackId: string) =>
  outbox(store)
    .filter((m) => m.kind === "file" && m.target === `user:${slackId}`)
    .map((m) => JSON.parse(m.payload) as { fileName: string; content: string; view: MessageView });

/** An instant given as a wall-clock time in the Netherlands in winter (UTC+1). */
const nlWinter = (local: string) => new Date(`${local}+01:00`);
const HOUR = 3_600_000;

describe("evaluation reminders (Art 9: six months after the covenant took effect, then yearly)", () => {
  it("reminds the steering channel once, two weeks before the evaluation of 28 Nov 2026, and not before", async () => {
    const w = await world(nlWinter("2026-11-13T23:59:00").toISOString());
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 0 });
    expect(channelPosts(w.store)).toEqual([]);

    w.clock.set(nlWinter("2026-11-14T00:00:00")); // 14 days before, on the cell's calendar
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 1, meetings: 0 });
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 0 });
    w.clock.set(nlWinter("2026-11-28T12:00:00"));
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 0 });

    const [posted] = channelPosts(w.store);
    expect(channelPosts(w.store)).toHaveLength(1);
    expect(posted.summary).toBe("Reminder: the steering group's evaluation of the CIIC is due on 28 Nov 2026 (covenant Art 9).");
    expect(textOfView(posted)).toContain("six months after it took effect (28 May 2020) and every year after that (Art 9)");
    expect(textOfView(posted)).toContain("/ciic report 2026");
    const [entry] = await entriesWith(w.store, "steering.reminded");
    expect(entry).toMatchObject({ subject: "evaluation:2026-11-28", actor: null });
    expect(details(entry)).toEqual({ channels: ["slack:C0STEER01"] });
  });

  it("dates the first evaluation six months after 28 May 2020 and the next ones a year apart", async () => {
    const w = await world(nlWinter("2020-11-14T09:00:00").toISOString());
    await runSteeringReminders(w);
    w.clock.set(nlWinter("2021-11-20T09:00:00"));
    await runSteeringReminders(w);
    w.clock.set(new Date("2022-05-28T09:00:00Z")); // the covenant's anniversary is no evaluation date
    await runSteeringReminders(w);
    const keys = (await entriesWith(w.store, "steering.reminded")).map((e) => e.subject);
    expect(keys.filter((k) => k?.startsWith("evaluation:"))).toEqual(["evaluation:2020-11-28", "evaluation:2021-11-28"]);
  });

  it("runs from the deadline scheduler, and a second instance running it at the same time sends nothing more", async () => {
    const w = await world(nlWinter("2026-11-20T10:00:00").toISOString());
    await Promise.all([runDeadlines(w), runDeadlines(w), runSteeringReminders(w)]);
    expect(channelPosts(w.store)).toHaveLength(1);
    expect(w.store.tables().outbox).toHaveLength(1);
    expect(await entriesWith(w.store, "steering.reminded")).toHaveLength(1);
  });

  it("runs when another deadline step fails, and the failure is still reported to the scheduler", async () => {
    const w = await world(nlWinter("2026-11-20T10:00:00").toISOString());
    const broken = new Error("a damaged request row");
    // The disclosures' step, which runs first, fails at its first read.
    const store = { ...w.store, disclosures: { ...w.store.disclosures, pastDeadline: async () => Promise.reject(broken) } };
    await expect(runDeadlines({ store, clock: w.clock })).rejects.toBe(broken);
    expect(await entriesWith(w.store, "steering.reminded")).toHaveLength(1);
    expect(channelPosts(w.store)).toHaveLength(1);
  });

  it("sends nothing without a steering channel, and claims nothing: a channel set later within the window still gets it", async () => {
    const w = await world(nlWinter("2026-11-20T10:00:00").toISOString(), WITHOUT_CHANNEL);
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 0 });
    expect(outbox(w.store)).toEqual([]);
    expect(await entriesWith(w.store, "steering.reminded")).toEqual([]);
    await loadDirectory(w, { text: WITH_CHANNEL, source: "directory.yml", actor: "cli:admin" });
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 1, meetings: 0 });
  });
});

describe("meeting reminders (Art 9: at least four meetings a year)", () => {
  it("reminds once, two weeks before a quarter ends without a recorded meeting", async () => {
    const w = await world(new Date(nlWinter("2026-12-18T00:00:00").getTime() - 60_000).toISOString());
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 0 });
    w.clock.set(nlWinter("2026-12-18T00:00:00")); // 2026-12-17 23:00 UTC: already the 18th in The Hague
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 1 });
    w.clock.advance(24 * HOUR);
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 0 });
    w.clock.set(nlWinter("2026-12-31T23:59:00"));
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 0 });

    const posts = channelPosts(w.store);
    expect(posts).toHaveLength(1);
    expect(posts[0].summary).toBe("Reminder: no steering group meeting is recorded for 2026-Q4, which ends on 31 Dec 2026 (covenant Art 9).");
    expect(textOfView(posts[0])).toContain("/ciic meeting YYYY-MM-DD [note]");
    expect((await entriesWith(w.store, "steering.reminded")).map((e) => e.subject)).toEqual(["meeting:2026-Q4"]);

    // The next quarter is reminded of in its own last two weeks.
    w.clock.set(new Date("2027-03-18T10:00:00Z"));
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 1 });
    expect((await entriesWith(w.store, "steering.reminded")).map((e) => e.subject)).toEqual(["meeting:2026-Q4", "meeting:2027-Q1"]);
  });

  it("sends no reminder for a quarter in which a meeting was recorded", async () => {
    const w = await world("2026-10-20T10:00:00Z");
    const recorded = await w.as(HUGO, "meeting 2026-10-15 quarterly meeting, Q3 figures");
    expect(textOf(recorded)).toContain("Recorded: the steering group met on 15 Oct 2026 (quarterly meeting, Q3 figures).");
    expect(textOf(recorded)).toContain("Meetings recorded in 2026-Q4: 1; in 2026: 1.");
    w.clock.set(nlWinter("2026-12-20T09:00:00"));
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 0 });
    expect(channelPosts(w.store)).toEqual([]);
  });
});

describe("/ciic meeting", () => {
  it("records a meeting once per day, in the audit log, and refuses bad dates saying why, changing nothing", async () => {
    const w = await world("2026-11-20T10:00:00Z");
    expect(refusalCode(await w.as(HUGO, "meeting"))).toBe("meeting.bad_date");
    const cases: [string, string, string][] = [
      ["meeting 20-11-2026", "meeting.bad_date", "give the day the steering group met as YYYY-MM-DD"],
      ["meeting 2026-02-30", "meeting.bad_date", "is not a day"],
      ["meeting 2026-12-01", "meeting.future", "2026-12-01 has not come yet; record a meeting once it has been held"],
      ["meeting 2019-12-01", "meeting.before_covenant", "before the covenant took effect (2020-05-28, Art 15)"],
      [`meeting 2026-11-02 ${"x".repeat(501)}`, "meeting.note_too_long", "keep it to 500"],
      ["meeting 2026-11-02 agenda\u202ereversed", "meeting.note_unsafe", "U+202E"],
    ];
    for (const [text, code, says] of cases) {
      const reply = await w.as(HUGO, text);
      expect(refusalCode(reply), text).toBe(code);
      expect(textOf(reply), text).toContain("Nothing was recorded");
      expect(textOf(reply), text).toContain(says);
    }
    expect(w.store.tables()).toBeDefined();
    expect(await entriesWith(w.store, "steering.meeting_recorded")).toEqual([]);
    expect((await entriesWith(w.store, "steering.meeting_refused")).map((e) => details(e).code)).toEqual([
      "meeting.bad_date",
      ...cases.map(([, code]) => code),
    ]);

    expect(textOf(await w.as(HUGO, "meeting 2026-11-02"))).toContain("Recorded: the steering group met on 2 Nov 2026.");
    const again = await w.as(HUGO, "meeting 2026-11-02 retyped");
    expect(refusalCode(again)).toBe("meeting.already_recorded");
    expect(textOf(again)).toContain("a meeting on 2026-11-02 is already recorded, by Hugo Mulder at 2026-11-20 11:00 CET");
    const [recorded] = await entriesWith(w.store, "steering.meeting_recorded");
    expect(recorded.actor).toBe(`slack:${HUGO}`);
    expect(details(recorded)).toEqual({ date: "2026-11-02", note: null });
  });
});

/**
 * Activity in 2026-Q3: AIVD and NCSC supply (one indicator both), three requests — one released
 * after 5 hours, one denied after 30 hours with a reason that names an indicator, one expired —
 * and one made at the end of the quarter that still waits.
 */
async function quarterOfWork(): Promise<World> {
  const w = await world("2026-06-30T12:00:00Z"); // before the quarter: supplied, but not in it
  expect(textOf(await w.as(GRETA, "submit evil.example"))).toContain("Stored 1");
  w.clock.set("2026-07-06T08:00:00Z"); // a Monday
  expect(textOf(await w.as(ANNA, "submit 198.51.100.7 evil.example 2001:db8::1"))).toContain("Stored 3");
  w.clock.set("2026-07-07T08:00:00Z");
  expect(textOf(await w.as(GRETA, "submit 198.51.100.7 ncsc-only.example"))).toContain("Stored 2");

  w.clock.set("2026-07-13T09:00:00Z");
  expect(textOf(await w.as(ANNA, `disclose ${await itemId(w, "AIVD", "198.51.100.7")} to ncsc-ops purpose warn the operations centre`))).toContain("R-1");
  w.clock.set("2026-07-13T14:00:00Z");
  await approve(w, BRAM, askOf(w, 1));

  w.clock.set("2026-07-14T09:00:00Z");
  expect(textOf(await w.as(GRETA, `disclose ${await itemId(w, "NCSC", "ncsc-only.example")} to ncsc-ops purpose share with the sector`))).toContain("R-2");
  w.clock.set("2026-07-15T15:00:00Z");
  await deny(w, NOOR, askOf(w, 2), "It concerns 198.51.100[.]7, which is still under investigation.");

  w.clock.set("2026-08-03T09:00:00Z");
  expect(textOf(await w.as(ANNA, `disclose ${await itemId(w, "AIVD", "evil.example")} to ncsc-ops purpose warn the sector`))).toContain("R-3");
  w.clock.set("2026-08-20T09:00:00Z");
  await runDeadlines(w);

  w.clock.set("2026-09-30T09:00:00Z");
  expect(textOf(await w.as(ANNA, `disclose ${await itemId(w, "AIVD", "2001:db8::1")} to ncsc-ops purpose warn the sector deadline:2026-10-30`))).toContain("R-4");
  return w;
}

async function itemId(w: World, party: string, value: string): Promise<string> {
  const type = value.includes(":") ? "ipv6" : /^[\d.]+$/.test(value) ? "ipv4" : "domain";
  const item = (await w.store.items.byValue(type, value)).find((i) => i.party === party)!;
  return `I-${item.id}`;
}

const askOf = (w: World, requestId: number) => w.store.tables().asks.find((a) => a.requestId === requestId)!.id;

describe("/ciic report (Art 9)", () => {
  it("gives the last full quarter by default: items per party and type, overlaps, outcomes, turnaround, denials, expiries", async () => {
    const w = await quarterOfWork();
    w.clock.set("2026-10-05T09:00:00Z");
    const reply = await w.as(HUGO, "report");
    const text = textOf(reply);
    expect(text).toContain("Steering group report 2026-Q3");
    expect(text).toContain("2026-Q3 (1 Jul 2026 – 30 Sept 2026)");
    expect(text).toContain("Items supplied: 5");
    expect(text).toContain("AIVD: 3 (domain 1, ipv4 1, ipv6 1)");
    expect(text).toContain("NCSC: 2 (domain 1, ipv4 1)");
    // 198.51.100.7 from both in the quarter, and evil.example: AIVD's in it, NCSC's before it.
    expect(text).toContain("Supplied by two or more parties: 2");
    expect(text).toContain("AIVD and NCSC: 2 indicators both supplied");
    expect(text).toContain("released 1 · denied 1 · expired 1 · withdrawn 0 · pending 1");
    expect(text).toContain("Consent turnaround: median 17.5 h, slowest 30 h");
    expect(text).toContain("AIVD: 1 decision, median 5 h, slowest 5 h");
    expect(text).toContain("NCSC: 1 decision, median 30 h, slowest 30 h");
    // Parties, never request ids: with one, a steering member who is also a liaison would learn
    // whose data a request held (Art 7.2).
    expect(text).toContain("Slowest decision: NCSC, 30 h after the ask.");
    expect(text).toContain("NCSC, 2026-07-15: It concerns [indicator withheld], which is still under investigation.");
    expect(text).not.toMatch(/\bR-\d/);
    expect(text).toContain("1 request expired without every party's consent; unanswered: AIVD 1.");
    expect(text).toContain("No meeting is recorded for this period.");
    expect(text).toContain("Next evaluation: 28 Nov 2026.");
    // Counts, never values or analysis text (Art 7.2).
    for (const value of ["198.51.100", "evil.example", "ncsc-only.example", "2001:db8", "warn the operations centre"]) expect(text).not.toContain(value);

    const [file, chart] = filesTo(w.store, HUGO);
    expect(file.fileName).toBe("ciic-steering-report-2026-Q3.csv");
    expect(file.content.split("\n")[0]).toBe("section,party,detail,measure,value");
    expect(file.content).toContain("items,AIVD,ipv4,supplied,1\n");
    expect(file.content).toContain("overlaps,AIVD,NCSC,indicators,2\n");
    expect(file.content).toContain("requests,,released,requests,1\n");
    expect(file.content).toContain("turnaround,,all parties,median hours,17.5\n");
    expect(file.content).toContain('denials,NCSC,,reason,"It concerns [indicator withheld], which is still under investigation."\n');
    expect(file.content).not.toMatch(/\bR-\d/);
    expect(file.content).toContain("expiries,AIVD,,unanswered asks,1\n");
    for (const value of ["198.51.100", "evil.example", "ncsc-only"]) expect(file.content).not.toContain(value);
    // The chart goes with it, in the same transaction: counts, never values (Art 7.2).
    expect(chart.fileName).toBe("ciic-steering-report-2026-Q3.svg");
    expect(chart.content.startsWith("<svg")).toBe(true);
    for (const value of ["198.51.100", "evil.example", "ncsc-only", "still under investigation"]) expect(chart.content).not.toContain(value);
    expect(text).toContain("ciic-steering-report-2026-Q3.svg");

    const [entry] = await entriesWith(w.store, "steering.reported");
    expect(entry).toMatchObject({ actor: `slack:${HUGO}`, subject: "period:2026-Q3" });
    expect(details(entry)).toMatchObject({ items: 5, requests: 4, partial: false, file: "ciic-steering-report-2026-Q3.csv", chart: "ciic-steering-report-2026-Q3.svg" });
    expect(details(entry).sha256).toBe(createHash("sha256").update(file.content).digest("hex"));
    expect(details(entry).chartSha256).toBe(createHash("sha256").update(chart.content).digest("hex"));
  });

  it("counts related overlaps apart from identical ones, in English and Dutch, in chat and in the CSV (issue 15)", async () => {
    const w = await world("2026-06-30T12:00:00Z"); // AIVD's range and domain, before the quarter
    expect(textOf(await w.as(ANNA, "submit 10.20.0.0/16 phish-q3.example"))).toContain("Stored 2");
    w.clock.set("2026-07-06T08:00:00Z");
    // NCSC's address in AIVD's range and URL on a subdomain of AIVD's domain relate to them; its
    // other address relates to nothing.
    expect(textOf(await w.as(GRETA, "submit 10.20.1.1 https://login.phish-q3.example/a 10.99.0.1"))).toContain("Stored 3");
    w.clock.set("2026-07-07T08:00:00Z");
    // AIVD's own address in its own range: one party's records only, not counted.
    expect(textOf(await w.as(ANNA, "submit 10.20.5.5"))).toContain("Stored 1");
    w.clock.set("2026-10-05T09:00:00Z");

    const english = textOf(await w.as(HUGO, "report"));
    expect(english).toContain("Supplied by two or more parties: 0");
    expect(english).toContain("Related to another party's records: 2");
    expect(english).toContain("Related indicators between parties");
    expect(english).toContain("AIVD and NCSC: 2 indicators of one related to a record of the other");
    expect(english).toContain("No indicator supplied in this period was supplied by more than one party.");
    const [file] = filesTo(w.store, HUGO);
    expect(file.content).toContain("overlaps,,all parties,indicators,0\n");
    expect(file.content).toContain("related overlaps,,all parties,indicators,2\n");
    expect(file.content).toContain("related overlaps,AIVD,NCSC,indicators,2\n");

    const dutch = textOf(await w.as(SANNE, "report"));
    expect(dutch).toContain("Verwant aan vastleggingen van een andere partij: 2");
    expect(dutch).toContain("Verwante indicatoren tussen partijen");
    expect(dutch).toContain("AIVD en NCSC: 2 indicatoren van de een verwant aan een vastlegging van de ander");
    const [dutchFile] = filesTo(w.store, SANNE);
    expect(dutchFile.content).toContain("verwante overlap,,alle partijen,indicatoren,2\n");
    expect(dutchFile.content).toContain("verwante overlap,AIVD,NCSC,indicatoren,2\n");
    // Counts, never values (Art 7.2).
    for (const value of ["10.20", "10.99", "phish-q3"]) for (const shown of [english, dutch, file.content, dutchFile.content]) expect(shown).not.toContain(value);

    // A month with none says so.
    const august = textOf(await w.as(HUGO, "report 2026-08"));
    expect(august).toContain("Related to another party's records: 0");
    expect(august).toContain("No indicator supplied in this period is related to a record of another party.");
    expect(textOf(await w.as(SANNE, "report 2026-08"))).toContain("Geen indicator die in deze periode is geleverd, is verwant aan een vastlegging van een andere partij.");
  });

  it("reads a month, a year and a quarter, marks a running period, and lets the auditor ask too", async () => {
    const w = await quarterOfWork();
    w.clock.set("2026-10-05T09:00:00Z");
    expect(textOf(await w.as(HUGO, "report 2026-07"))).toContain("AIVD: 3 (domain 1, ipv4 1, ipv6 1)");
    expect(textOf(await w.as(HUGO, "report 2026-08"))).toContain("No items were supplied in this period.");
    const year = textOf(await w.as(KARIN, "report 2026"));
    expect(year).toContain("2026 (1 Jan 2026 – 31 Dec 2026, until now)");
    expect(year).toContain("released 1 · denied 1 · expired 1 · withdrawn 0 · pending 1");
    expect(filesTo(w.store, KARIN).map((f) => f.fileName)).toEqual(["ciic-steering-report-2026.csv", "ciic-steering-report-2026.svg"]);
  });

  it("counts the communications (Art 10) and amendments (Art 13) of the period: started in it, and closed in it by outcome", async () => {
    const w = await world("2026-06-29T09:00:00Z", EVERY_PARTY);
    /** A liaison's (or the NCTV coordinator's) button, as the platforms deliver it; objections carry a note. */
    const answer = async (userId: string, roundId: number, party: string, event: string, note?: string) => {
      const round = (await w.store.rounds.byId(roundId))!;
      const role = party === "coordination" ? "coordination" : "party";
      const ask = (await w.store.rounds.asksOf(roundId, round.version)).find((a) => a.role === role && (role === "coordination" || a.party === party))!;
      const value = `${ask.id}:${event}`;
      await w.click(userId, note ? ROUND_NOTE_ACTION : ROUND_DECIDE_ACTION, value, note);
    };
    const everyoneAgrees = async (roundId: number, except: string) => {
      for (const [party, who] of Object.entries(ANSWERS)) if (party !== except) await answer(who, roundId, party, "agree");
    };
    // CM-1: drafted before the quarter, cleared in it.
    expect(textOf(await w.as(ANNA, "comms The CIIC partners confirm their joint assessment."))).toContain("CM-1 put to the parties");
    w.clock.set("2026-07-02T09:00:00Z");
    await everyoneAgrees(1, "AIVD");
    await answer(JORIS, 1, "coordination", "not_concerned");
    expect((await w.store.rounds.byId(1))!.state).toBe("CLEARED");
    // CM-2: drafted and blocked in the quarter.
    w.clock.set("2026-07-06T09:00:00Z");
    expect(textOf(await w.as(ANNA, "comms The CIIC partners warn the water sector together."))).toContain("CM-2 put to the parties");
    await answer(NOOR, 2, "NCSC", "object", "Not before the sector is told by us.");
    // AM-3: proposed and adopted; AM-4: proposed and denied.
    expect(textOf(await w.as(BRAM, "amend Article 9: the steering group meets at least six times a year."))).toContain("AM-3");
    await everyoneAgrees(3, "AIVD");
    expect((await w.store.rounds.byId(3))!.state).toBe("ADOPTED");
    expect(textOf(await w.as(BRAM, "amend Article 8: the parties share the cell's costs."))).toContain("AM-4");
    await answer(DAAN, 4, "MIVD", "object", "Costs stay with each party.");
    // CM-5: drafted in the quarter, nobody answers: it expires at its deadline.
    w.clock.set("2026-07-13T09:00:00Z");
    expect(textOf(await w.as(ANNA, "comms The cell reports its first year."))).toContain("CM-5 put to the parties");
    w.clock.set("2026-07-21T09:00:00Z");
    expect(await runRoundDeadlines(w)).toMatchObject({ expired: 1 });
    // CM-6: drafted at the end of the quarter, still waiting.
    w.clock.set("2026-09-30T09:00:00Z");
    expect(textOf(await w.as(ANNA, "comms The cell thanks its partners."))).toContain("CM-6 put to the parties");

    w.clock.set("2026-10-05T09:00:00Z");
    const text = textOf(await w.as(HUGO, "report 2026-Q3"));
    expect(text).toContain("Communications and amendments (Art 10, 13)");
    expect(text).toContain("Communications to third parties: drafted 3 · cleared 1 · blocked 1 · expired 1.");
    expect(text).toContain("Amendments of the covenant: proposed 2 · adopted 1 · blocked 1 · expired 0.");
    // Counts only: no draft's text, no objection's note.
    for (const words of ["joint assessment", "water sector", "six times", "Costs stay"]) expect(text).not.toContain(words);
    const [file] = filesTo(w.store, HUGO);
    for (const row of ["communications,,,drafted,3", "communications,,,cleared,1", "communications,,,blocked,1", "communications,,,expired,1"]) expect(file.content).toContain(`${row}\n`);
    for (const row of ["amendments,,,proposed,2", "amendments,,,adopted,1", "amendments,,,blocked,1", "amendments,,,expired,0"]) expect(file.content).toContain(`${row}\n`);

    // The quarter before saw CM-1 drafted; the one after, nothing yet.
    expect(textOf(await w.as(HUGO, "report 2026-Q2"))).toContain("Communications to third parties: drafted 1 · cleared 0 · blocked 0 · expired 0.");
    expect(textOf(await w.as(HUGO, "report 2026-10"))).toContain("Communications to third parties: drafted 0 · cleared 0 · blocked 0 · expired 0.");
  });

  it("refuses a period it cannot read, with an example, and one that has not begun; nothing is sent", async () => {
    const w = await world("2026-11-29T10:00:00Z");
    for (const [text, code, says] of [
      ["report Q3", "report.bad_period", "`Q3` is not a period the report can read. Write a quarter, a month or a year, e.g. `/ciic report 2026-Q3`"],
      ["report 2026-13", "report.bad_period", "e.g. `/ciic report 2026-Q3`, `/ciic report 2026-11` or `/ciic report 2026`"],
      ["report 2027-Q1", "report.future_period", "2027-Q1 has not begun yet"],
    ]) {
      const reply = await w.as(HUGO, text);
      expect(refusalCode(reply), text).toBe(code);
      expect(textOf(reply), text).toContain(says);
    }
    expect(outbox(w.store)).toEqual([]);
    expect((await entriesWith(w.store, "steering.report_refused")).map((e) => details(e).code)).toEqual(["report.bad_period", "report.bad_period", "report.future_period"]);
  });
});

describe("the steering group in Dutch and in English (issue 13)", () => {
  it("answers /ciic meeting in each member's own language, with Amsterdam times", async () => {
    const w = await world("2026-11-20T10:00:00Z");
    const recorded = textOf(await w.as(SANNE, "meeting 2026-11-02 kwartaaloverleg"));
    expect(recorded).toContain("Vastgelegd: de stuurgroep heeft op 2 nov 2026 overleg gevoerd (kwartaaloverleg).");
    expect(recorded).toContain("Vastgelegd overleg in 2026-Q4: 1; in 2026: 1. Het convenant vraagt om ten minste vier keer per jaar (art. 9).");
    const again = await w.as(SANNE, "meeting 2026-11-02");
    expect(refusalCode(again)).toBe("meeting.already_recorded");
    expect(textOf(again)).toContain("Er is niets vastgelegd: een overleg op 2026-11-02 is al vastgelegd, door Sanne Jansen op 20 nov 2026 11:00 CET.");
    const inEnglish = await w.as(HUGO, "meeting 2026-11-02");
    expect(refusalCode(inEnglish)).toBe("meeting.already_recorded");
    expect(textOf(inEnglish)).toContain("Nothing was recorded: a meeting on 2026-11-02 is already recorded, by Sanne Jansen at 2026-11-20 11:00 CET.");
    expect(textOf(await w.as(SANNE, "meeting 2026-12-01"))).toContain("Er is niets vastgelegd: 2026-12-01 is nog niet aangebroken");
    expect(textOf(await w.as(SANNE, "report Q3"))).toContain("`Q3` is geen periode die de rapportage kan lezen. Schrijf een kwartaal, een maand of een jaar");
  });

  it("writes the report, its CSV and its chart in the asker's language: counted in Dutch grammar, decimals with a comma", async () => {
    const w = await quarterOfWork();
    w.clock.set("2026-10-05T09:00:00Z");
    const reply = await w.as(SANNE, "report");
    expect(view(reply).language).toBe("nl");
    const text = textOf(reply);
    for (const said of [
      "Rapportage stuurgroep 2026-Q3: 5 gegevens geleverd, 2 door meer dan één partij geleverd, 4 verzoeken om verstrekking (1 verstrekt), mediane doorlooptijd toestemming 17,5 u.",
      "2026-Q3 (1 jul 2026 – 30 sep 2026). Aantallen per partij voor de evaluatie door de stuurgroep (convenant art. 9)",
      "Geleverde gegevens: 5",
      "Doorlooptijd toestemming: mediaan 17,5 u, langzaamst 30 u",
      "AIVD: 3 (domain 1, ipv4 1, ipv6 1)",
      "AIVD en NCSC: 2 indicatoren door beide geleverd",
      "verstrekt 1 · geweigerd 1 · verlopen 1 · ingetrokken 0 · in behandeling 1",
      "AIVD: 1 beslissing, mediaan 5 u, langzaamst 5 u",
      "Langzaamste beslissing: NCSC, 30 u na de vraag om toestemming.",
      "NCSC, 15 jul 2026: It concerns [indicator achtergehouden], which is still under investigation.",
      "1 verzoek is verlopen zonder toestemming van elke partij; onbeantwoord: AIVD 1.",
      "Communicatie met derden: opgesteld 0 · afgestemd 0 · geblokkeerd 0 · verlopen 0.",
      "Voor deze periode is geen overleg vastgelegd. Het convenant vraagt om ten minste vier keer per jaar. Volgende evaluatie: 28 nov 2026.",
      "Dezelfde cijfers staan als CSV-bestand, ciic-steering-report-2026-Q3.csv, en als grafiek, ciic-steering-report-2026-Q3.svg, in uw privéberichten.",
    ]) {
      expect(text).toContain(said);
    }
    expect(text).not.toMatch(/Steering group|decisions|requests expired/);
    const [file, chart] = filesTo(w.store, SANNE);
    expect(file.view.summary).toBe("Rapportage stuurgroep 2026-Q3 als CSV (convenant art. 9).");
    expect(file.content.split("\n")[0]).toBe("onderdeel,partij,detail,maat,waarde");
    for (const row of ["gegevens,AIVD,ipv4,geleverd,1", "overlap,AIVD,NCSC,indicatoren,2", "verzoeken,,verstrekt,verzoeken,1", "doorlooptijd,,alle partijen,mediaan uren,17.5", "periode,,2026-Q3,volledig,ja"]) {
      expect(file.content).toContain(`${row}\n`);
    }
    expect(chart.content).toContain("Rapportage stuurgroep CIIC (convenant art. 9)");
    expect(chart.content).toContain("Periode 2026-Q3 (1 jul 2026 – 30 sep 2026)");
    expect(chart.content).toContain(">verstrekt<");
    expect(chart.content).not.toContain("Items supplied");

    // The same report for an English member of the same directory.
    const english = textOf(await w.as(HUGO, "report"));
    expect(english).toContain("Steering group report 2026-Q3: 5 items supplied");
    expect(english).toContain("Consent turnaround: median 17.5 h, slowest 30 h");
    const [hugoFile, hugoChart] = filesTo(w.store, HUGO);
    expect(hugoFile.content.split("\n")[0]).toBe("section,party,detail,measure,value");
    expect(hugoChart.content).toContain("CIIC steering group report (covenant Art 9)");
  });

  it("reminds a channel in the directory's language", async () => {
    const w = await world(nlWinter("2026-11-14T00:00:00").toISOString(), roster.directoryYaml({ ...CELL, channels: STEERING_CHANNEL, language: "nl" }));
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 1, meetings: 0 });
    const [posted] = channelPosts(w.store);
    expect(posted.language).toBe("nl");
    expect(posted.summary).toBe("Herinnering: de evaluatie van de CIIC door de stuurgroep staat gepland op 28 nov 2026 (convenant art. 9).");
    expect(textOfView(posted)).toContain("een half jaar na de inwerkingtreding (28 mei 2020) en daarna jaarlijks (art. 9)");
    expect(textOfView(posted)).toContain("/ciic report 2026");

    w.clock.set(nlWinter("2026-12-18T09:00:00"));
    expect(await runSteeringReminders(w)).toEqual({ evaluations: 0, meetings: 1 });
    expect(channelPosts(w.store)[1].summary).toBe("Herinnering: voor 2026-Q4, dat eindigt op 31 dec 2026, is geen overleg van de stuurgroep vastgelegd (convenant art. 9).");
  });
});
