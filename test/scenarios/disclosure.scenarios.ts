import { expect } from "vitest";
import type { DriverFactory, ScenarioDriver } from "./driver.js";
import { allText, scenario, theMessage } from "./scenario.js";

/** AIVD and NCSC each supply an indicator; Anna writes an analysis on both and asks to disclose it. */
async function twoPartyRequest(d: ScenarioDriver) {
  expect((await d.command("anna", "submit 198.51.100.10 tlp:amber")).text).toContain("I-1");
  expect((await d.command("greta", "submit ncsc-only.example tlp:green")).text).toContain("I-2");
  const analysis = await d.command("anna", 'analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.');
  expect(analysis.text).toContain("A-1");
  const request = await d.command("anna", 'disclose A-1 to ncsc-ops purpose warn the sector conditions:"not to be passed on"');
  expect(request.refused).toBe(false);
  expect(request.text).toContain("R-1");
  await d.settle();
}

/** A liaison's consent question about R-1, as it shows in their direct messages now. */
const question = async (d: ScenarioDriver, liaison: string) => theMessage(await d.messagesTo(liaison), "R-1");

/** Consent-gated disclosure (Art 7.2), as the people involved see it. */
export function disclosureScenarios(start: DriverFactory): void {
  scenario("runs a disclosure round: each liaison sees only their party's data, both approve, the recipient gets the release", start, async (d) => {
    await twoPartyRequest(d);
    const aivd = await question(d, "bram");
    const ncsc = await question(d, "lotte");
    expect(aivd.buttons).toEqual(["Approve", "Deny"]);
    expect(ncsc.buttons).toEqual(["Approve", "Deny"]);
    expect(aivd.text).toContain("198.51.100.10");
    expect(aivd.text).not.toContain("ncsc-only.example");
    expect(aivd.text).toContain("at least TLP:AMBER");
    expect(ncsc.text).toContain("ncsc-only.example");
    expect(ncsc.text).not.toContain("198.51.100.10");
    // NCSC's own item is GREEN: its liaison must not learn of AIVD's AMBER, nor read the analysis.
    expect(ncsc.text).toContain("at least TLP:GREEN");
    expect(ncsc.text).not.toContain("Both point at one actor");
    expect(ncsc.text).toContain("Anna de Vries");
    expect(await d.messagesTo("daan")).toEqual([]);

    const approved = await d.click("bram", "Approve", aivd);
    expect(approved.refused).toBe(false);
    expect(approved.text).toMatch(/approved/i);
    await d.settle();
    expect(await d.channelMessages("ncsc-ops")).toEqual([]);
    await d.click("lotte", "Approve", ncsc);
    await d.settle();

    const [release, ...more] = await d.channelMessages("ncsc-ops");
    expect(more).toEqual([]);
    expect(release.text).toContain("TLP:AMBER");
    expect(release.text).toContain("not to be passed on");
    expect(release.text).toContain("198.51.100.10");
    expect(release.text).toContain("ncsc-only.example");
    expect(release.text).toContain("Both point at one actor");
    // The questions now show their outcome, without buttons; the requester hears of the release.
    for (const [liaison, outcome] of [["bram", "AIVD's consent approved by Bram Jansen"], ["lotte", "NCSC's consent approved by Lotte Smit"]]) {
      const now = await question(d, liaison);
      expect(now.buttons).toEqual([]);
      expect(now.text).toContain(outcome);
    }
    expect(allText(await d.messagesTo("anna"))).toContain("Released to NCSC operations centre");
  });

  scenario("blocks a request on a denial with a reason, and tells the requester which party and why", start, async (d) => {
    await twoPartyRequest(d);
    const asked = await d.click("lotte", "Deny", await question(d, "lotte"));
    expect(asked.form?.fields).toEqual(["reason"]);
    const denied = await d.submitForm("lotte", { reason: "source must stay protected" });
    expect(denied.refused).toBe(false);
    expect(denied.text).toContain("You denied NCSC's consent to R-1");
    await d.settle();
    const toAnna = allText(await d.messagesTo("anna"));
    expect(toAnna).toContain("NCSC");
    expect(toAnna).toContain("source must stay protected");
    expect(toAnna).toContain("narrower request");
    // AIVD's open question is closed without a reason, and without naming the other party (Art 7.2).
    const aivd = await question(d, "bram");
    expect(aivd.buttons).toEqual([]);
    expect(aivd.text).toContain("no decision of yours is needed");
    expect(aivd.text).not.toContain("protected");
    expect(await d.channelMessages("ncsc-ops")).toEqual([]);
  });

  scenario("decides once on a double click on Approve, and releases once", start, async (d) => {
    expect((await d.command("anna", "submit 198.51.100.20")).text).toContain("I-1");
    expect((await d.command("anna", "disclose 198.51.100.20 to ncsc-ops purpose block at the border")).text).toContain("R-1");
    await d.settle();
    const asked = await question(d, "bram");
    const answers = await Promise.all([d.click("bram", "Approve", asked), d.click("bram", "Approve", asked)]);
    // The second click gets the first answer again, or is told the question was decided already.
    for (const answer of answers) expect(answer.text).toMatch(/You approved AIVD's consent to R-1|Already decided/);
    expect(answers.filter((a) => a.text.includes("You approved")).length).toBeGreaterThanOrEqual(1);
    await d.settle();
    expect(await d.channelMessages("ncsc-ops")).toHaveLength(1);
    expect((await d.messagesTo("anna")).filter((m) => m.text.includes("Released to"))).toHaveLength(1);
    expect((await question(d, "bram")).text).toContain("AIVD's consent approved by Bram Jansen");
  });

  scenario("tells the recipient of a released item's correction, without the corrected value", start, async (d) => {
    expect((await d.command("anna", "submit 198.51.100.30")).text).toContain("I-1");
    expect((await d.command("anna", "disclose 198.51.100.30 to ncsc-ops purpose block at the border")).text).toContain("R-1");
    await d.settle();
    await d.click("bram", "Approve", await question(d, "bram"));
    await d.settle();
    expect(await d.channelMessages("ncsc-ops")).toHaveLength(1);
    const corrected = await d.command("anna", "correct I-1 value:198.51.100.31");
    expect(corrected.refused).toBe(false);
    expect(corrected.text).toContain("R-1");
    await d.settle();
    const [, notice, ...more] = await d.channelMessages("ncsc-ops");
    expect(more).toEqual([]);
    expect(notice.text).toContain("correction notice for disclosure R-1");
    expect(notice.text).toContain("198.51.100.30");
    expect(notice.text).not.toContain("198.51.100.31");
  });
}
