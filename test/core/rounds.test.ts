import { describe, expect, it } from "vitest";
import { commandFromAction, commandFromForm } from "../../src/core/commands/form-command.js";
import { runDeadlines } from "../../src/core/deadlines/run-deadlines.js";
import { ROUND_NOTE_FORM_ID } from "../../src/core/rounds/forms.js";
import {
  ROUND_ASK_STATES,
  ROUND_ASK_TRANSITIONS,
  ROUND_STATES,
  ROUND_TRANSITIONS,
  askEventAllowed,
  deriveRound,
  roundEventAllowed,
} from "../../src/core/rounds/round-state.js";
import { runRoundDeadlines } from "../../src/core/rounds/round-deadlines.js";
import type { MessageView, Reply } from "../../src/core/views/message.js";
import { ROUND_DECIDE_ACTION, ROUND_NOTE_ACTION } from "../../src/core/rounds/views.js";
import { entriesWith, refusalCode, textOf, textOfView, details } from "../support/reply-text.js";
import { auditEntries } from "../support/test-store.js";
import { buttons, coreWorlds, dmsTo, sent, shownNow, type CoreWorld } from "../support/core-world.js";
import * as roster from "../support/roster.js";
import { asChecked } from "../../src/core/guard/checked-text.js";

/**
 * The agreement rounds — communication coordination (covenant Art 10) and amendments (Art 13) —
 * through the command service, the scheduler and the outbox, on a real store (SQLite) with a clock
 * the tests move. What the tests read is what members would see: replies, direct messages and
 * their buttons, and the updates that replace them.
 */
const CONSENT = { deadlineWorkingDays: 5, remindHoursBefore: 24, escalateAfterHours: 8 };
const MEMBERS: roster.Person[] = [
  roster.ANNA,
  roster.BRAM,
  roster.DIRK,
  roster.DAAN,
  roster.MILA,
  roster.LOTTE,
  roster.NOOR,
  roster.HUGO,
  // Here Iris coordinates besides, and Joris is no liaison (Nora is the NCTV's): the rounds below
  // tell the NCTV coordinator's question apart from the NCTV's and from another coordinator.
  { ...roster.IRIS, roles: ["liaison", "coordinator"] },
  { ...roster.JORIS, roles: ["coordinator"] },
  roster.NORA,
  roster.KARIN,
];
const DIRECTORY = roster.directoryYaml({ consent: CONSENT, language: "en", members: MEMBERS });

const ANNA = roster.ANNA.slack; // AIVD analyst: drafts communications
const BRAM = roster.BRAM.slack; // AIVD liaison: proposes amendments
const DIRK = roster.DIRK.slack; // AIVD deputy
const DAAN = roster.DAAN.slack; // MIVD liaison
const MILA = roster.MILA.slack; // MIVD deputy
const LOTTE = roster.LOTTE.slack; // Politie liaison
const NOOR = roster.NOOR.slack; // NCSC liaison
const HUGO = roster.HUGO.slack; // NCSC steering group member
const IRIS = roster.IRIS.slack; // OM liaison and coordinator
const JORIS = roster.JORIS.slack; // NCTV coordinator (not a liaison)
const NORA = roster.NORA.slack; // NCTV liaison
const KARIN = roster.KARIN.slack; // oversight committee, auditor

/** Monday; five working days later is Monday 2025-11-10 10:00 UTC. */
const START = "2025-11-03T10:00:00.000Z";
const DEADLINE = "2025-11-10T10:00:00.000Z";
const HOUR = 3_600_000;

const PRESS_LINE = "The CIIC partners confirm that they jointly assessed the phishing wave against water utilities and informed the sector.";

type World = CoreWorld;
const worlds = coreWorlds();
const world = () => worlds(DIRECTORY, START);

// ---- reading what members were sent ----

const lastDm = (w: World, slackId: string) => dmsTo(w.store, slackId).at(-1)!;
const button = (v: MessageView, label: string) => {
  const found = buttons(v).find((a) => a.label === label);
  if (!found) throw new Error(`no button “${label}” in: ${textOfView(v)}`);
  return found;
};
/** Clicks the labelled button of the member's latest message. */
const press = async (w: World, userId: string, label: string, note?: string) => {
  const b = button(shownNow(w.store, lastDm(w, userId)), label);
  return w.click(userId, b.action, b.value, note);
};
const roundOf = async (w: World, id = 1) => (await w.store.rounds.byId(id))!;
const standing = async (w: World, id = 1) => {
  const round = await roundOf(w, id);
  return Object.fromEntries((await w.store.rounds.asksOf(id, round.version)).map((a) => [`${a.party}/${a.role}`, a.state]));
};

const LIAISONS_ASKED_BY_ANNA = [DAAN, LOTTE, NOOR, IRIS, NORA]; // every party but Anna's own AIVD

describe("a communication round (Art 10)", () => {
  it("asks every other party's liaisons and pings the NCTV coordinator; the author's party agrees by drafting", async () => {
    const w = await world();
    const reply = await w.as(ANNA, `comms ${PRESS_LINE}`);
    expect(textOf(reply)).toContain("CM-1 put to the parties");
    expect(textOf(reply)).toContain("AIVD agrees by drafting; asked: MIVD, Politie, NCSC, OM, NCTV.");
    expect(textOf(reply)).toContain("Deadline 2025-11-10 11:00 CET");
    for (const liaison of LIAISONS_ASKED_BY_ANNA) {
      const asked = lastDm(w, liaison).view;
      expect(textOfView(asked)).toContain(PRESS_LINE);
      expect(textOfView(asked)).toContain("It may go out only when every party agreed (covenant Art 10)");
      expect(buttons(asked).map((b) => [b.label, b.action])).toEqual([
        ["Agree", ROUND_DECIDE_ACTION],
        ["Object", ROUND_NOTE_ACTION],
      ]);
    }
    expect(dmsTo(w.store, BRAM)).toEqual([]); // AIVD is not asked: Anna drafted for it
    expect(dmsTo(w.store, DIRK)).toEqual([]); // deputies only on escalation
    const ping = lastDm(w, JORIS).view;
    expect(textOfView(ping)).toContain("Does it concern the execution of the Dutch Cybersecurity Agenda?");
    expect(buttons(ping).map((b) => b.label)).toEqual(["NCTV coordinates", "Not the Agenda"]);
    expect(await standing(w)).toEqual({
      "AIVD/party": "AGREED",
      "MIVD/party": "PENDING",
      "NCSC/party": "PENDING",
      "NCTV/party": "PENDING",
      "OM/party": "PENDING",
      "Politie/party": "PENDING",
      "NCTV/coordination": "PENDING",
    });
    const [drafted] = await entriesWith(w.store, "comms.drafted");
    expect(details(drafted)).toMatchObject({ version: 1, text: PRESS_LINE, asked: ["MIVD", "Politie", "NCSC", "OM", "NCTV"] });
    expect(await entriesWith(w.store, "round.asked")).toHaveLength(6);
  });

  it("with the NCTV coordinating: nothing is cleared until every party and the coordinator agreed", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    expect(textOf(await press(w, JORIS, "NCTV coordinates"))).toContain("You took on the NCTV's coordination of communication CM-1 (draft 1)");
    // The coordinator's message now asks for the NCTV's agreement, or changes.
    expect(buttons(shownNow(w.store, lastDm(w, JORIS))).map((b) => b.label)).toEqual(["Agree", "Request changes"]);
    expect(textOfView(lastDm(w, ANNA).view)).toContain("The NCTV coordinates this communication");
    expect((await roundOf(w)).nctvCoordinates).toBe(true);
    for (const liaison of LIAISONS_ASKED_BY_ANNA) await press(w, liaison, "Agree");
    expect((await roundOf(w)).state).toBe("OPEN"); // every party agreed, but the coordinating NCTV has not
    const status = textOf(await w.as(ANNA, "comms CM-1"));
    expect(status).toContain("MIVD: agreed by Daan Smit");
    expect(status).toContain("NCTV coordinator: the NCTV coordinates, as it concerns the Cybersecurity Agenda (Joris van Dijk, 2025-11-03 11:00 CET); its agreement is awaited");
    expect(await entriesWith(w.store, "comms.cleared")).toEqual([]);
    const last = await press(w, JORIS, "Agree");
    expect(textOf(last)).toContain("Every party agreed: it is cleared.");
    expect((await roundOf(w)).state).toBe("CLEARED");
    expect(textOfView(lastDm(w, ANNA).view)).toContain("Cleared: every party agreed (covenant Art 10)");
    const [cleared] = await entriesWith(w.store, "comms.cleared");
    expect(details(cleared)).toMatchObject({ version: 1, text: PRESS_LINE, nctvCoordinates: true });
    // No stale buttons: every message that was sent now shows its outcome without buttons.
    for (const m of sent(w.store).filter((m) => m.kind === "post" && m.topic)) expect(buttons(shownNow(w.store, m))).toEqual([]);
  });

  it("when the draft does not concern the Cybersecurity Agenda, the NCTV agrees as a party through its liaison", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    await press(w, JORIS, "Not the Agenda");
    expect(buttons(shownNow(w.store, lastDm(w, JORIS)))).toEqual([]);
    expect(textOfView(shownNow(w.store, lastDm(w, JORIS)))).toContain("NCTV coordinator: not the Cybersecurity Agenda, so the NCTV does not coordinate (Joris van Dijk, 2025-11-03 11:00 CET).");
    for (const liaison of LIAISONS_ASKED_BY_ANNA) await press(w, liaison, "Agree");
    expect((await roundOf(w)).state).toBe("CLEARED");
  });

  it("waits for the coordinator's answer even when every party agreed", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    for (const liaison of LIAISONS_ASKED_BY_ANNA) await press(w, liaison, "Agree");
    expect((await roundOf(w)).state).toBe("OPEN");
    expect(textOf(await w.as(ANNA, "comms CM-1"))).toContain("NCTV coordinator: has not yet said whether the draft concerns the Cybersecurity Agenda");
  });

  it("is blocked by one objection, with its reason for the author; the others' questions close without buttons", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    await press(w, DAAN, "Agree");
    const noReason = await press(w, LOTTE, "Object", "   ");
    expect(refusalCode(noReason)).toBe("round.note_missing");
    // The note goes to the author and is on the round for every party: it may not carry what
    // another party supplied (Art 7.2), and the refusal does not say whose it is.
    await w.as(ANNA, "submit 203.0.113.77");
    const leaking = await press(w, LOTTE, "Object", "the actor behind 203.0.113.77 is still active");
    expect(refusalCode(leaking)).toBe("round.note_invalid");
    expect(textOf(leaking)).toContain("203.0.113.77 cannot be in the note: every party's liaisons and the NCTV's coordinator will read it");
    expect(textOf(leaking)).not.toContain("AIVD");
    expect((await standing(w))["Politie/party"]).toBe("PENDING");
    expect(textOf(await press(w, LOTTE, "Object", "names an ongoing investigation"))).toContain("You objected to communication CM-1 (draft 1) for Politie. It is blocked");
    expect((await roundOf(w)).state).toBe("BLOCKED");
    const told = textOfView(lastDm(w, ANNA).view);
    expect(told).toContain("Blocked: Politie (“names an ongoing investigation”) did not agree");
    const noor = textOfView(shownNow(w.store, lastDm(w, NOOR)));
    expect(noor).toContain("no answer of yours is needed any more");
    expect(noor).not.toContain("investigation");
    expect(buttons(shownNow(w.store, lastDm(w, NOOR)))).toEqual([]);
    const late = button(lastDm(w, NOOR).view, "Agree"); // the button as first sent, clicked late
    expect(textOf(await w.click(NOOR, late.action, late.value))).toContain("Already decided: communication CM-1 (draft 1) — NCSC: no longer asked.");
    expect(await entriesWith(w.store, "comms.blocked")).toHaveLength(1);
  });

  it("restarts after the coordinating NCTV requested changes: earlier agreements no longer count, old buttons are retired", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    const daanV1 = button(lastDm(w, DAAN).view, "Agree");
    await w.click(DAAN, daanV1.action, daanV1.value);
    await press(w, JORIS, "NCTV coordinates");
    expect(refusalCode(await press(w, JORIS, "Request changes", ""))).toBe("round.note_missing");
    const asked = await press(w, JORIS, "Request changes", "Do not name the sector; say 'vital providers'.");
    expect(textOf(asked)).toContain("The author is asked for a changed draft.");
    expect((await roundOf(w)).state).toBe("CHANGES_REQUESTED");
    const toAnna = textOfView(lastDm(w, ANNA).view);
    expect(toAnna).toContain("asks for changes: “Do not name the sector; say 'vital providers'.”");
    expect(toAnna).toContain("/ciic comms revise CM-1");
    // Those still asked need not answer a draft that will change.
    expect(textOfView(shownNow(w.store, lastDm(w, LOTTE)))).toContain("the changed draft will be put to your party anew");
    expect(buttons(shownNow(w.store, lastDm(w, LOTTE)))).toEqual([]);

    const changed = "The CIIC partners confirm that they jointly assessed a phishing wave against vital providers.";
    expect(refusalCode(await w.as(LOTTE, `comms revise CM-1 ${changed}`))).toBe("comms.not_found"); // only the author changes a draft
    const revised = await w.as(ANNA, `comms revise CM-1 ${changed}`);
    expect(textOf(revised)).toContain("CM-1 draft 2 put to the parties");
    expect(textOf(revised)).toContain("The NCTV coordinates this communication; its coordinator is asked to agree to the new draft.");
    const round = await roundOf(w);
    expect(round).toMatchObject({ version: 2, state: "OPEN", text: changed, nctvCoordinates: true });
    // Daan's agreement to draft 1 no longer counts: MIVD is asked anew, and his old message says why.
    expect((await standing(w))["MIVD/party"]).toBe("PENDING");
    expect(textOfView(shownNow(w.store, dmsTo(w.store, DAAN)[0]))).toContain("Draft 1 was replaced by draft 2: earlier answers no longer count");
    const stale = await w.click(DAAN, daanV1.action, daanV1.value);
    expect(refusalCode(stale)).toBe("round.replaced");
    expect(textOf(stale)).toContain("Draft 1 of CM-1 was replaced by draft 2");
    expect(textOfView(lastDm(w, DAAN).view)).toContain(changed);
    expect(buttons(shownNow(w.store, lastDm(w, JORIS))).map((b) => b.label)).toEqual(["Agree", "Request changes"]);
    for (const liaison of LIAISONS_ASKED_BY_ANNA) await press(w, liaison, "Agree");
    expect((await roundOf(w)).state).toBe("OPEN");
    await press(w, JORIS, "Agree");
    expect((await roundOf(w)).state).toBe("CLEARED");
    expect(await entriesWith(w.store, "comms.revised")).toHaveLength(1);
    expect(details((await entriesWith(w.store, "comms.cleared"))[0])).toMatchObject({ version: 2, text: changed });
  });

  it("refuses a revision of a closed round, a text unchanged, and a revision by form shows the current draft", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    expect(refusalCode(await w.as(ANNA, `comms revise CM-1 ${PRESS_LINE}`))).toBe("comms.invalid");
    const form = await w.as(ANNA, "comms revise CM-1");
    expect(form).toMatchObject({ kind: "form", form: { id: "ciic_round_draft", metadata: "revise:1", fields: [{ id: "text", initial: PRESS_LINE }] } });
    await press(w, LOTTE, "Object", "not now");
    const closed = await w.as(ANNA, `comms revise CM-1 ${PRESS_LINE} (changed)`);
    expect(refusalCode(closed)).toBe("comms.closed");
    expect(textOf(closed)).toContain("CM-1 is blocked");
    expect((await roundOf(w)).version).toBe(1);
  });
});

describe("a communication round's id", () => {
  it("is CM-n, apart from a consultation's C-n, and a communication's former C-n is still understood", async () => {
    const w = await world();
    expect(textOf(await w.as(ANNA, `comms ${PRESS_LINE}`))).toContain("CM-1 put to the parties");
    expect(textOf(await w.as(ANNA, "consult question: may we warn the owner before a seizure?"))).toContain("C-1 is open");
    // Typed as a communication was shown before this change, where a round is meant.
    for (const text of ["comms C-1", "comms CM-1", "comms cm1", "requests C-1"]) expect(textOf(await w.as(ANNA, text)), text).toContain("CM-1");
    expect(textOf(await w.as(ANNA, "consult C-1"))).toContain("may we warn the owner");
  });
});

describe("the rounds' deadlines: expiry, reminders, escalation", () => {
  it("expires a round nobody finished at its deadline: silence is never agreement, and a late answer does not count", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    await press(w, DAAN, "Agree");
    w.clock.set(new Date(new Date(DEADLINE).getTime() - 1));
    expect((await runRoundDeadlines({ store: w.store, clock: w.clock })).expired).toBe(0);
    w.clock.set(DEADLINE);
    const late = await press(w, LOTTE, "Agree"); // before the scheduler came by
    expect(refusalCode(late)).toBe("round.expired");
    expect((await roundOf(w)).state).toBe("EXPIRED");
    expect(await standing(w)).toMatchObject({ "MIVD/party": "AGREED", "Politie/party": "EXPIRED", "NCTV/coordination": "EXPIRED" });
    expect((await runRoundDeadlines({ store: w.store, clock: w.clock })).expired).toBe(0); // once
    expect(textOfView(lastDm(w, ANNA).view)).toContain("Expired at its deadline without every party's agreement");
    expect(buttons(shownNow(w.store, lastDm(w, NOOR)))).toEqual([]);
    const [expired] = await entriesWith(w.store, "comms.expired");
    expect((details(expired).waitingFor as string[]).sort()).toEqual(["NCSC", "NCTV", "NCTV coordinator", "OM", "Politie"]);
  });

  it("expires through the scheduler that runs the disclosures' deadlines", async () => {
    const w = await world();
    await w.as(BRAM, "amend Article 9: the steering group meets at least six times a year.");
    w.clock.set(DEADLINE);
    await runDeadlines({ store: w.store, clock: w.clock });
    expect((await roundOf(w)).state).toBe("EXPIRED");
    expect(textOfView(lastDm(w, BRAM).view)).toContain("the amendment is not adopted");
  });

  it("reminds those who have not answered once, a day before the deadline, and asks the deputies after eight silent hours", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    await press(w, NOOR, "Agree");
    w.clock.set(new Date(new Date(START).getTime() + 8 * HOUR - 1));
    expect(await runRoundDeadlines({ store: w.store, clock: w.clock })).toEqual({ expired: 0, reminded: 0, escalated: 0 });
    w.clock.set(new Date(new Date(START).getTime() + 8 * HOUR));
    // Only MIVD has a deputy among the parties asked; NCSC answered; the coordinator has no deputies.
    expect(await runRoundDeadlines({ store: w.store, clock: w.clock })).toEqual({ expired: 0, reminded: 0, escalated: 1 });
    const toMila = lastDm(w, MILA).view;
    expect(textOfView(toMila)).toContain("Your party's liaison has not answered, so you are asked as deputy.");
    expect(buttons(toMila).map((b) => b.label)).toEqual(["Agree", "Object"]);
    expect(await runRoundDeadlines({ store: w.store, clock: w.clock })).toEqual({ expired: 0, reminded: 0, escalated: 0 });
    w.clock.set(new Date(new Date(DEADLINE).getTime() - 24 * HOUR));
    // MIVD, Politie, OM, NCTV and the coordinator are reminded; NCSC answered.
    expect(await runRoundDeadlines({ store: w.store, clock: w.clock })).toEqual({ expired: 0, reminded: 5, escalated: 0 });
    expect(textOfView(lastDm(w, LOTTE).view)).toContain("Reminder: CM-1 expires 2025-11-10 11:00 CET.");
    expect(textOfView(lastDm(w, JORIS).view)).toContain("Reminder:");
    expect(dmsTo(w.store, NOOR)).toHaveLength(1);
    expect(await runRoundDeadlines({ store: w.store, clock: w.clock })).toEqual({ expired: 0, reminded: 0, escalated: 0 });
    // The deputy decides for MIVD; the reminder's copy is replaced with the outcome too.
    await press(w, MILA, "Agree");
    for (const m of dmsTo(w.store, DAAN)) expect(textOfView(shownNow(w.store, m))).toContain("MIVD: agreed by Mila Meijer");
    expect(await entriesWith(w.store, "round.reminded")).toHaveLength(5);
    // One escalation reached a deputy; those of parties without one are logged with nobody notified.
    const escalated = await entriesWith(w.store, "round.escalated");
    expect(escalated.filter((e) => (details(e).notified as string[]).length > 0)).toHaveLength(1);
    expect(escalated.length).toBeGreaterThan(1);
  });
});

describe("an amendment of the covenant (Art 13)", () => {
  const AMENDMENT = "Article 9: the steering group meets at least six times a year.";

  it("is adopted only with every party's recorded consent, and announced to all who speak for a party", async () => {
    const w = await world();
    const reply = await w.as(BRAM, `amend ${AMENDMENT}`);
    expect(textOf(reply)).toContain("AM-1 put to the parties");
    expect(textOf(reply)).toContain("AIVD consents by proposing; asked: MIVD, Politie, NCSC, OM, NCTV.");
    // The NCTV and the OM answer through their coordinators as well (Art 13, as the directory names them).
    for (const who of [DAAN, LOTTE, NOOR, IRIS, JORIS, NORA]) expect(buttons(lastDm(w, who).view).map((b) => b.label)).toEqual(["Consent", "Deny"]);
    expect(textOfView(lastDm(w, JORIS).view)).not.toContain("Cybersecurity Agenda"); // no coordination question for amendments
    for (const who of [DAAN, LOTTE, NOOR, IRIS]) await press(w, who, "Consent");
    expect((await roundOf(w)).state).toBe("OPEN");
    const status = textOf(await w.as(BRAM, "amend AM-1"));
    expect(status).toContain("AIVD: consented (by proposing)");
    expect(status).toContain("NCTV: waiting");
    // Joris consents for the NCTV; Nora's copy of the same question then shows his answer.
    expect(textOf(await press(w, JORIS, "Consent"))).toContain("Every party consented: the amendment is adopted and announced.");
    expect(textOfView(shownNow(w.store, dmsTo(w.store, NORA)[0]))).toContain("NCTV: consented by Joris van Dijk");
    expect((await roundOf(w)).state).toBe("ADOPTED");
    for (const who of [BRAM, DAAN, LOTTE, NOOR, IRIS, JORIS, NORA]) {
      const announced = textOfView(lastDm(w, who).view);
      expect(announced, who).toContain("Amendment AM-1 adopted");
      expect(announced, who).toContain(AMENDMENT);
    }
    expect(dmsTo(w.store, HUGO)).toEqual([]);
    const [adopted] = await entriesWith(w.store, "amendment.adopted");
    const record = details(adopted) as { text: string; answers: { party: string; state: string; by: string }[] };
    expect(record.text).toBe(AMENDMENT);
    expect(record.answers.map((a) => [a.party, a.state, a.by])).toEqual([
      ["AIVD", "AGREED", `slack:${BRAM}`],
      ["MIVD", "AGREED", `slack:${DAAN}`],
      ["NCSC", "AGREED", `slack:${NOOR}`],
      ["NCTV", "AGREED", `slack:${JORIS}`],
      ["OM", "AGREED", `slack:${IRIS}`],
      ["Politie", "AGREED", `slack:${LOTTE}`],
    ]);
  });

  it("is blocked by one party's denial, and not adopted", async () => {
    const w = await world();
    await w.as(BRAM, `amend ${AMENDMENT}`);
    await press(w, IRIS, "Consent");
    await press(w, DAAN, "Deny", "six meetings a year is more than the MIVD can staff");
    expect((await roundOf(w)).state).toBe("BLOCKED");
    expect(textOfView(lastDm(w, BRAM).view)).toContain("Blocked: MIVD (“six meetings a year is more than the MIVD can staff”) did not agree. The amendment is not adopted");
    const consent = button(lastDm(w, LOTTE).view, "Consent"); // the button as first sent, clicked late
    const late = await w.click(LOTTE, consent.action, consent.value);
    expect(refusalCode(late)).toBe("round.already_decided");
    expect(textOf(late)).toContain("Politie: no longer asked");
    expect(await entriesWith(w.store, "amendment.blocked")).toHaveLength(1);
    expect(await entriesWith(w.store, "amendment.adopted")).toEqual([]);
  });

  it("is not revised: a changed text is a new proposal", async () => {
    const w = await world();
    const reply = await w.as(BRAM, "amend revise AM-1 something else entirely");
    expect(textOf(reply)).toContain("AM-1 put to the parties"); // the words are the proposal itself
  });
});

describe("exactly once", () => {
  it("answers a double click once, and the second with who decided and when", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    const agree = button(lastDm(w, DAAN).view, "Agree");
    const [first, second] = await Promise.all([w.click(DAAN, agree.action, agree.value), w.click(DAAN, agree.action, agree.value)]);
    expect(textOf(first)).toContain("You agreed to communication CM-1 (draft 1) for MIVD.");
    expect(refusalCode(second)).toBe("round.already_decided");
    expect(textOf(second)).toContain("Already decided: communication CM-1 (draft 1) — MIVD: agreed by Daan Smit at 2025-11-03 11:00 CET.");
    expect(await entriesWith(w.store, "round.agree")).toHaveLength(1);
    // A coordinator's double click on "NCTV coordinates" takes the coordination on once.
    const coordinate = button(lastDm(w, JORIS).view, "NCTV coordinates");
    await w.click(JORIS, coordinate.action, coordinate.value);
    expect(refusalCode(await w.click(JORIS, coordinate.action, coordinate.value))).toBe("round.already_decided");
    expect(await entriesWith(w.store, "round.coordinate")).toHaveLength(1);
  });

  it("does not ask every party twice for the same text sent twice", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    const again = await w.as(ANNA, `comms ${PRESS_LINE}`);
    expect(refusalCode(again)).toBe("comms.duplicate");
    expect(textOf(again)).toContain("CM-1 already puts exactly this text to the parties");
    expect(dmsTo(w.store, DAAN)).toHaveLength(1);
  });
});

describe("the state machine (src/core/rounds/round-state.ts)", () => {

  it("allows exactly these round transitions, per kind", () => {
    const allowed: string[] = [];
    for (const kind of ["comms", "amendment"] as const) {
      for (const event of Object.keys(ROUND_TRANSITIONS) as (keyof typeof ROUND_TRANSITIONS)[]) {
        for (const state of ROUND_STATES) if (roundEventAllowed(event, { kind, state })) allowed.push(`${kind} ${state} -${event}-> ${ROUND_TRANSITIONS[event].to}`);
      }
    }
    expect(allowed.sort()).toEqual(
      [
        "comms OPEN -clear-> CLEARED",
        "comms OPEN -block-> BLOCKED",
        "comms OPEN -request_changes-> CHANGES_REQUESTED",
        "comms OPEN -revise-> OPEN",
        "comms CHANGES_REQUESTED -revise-> OPEN",
        "comms OPEN -expire-> EXPIRED",
        "comms CHANGES_REQUESTED -expire-> EXPIRED",
        "amendment OPEN -adopt-> ADOPTED",
        "amendment OPEN -block-> BLOCKED",
        "amendment OPEN -expire-> EXPIRED",
      ].sort(),
    );
  });

  it("allows exactly these ask transitions, per role", () => {
    const allowed: string[] = [];
    for (const role of ["party", "coordination"] as const) {
      for (const event of Object.keys(ROUND_ASK_TRANSITIONS) as (keyof typeof ROUND_ASK_TRANSITIONS)[]) {
        for (const state of ROUND_ASK_STATES) if (askEventAllowed(event, { role, state })) allowed.push(`${role} ${state} -${event}-> ${ROUND_ASK_TRANSITIONS[event].to}`);
      }
    }
    expect(allowed.sort()).toEqual(
      [
        "party PENDING -agree-> AGREED",
        "party PENDING -object-> OBJECTED",
        "party PENDING -expire-> EXPIRED",
        "party PENDING -retire-> RETIRED",
        "coordination PENDING -coordinate-> COORDINATING",
        "coordination PENDING -not_concerned-> NOT_CONCERNED",
        "coordination COORDINATING -agree-> AGREED",
        "coordination COORDINATING -request_changes-> CHANGES_REQUESTED",
        "coordination PENDING -expire-> EXPIRED",
        "coordination COORDINATING -expire-> EXPIRED",
        "coordination PENDING -retire-> RETIRED",
        "coordination COORDINATING -retire-> RETIRED",
        // Art 14: the party's withdrawal took effect while it was asked.
        "party PENDING -withdraw-> WITHDRAWN",
        "coordination PENDING -withdraw-> WITHDRAWN",
        "coordination COORDINATING -withdraw-> WITHDRAWN",
      ].sort(),
    );
  });

  it("derives the outcome from the current draft's asks", () => {
    const party = (state: string) => ({ role: "party" as const, state: state as never });
    const coordination = (state: string) => ({ role: "coordination" as const, state: state as never });
    expect(deriveRound([party("AGREED"), party("AGREED")])).toBe("AGREED");
    expect(deriveRound([party("AGREED"), party("PENDING")])).toBe("WAITING");
    expect(deriveRound([party("AGREED"), party("OBJECTED"), coordination("COORDINATING")])).toBe("BLOCKED");
    expect(deriveRound([party("AGREED"), coordination("PENDING")])).toBe("WAITING");
    expect(deriveRound([party("AGREED"), coordination("COORDINATING")])).toBe("WAITING");
    expect(deriveRound([party("AGREED"), coordination("NOT_CONCERNED")])).toBe("AGREED");
    expect(deriveRound([party("AGREED"), coordination("AGREED")])).toBe("AGREED");
    expect(deriveRound([party("PENDING"), coordination("CHANGES_REQUESTED")])).toBe("CHANGES_REQUESTED");
    expect(deriveRound([])).toBe("WAITING");
    // Art 14: a party that withdrew while asked is no longer needed; a withdrawn NCTV no longer coordinates.
    expect(deriveRound([party("AGREED"), party("WITHDRAWN")])).toBe("AGREED");
    expect(deriveRound([party("PENDING"), party("WITHDRAWN")])).toBe("WAITING");
    expect(deriveRound([party("AGREED"), coordination("WITHDRAWN")])).toBe("AGREED");
  });

  it("is applied as conditional updates by the store: a transition from a wrong state changes nothing", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    const asks = await w.store.rounds.asksOf(1, 1);
    const mivd = asks.find((a) => a.party === "MIVD")!;
    const coordination = asks.find((a) => a.role === "coordination")!;
    const at = w.clock.now();
    await w.store.transaction(async (tx) => {
      expect(await tx.rounds.transition(mivd.id, "agree", { at, byId: "x", byName: "X" })).toBe(true);
      expect(await tx.rounds.transition(mivd.id, "agree", { at })).toBe(false);
      expect(await tx.rounds.transition(mivd.id, "object", { at })).toBe(false);
      expect(await tx.rounds.transition(mivd.id, "coordinate", { at })).toBe(false); // not for a party's ask
      expect(await tx.rounds.transition(coordination.id, "agree", { at })).toBe(false); // first: does the NCTV coordinate?
      expect(await tx.rounds.transition(coordination.id, "object", { at })).toBe(false);
      expect(await tx.rounds.move(1, "adopt", at)).toBe(false); // a communication is cleared, never adopted
      expect(await tx.rounds.move(1, "revise" as never, at)).toBe(false);
      expect(await tx.rounds.revise(1, 2, { text: asChecked("x"), startedAt: at, deadline: at }, [])).toBeUndefined(); // not at version 2
      expect(await tx.rounds.move(1, "block", at)).toBe(true);
      expect(await tx.rounds.move(1, "expire", at)).toBe(false);
      expect(await tx.rounds.revise(1, 1, { text: asChecked("x"), startedAt: at, deadline: at }, [])).toBeUndefined(); // closed
    });
  });
});

describe("bad input changes nothing (Art 7.2: a round carries no party's data)", () => {
  it("refuses an empty or invisible-character draft, item ids, and indicators on record, with the reason", async () => {
    const w = await world();
    await w.as(BRAM, "submit 198.51.100.7");
    const cases: [string, string, RegExp][] = [
      [ANNA, "comms too short", /at least 10 characters/],
      [ANNA, `comms We confirm the joint assessment\u202e of the wave.`, /invisible character U\+202E/],
      // An analyst speaks for no party: no party's data may go to every party's liaisons.
      [ANNA, "comms The partners assessed I-1 together with the sector.", /I-1 \(data of AIVD\) is named in the draft, which every party's liaisons and the NCTV's coordinator will read/],
      [ANNA, "comms The partners saw 198.51.100[.]7 in the wave and warned the sector.", /198\.51\.100\.7 \(data of AIVD\) is named in the draft/],
      // A liaison speaks for their own party only (Art 7.2): NCSC's liaison may not pass on AIVD's record.
      [NOOR, "amend The parties publish 198.51.100.7 yearly in the covenant annex.", /198\.51\.100\.7 cannot be in the amendment: every party's liaisons/],
    ];
    for (const [who, text, reason] of cases) {
      const reply = await w.as(who, text);
      expect(refusalCode(reply), text).toMatch(/^(comms|amendment)\.invalid$/);
      expect(textOf(reply), text).toMatch(reason);
    }
    expect(await w.store.rounds.byId(1)).toBeUndefined();
    expect(await entriesWith(w.store, "comms.refused")).toHaveLength(4);
    expect(await entriesWith(w.store, "amendment.refused")).toHaveLength(1);
    expect(w.store.tables().outbox).toEqual([]);
  });

  it("refuses a liaison's draft that names another party's value without saying whose it is; their own party's value passes (Art 7.2)", async () => {
    const w = await world();
    await w.as(BRAM, "submit 198.51.100.7");
    const refused = await w.as(NOOR, "comms The sector was warned about 198.51.100.7 and related infrastructure.");
    expect(refusalCode(refused)).toBe("comms.invalid");
    expect(textOf(refused)).toContain("198.51.100.7 cannot be in the draft: every party's liaisons and the NCTV's coordinator will read it");
    expect(textOf(refused)).not.toMatch(/AIVD|supplied/);
    // What NCSC supplied, its liaison may put to the parties: the liaison speaks for NCSC.
    await w.as(NOOR, "submit 198.51.100.8");
    const reply = await w.as(NOOR, "comms The sector was warned about 198.51.100.8 and related infrastructure.");
    expect(textOf(reply)).toContain("CM-1 put to the parties");
  });

  it("opens a form for a bare command and reads it back", async () => {
    const w = await world();
    const form = await w.as(ANNA, "comms");
    expect(form).toMatchObject({ kind: "form", form: { id: "ciic_round_draft", metadata: "comms" } });
    const amend = await w.as(BRAM, "amend");
    expect(amend).toMatchObject({ kind: "form", form: { id: "ciic_round_draft", metadata: "amendment" } });
    expect(commandFromForm("ciic_round_draft", { text: PRESS_LINE }, "comms")).toEqual({ name: "comms", input: { action: "start", text: PRESS_LINE } });
    expect(commandFromForm("ciic_round_draft", { text: "x" }, "revise:7")).toEqual({ name: "comms", input: { action: "revise", ref: "CM-7", text: "x" } });
    expect(commandFromForm(ROUND_NOTE_FORM_ID, { note: "why" }, "3:object")).toEqual({ name: "agree", askId: 3, answer: { event: "object", note: "why" } });
    expect(commandFromForm(ROUND_NOTE_FORM_ID, { note: "why" }, "3:agree")).toBeUndefined();
    expect(commandFromAction(ROUND_DECIDE_ACTION, "3:object")).toBeUndefined(); // an objection needs its note: only through the form
    expect(commandFromAction(ROUND_DECIDE_ACTION, "x:agree")).toBeUndefined();
  });
});

describe("who may do what", () => {
  it("refuses every new command to members whose roles do not allow it, with a clear message, and logs it", async () => {
    const w = await world();
    await w.as(ANNA, `comms ${PRESS_LINE}`);
    const mivdAgree = button(lastDm(w, DAAN).view, "Agree");
    const coordinate = button(lastDm(w, JORIS).view, "NCTV coordinates");
    const refusals: [string, () => Promise<Reply>, string, RegExp][] = [
      [KARIN, () => w.as(KARIN, `comms ${PRESS_LINE} (oversight)`), "access.role_missing", /`\/ciic comms` is for analyst, liaison, deputy, coordinator or steering \(covenant Art 10\)/],
      [ANNA, () => w.as(ANNA, "amend Article 9: more meetings."), "access.role_missing", /`\/ciic amend` is for liaison or coordinator \(covenant Art 13\)/],
      [HUGO, () => w.as(HUGO, "amend Article 9: more meetings."), "access.role_missing", /is for liaison or coordinator/],
      [ANNA, () => w.click(ANNA, mivdAgree.action, mivdAgree.value), "access.role_missing", /is for liaison, deputy or coordinator \(covenant Art 10\)/],
      [HUGO, () => w.click(HUGO, mivdAgree.action, mivdAgree.value), "access.role_missing", /is for liaison, deputy or coordinator/],
      // Roles that may answer, but not this question.
      [NOOR, () => w.click(NOOR, mivdAgree.action, mivdAgree.value), "round.not_yours", /This question is for MIVD's liaisons and deputies/],
      [NORA, () => w.click(NORA, coordinate.action, coordinate.value), "round.not_yours", /This question is for the NCTV's coordinator/],
      [IRIS, () => w.click(IRIS, coordinate.action, coordinate.value), "round.not_yours", /for the NCTV's coordinator/],
      // The round's status is for those it concerns.
      [HUGO, () => w.as(HUGO, "comms CM-1"), "round.not_found", /There is no communication CM-1 that concerns you/],
    ];
    for (const [who, act, code, text] of refusals) {
      const reply = await act();
      expect(refusalCode(reply), `${who} ${code}`).toBe(code);
      expect(textOf(reply)).toMatch(text);
    }
    const logged = (await auditEntries(w.store)).filter((e) => e.action === "access.refused" || e.action === "round.refused");
    expect(logged.map((e) => `${e.actor} ${JSON.parse(e.readable).code}`)).toEqual([
      `slack:${KARIN} access.role_missing`,
      `slack:${ANNA} access.role_missing`,
      `slack:${HUGO} access.role_missing`,
      `slack:${ANNA} access.role_missing`,
      `slack:${HUGO} access.role_missing`,
      `slack:${NOOR} round.not_yours`,
      `slack:${NORA} round.not_yours`,
      `slack:${IRIS} round.not_yours`,
    ]);
    expect(await standing(w)).toMatchObject({ "MIVD/party": "PENDING", "NCTV/coordination": "PENDING" });
  });

  it("lets a steering group member draft, and shows the round in /ciic requests to those it waits for", async () => {
    const w = await world();
    expect(textOf(await w.as(HUGO, `comms ${PRESS_LINE}`))).toContain("NCSC agrees by drafting");
    const overview = await w.as(DAAN, "requests");
    expect(textOf(overview)).toContain("Agreement rounds waiting for your answer (1)");
    expect(textOf(overview)).toContain(PRESS_LINE);
    expect(textOf(overview)).toContain("[Agree] [Object]");
    expect(textOf(await w.as(DAAN, "requests CM-1"))).toContain("MIVD: waiting");
    const mine = await w.as(ANNA, "requests");
    expect(textOf(mine)).not.toContain("Communications and amendments");
  });
});

describe("in each member's language (issue 13)", () => {
  /** The same cell, English by default; Anna (the author) and Daan (MIVD's liaison) read Dutch. */
  const MIXED = roster.directoryYaml({ consent: CONSENT, language: "en", members: roster.reading("nl", [roster.ANNA, roster.DAAN], MEMBERS) });
  const mixed = () => worlds(MIXED, START);

  it("asks, answers and reports a communication round in Dutch to Dutch members and in English to English ones, with Amsterdam times", async () => {
    const w = await mixed();
    const made = textOf(await w.as(ANNA, `comms ${PRESS_LINE}`));
    expect(made).toContain("CM-1 voorgelegd aan de partijen: akkoord op de communicatie gevraagd aan MIVD, Politie, NCSC, OM, NCTV.");
    expect(made).toContain("AIVD is als opsteller akkoord; gevraagd: MIVD, Politie, NCSC, OM, NCTV.");
    expect(made).toContain("De coördinator van de NCTV wordt gevraagd of het concept de Nederlandse Cybersecurity Agenda betreft");
    expect(made).toContain("Uiterste termijn 10 nov 2025 11:00 CET: zonder akkoord van alle partijen voor die tijd wordt de communicatie niet vrijgegeven.");
    expect(made).toContain("Volg het met /ciic comms CM-1; wijzig het met /ciic comms revise CM-1 <tekst> (de ronde begint dan opnieuw).");

    // Daan reads the question in Dutch, Lotte the same question in English.
    const toDaan = lastDm(w, DAAN).view;
    expect(toDaan.language).toBe("nl");
    expect(textOfView(toDaan)).toContain("Akkoord gevraagd: communicatie CM-1 (concept 1)");
    expect(textOfView(toDaan)).toContain("Anna de Vries (AIVD) heeft een communicatie met derden over de samenwerking opgesteld. Die mag pas naar buiten wanneer elke partij akkoord is (convenant art. 10)");
    expect(textOfView(toDaan)).toContain("Gevraagd aan: MIVD, als partij");
    expect(textOfView(toDaan)).toContain("Uiterste termijn: 10 nov 2025 11:00 CET");
    expect(textOfView(toDaan)).toContain("Zonder antwoord van MIVD voor de uiterste termijn wordt niets vrijgegeven: zwijgen is nooit instemming.");
    expect(buttons(toDaan).map((b) => b.label)).toEqual(["Akkoord", "Bezwaar maken"]);
    const toLotte = lastDm(w, LOTTE).view;
    expect(toLotte.language).toBe("en");
    expect(textOfView(toLotte)).toContain("Agreement asked: communication CM-1 (draft 1)");
    expect(textOfView(toLotte)).toContain("Deadline: 2025-11-10 11:00 CET");
    expect(buttons(toLotte).map((b) => b.label)).toEqual(["Agree", "Object"]);
    expect(buttons(lastDm(w, JORIS).view).map((b) => b.label)).toEqual(["NCTV coordinates", "Not the Agenda"]);

    // Daan agrees in Dutch; his message now says so in Dutch, with the time in Amsterdam.
    expect(textOf(await press(w, DAAN, "Akkoord"))).toContain("U hebt namens MIVD ingestemd met communicatie CM-1 (concept 1).");
    expect(textOfView(shownNow(w.store, lastDm(w, DAAN)))).toContain("communicatie CM-1 (concept 1) — MIVD: akkoord gegeven door Daan Smit op 3 nov 2025 11:00 CET.");
    expect(buttons(shownNow(w.store, lastDm(w, DAAN)))).toEqual([]);

    // The author follows the round in Dutch.
    const status = textOf(await w.as(ANNA, "comms CM-1"));
    expect(status).toContain("communicatie CM-1 (concept 1): wacht op de partijen");
    expect(status).toContain("Wacht op het akkoord van de partijen; de communicatie mag pas naar buiten wanneer elke partij akkoord is.");
    expect(status).toContain("AIVD: akkoord gegeven (als opsteller)");
    expect(status).toContain("MIVD: akkoord gegeven door Daan Smit op 3 nov 2025 11:00 CET");
    expect(status).toContain("Politie: nog geen antwoord");
    expect(status).toContain("NCTV-coördinator: heeft nog niet gezegd of het concept de Cybersecurity Agenda betreft");
    expect(status).toContain("Auteur: Anna de Vries (AIVD)");

    // Lotte objects in English; the round is blocked, and each reads the outcome in their own language.
    w.clock.set(new Date(new Date(START).getTime() + HOUR));
    expect(textOf(await press(w, LOTTE, "Object", "names an ongoing investigation"))).toContain("You objected to communication CM-1 (draft 1) for Politie. It is blocked; the author is told why.");
    const told = textOfView(lastDm(w, ANNA).view);
    expect(told).toContain("Tegengehouden: geen akkoord van Politie (‘names an ongoing investigation’). De communicatie mag niet naar buiten. U kunt een nieuwe opstellen.");
    expect(told).toContain("Politie: bezwaar gemaakt door Lotte Laan op 3 nov 2025 12:00 CET — ‘names an ongoing investigation’");
    expect(textOfView(shownNow(w.store, lastDm(w, NOOR)))).toContain("CM-1 is closed: no answer of yours is needed any more.");
    expect(textOfView(shownNow(w.store, lastDm(w, JORIS)))).toContain("communication CM-1 (draft 1) — NCTV coordinator: no longer asked.");
    expect(textOf(await w.as(ANNA, "comms CM-1"))).toContain("communicatie CM-1 (concept 1): tegengehouden");
    const refused = await w.as(ANNA, `comms revise CM-1 ${PRESS_LINE} (changed)`);
    expect(refusalCode(refused)).toBe("comms.closed");
    expect(textOf(refused)).toContain("Er is niets gewijzigd: CM-1 is tegengehouden; stel een nieuwe communicatie op met `/ciic comms <tekst>`.");
  });

  it("reminds and closes an amendment round in each reader's language; the Dutch author's refusals are Dutch", async () => {
    const w = await mixed();
    expect(textOf(await w.as(ANNA, "comms te kort"))).toContain("Er is geen concept aan de partijen voorgelegd: schrijf het concept zelf na de opdracht (ten minste 10 tekens).");
    await w.as(BRAM, "amend Article 9: the steering group meets at least six times a year.");
    expect(buttons(lastDm(w, DAAN).view).map((b) => b.label)).toEqual(["Instemmen", "Weigeren"]);
    expect(textOfView(lastDm(w, DAAN).view)).toContain("Bram Bakker (AIVD) stelt voor het convenant te wijzigen. Een wijziging wordt alleen aangenomen met instemming van alle partijen (convenant art. 13)");
    w.clock.set(new Date(new Date(DEADLINE).getTime() - 24 * HOUR));
    await runRoundDeadlines({ store: w.store, clock: w.clock });
    expect(textOfView(lastDm(w, DAAN).view)).toContain("Herinnering: AM-1 verloopt op 10 nov 2025 11:00 CET.");
    expect(textOfView(lastDm(w, LOTTE).view)).toContain("Reminder: AM-1 expires 2025-11-10 11:00 CET.");
    w.clock.set(DEADLINE);
    expect((await runRoundDeadlines({ store: w.store, clock: w.clock })).expired).toBe(1);
    expect(textOfView(shownNow(w.store, lastDm(w, DAAN)))).toContain("wijziging AM-1 — MIVD: heeft niet geantwoord voor de uiterste termijn.");
    expect(textOfView(shownNow(w.store, lastDm(w, DAAN)))).toContain("Voor de uiterste termijn is niets overeengekomen; een antwoord is daarom niet meer nodig.");
    expect(textOfView(shownNow(w.store, lastDm(w, LOTTE)))).toContain("Nothing was agreed by the deadline, so no answer is needed any more.");
    expect(textOfView(lastDm(w, BRAM).view)).toContain("Expired at its deadline without every party's agreement: the amendment is not adopted (silence is never agreement).");
  });

  it("consults the OM in the asker's language, and tells the OM's staff in theirs", async () => {
    const w = await mixed();
    const opened = textOf(await w.as(ANNA, "consult question: may we warn the owner before a seizure?"));
    expect(opened).toContain("C-1 is geopend: Iris de Graaf van het OM is gevraagd (art. 4.5). U hoort het wanneer er een antwoord is.");
    const ping = lastDm(w, IRIS).view;
    expect(textOfView(ping)).toContain("Consultation C-1 from the CIIC (Art 4.5)");
    expect(textOfView(ping)).toContain("Answer with /ciic consult C-1 answer: <your answer>; close it with /ciic consult C-1 close.");
    expect(textOf(await w.as(IRIS, "consult C-1 answer: Yes, once the officer of justice is told."))).toContain("Added to C-1; Anna de Vries is told.");
    expect(textOfView(lastDm(w, ANNA).view)).toContain("Overleg C-1: het OM antwoordt");
    const shown = textOf(await w.as(ANNA, "consult C-1"));
    expect(shown).toContain("Overleg C-1: 1 antwoord.");
    expect(shown).toContain("Anna de Vries vroeg op 3 nov 2025 11:00 CET: may we warn the owner before a seizure?");
    expect(shown).toContain("Iris de Graaf (3 nov 2025 11:00 CET): Yes, once the officer of justice is told.");
    expect(textOf(await w.as(IRIS, "consult"))).toContain("1 consultation with the OM open.");
    expect(textOf(await w.as(ANNA, "consult C-1 close"))).toContain("C-1 is gesloten; de anderen in dit overleg zijn op de hoogte gebracht.");
    expect(textOfView(lastDm(w, IRIS).view)).toContain("Consultation C-1 was closed by Anna de Vries on 2025-11-03 11:00 CET.");
    expect(textOf(await w.as(ANNA, "consult"))).toContain("Er is geen overleg met het OM open.");
  });
});
