import { describe, expect, it } from "vitest";
import { runDeadlines } from "../../src/core/deadlines/run-deadlines.js";
import type { MessageView } from "../../src/core/views/message.js";
import { coreWorlds, dmsTo, type CoreWorld } from "../support/core-world.js";
import type { TestStore } from "../support/test-store.js";
import { entriesWith, refusalCode, textOf, textOfView } from "../support/reply-text.js";
import { ANNA, ART72_DIRECTORY as DIRECTORY, BRAM, DAAN, GRETA, HUGO, IRIS, LOTTE, MAARTEN } from "../support/art72-cell.js";

/**
 * Covenant Art 7.2 for the text people write: nothing a party supplied reaches anyone the
 * covenant does not allow, also not inside a purpose, a condition, a title, an analysis, a
 * draft, a note, a question or a reason. The cases found when the cell was tried as an attacker
 * would: AIVD supplied aivd-secret.example and https://aivd-url.example/login, MIVD
 * mivd-only.example and 203.0.113.9, NCSC ncsc-only.example.
 */
const worlds = coreWorlds();

/** The cell as the attacker found it: each party's own values on record (I-1 … I-5). */
async function cell(): Promise<CoreWorld> {
  const w = await worlds(DIRECTORY, "2026-12-01T09:00:00Z");
  expect(textOf(await w.as(ANNA, "submit aivd-secret.example https://aivd-url.example/login"))).toContain("Stored 2");
  expect(textOf(await w.as(MAARTEN, "submit mivd-only.example 203.0.113.9"))).toContain("Stored 2");
  expect(textOf(await w.as(GRETA, "submit ncsc-only.example"))).toContain("Stored 1");
  return w;
}

const outbox = (store: TestStore) => store.tables().outbox.map((r) => ({ target: r.target, kind: r.kind, text: r.payload }));
/** Everything the bot has queued to send anyone, as text. */
const everythingSent = (store: TestStore) => outbox(store).map((m) => m.text).join("\n");
const approve = (w: CoreWorld, userId: string, askId: number) => w.run(userId, { name: "decide", askId, choice: { decision: "approve" } }, "[button] approve");
const deny = (w: CoreWorld, userId: string, askId: number, reason: string) => w.run(userId, { name: "decide", askId, choice: { decision: "deny", reason } }, "[button] deny");
const askOf = (w: CoreWorld, requestId: number, party: string) => w.store.tables().asks.find((a) => a.requestId === requestId && a.party === party)!.id;

describe("a disclosure's purpose and conditions (read by every asked liaison, then the recipient)", () => {
  it("refuses the purpose and conditions that carry other parties' values, and asks nobody", async () => {
    const w = await cell();
    const before = w.store.tables().outbox.length;
    const reply = await w.as(GRETA, 'disclose ncsc-only.example to water-oost purpose block it; same actor as mivd-only.example conditions:"also watch aivd-secret.example"');
    expect(refusalCode(reply)).toBe("disclosure.invalid");
    const text = textOf(reply);
    expect(text).toContain("mivd-only.example (data of MIVD) is named in the purpose");
    expect(text).toContain("aivd-secret.example (data of AIVD) is named in the conditions");
    expect(w.store.tables().requests).toEqual([]);
    expect(w.store.tables().outbox.length).toBe(before);
    expect(await entriesWith(w.store, "disclosure.refused")).toHaveLength(1);
  });

  it("refuses every way of writing them: defanged, a subdomain, a URL without its scheme, a port, look-alike letters, an item id", async () => {
    const w = await cell();
    for (const purpose of [
      "block mivd-only[.]example",
      "block c2.mivd-only.example too",
      "see aivd-url.example/login/step2",
      "see https://aivd-url.example//login",
      "see aivd-url.example///login//",
      "block 203.0.113.9:443",
      "block mіvd-only.еxample", // Cyrillic і and е
      "block mivd\u2011only\u200b.example",
      "block <http://mivd-only.example|mivd-only.example>",
      "block [mivd-only.example](https://mivd-only.example)",
      "as in I\u20113",
      "block MIVD-ONLY.EXAMPLE's panel",
    ]) {
      const reply = await w.as(GRETA, `disclose ncsc-only.example to water-oost purpose ${purpose}`);
      expect(refusalCode(reply), purpose).toBe("disclosure.invalid");
      expect(textOf(reply), purpose).toMatch(/data of (AIVD|MIVD)\) is named in the purpose/);
    }
    expect(w.store.tables().requests).toEqual([]);
  });

  it("lets the purpose name the asked party's own value: its liaison reads it and consents to it", async () => {
    const w = await cell();
    const reply = await w.as(GRETA, "disclose ncsc-only.example to water-oost purpose block ncsc-only.example at the border");
    expect(textOf(reply)).toContain("R-1 made");
    expect(textOfView(dmsTo(w.store, LOTTE)[0].view)).toContain("block ncsc-only.example at the border");
  });
});

describe("an analysis (its text reaches the recipient; its title every asked liaison)", () => {
  const forms = [
    "mivd-only.example's C2",
    "mivd-only.example/panel",
    "aivd-url.example/login",
    "203.0.113.9:443",
    "mivd-only.example\u2014and",
    "I\u20113",
    "hxxps://mivd-only[.]example/x",
    "ops@mivd-only.example",
    "\uff2d\uff29\uff36\uff24-only\uff0eexample",
  ];

  it.each(forms)("refuses a text that names another party's value as %j, until that value is cited", async (form) => {
    const w = await cell();
    const reply = await w.as(ANNA, `analysis title:"Wave" ncsc-only.example text: The kit talks to ${form} every hour.`);
    expect(refusalCode(reply)).toBe("analysis.invalid");
    expect(textOf(reply)).toMatch(/\(data of (AIVD|MIVD)\) is named in the text, which the recipient of any disclosure of it will read and may not see: cite it/);
    expect(w.store.tables().analyses).toEqual([]);
  });

  it("takes the text once the value is cited, and then asks its party too", async () => {
    const w = await cell();
    expect(textOf(await w.as(ANNA, 'analysis title:"Wave" ncsc-only.example mivd-only.example text: The kit talks to mivd-only.example\'s C2.'))).toContain("A-1 recorded");
    expect(textOf(await w.as(ANNA, "disclose A-1 to water-oost purpose warn the utility"))).toContain("consent asked of MIVD and NCSC");
  });

  it("refuses a title that names a value one of the asked liaisons may not see, and shows a clean title to each", async () => {
    const w = await cell();
    const leaking = await w.as(ANNA, 'analysis title:"Campaign around aivd-secret.example" aivd-secret.example ncsc-only.example text: One actor.');
    expect(textOf(leaking)).toContain("aivd-secret.example (data of AIVD) is named in the title");
    // A title fit for NCSC alone becomes unfit once AIVD's liaison is asked too.
    expect(textOf(await w.as(ANNA, 'analysis title:"Campaign around ncsc-only.example" ncsc-only.example text: One actor.'))).toContain("A-1 recorded");
    const widened = await w.as(ANNA, "disclose A-1 aivd-secret.example to water-oost purpose warn the utility");
    expect(textOf(widened)).toContain("ncsc-only.example (data of NCSC) is named in the title of A-1");
    expect(textOf(await w.as(ANNA, "disclose A-1 to water-oost purpose warn the utility"))).toContain("R-1 made");
    const asked = textOfView(dmsTo(w.store, LOTTE)[0].view);
    expect(asked).toContain("Campaign around ncsc-only.example");
    for (const other of ["aivd", "mivd"]) expect(asked).not.toContain(other);
  });

  it("refuses a value split over the title and the text, or over a purpose and its conditions, and takes each half that names nothing", async () => {
    const w = await cell();
    const split = await w.as(ANNA, 'analysis title:"Campaign around mivd-only" ncsc-only.example text: .example seen in our logs.');
    expect(refusalCode(split)).toBe("analysis.invalid");
    expect(textOf(split)).toContain("mivd-only.example (data of MIVD) is named in the title and the text");
    expect(w.store.tables().analyses).toEqual([]);
    const overTerms = await w.as(GRETA, 'disclose ncsc-only.example to water-oost purpose block mivd-only conditions:".example too"');
    expect(textOf(overTerms)).toContain("mivd-only.example (data of MIVD) is named in the purpose and the conditions");
    expect(w.store.tables().requests).toEqual([]);
    // Words that name nothing together pass, and a value cited in the text stays allowed there.
    expect(textOf(await w.as(ANNA, 'analysis title:"Campaign around mivd" ncsc-only.example mivd-only.example text: mivd-only.example seen.'))).toContain("A-1 recorded");
  });

  it("does not release an analysis whose text names a value a party not asked supplied after the request was made", async () => {
    const w = await cell();
    expect(textOf(await w.as(GRETA, 'analysis title:"Wave" ncsc-only.example text: The kit also talks to later.example.'))).toContain("A-1 recorded");
    expect(textOf(await w.as(GRETA, "disclose A-1 to water-oost purpose warn the utility"))).toContain("R-1 made");
    expect(textOf(await w.as(MAARTEN, "submit later.example"))).toContain("Stored 1");
    await approve(w, LOTTE, askOf(w, 1, "NCSC"));
    expect(w.store.tables().requests[0].state).toBe("DENIED");
    expect(outbox(w.store).filter((m) => m.target === "channel:C0WATER01")).toEqual([]);
    expect(textOfView(dmsTo(w.store, GRETA).at(-1)!.view)).toContain("later.example (data of MIVD)");
    const [blocked] = await entriesWith(w.store, "disclosure.blocked");
    expect(JSON.parse(blocked.readable)).toMatchObject({ texts: [{ text: "the text of A-1", names: ["later.example"] }] });
  });

  it("does not release an analysis whose title and text name together a value supplied after the request was made", async () => {
    const w = await cell();
    expect(textOf(await w.as(GRETA, 'analysis title:"Wave around later-host" ncsc-only.example text: .example seen too.'))).toContain("A-1 recorded");
    expect(textOf(await w.as(GRETA, "disclose A-1 to water-oost purpose warn the utility"))).toContain("R-1 made");
    expect(textOf(await w.as(MAARTEN, "submit later-host.example"))).toContain("Stored 1");
    await approve(w, LOTTE, askOf(w, 1, "NCSC"));
    expect(w.store.tables().requests[0].state).toBe("DENIED");
    expect(outbox(w.store).filter((m) => m.target === "channel:C0WATER01")).toEqual([]);
    const [blocked] = await entriesWith(w.store, "disclosure.blocked");
    expect(JSON.parse(blocked.readable)).toMatchObject({ texts: [{ text: "the title of A-1", names: ["later-host.example"] }, { text: "the text of A-1", names: ["later-host.example"] }] });
  });
});

describe("requests and analyses named by their id", () => {
  it("counts what a request or an analysis holds as named: each of its parties must be allowed", async () => {
    const w = await cell();
    expect(textOf(await w.as(ANNA, 'analysis title:"Two parties" aivd-secret.example mivd-only.example text: One actor.'))).toContain("A-1 recorded");
    expect(textOf(await w.as(GRETA, "disclose ncsc-only.example to water-oost purpose block it; see A-1"))).toContain("A-1 (data of AIVD, MIVD) is named in the purpose");
    expect(textOf(await w.as(ANNA, "disclose aivd-secret.example to water-oost purpose warn the utility"))).toContain("R-1 made");
    const draft = await w.as(LOTTE, "comms As agreed in R\u20111, the sector was warned.");
    expect(refusalCode(draft)).toBe("comms.invalid");
    expect(textOf(draft)).toContain("the draft cannot name R-1");
  });

  it("refuses a liaison's request and analysis ids alike, whoever's data they hold, so that a refusal tells nothing of it", async () => {
    const w = await cell();
    expect(textOf(await w.as(GRETA, "disclose ncsc-only.example to water-oost purpose block it at the border"))).toContain("R-1 made");
    expect(textOf(await w.as(ANNA, "disclose aivd-secret.example ncsc-only.example to water-oost purpose warn the utility"))).toContain("R-2 made");
    // R-1 holds only NCSC's data, R-2 AIVD's too: the NCSC liaison, shown both, is answered alike,
    // and so for a request that does not exist.
    const answers = [];
    for (const id of ["R-1", "R-2", "R-99"]) {
      const reply = await w.as(LOTTE, `comms As agreed in ${id}, the sector was warned.`);
      expect(refusalCode(reply), id).toBe("comms.invalid");
      answers.push(textOf(reply).replaceAll(id, "R-n"));
    }
    expect(new Set(answers).size, answers.join("\n")).toBe(1);
    // Cell staff name them where their readers may see what they hold, as before.
    expect(textOf(await w.as(GRETA, "comms As agreed in R-1, the sector was warned."))).not.toContain("cannot name R-1");
  });
});

describe("consultations of the OM, drafts, notices and notes", () => {
  it("refuses a question to the OM that names another party's value, and an OM answer that does, without naming that party to the OM", async () => {
    const w = await cell();
    expect(refusalCode(await w.as(ANNA, "consult question: do you know who runs mivd-only.example's panel?"))).toBe("consultation.invalid");
    expect(textOf(await w.as(ANNA, "consult question: may we warn the owner before a seizure?"))).toContain("C-1 is open");
    const answer = await w.as(IRIS, "consult C-1 answer: yes, and 203.0.113.9:443 is known to us");
    expect(refusalCode(answer)).toBe("consultation.invalid");
    expect(textOf(answer)).toContain("203.0.113.9 cannot be in the text");
    expect(textOf(answer)).not.toContain("MIVD");
    expect(everythingSent(w.store)).not.toContain("203.0.113.9");
  });

  it("refuses a communication draft by an analyst that names any party's data, and a liaison's notice naming another party's value", async () => {
    const w = await cell();
    const draft = await w.as(ANNA, "comms The parties warned the sector about aivd-url.example/login today.");
    expect(refusalCode(draft)).toBe("comms.invalid");
    expect(textOf(draft)).toContain("https://aivd-url.example/login (data of AIVD) is named in the draft");
    const notice = await w.as(LOTTE, "notice reason: the work on mivd-only.example moves to another service");
    expect(refusalCode(notice)).toBe("covenant.reason_names_data");
    expect(textOf(notice)).not.toContain("MIVD");
    expect(everythingSent(w.store)).not.toMatch(/aivd-url|mivd-only/);
  });

  it("refuses a steering meeting note that names data on record: the steering group sees none", async () => {
    const w = await cell();
    expect(refusalCode(await w.as(HUGO, "meeting 2026-11-30 discussed the mivd-only[.]example case"))).toBe("meeting.note_names_data");
    expect(textOf(await w.as(HUGO, "meeting 2026-11-30 quarterly meeting"))).toContain("Recorded");
  });
});

describe("an item's note, source reference and legal basis (read by its own party's members in an export)", () => {
  it("refuses labels that carry another party's value, and takes the party's own and the values supplied with them", async () => {
    const w = await cell();
    const leaking = await w.as(GRETA, 'submit ncsc-two.example src:"case of mivd-only.example" note: same kit as aivd-url.example/login');
    expect(refusalCode(leaking)).toBe("submission.invalid");
    expect(textOf(leaking)).toContain("mivd-only.example (data of MIVD) is named in the source reference");
    expect(textOf(leaking)).toContain("https://aivd-url.example/login (data of AIVD) is named in the note");
    expect(refusalCode(await w.as(GRETA, "correct I-5 note: seen with 203.0.113.9"))).toBe("correction.invalid");
    expect(textOf(await w.as(GRETA, "submit ncsc-two.example note: ncsc-two.example and ncsc-only.example share a host"))).toContain("Stored 1");
  });
});

describe("the steering group's report withholds every value a denial's reason names", () => {
  it("in the message and in the CSV, however it was written", async () => {
    const w = await cell();
    expect(textOf(await w.as(GRETA, "disclose ncsc-only.example to water-oost purpose warn the utility"))).toContain("R-1 made");
    await deny(w, LOTTE, askOf(w, 1, "NCSC"), "evil.example's panel, aivd-secret.example/login and <http://x.example|x.example> are still under investigation (I-3)");
    await runDeadlines({ store: w.store, clock: w.clock });
    const report = await w.as(HUGO, "report 2026-12");
    const shown = textOf(report);
    expect(shown).toContain("[indicator withheld]'s panel");
    expect(shown).toContain("are still under investigation");
    const file = w.store
      .tables()
      .outbox.filter((m) => m.kind === "file" && m.target === `user:${HUGO}`)
      .map((m) => JSON.parse(m.payload) as { fileName: string; content: string; view: MessageView })
      .find((f) => f.fileName.endsWith(".csv"))!;
    for (const text of [shown, file.content]) {
      for (const value of ["evil.example", "aivd-secret", "x.example", "I-3"]) expect(text).not.toContain(value);
    }
  });
});

describe("a liaison does not learn from a refusal whose data it is", () => {
  it("answers a liaison's deny reason and round note the same whether or not another party holds the value", async () => {
    const w = await cell();
    expect(textOf(await w.as(GRETA, "disclose ncsc-only.example to water-oost purpose warn the utility"))).toContain("R-1 made");
    // The denial reason reaches only the requester, who is cell staff (Art 6.1): it may name anything.
    expect(textOf(await deny(w, LOTTE, askOf(w, 1, "NCSC"), "mivd-only.example is part of the same case"))).toContain("You denied");
    expect(dmsTo(w.store, DAAN)).toEqual([]);
    expect(dmsTo(w.store, BRAM)).toEqual([]);
  });
});

describe("a refusal names the text in its reader's language", () => {
  const dutchCell = async () => {
    const w = await worlds(DIRECTORY.replace("language: en", "language: nl"), "2026-12-01T09:00:00Z");
    expect(textOf(await w.as(ANNA, "submit aivd-secret.example"))).toContain("Opgeslagen 1");
    expect(textOf(await w.as(MAARTEN, "submit mivd-only.example"))).toContain("Opgeslagen 1");
    expect(textOf(await w.as(GRETA, "submit ncsc-only.example"))).toContain("Opgeslagen 1");
    return w;
  };

  it("names the purpose and the conditions in Dutch to a Dutch analyst", async () => {
    const w = await dutchCell();
    const text = textOf(await w.as(GRETA, 'disclose ncsc-only.example to water-oost purpose block it; same actor as mivd-only.example conditions:"also watch aivd-secret.example"'));
    expect(text).toContain("mivd-only.example (gegevens van MIVD) wordt genoemd in het doel");
    expect(text).toContain("aivd-secret.example (gegevens van AIVD) wordt genoemd in de voorwaarden");
    expect(text).not.toMatch(/the purpose|the conditions/);
  });

  it("tells a Dutch requester which text of the analysis stopped a release, in Dutch", async () => {
    const w = await dutchCell();
    expect(textOf(await w.as(GRETA, 'analysis title:"Golf" ncsc-only.example text: The kit also talks to later.example.'))).toContain("A-1");
    expect(textOf(await w.as(GRETA, "disclose A-1 to water-oost purpose warn the utility"))).toContain("R-1");
    expect(textOf(await w.as(MAARTEN, "submit later.example"))).toContain("Opgeslagen 1");
    await approve(w, LOTTE, askOf(w, 1, "NCSC"));
    expect(textOfView(dmsTo(w.store, GRETA).at(-1)!.view)).toContain("de tekst van A-1 noemt later.example (gegevens van MIVD)");
    // The audit log names it as it always has.
    const [blocked] = await entriesWith(w.store, "disclosure.blocked");
    expect(JSON.parse(blocked.readable)).toMatchObject({ texts: [{ text: "the text of A-1", names: ["later.example"] }] });
  });
});

describe("a submission's labels (read by the party's own members and cell staff)", () => {
  it("answers a submission that stores nothing the same, whatever its note names: no way to ask whether a value is on record", async () => {
    const w = await cell();
    // A liaison may submit, and may not compare across parties: mivd-only.example is MIVD's, other-guess.example nobody's.
    const onRecord = await w.as(LOTTE, "submit note: seen with mivd-only.example");
    const notOnRecord = await w.as(LOTTE, "submit note: seen with other-guess.example");
    expect(refusalCode(onRecord)).toBe("submission.invalid");
    expect(textOf(onRecord)).toBe(textOf(notOnRecord).replace("other-guess.example", "mivd-only.example"));
    expect(textOf(onRecord)).not.toContain("cannot be in");
    // With a value to store, the note is read as ever.
    expect(textOf(await w.as(LOTTE, "submit ncsc-2.example note: seen with mivd-only.example"))).toContain("cannot be in");
  });
});
