import { describe, expect, it } from "vitest";
import { parseDirectory } from "../../src/core/directory/parse-directory.js";
import { importSummaryView } from "../../src/core/formats/import-view.js";
import { phrase } from "../../src/core/i18n/phrase.js";
import { coreWorlds, sent } from "../support/core-world.js";
import * as roster from "../support/roster.js";
import { line, refusalCode, textOf, textOfView, view } from "../support/reply-text.js";

/**
 * The commands in the member's language (issue 13): `/ciic help`, submit, lookup, correct and
 * export, the access policy's refusals and the Art 7.2 guard's, for a member who reads Dutch (the
 * cell's language: the directory names none) and one who reads English, in the same directory.
 * Times are Amsterdam's, with their zone, as each language writes them.
 */
const DIRECTORY = roster.directoryYaml({
  members: [
    roster.ANNA,
    { ...roster.GRETA, language: "en" },
    roster.BRAM,
    roster.HUGO,
    // Screened on 2019-01-15 like Mark, expired since 2024-01-15: Maarten reads that refusal in Dutch, Mark in English.
    { ...roster.MAARTEN, screening: "2019-01-15" },
    { ...roster.MARK, language: "en" },
  ],
});
const { ANNA, BRAM, GRETA, HUGO, MAARTEN, MARK } = roster.SLACK;

const worlds = coreWorlds();
const cell = () => worlds(DIRECTORY, "2026-11-30T09:00:00Z");
const listLines = (reply: Parameters<typeof view>[0]) => view(reply).blocks.flatMap((b) => (b.kind === "list" ? b.items.map(line) : []));

describe("the commands in Dutch and in English, per member (issue 13)", () => {
  it("lists what each member may do in their own language: /ciic help", async () => {
    const w = await cell();
    const dutch = await w.as(ANNA, "help");
    expect(view(dutch).summary).toBe("Opdrachten voor Anna de Vries (AIVD): help, submit, import, export, correct, lookup, analysis, disclose, requests, withdraw, consult, covenant, comms");
    expect(textOf(dutch)).toContain("CIIC-bot");
    expect(textOf(dutch)).toContain("U bent Anna de Vries (AIVD; analist). De cel brengt samen wat de partijen bij het convenant weten over cyberdreigingen");
    expect(listLines(dutch)).toContain("/ciic lookup <waarde of gegevens-id> — Elke vastlegging van een indicator in de cel: welke partijen hem hebben geleverd, wanneer en met welke labels.");
    expect(listLines(dutch)).toContain('/ciic disclose <gegevens-id’s, waarden of een analyse-id…> to <ontvanger> purpose <doel> [basis:"…"] [conditions:"…"] [tlp:…] [deadline:JJJJ-MM-DD] — Vraag om verstrekking aan een ontvanger buiten de cel; de liaison van elke partij waarvan de gegevens afkomstig zijn, wordt om toestemming gevraagd. Zonder verdere tekst opent het commando een formulier.');

    const english = await w.as(GRETA, "help");
    expect(view(english).summary).toBe("Commands for Greta de Boer (NCSC): help, submit, import, export, correct, lookup, analysis, disclose, requests, withdraw, consult, covenant, comms");
    expect(textOf(english)).toContain("You are Greta de Boer (NCSC; analyst). The cell brings together");
    expect(listLines(english)).toContain("/ciic lookup <value or item id> — Every record of an indicator in the cell: which parties supplied it, when, with which labels.");
  });

  it("stores, refuses and looks up in the member's language, with Amsterdam times", async () => {
    const w = await cell();
    const dutch = await w.as(ANNA, "submit 198.51.100.7 198.51.100.7 evil.example 1.2.3 tlp:green");
    expect(view(dutch).summary).toBe("Opgeslagen 2, al bekend 0, geweigerd 1.");
    const shown = textOf(dutch);
    expect(shown).toContain("Inzending vastgelegd");
    expect(shown).toContain("Al bekend van uw partij: 0");
    expect(shown).toContain("Labels: TLP:GREEN, betrouwbaarheid F6, grondslag");
    expect(shown).toContain("1 herhaalde waarde in uw invoer is één keer geteld.");
    expect(shown).toContain("Geweigerd (niet opgeslagen)");
    expect(listLines(dutch)).toContain("1.2.3 — Dit is geen geldig IPv4-adres: schrijf het als vier getallen van 0 tot en met 255, gescheiden door punten, bijvoorbeeld 192.0.2.1.");
    // The colour as a Dutch member writes it.
    const groen = await w.as(ANNA, "submit 203.0.113.44 tlp:groen");
    expect(view(groen).summary).toBe("Opgeslagen 1, al bekend 0, geweigerd 0.");
    expect(textOf(groen)).toContain("Labels: TLP:GREEN");

    const english = await w.as(GRETA, "submit 198.51.100.7 evil.example/login");
    expect(view(english).summary).toBe("Stored 1, already known 0, refused 1.");
    expect(textOf(english)).toContain("1 of these indicators was also supplied by another party (covenant Art 6.1). Use `/ciic lookup <value>` for their records.");
    expect(listLines(english)).toContain("evil.example/login — This looks like a web address without http:// or https://; add the one that was used, or submit just the host name or address.");

    // A second value in Dutch: Greta's overlap seen from Anna's side.
    const overlap = await w.as(ANNA, "submit 198.51.100.7 203.0.113.5");
    expect(textOf(overlap)).toContain("1 van deze indicatoren is ook door een andere partij geleverd (convenant art. 6.1). Gebruik `/ciic lookup <waarde>` voor hun vastleggingen.");
    expect(textOf(overlap)).toContain("— ook geleverd door NCSC");
    expect(textOf(overlap)).toContain("Al bekend van uw partij (niets nieuws opgeslagen)");
    expect(textOf(overlap)).toContain(" sinds 30 nov 2026");

    w.clock.set("2026-12-01T10:15:00Z");
    const found = await w.as(ANNA, "lookup 198.51.100[.]7");
    expect(view(found).summary).toBe("198.51.100.7: 2 vastleggingen van AIVD, NCSC.");
    expect(textOf(found)).toContain("Geleverd door AIVD, NCSC — 2 vastleggingen, de oudste eerst.");
    expect(listLines(found)[0]).toMatch(/^I-1 AIVD · 30 nov 2026 10:00 CET · TLP:GREEN · betrouwbaarheid F6 · grondslag .+ · door Anna de Vries$/);
    const foundEn = await w.as(GRETA, "lookup 198.51.100.7");
    expect(view(foundEn).summary).toBe("198.51.100.7: 2 records from AIVD, NCSC.");
    expect(listLines(foundEn)[0]).toMatch(/^I-1 AIVD · 2026-11-30 10:00 CET · TLP:GREEN · reliability F6 · basis .+ · by Anna de Vries$/);

    const none = await w.as(ANNA, "lookup 192.0.2.55");
    expect(view(none).summary).toBe("Geen partij heeft 192.0.2.55 aan de cel geleverd.");
    const two = await w.as(ANNA, "lookup 192.0.2.55 192.0.2.56");
    expect(refusalCode(two)).toBe("lookup.invalid");
    expect(view(two).summary).toBe("Er is niets opgezocht: zoek één waarde tegelijk op, bijvoorbeeld `/ciic lookup 198.51.100.7`.");
    const bad = await w.as(GRETA, "lookup 010.1.1.1");
    expect(view(bad).summary).toMatch(/^Nothing was looked up: This IPv4 address has a number with a leading zero/);
    const badNl = await w.as(ANNA, "lookup evil!.example");
    expect(view(badNl).summary).toBe("Er is niets opgezocht: Dit is geen geldige domeinnaam: de naam bevat ‘!’, dat niet in een domeinnaam kan voorkomen.");
  });

  it("corrects in the member's language, and reads the options' problems to them", async () => {
    const w = await cell();
    await w.as(ANNA, "submit 198.51.100.7");
    const wrong = await w.as(ANNA, 'correct I-1 tlp:purple rel:Z9 src:"open');
    expect(refusalCode(wrong)).toBe("correction.invalid");
    expect(view(wrong).summary).toBe(
      "Er is niets gewijzigd: de waarde tussen aanhalingstekens van `src:` heeft geen sluitend aanhalingsteken; `purple` is geen TLP 2.0-label: gebruik een van CLEAR, GREEN, AMBER, AMBER+STRICT, RED; `Z9` is geen betrouwbaarheidscode: gebruik een bronletter A–F en een informatiecijfer 1–6, bijvoorbeeld B2.",
    );
    const done = await w.as(ANNA, "correct I-1 rel:B2");
    expect(view(done).summary).toBe("I-2 corrigeert I-1.");
    expect(textOf(done)).toContain("I-2 staat nu voor 198.51.100.7 (TLP:AMBER, betrouwbaarheid B2); het corrigeert I-1, dat vastgelegd blijft.");
    expect(view(await w.as(ANNA, "correct I-1 rel:C3")).summary).toBe("Er is niets gewijzigd: I-1 is al gecorrigeerd door I-2; corrigeer in plaats daarvan die versie.");
    expect(view(await w.as(GRETA, "correct I-2 rel:C3")).summary).toBe("Nothing was changed: your party has no item I-2.");
  });

  it("refuses at the door in the asker's language: roles, screening, strangers, unknown commands", async () => {
    const w = await cell();
    const steering = await w.as(HUGO, "lookup 198.51.100.7");
    expect(refusalCode(steering)).toBe("access.role_missing");
    expect(view(steering).summary).toBe("`/ciic lookup` is voor analist of toezichthouder (convenant art. 6.1); uw rollen zijn stuurgroeplid. Vraag de beheerder van de cel als dit niet klopt.");
    const revoke = await w.as(GRETA, "revoke R-1");
    expect(view(revoke).summary).toBe("`/ciic revoke` is for liaison or deputy (covenant Art 7.2); your roles are analyst. Ask the cell's administrator if this is wrong.");

    const expired = await w.as(MAARTEN, "lookup 198.51.100.7");
    expect(refusalCode(expired)).toBe("access.screening_expired");
    expect(view(expired).summary).toBe(
      "Uw veiligheidsonderzoek op A-niveau van 15 jan 2019 is verlopen op 15 jan 2024 (5 jaar geldig; convenant art. 4.6). Vraag de beheerder van de cel om uw hernieuwde veiligheidsonderzoek vast te leggen.",
    );
    expect(view(await w.as(MARK, "lookup 198.51.100.7")).summary).toBe(
      "Your A-level security screening of 2019-01-15 expired on 2024-01-15 (valid 5 years; covenant Art 4.6). Ask the cell's administrator to record your renewed screening.",
    );
    // Help still answers, with the screening's warning in the member's language.
    expect(textOf(await w.as(MAARTEN, "help"))).toContain("is verlopen op 15 jan 2024");

    const stranger = await w.as(roster.STRANGER, "help");
    expect(refusalCode(stranger)).toBe("access.unknown_user");
    expect(view(stranger).summary).toMatch(/^U staat niet in het adresboek van het CIIC; de opdrachten van de cel zijn daarom niet voor u beschikbaar \(convenant art\. 4\.1\)/);

    expect(view(await w.as(ANNA, "frobnicate")).summary).toBe("`frobnicate` is geen opdracht van deze bot. Typ `/ciic help` om te zien wat u kunt doen.");
    expect(view(await w.as(GRETA, "frobnicate")).summary).toBe("`frobnicate` is not a command of this bot. Type `/ciic help` to see what you can do.");
    // A Dutch word for a command, or a slip of the keys, is answered with the command meant (not run).
    expect(view(await w.as(ANNA, "zoek 198.51.100.7")).summary).toBe("`zoek` is geen opdracht van deze bot. Bedoelt u `/ciic lookup`? Typ `/ciic help` om te zien wat u kunt doen.");
    expect(view(await w.as(GRETA, "sumbit 198.51.100.7")).summary).toBe("`sumbit` is not a command of this bot. Did you mean `/ciic submit`? Type `/ciic help` to see what you can do.");
  });

  it("says in the author's language why a note may not name another party's value (Art 7.2), with the same meaning", async () => {
    const w = await cell();
    await w.as(GRETA, "submit ncsc-only.example");
    const dutch = await w.as(ANNA, "submit 192.0.2.9 note: zie ook ncsc-only.example");
    expect(refusalCode(dutch)).toBe("submission.invalid");
    expect(view(dutch).summary).toBe(
      "Er is niets opgeslagen: ncsc-only.example (gegevens van NCSC) wordt genoemd in de aantekening; dat wordt gelezen door de medewerkers van de cel en de eigen leden van AIVD, liaisons inbegrepen, en dit gegeven mag daar niet terechtkomen: gegevens van een partij bereiken anderen alleen met haar toestemming (art. 7.2); laat het weg.",
    );
    // To a liaison, who may not learn whose data it is: only what they wrote, and that it cannot go there.
    const liaison = await w.as(BRAM, "submit 192.0.2.11 note: zie ncsc-only.example");
    expect(view(liaison).summary).toBe(
      "Er is niets opgeslagen: ncsc-only.example mag niet in de aantekening staan: dat wordt gelezen door de medewerkers van de cel en de eigen leden van AIVD, liaisons inbegrepen (convenant art. 7.2); laat het weg.",
    );
    expect(view(liaison).summary).not.toContain("NCSC");
    await w.as(ANNA, "submit aivd-only.example");
    const english = await w.as(GRETA, "submit 192.0.2.10 note: see aivd-only.example");
    expect(view(english).summary).toBe(
      "Nothing was stored: aivd-only.example (data of AIVD) is named in the note, which cell staff and NCSC's own members, liaisons included will read and may not see: a party's data reach others only with its consent (Art 7.2); leave it out.",
    );
  });

  it("exports in the member's language, the file's message included", async () => {
    const w = await cell();
    await w.as(ANNA, "submit 198.51.100.7 evil.example");
    await w.as(GRETA, "submit 203.0.113.9");
    const dutch = await w.as(ANNA, "export format:csv");
    expect(view(dutch).summary).toBe("2 gegevens zijn onderweg naar uw directe berichten als ciic-aivd-items-2026-11-30.csv.");
    expect(textOf(dutch)).toContain("De 2 gegevens die AIVD heeft geleverd (de huidige versies), zijn onderweg naar uw directe berichten als ciic-aivd-items-2026-11-30.csv.");
    const [file] = sent(w.store).filter((m) => m.kind === "file" && m.target === `user:${ANNA}`);
    expect(file.view.language).toBe("nl");
    expect(textOfView(file.view)).toMatch(/^2 gegevens die AIVD heeft geleverd \(Algemene Inlichtingen- en Veiligheidsdienst\), als een CSV-bestand; SHA-256 [0-9a-f]{64}\./);

    const english = await w.as(GRETA, "export");
    expect(view(english).summary).toBe("1 item is on its way to your direct messages as ciic-ncsc-items-2026-11-30.stix.json.");
    expect(textOf(english)).toContain("The 1 item NCSC supplied (its current version) is on its way to your direct messages as ciic-ncsc-items-2026-11-30.stix.json.");
    expect(view(await w.as(GRETA, "export format:pdf")).summary).toBe("Nothing was exported: use `/ciic export [format:stix|misp|csv]` (STIX 2.1 when no format is named).");
    expect(view(await w.as(ANNA, "export format:pdf")).summary).toBe("Er is niets geëxporteerd: gebruik `/ciic export [format:stix|misp|csv]` (STIX 2.1 als er geen formaat is genoemd).");
  });

  it("sums up an import in the importer's language", () => {
    const parsed = parseDirectory(DIRECTORY);
    if (!parsed.ok) throw new Error("the test directory does not parse");
    const { directory } = parsed;
    const who = (slack: string) => ({ member: directory.members.find((m) => m.accounts.slack === slack)!, directory });
    const outcome = {
      ok: true as const,
      fileSha256: "ab".repeat(32),
      stored: 58,
      alreadyKnown: 2,
      duplicatesInFile: 1,
      overlaps: 3,
      related: { indicators: 5, parties: ["AIVD" as const, "NCSC" as const] },
      refused: [{ code: "indicator.unrecognised", count: 4, examples: [{ example: "x", why: phrase("indicators.unrecognised") }] }],
      ms: 1530,
    };
    const dutch = importSummaryView("feed.csv", outcome, who(ANNA));
    expect(dutch.language).toBe("nl");
    expect(textOfView(dutch).split("\n")).toEqual([
      "feed.csv: opgeslagen 58, al bekend 2, geweigerd 4.",
      "Import voltooid",
      "Bestand: feed.csv",
      "Opgeslagen: 58",
      "Al bekend van uw partij: 2",
      "Herhaald in het bestand: 1",
      "Ook geleverd door een andere partij (art. 6.1): 3",
      "Verwant aan vastleggingen van een andere partij (art. 6.1): 5 (AIVD en NCSC); /ciic lookup toont hoe",
      "Geweigerd: 4",
      "indicator.unrecognised ×4, bijvoorbeeld x — Dit is geen soort indicator die de bot herkent; ondersteund zijn IPv4-/IPv6-adressen en CIDR-reeksen, domeinnamen, http-/https-/ftp-URL’s, e-mailadressen, MD5/SHA-1/SHA-256-hashes en CVE-id’s.",
      `SHA-256 van het bestand ${"ab".repeat(32)}; in het auditlog vastgelegd als één regel. Duur: 1,5 s.`,
    ]);
    const english = importSummaryView("feed.csv", outcome, who(GRETA));
    expect(english.summary).toBe("feed.csv: stored 58, already known 2, refused 4.");
    expect(textOfView(english)).toContain("Related to another party's records (Art 6.1): 5 (AIVD and NCSC); /ciic lookup shows how");
    expect(textOfView(english)).toContain("indicator.unrecognised ×4, e.g. x — This is not a kind of indicator the bot recognises;");
    expect(textOfView(english)).toContain(`File SHA-256 ${"ab".repeat(32)}; recorded in the audit log as one entry. Took 1.5 s.`);
  });
});
