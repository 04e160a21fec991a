import { describe, expect, it } from "vitest";
import { carryOutWithdrawals } from "../../src/core/covenant-life/carry-out-withdrawals.js";
import { entriesWith, details, textOf, textOfView } from "../support/reply-text.js";
import { buttons, coreWorlds, dmsTo, sent, shownNow, type CoreWorld } from "../support/core-world.js";
import * as roster from "../support/roster.js";

/**
 * Art 14 and the agreement rounds (Art 10, 13): when a party's withdrawal takes effect while a
 * communication or an amendment waits for it, the round goes on with the remaining parties — the
 * covenant stays in force for the others. On a real store (SQLite) with a clock the tests move.
 */
const MEMBERS = [roster.ANNA, roster.BRAM, roster.DAAN, roster.LOTTE, roster.NOOR, roster.IRIS, roster.JORIS];
const DIRECTORY = roster.directoryYaml({ language: "en", members: MEMBERS });
const ANNA = roster.ANNA.slack; // AIVD analyst: drafts the communication
const BRAM = roster.BRAM.slack; // AIVD liaison: proposes the amendment
const DAAN = roster.DAAN.slack; // MIVD liaison
const LOTTE = roster.LOTTE.slack; // Politie liaison
const NOOR = roster.NOOR.slack; // NCSC liaison: gives NCSC's notice
const IRIS = roster.IRIS.slack; // OM liaison
const JORIS = roster.JORIS.slack; // NCTV coordinator and liaison

const NOTICE = "2026-11-30T09:00:00Z";
/** Two calendar months after the notice (Art 14). */
const EFFECTIVE = "2027-01-30T09:00:00Z";
const PRESS_LINE = "The CIIC partners confirm that they jointly assessed the phishing wave.";

type World = CoreWorld;
const worlds = coreWorlds();
const world = () => worlds(DIRECTORY, NOTICE);

/** The member's questions about one round (a party's, or the NCTV coordinator's), as they show now. */
const askMessages = (w: World, slackId: string, roundRef: string) =>
  dmsTo(w.store, slackId)
    .filter((d) => d.topic !== null && textOfView(d.view).includes(roundRef))
    .map((d) => shownNow(w.store, d));
const askMessage = (w: World, slackId: string, roundRef: string) => {
  const [m] = askMessages(w, slackId, roundRef);
  if (!m) throw new Error(`no question about ${roundRef} for ${slackId}`);
  return m;
};
const press = async (w: World, slackId: string, roundRef: string, label: string) => {
  const b = askMessages(w, slackId, roundRef)
    .flatMap(buttons)
    .find((a) => a.label === label);
  if (!b) throw new Error(`no button “${label}” for ${slackId} on ${roundRef}`);
  return w.click(slackId, b.action, b.value);
};
const standing = async (w: World, id: number) => {
  const round = (await w.store.rounds.byId(id))!;
  return Object.fromEntries((await w.store.rounds.asksOf(id, round.version)).map((a) => [`${a.party}/${a.role}`, a.state]));
};

/**
 * NCSC gives notice; two days before it takes effect, a communication (CM-1) that every other party
 * has agreed to, and an amendment (AM-2) that waits for the OM as well, both still wait for NCSC.
 */
async function roundsWaitingForNcsc(directory = DIRECTORY): Promise<World> {
  const w = await worlds(directory, NOTICE);
  expect(textOf(await w.as(NOOR, "notice reason: the cell's task moves to another service"))).toContain("NCSC's notice of withdrawal is recorded");
  w.clock.set("2027-01-28T09:00:00Z"); // a Thursday
  expect(textOf(await w.as(ANNA, `comms ${PRESS_LINE}`))).toContain("asked of MIVD, Politie, NCSC, OM, NCTV");
  for (const liaison of [DAAN, LOTTE, IRIS, JORIS]) expect(textOf(await press(w, liaison, "CM-1", "Agree"))).toContain("agreed to");
  await press(w, JORIS, "CM-1", "Not the Agenda");
  expect(textOf(await w.as(BRAM, "amend Article 9: the steering group meets at least six times a year."))).toContain("AM-2");
  for (const liaison of [DAAN, LOTTE, JORIS]) await press(w, liaison, "AM-2", "Consent");
  expect((await w.store.rounds.byId(1))!.state).toBe("OPEN");
  expect(await standing(w, 1)).toMatchObject({ "NCSC/party": "PENDING", "NCTV/coordination": "NOT_CONCERNED" });
  expect(await standing(w, 2)).toMatchObject({ "NCSC/party": "PENDING", "OM/party": "PENDING" });
  return w;
}

describe("rounds in progress when a party's withdrawal takes effect (Art 14)", () => {
  it("changes nothing before the date", async () => {
    const w = await roundsWaitingForNcsc();
    w.clock.set("2027-01-30T08:59:00Z");
    expect(await carryOutWithdrawals(w)).toBe(0);
    expect((await w.store.rounds.byId(1))!.state).toBe("OPEN");
    expect(buttons(askMessage(w, NOOR, "CM-1")).map((b) => b.label)).toEqual(["Agree", "Object"]);
  });

  it("no longer waits for the party: a communication the others all agreed to clears, its author is told, and the party's buttons go", async () => {
    const w = await roundsWaitingForNcsc();
    w.clock.set(EFFECTIVE);
    expect(await carryOutWithdrawals(w)).toBe(1);

    expect((await w.store.rounds.byId(1))!.state).toBe("CLEARED");
    expect(await standing(w, 1)).toMatchObject({ "NCSC/party": "WITHDRAWN", "MIVD/party": "AGREED" });
    const told = textOfView(dmsTo(w.store, ANNA).at(-1)!.view);
    expect(told).toContain("Cleared: every party agreed (covenant Art 10), save NCSC, which withdrew from the covenant (Art 14). It may now go out as agreed, in this wording.");
    expect(told).toContain("NCSC: withdrew from the covenant (Art 14), so its agreement is no longer needed");
    const cleared = await entriesWith(w.store, "comms.cleared");
    expect(cleared).toHaveLength(1);
    expect(details(cleared[0]).answers).toContainEqual(expect.objectContaining({ party: "NCSC", role: "party", state: "WITHDRAWN" }));

    // NCSC's questions keep no buttons: its liaison cannot answer any more, and need not.
    for (const ref of ["CM-1", "AM-2"]) {
      const shown = askMessage(w, NOOR, ref);
      expect(buttons(shown), ref).toEqual([]);
      expect(textOfView(shown), ref).toContain("NCSC: withdrew from the covenant (Art 14)");
      expect(textOfView(shown), ref).toContain("No answer is needed any more.");
    }

    // The amendment still needs the OM, the remaining party that has not answered; its author hears so.
    expect((await w.store.rounds.byId(2))!.state).toBe("OPEN");
    expect(await standing(w, 2)).toMatchObject({ "NCSC/party": "WITHDRAWN", "OM/party": "PENDING" });
    expect(dmsTo(w.store, BRAM).map((m) => textOfView(m.view))).toContainEqual(expect.stringContaining(
      "NCSC withdrew from the covenant (Art 14): AM-2 no longer waits for its consent; the covenant stays in force for the others. Still waiting for OM."),
    );
    // The remaining parties are told the withdrawal took effect, and that rounds go on without NCSC.
    expect(textOfView(dmsTo(w.store, DAAN).at(-1)!.view)).toContain("2 communication or amendment rounds in progress no longer wait for NCSC");
    expect((await entriesWith(w.store, "round.party_withdrawn")).map((e) => details(e))).toEqual([
      { round: 1, version: 1, party: "NCSC", role: "party" },
      { round: 2, version: 1, party: "NCSC", role: "party" },
    ]);

    // Once the OM consents, the amendment is adopted by the remaining parties, and announced to them only.
    const sentBefore = dmsTo(w.store, NOOR).length;
    expect(textOf(await press(w, IRIS, "AM-2", "Consent"))).toContain("You agreed to amendment AM-2 for OM.");
    expect((await w.store.rounds.byId(2))!.state).toBe("ADOPTED");
    const adopted = textOfView(dmsTo(w.store, DAAN).at(-1)!.view);
    expect(adopted).toContain("Amendment AM-2 adopted");
    expect(adopted).toContain("NCSC withdrew from the covenant meanwhile (Art 14); the covenant stays in force for the others, whose consent it took.");
    expect(dmsTo(w.store, NOOR)).toHaveLength(sentBefore);
  });

  it("happens once: a second run, or a second instance, changes and sends nothing more", async () => {
    const w = await roundsWaitingForNcsc();
    w.clock.set(EFFECTIVE);
    const [first, second] = await Promise.all([carryOutWithdrawals(w), carryOutWithdrawals(w)]);
    expect(first + second).toBe(1);
    const before = sent(w.store).length;
    w.clock.set("2027-01-30T10:00:00Z");
    expect(await carryOutWithdrawals(w)).toBe(0);
    expect(sent(w.store)).toHaveLength(before);
    expect(await entriesWith(w.store, "comms.cleared")).toHaveLength(1);
    expect(await entriesWith(w.store, "round.party_withdrawn")).toHaveLength(2);
    expect(dmsTo(w.store, ANNA).filter((m) => textOfView(m.view).includes("Cleared"))).toHaveLength(1);
  });

  it("a withdrawn NCTV no longer coordinates: a draft it was coordinating clears with the others' agreement", async () => {
    const w = await world();
    expect(textOf(await w.as(JORIS, "notice reason: the NCTV's task moves"))).toContain("NCTV's notice of withdrawal is recorded");
    w.clock.set("2027-01-28T09:00:00Z");
    expect(textOf(await w.as(ANNA, `comms ${PRESS_LINE}`))).toContain("CM-1");
    await press(w, JORIS, "CM-1", "NCTV coordinates");
    for (const liaison of [DAAN, LOTTE, NOOR, IRIS]) await press(w, liaison, "CM-1", "Agree");
    expect(await standing(w, 1)).toMatchObject({ "NCTV/party": "PENDING", "NCTV/coordination": "COORDINATING" });
    w.clock.set(EFFECTIVE);
    expect(await carryOutWithdrawals(w)).toBe(1);
    expect((await w.store.rounds.byId(1))!.state).toBe("CLEARED");
    expect(await standing(w, 1)).toMatchObject({ "NCTV/party": "WITHDRAWN", "NCTV/coordination": "WITHDRAWN" });
    expect(textOfView(dmsTo(w.store, ANNA).at(-1)!.view)).toContain("NCTV coordinator: the NCTV withdrew from the covenant (Art 14), so it no longer coordinates");
  });

  it("tells a Dutch author in Dutch, beside English members (issue 13)", async () => {
    const w = await roundsWaitingForNcsc(roster.directoryYaml({ language: "en", members: roster.reading("nl", [roster.BRAM], MEMBERS) }));
    w.clock.set(EFFECTIVE);
    expect(await carryOutWithdrawals(w)).toBe(1);
    // The round's status, among the messages the day the withdrawal takes effect.
    const toBram = dmsTo(w.store, BRAM).map((m) => m.view).find((v) => textOfView(v).includes("AM-2 wacht niet meer"))!;
    expect(toBram.language).toBe("nl");
    expect(textOfView(toBram)).toContain("NCSC is uit het convenant getreden (art. 14): AM-2 wacht niet meer op haar instemming; het convenant blijft van kracht voor de andere partijen. Wacht nog op OM.");
    expect(textOfView(toBram)).toContain("NCSC: is uit het convenant getreden (art. 14); haar akkoord is daarom niet meer nodig");
    // NCSC's own question, in English, loses its buttons.
    expect(textOfView(askMessage(w, NOOR, "AM-2"))).toContain("No answer is needed any more.");
    await press(w, IRIS, "AM-2", "Consent");
    const adopted = textOfView(dmsTo(w.store, BRAM).at(-1)!.view);
    expect(adopted).toContain("Wijziging AM-2 aangenomen");
    expect(adopted).toContain("Alle partijen hebben ingestemd met wijziging AM-2, voorgesteld door Bram Bakker (AIVD); de wijziging is aangenomen en vastgelegd (convenant art. 13). Inmiddels uit het convenant getreden (art. 14): NCSC;");
    expect(textOfView(dmsTo(w.store, DAAN).at(-1)!.view)).toContain("NCSC withdrew from the covenant meanwhile (Art 14)");
  });
});
