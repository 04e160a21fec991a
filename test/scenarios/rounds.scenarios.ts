import { expect } from "vitest";
import type { DriverFactory, ScenarioDriver } from "./driver.js";
import { allText, scenario, theMessage } from "./scenario.js";

const PRESS_LINE = "The CIIC partners confirm that they jointly assessed the phishing wave against water utilities.";
/** The liaisons of every party but the AIVD, whose analyst drafts (and so agrees for it). */
const OTHER_PARTIES = ["daan", "pieter", "lotte", "iris", "joris"];

/** Anna drafts a communication; every other party's liaison is asked, the NCTV's coordinator too. */
async function draft(d: ScenarioDriver) {
  const made = await d.command("anna", `comms ${PRESS_LINE}`);
  expect(made.refused).toBe(false);
  expect(made.text).toContain("CM-1: agreement asked");
  await d.settle();
}

/** A liaison's open question for their party (the NCTV coordinator's is a separate one). */
const partyQuestion = async (d: ScenarioDriver, liaison: string) => theMessage(await d.messagesTo(liaison), "as a party");

/** Agreement rounds on communication to third parties (Art 10), and consultation of the OM (Art 4.5). */
export function roundScenarios(start: DriverFactory): void {
  scenario("clears a communication once every party agreed and the NCTV said it is not the Agenda", start, async (d) => {
    await draft(d);
    expect(await d.messagesTo("bram")).toEqual([]);
    const coordination = theMessage(await d.messagesTo("joris"), "NCTV coordination");
    expect(coordination.buttons).toEqual(["NCTV coordinates", "Not the Agenda"]);
    expect((await d.click("joris", "Not the Agenda", coordination)).refused).toBe(false);
    for (const liaison of OTHER_PARTIES) {
      const asked = await partyQuestion(d, liaison);
      expect(asked.text).toContain(PRESS_LINE);
      expect(asked.buttons).toEqual(["Agree", "Object"]);
      const agreed = await d.click(liaison, "Agree", asked);
      expect(agreed.refused, agreed.text).toBe(false);
    }
    await d.settle();
    expect(allText(await d.messagesTo("anna"))).toContain("Cleared: every party agreed (covenant Art 10)");
    for (const liaison of OTHER_PARTIES) for (const message of await d.messagesTo(liaison)) expect(message.buttons).toEqual([]);
  });

  scenario("takes a draft through the form, asks why a party objects, blocks it, and tells the author the reason", start, async (d) => {
    expect((await d.openForm("anna", "comms")).fields).toEqual(["text"]);
    const made = await d.submitForm("anna", { text: PRESS_LINE });
    expect(made.refused, made.text).toBe(false);
    expect(made.text).toContain("CM-1: agreement asked");
    await d.settle();
    const asked = await d.click("lotte", "Object", await partyQuestion(d, "lotte"));
    expect(asked.form?.fields).toEqual(["note"]);
    const objected = await d.submitForm("lotte", { note: "do not name the sector" });
    expect(objected.refused, objected.text).toBe(false);
    await d.settle();
    expect(allText(await d.messagesTo("anna"))).toContain("Blocked: NCSC (“do not name the sector”) did not agree");
    const other = theMessage(await d.messagesTo("daan"), "CM-1");
    expect(other.buttons).toEqual([]);
    expect(other.text).toContain("no answer of yours is needed any more");
    expect(other.text).not.toContain("do not name the sector");
  });

  scenario("consults the OM with the question only, carries the answer back, and closes once", start, async (d) => {
    expect((await d.command("anna", "submit 198.51.100.20")).text).toContain("I-1");
    const opened = await d.command("anna", "consult I-1 question: may we warn the owner before a seizure?");
    expect(opened.refused).toBe(false);
    expect(opened.text).toContain("C-1");
    await d.settle();
    const ping = theMessage(await d.messagesTo("iris"), "may we warn the owner before a seizure?");
    expect(ping.text).toContain("Anna de Vries");
    // The OM is no party to the cell's records: the ping carries no item or value (Art 7.2).
    expect(ping.text).not.toContain("198.51.100.20");
    expect(ping.text).not.toContain("I-1");
    expect((await d.command("iris", "consult C-1 answer: Yes, once the officer of justice is told.")).text).toContain("Added to C-1");
    await d.settle();
    expect(allText(await d.messagesTo("anna"))).toContain("Yes, once the officer of justice is told.");
    expect((await d.command("iris", "consult C-1 close")).text).toContain("C-1 is closed");
    const again = await d.command("anna", "consult C-1 close");
    expect(again.text).toContain("already closed");
    await d.settle();
    expect(allText(await d.messagesTo("anna"))).toContain("Consultation C-1 was closed by Iris de Graaf");
  });
}
