import { describe, expect, it } from "vitest";
import { runDeadlines } from "../../src/core/deadlines/run-deadlines.js";
import { RETENTION_KEEP_ACTION, RETENTION_LET_GO_ACTION } from "../../src/core/retention/views.js";
import { details, entriesWith, refusalCode, textOf, textOfView } from "../support/reply-text.js";
import { buttons, coreWorlds, dmsTo, sent, shownNow, type CoreWorld } from "../support/core-world.js";
import * as roster from "../support/roster.js";

/**
 * Retention review and removal (Wiv 2017: data that have lost their relevance are removed), through
 * the command service, the deadline scheduler and the outbox on a real store (SQLite), with a clock
 * the tests move. What the tests read is what members see: replies, direct messages, buttons.
 */
const SETTINGS: Omit<roster.DirectoryParts, "members"> = {
  consent: { remindHoursBefore: 24 },
  retention: { reviewAfterDays: { default: 365, ipv4: 180 }, answerWithinWorkingDays: 10 },
  recipients: [{ id: "ncsc-ops", name: "NCSC operations centre", kind: "party", party: "NCSC", slack: "C0NCSCOPS" }],
  language: "en",
};
const MEMBERS = [roster.ANNA, roster.BRAM, roster.DIRK, roster.DAAN];
const DIRECTORY = roster.directoryYaml({ ...SETTINGS, members: MEMBERS });

const ANNA = roster.ANNA.slack; // AIVD analyst: submits, looks up, discloses
const BRAM = roster.BRAM.slack; // AIVD liaison: answers AIVD's reviews
const DIRK = roster.DIRK.slack; // AIVD deputy: asked when Bram stays silent
const DAAN = roster.DAAN.slack; // MIVD liaison: another party's

/** Monday 3 November 2025, 10:00 UTC. */
const START = Date.parse("2025-11-03T10:00:00.000Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;

const worlds = coreWorlds();
/** A world whose `tick` runs the deadline scheduler, as the bot does every minute. */
async function world() {
  const w = await worlds(DIRECTORY, START);
  return Object.assign(w, { tick: () => runDeadlines(w) });
}
type World = CoreWorld & { tick(): Promise<unknown> };

const reviewDms = (w: World, slackId: string) => dmsTo(w.store, slackId).filter((m) => m.topic?.startsWith("retention:"));
const press = async (w: World, userId: string, label: string) => {
  const shown = shownNow(w.store, reviewDms(w, userId).at(-1)!);
  const b = buttons(shown).find((a) => a.label === label);
  if (!b) throw new Error(`no button “${label}” in: ${textOfView(shown)}`);
  return w.click(userId, b.action, b.value);
};
const allText = (w: World) => JSON.stringify(w.store.tables()) + JSON.stringify(w.store.tables().outbox);

describe("retention review dates (Wiv 2017)", () => {
  it("asks the supplying party's liaison when an item's type period has run out, listing only that party's items", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7 evil.example");
    await w.as(DAAN, "submit 203.0.113.9");
    // 180 calendar days in Amsterdam: the clocks went forward on 29 March, so the period ends at
    // 11:00 CEST on 2 May, an hour before 180 × 24 hours. A millisecond before, nothing is asked.
    w.clock.set(START + 180 * DAY - HOUR - 1);
    await w.tick();
    expect(reviewDms(w, BRAM)).toHaveLength(0);

    w.clock.set(START + 180 * DAY);
    await w.tick();
    const [asked] = reviewDms(w, BRAM);
    const text = textOfView(asked.view);
    expect(asked.view.summary).toBe("Retention review RV-1: is 1 item of AIVD still relevant?");
    // The IPv4 address after 180 days; the domain waits for its 365.
    expect(text).toContain("I-1 ipv4 198.51.100.7");
    expect(text).not.toContain("evil.example");
    // Art 7.2: only AIVD's own items; MIVD's go to MIVD's liaison in a question of its own.
    expect(text).not.toContain("203.0.113.9");
    expect(textOfView(reviewDms(w, DAAN)[0].view)).toContain("I-3 ipv4 203.0.113.9");
    // Asked on Saturday 2026-05-02; ten working days to answer, and Ascension Day (Thursday
    // 14 May) is none, so Monday 18 May, at the hour of the ask in Amsterdam (CEST).
    expect(text).toContain("Answer by: 2026-05-18 12:00 CEST");
    expect(buttons(asked.view).map((b) => [b.label, b.action])).toEqual([
      ["Keep", RETENTION_KEEP_ACTION],
      ["Let go", RETENTION_LET_GO_ACTION],
    ]);
    // Liaisons first; the deputy only on escalation.
    expect(reviewDms(w, DIRK)).toHaveLength(0);
  });

  it("asks each question once, also when the scheduler runs twice at once", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7 198.51.100.8");
    w.clock.set(START + 181 * DAY);
    await Promise.all([w.tick(), w.tick()]);
    await w.tick();
    expect(reviewDms(w, BRAM)).toHaveLength(1);
    expect((await entriesWith(w.store, "retention.asked")).map((e) => details(e).items)).toEqual([[1, 2]]);
  });

  it("reminds once before the answer deadline, escalates to the deputies at it, and lists it as overdue; silence keeps and removes nothing", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7");
    w.clock.set(START + 180 * DAY);
    await w.tick();
    const deadline = (await w.store.retention.review(1))!.deadline.getTime();
    // The deadline is a Monday; 24 working hours before it is the Friday before, at the same hour.
    w.clock.set(deadline - 73 * HOUR);
    await w.tick();
    expect(reviewDms(w, BRAM)).toHaveLength(1);
    w.clock.set(deadline - 71 * HOUR);
    await w.tick();
    await w.tick();
    expect(reviewDms(w, BRAM)).toHaveLength(2);
    expect(reviewDms(w, BRAM)[1].view.summary).toMatch(/^Reminder: Retention review RV-1/);
    expect(reviewDms(w, DIRK)).toHaveLength(0);

    w.clock.set(deadline);
    await w.tick();
    await w.tick();
    expect(reviewDms(w, DIRK)).toHaveLength(1);
    expect(textOfView(reviewDms(w, DIRK)[0].view)).toContain("you are asked as deputy");
    expect(buttons(reviewDms(w, DIRK)[0].view).map((b) => b.label)).toEqual(["Keep", "Let go"]);

    w.clock.set(deadline + 30 * DAY);
    await w.tick();
    for (const who of [BRAM, DIRK]) {
      const listed = textOf(await w.as(who, "requests"));
      expect(listed).toContain("1 retention review waits for your party, 1 overdue");
      expect(listed).toMatch(/RV-1 1 of 1 item of AIVD waits for keep or let go · OVERDUE since/);
    }
    // Still open, the item untouched: never silently kept, never silently removed.
    expect((await w.store.retention.review(1))!.state).toBe("OPEN");
    expect((await w.store.items.byId(1))!.value).toBe("198.51.100.7");
    expect(reviewDms(w, BRAM)).toHaveLength(2);
    expect(await entriesWith(w.store, "retention.reminded")).toHaveLength(1);
    expect(await entriesWith(w.store, "retention.escalated")).toHaveLength(1);
  });

  it("Keep starts a new period: the item is asked about again a full period after the answer", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7");
    w.clock.set(START + 180 * DAY);
    await w.tick();
    w.clock.set(START + 185 * DAY);
    const kept = await press(w, BRAM, "Keep");
    expect(kept.kind === "message" && kept.view.summary).toBe("You kept I-1 for another review period. RV-1 is answered.");
    // The question's every copy loses its buttons.
    const now = shownNow(w.store, reviewDms(w, BRAM)[0]);
    expect(now.summary).toBe("Retention review RV-1 is answered: 1 kept for another period, 0 let go and removed.");
    expect(buttons(now)).toEqual([]);
    expect(textOfView(now)).toContain("kept by Bram Bakker");
    // A late click is told, not carried out again.
    const again = await w.click(BRAM, RETENTION_LET_GO_ACTION, "1");
    expect(refusalCode(again)).toBe("retention.already_answered");
    expect((await w.store.items.byId(1))!.removedAt ?? null).toBeNull();

    // Kept at 12:00 CEST on 7 May; 180 days in Amsterdam end at 12:00 CET on 3 November, an hour
    // after 180 × 24 hours, since the clocks went back on 25 October.
    w.clock.set(START + (185 + 180) * DAY + HOUR - 1);
    await w.tick();
    expect(reviewDms(w, BRAM)).toHaveLength(1);
    w.clock.set(START + (185 + 180) * DAY + HOUR);
    await w.tick();
    expect(reviewDms(w, BRAM)).toHaveLength(2);
    expect(reviewDms(w, BRAM)[1].view.summary).toContain("RV-2");
  });

  it("a correction is a new item with a period of its own", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7");
    w.clock.set(START + 100 * DAY);
    await w.as(ANNA, "correct I-1 tlp:red");
    w.clock.set(START + 200 * DAY);
    await w.tick();
    expect(reviewDms(w, BRAM)).toHaveLength(0);
    w.clock.set(START + 280 * DAY);
    await w.tick();
    expect(textOfView(reviewDms(w, BRAM)[0].view)).toContain("I-2 ipv4 198.51.100.7");
    expect(textOfView(reviewDms(w, BRAM)[0].view)).not.toContain("I-1 ");
  });
});

describe("letting go: removal (Wiv 2017)", () => {
  it("destroys the value once, keeps the record, blocks a pending disclosure, and lets the party supply the value again", async () => {
    const w = await world();
    await w.as(ANNA, 'submit 198.51.100.7 198.51.100.8 src:"case 2025-17" note: seen in the phishing wave');
    w.clock.set(START + 180 * DAY);
    expect(textOf(await w.as(ANNA, "disclose I-1 to ncsc-ops purpose warn the sector of the campaign"))).toContain("R-1 made");
    await w.tick();

    // A partial answer by command: I-2 is kept, I-1 let go with a reason.
    const kept = await w.as(BRAM, "review RV-1 keep I-2");
    expect(textOf(kept)).toContain("You kept I-2 for another review period. 1 item of RV-1 still waits for an answer: I-1.");
    const partly = shownNow(w.store, reviewDms(w, BRAM)[0]);
    expect(buttons(partly).map((b) => b.label)).toEqual(["Keep the other 1", "Let go of the other 1"]);
    const gone = await w.as(BRAM, "review RV-1 let-go I-1 reason: the feed was retired");
    expect(textOf(gone)).toContain("You let go of I-1: its value is removed from the cell. RV-1 is answered. 1 pending disclosure request that contained it will not be released.");
    expect(buttons(shownNow(w.store, reviewDms(w, BRAM)[0]))).toEqual([]);

    // The record remains, the value, source and note do not.
    const item = (await w.store.items.byId(1))!;
    expect(item).toMatchObject({ id: 1, type: "ipv4", party: "AIVD", value: "removed:I-1", sourceRef: null, note: null, memberName: "Anna de Vries" });
    expect(item.removedAt).toEqual(new Date(START + 180 * DAY));
    const lookup = textOf(await w.as(ANNA, "lookup I-1"));
    expect(lookup).toContain("Its party let it go at a retention review");
    expect(lookup).not.toContain("198.51.100.7");
    expect(textOf(await w.as(ANNA, "lookup 198.51.100.7"))).toContain("No party has supplied 198.51.100.7");
    const [removal] = await entriesWith(w.store, "item.removed");
    expect(details(removal)).toMatchObject({ item: 1, type: "ipv4", party: "AIVD", decidedByName: "Bram Bakker", reason: "the feed was retired", review: "RV-1" });
    expect(removal.readable).not.toContain("198.51.100.7");
    expect(removal.readable).not.toContain("case 2025-17");

    // The pending disclosure is closed without release; its consent question loses its buttons.
    expect((await w.store.disclosures.byId(1))!.state).toBe("DENIED");
    expect(textOfView(dmsTo(w.store, ANNA).at(-1)!.view)).toContain("Not disclosed: I-1 was let go by its party at a retention review");
    const consentAsk = dmsTo(w.store, BRAM).find((m) => m.topic === "ask:1")!;
    expect(buttons(shownNow(w.store, consentAsk))).toEqual([]);
    expect(sent(w.store).some((m) => m.target === "channel:C0NCSCOPS")).toBe(false);
    expect(textOfView(shownNow(w.store, consentAsk))).not.toContain("198.51.100.7");
    // AIVD's ask was ended by the removal, not by AIVD: closed, never "withdrawn".
    expect((await w.store.disclosures.ask(1))!.state).toBe("CLOSED");
    expect(shownNow(w.store, consentAsk).summary).toMatch(/AIVD's consent no longer needed: the request was closed at /);

    // Removed once: nothing can decide it again, and nothing can use it.
    expect(refusalCode(await w.as(BRAM, "review RV-1 let-go I-1"))).toBe("retention.already_answered");
    expect(await entriesWith(w.store, "item.removed")).toHaveLength(1);
    expect(refusalCode(await w.as(ANNA, "correct I-1 tlp:red"))).toBe("correction.removed");
    expect(textOf(await w.as(ANNA, "disclose I-1 to ncsc-ops purpose warn the sector again"))).toContain("I-1 was removed by its party at a retention review");

    // Without its head the value is unknown again: the party may supply it anew.
    expect(textOf(await w.as(ANNA, "submit 198.51.100.7"))).toContain("I-3");
    expect((await w.store.items.byId(3))!.value).toBe("198.51.100.7");
    expect(allText(w)).not.toContain("seen in the phishing wave");
  });

  it("Let go by button answers for every item still open", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7 198.51.100.8");
    w.clock.set(START + 180 * DAY);
    await w.tick();
    const reply = await press(w, BRAM, "Let go");
    expect(textOf(reply)).toContain("You let go of I-1, I-2: their values are removed from the cell. RV-1 is answered.");
    expect((await entriesWith(w.store, "item.removed")).map((e) => details(e).item)).toEqual([1, 2]);
  });

  it("answers bad input clearly and changes nothing; another party's review is as good as missing", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7");
    w.clock.set(START + 180 * DAY);
    await w.tick();
    const cases: [string, string, string, string][] = [
      [BRAM, "review RV-1 keep I-99", "retention.invalid", "I-99 is not in RV-1"],
      [BRAM, "review RV-1 keep 198.51.100.7", "retention.invalid", "is not an item id"],
      [BRAM, "review RV-1 maybe", "retention.invalid", "`maybe` is neither keep nor let-go"],
      [BRAM, "review RV-9 keep", "retention.not_found", "there is no retention review RV-9 of your party"],
      [DAAN, "review RV-1 let-go", "retention.not_found", "there is no retention review RV-1 of your party"],
      [ANNA, "review RV-1 let-go", "access.role_missing", ""],
    ];
    for (const [who, text, code, says] of cases) {
      const reply = await w.as(who, text);
      expect(refusalCode(reply), text).toBe(code);
      expect(textOf(reply)).toContain(says);
    }
    expect((await w.store.retention.entries(1)).map((e) => e.verdict)).toEqual([null]);
    expect((await w.store.items.byId(1))!.value).toBe("198.51.100.7");
    expect(textOf(await w.as(BRAM, "review RV-1"))).toContain("I-1 ipv4 198.51.100.7");
  });
});

describe("retention review in Dutch and in English (issue 13)", () => {
  /** Bram reads the bot in Dutch; Dirk, his deputy, and Anna in English, the directory's language. */
  const DUTCH_BRAM = roster.directoryYaml({ ...SETTINGS, members: roster.reading("nl", [roster.BRAM], MEMBERS) });
  const DEADLINE = Date.parse("2026-05-18T10:00:00Z");

  it("asks, escalates and answers each member in their own language, with Amsterdam times; each copy of the question stays in its language", async () => {
    const w = Object.assign(await worlds(DUTCH_BRAM, START), { tick: () => runDeadlines(w) });
    await w.as(ANNA, "submit 198.51.100.7 198.51.100.8");
    w.clock.set(START + 180 * DAY);
    await runDeadlines(w);
    const [asked] = reviewDms(w, BRAM);
    expect(asked.view.language).toBe("nl");
    expect(asked.view.summary).toBe("Bewaartermijnbeoordeling RV-1: zijn 2 gegevens van AIVD nog relevant?");
    const text = textOfView(asked.view);
    expect(text).toContain("Bewaartermijnbeoordeling RV-1: zijn deze gegevens nog relevant?");
    expect(text).toContain("Deze 2 gegevens, geleverd door AIVD, hebben de datum van hun beoordeling bereikt.");
    expect(text).toContain("Antwoord uiterlijk: 18 mei 2026 12:00 CEST");
    expect(text).toContain("I-1 ipv4 198.51.100.7 · geleverd 3 nov 2025 11:00 CET · TLP:AMBER");
    expect(text).toContain("Zwijgen is geen antwoord");
    expect(buttons(asked.view).map((b) => b.label)).toEqual(["Bewaren", "Loslaten"]);

    // At the deadline the English deputy is asked, in English.
    w.clock.set(DEADLINE);
    await runDeadlines(w);
    const [escalated] = reviewDms(w, DIRK);
    expect(escalated.view.summary).toBe("Overdue: Retention review RV-1: are 2 items of AIVD still relevant?");
    expect(textOfView(escalated.view)).toContain("you are asked as deputy");
    const overview = textOf(await w.as(BRAM, "requests"));
    expect(overview).toContain("1 bewaartermijnbeoordeling wacht op uw partij, 1 te laat");
    expect(overview).toContain("RV-1 2 van 2 gegevens van AIVD wachten op bewaren of loslaten · TE LAAT sinds 18 mei 2026 12:00 CEST");
    expect(overview).not.toContain("Er wacht niets op u.");

    const kept = await w.as(BRAM, "review RV-1 keep I-2");
    expect(textOf(kept)).toContain("U hebt I-2 bewaard voor een nieuwe bewaartermijn. 1 gegeven van RV-1 wacht nog op een antwoord: I-1.");
    // Each copy of the question is replaced in the language it was written in.
    expect(buttons(shownNow(w.store, reviewDms(w, BRAM)[0])).map((b) => b.label)).toEqual(["De overige 1 bewaren", "De overige 1 loslaten"]);
    expect(buttons(shownNow(w.store, reviewDms(w, DIRK)[0])).map((b) => b.label)).toEqual(["Keep the other 1", "Let go of the other 1"]);
    expect(textOfView(shownNow(w.store, reviewDms(w, BRAM)[0]))).toContain("I-2 ipv4 198.51.100.8 · geleverd 3 nov 2025 11:00 CET · TLP:AMBER · bewaard door Bram Bakker");

    const wrong = await w.as(BRAM, "review RV-1 maybe");
    expect(refusalCode(wrong)).toBe("retention.invalid");
    expect(textOf(wrong)).toContain("Er is niets gewijzigd: `maybe` is geen keep en geen let-go. Typ bijvoorbeeld `/ciic review RV-3 keep I-1 I-2`");
    expect(textOf(await w.as(DIRK, "review RV-1 maybe"))).toContain("Nothing was changed: `maybe` is neither keep nor let-go.");
    expect(textOf(await w.as(BRAM, "review"))).toContain("1 bewaartermijnbeoordeling wacht op uw partij");

    const gone = await w.as(BRAM, "review RV-1 let-go");
    expect(textOf(gone)).toContain("U hebt I-1 losgelaten: de waarde is uit de cel verwijderd. RV-1 is beantwoord.");
    expect(shownNow(w.store, reviewDms(w, BRAM)[0]).summary).toBe("Bewaartermijnbeoordeling RV-1 is beantwoord: 1 bewaard voor een nieuwe termijn, 1 losgelaten en verwijderd.");
    expect(textOfView(shownNow(w.store, reviewDms(w, BRAM)[0]))).toContain("I-1 ipv4 verwijderd 18 mei 2026 12:00 CEST · geleverd 3 nov 2025 11:00 CET · TLP:AMBER · losgelaten door Bram Bakker");
    expect(shownNow(w.store, reviewDms(w, DIRK)[0]).summary).toBe("Retention review RV-1 is answered: 1 kept for another period, 1 let go and removed.");
    const late = await w.as(BRAM, "review RV-1 keep");
    expect(refusalCode(late)).toBe("retention.already_answered");
    expect(textOf(late)).toContain("Al beantwoord: RV-1 is beantwoord door Bram Bakker (afgerond 18 mei 2026 12:00 CEST); er is niets gewijzigd.");
  });
});
