import { describe, expect, it } from "vitest";
import { readClick } from "../../src/core/commands/form-command.js";
import { coreWorlds, sent } from "../support/core-world.js";
import * as roster from "../support/roster.js";
import { refusalCode, textOf, textOfView } from "../support/reply-text.js";

/**
 * Analyses (Art 6.1), the forms behind `/ciic analysis`, `/ciic disclose` and Deny, and the
 * correction notice an earlier recipient gets (Wiv 2017), each in its reader's language (issue 13):
 * a member's own, else the directory's; a recipient's channel its recipient's.
 */
const DIRECTORY = roster.directoryYaml({
  recipients: [
    { id: "water-oost", name: "Waterbedrijf Oost", kind: "external", party: "NCSC", slack: "C0WATER01", language: "nl" },
    { id: "ncsc-ops", name: "NCSC operations centre", kind: "party", party: "NCSC", slack: "C0NCSCOPS" },
  ],
  language: "en",
  // Anna and Bram read Dutch; Greta and Noor the directory's English.
  members: [{ ...roster.ANNA, language: "nl" }, { ...roster.BRAM, language: "nl" }, roster.GRETA, roster.NOOR],
});
const { ANNA, BRAM, GRETA, NOOR } = roster.SLACK;

const worlds = coreWorlds();
const formOf = (reply: Awaited<ReturnType<Awaited<ReturnType<typeof worlds>>["as"]>>) => {
  if (reply.kind !== "form") throw new Error(`expected a form, got ${reply.kind}`);
  return reply.form;
};

describe("analyses, their forms and correction notices in Dutch and in English (issue 13)", () => {
  it("hands out the forms in the member's language, and the Deny form in the clicker's", async () => {
    const w = await worlds(DIRECTORY, "2026-11-30T09:00:00Z");
    const dutch = formOf(await w.as(ANNA, "analysis"));
    expect([dutch.title, dutch.submitLabel, ...dutch.fields.map((f) => f.label)]).toEqual([
      "Analyse schrijven",
      "Vastleggen",
      "Titel",
      "Gegevens waarop de analyse steunt (id's zoals I-42, of waarden)",
      "Analyse",
    ]);
    expect(formOf(await w.as(GRETA, "analysis")).title).toBe("Write an analysis");
    const disclose = formOf(await w.as(ANNA, "disclose"));
    expect(disclose.title).toBe("Verstrekking aanvragen");
    expect(disclose.fields.map((f) => f.label)).toContain("Uiterste termijn (JJJJ-MM-DD; leeg: de standaardtermijn)");
    expect(formOf(await w.as(GRETA, "disclose")).submitLabel).toBe("Ask consent");

    // The reason form a Deny click opens, in the clicker's language.
    const denyForm = async (user: string) => {
      const click = await readClick("consent.deny", "1", () => w.service.textsFor("slack", user));
      if (click.kind !== "form") throw new Error(`a Deny click read as ${click.kind}`);
      return click.form;
    };
    expect(await denyForm(BRAM)).toMatchObject({ title: "Toestemming weigeren", submitLabel: "Weigeren", metadata: "1" });
    expect((await denyForm(NOOR)).fields[0].label).toBe("Why does your party deny? The requester sees this reason.");
    // A stranger reads the directory's language.
    expect((await denyForm(roster.STRANGER)).title).toBe("Deny consent");
    // A Deny button whose value is no question's id opens nothing.
    expect(await readClick("consent.deny", "x1", () => w.service.textsFor("slack", BRAM))).toEqual({ kind: "unreadable" });
  });

  it("records an analysis and refuses a bad one in the analyst's language", async () => {
    const w = await worlds(DIRECTORY, "2026-11-30T09:00:00Z");
    await w.as(ANNA, "submit 198.51.100.7");
    const refused = await w.as(ANNA, 'analysis title:"Phishinggolf" text: zonder gegevens');
    expect(refusalCode(refused)).toBe("analysis.invalid");
    expect(textOf(refused)).toContain("Er is geen analyse vastgelegd: noem de gegevens waarop de analyse steunt, met hun id (I-42) of waarde.");
    const recorded = textOf(await w.as(ANNA, 'analysis title:"Phishinggolf" I-1 text: de golf komt uit een bekend netwerk'));
    expect(recorded).toContain("A-1 vastgelegd; de analyse steunt op gegevens van AIVD.");
    expect(recorded).toContain("Steunt op 1 gegeven van AIVD. Voor verstrekking van de analyse is de toestemming van elk van deze partijen nodig (art. 7.2).");
    expect(recorded).toContain("Om de analyse te verstrekken: /ciic disclose A-1 to <ontvanger> purpose <waarom>");
    expect(textOf(await w.as(GRETA, 'analysis title:"Wave" I-1 text: seen before'))).toContain("Builds on 1 item from AIVD.");
  });

  it("writes a correction notice in each earlier recipient's language, with Amsterdam time", async () => {
    const w = await worlds(DIRECTORY, "2026-11-30T09:00:00Z");
    await w.as(ANNA, "submit 198.51.100.7");
    expect(textOf(await w.as(ANNA, "disclose I-1 to water-oost purpose waarschuw het waterbedrijf"))).toContain("R-1");
    expect(textOf(await w.as(ANNA, "disclose I-1 to ncsc-ops purpose warn the operations centre"))).toContain("R-2");
    for (const askId of [1, 2]) await w.run(BRAM, { name: "decide", askId, choice: { decision: "approve" } }, "[button] approve");
    await w.as(ANNA, "correct I-1 tlp:red");
    const notices = sent(w.store).filter((m) => m.topic?.startsWith("correction:"));
    const dutch = notices.find((m) => m.target === "channel:C0WATER01")!.view;
    expect(dutch.language).toBe("nl");
    expect(dutch.summary).toBe("Correctiebericht bij verstrekking R-1: ipv4 198.51.100.7 is gecorrigeerd door de partij die het heeft geleverd.");
    expect(textOfView(dutch)).toContain("TLP:AMBER — correctiebericht bij verstrekking R-1 van de CIIC");
    expect(textOfView(dutch)).toContain("De partij die 198.51.100.7 (ipv4) heeft geleverd, dat u in verstrekking R-1 hebt ontvangen, heeft het op 30 nov 2026 10:00 CET gecorrigeerd.");
    expect(textOfView(dutch)).toContain("NCSC: geef dit bericht door aan Waterbedrijf Oost, zoals u ook de verstrekking hebt doorgegeven.");
    const english = notices.find((m) => m.target === "channel:C0NCSCOPS")!.view;
    expect(english.summary).toBe("Correction notice for disclosure R-2: ipv4 198.51.100.7 was corrected by the party that supplied it.");
    expect(textOfView(english)).toContain("which you received in disclosure R-2, corrected it on 2026-11-30 10:00 CET.");
  });
});
