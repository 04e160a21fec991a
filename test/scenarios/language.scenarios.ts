import { expect } from "vitest";
import type { DriverFactory, ScenarioDriver } from "./driver.js";
import { directoryIn } from "./languages.js";
import { allText, scenario, theMessage } from "./scenario.js";

/** A moment as Dutch readers see it: Amsterdam time, Dutch month, the zone named ("7 dec 2026 10:00 CET"). */
const DUTCH_TIME = /\d{1,2} [a-z]{3}\.? 2026 \d{2}:\d{2} CET/;

/** AIVD and NCSC each supply an indicator and Anna asks to disclose both to the NCSC's operations centre. */
async function twoPartyRequest(d: ScenarioDriver) {
  expect((await d.command("anna", "submit 198.51.100.10 tlp:amber")).text).toContain("I-1");
  expect((await d.command("greta", "submit ncsc-only.example tlp:green")).text).toContain("I-2");
  const request = await d.command("anna", "disclose I-1 I-2 to ncsc-ops purpose waarschuw de sector");
  expect(request.refused).toBe(false);
  await d.settle();
  return request;
}

const question = async (d: ScenarioDriver, liaison: string) => theMessage(await d.messagesTo(liaison), "R-1");

/**
 * The consent round in the members' languages (issue 13): a cell that speaks Dutch, and a member
 * in it who reads English. What each person reads comes in their language; the recipient's
 * channel reads the cell's.
 */
export function languageScenarios(start: DriverFactory): void {
  const dutchCell = directoryIn("nl");
  scenario("walks the whole consent round in Dutch, with Amsterdam times", () => start({ directory: dutchCell }), async (d) => {
    const made = await twoPartyRequest(d);
    expect(made.text).toContain("R-1: toestemming gevraagd");
    expect(made.text).toContain("Gevraagd: AIVD en NCSC");
    expect(made.text).toMatch(DUTCH_TIME);

    const aivd = await question(d, "bram");
    expect(aivd.text).toContain("Toestemming gevraagd: R-1");
    expect(aivd.text).toContain("ten minste TLP:AMBER");
    expect(aivd.text).toContain("Uiterste termijn");
    expect(aivd.text).toMatch(DUTCH_TIME);
    expect(aivd.buttons).toEqual(["Toestemming geven", "Weigeren"]);
    const approved = await d.click("bram", "Toestemming geven", aivd);
    expect(approved.refused).toBe(false);
    expect(approved.text).toContain("U hebt de toestemming van AIVD voor R-1");
    await d.settle();
    expect(allText(await d.messagesTo("anna"))).toContain("Wacht op NCSC.");

    await d.click("lotte", "Toestemming geven", await question(d, "lotte"));
    await d.settle();
    const [release, ...more] = await d.channelMessages("ncsc-ops");
    expect(more).toEqual([]);
    expect(release.text).toContain("verstrekking R-1 van de CIIC");
    expect(release.text).toContain("Verstrekt met uitdrukkelijke toestemming van elke partij");
    expect(release.text).toContain("Doel: waarschuw de sector");
    const toAnna = allText(await d.messagesTo("anna"));
    expect(toAnna).toContain("Verstrekt aan");
    // The question now shows its outcome in Dutch, at an Amsterdam time, and no buttons.
    const settled = await question(d, "bram");
    expect(settled.buttons).toEqual([]);
    expect(settled.text).toContain("toestemming van AIVD gegeven door Bram Jansen op");
    expect(settled.text).toMatch(DUTCH_TIME);
    for (const english of ["Consent asked", "Approve", "Waiting for", "Released to", "disclosure R-1"]) {
      expect(allText([...(await d.messagesTo("anna")), ...(await d.messagesTo("bram")), release])).not.toContain(english);
    }
  });

  const lotteReadsEnglish = directoryIn("nl", { lotte: "en" });
  scenario("speaks English to a member who reads English in a Dutch cell, each copy of an update in its reader's language", () => start({ directory: lotteReadsEnglish }), async (d) => {
    await twoPartyRequest(d);
    const ncsc = await question(d, "lotte");
    expect(ncsc.text).toContain("Consent asked: R-1");
    expect(ncsc.buttons).toEqual(["Approve", "Deny"]);
    expect(ncsc.text).toMatch(/2026-\d{2}-\d{2} \d{2}:\d{2} CET/);
    const aivd = await question(d, "bram");
    expect(aivd.buttons).toEqual(["Toestemming geven", "Weigeren"]);

    expect((await d.click("lotte", "Approve", ncsc)).text).toContain("You approved NCSC's consent to R-1");
    await d.click("bram", "Toestemming geven", aivd);
    await d.settle();
    expect((await question(d, "lotte")).text).toContain("NCSC's consent approved by Lotte Smit");
    expect((await question(d, "bram")).text).toContain("toestemming van AIVD gegeven door Bram Jansen");
    // The recipient's channel reads the cell's language.
    expect(allText(await d.channelMessages("ncsc-ops"))).toContain("verstrekking R-1 van de CIIC");
  });
}
