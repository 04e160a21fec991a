import { catalogue } from "./entry.js";

/**
 * The Art 7.2 guard's refusals of person-written text (guard/): who will read a text, and why a
 * value cannot be in it. Their meaning is security-relevant: to cell staff a refusal names the
 * parties whose data a text names; to anyone else it names only what the author wrote.
 */
export const guardMessages = catalogue({
  // What stands in a text for what the reader may not see (withhold.ts)
  "guard.withheld": { en: "[indicator withheld]", nl: "[indicator achtergehouden]" },
  "guard.withheld_too_dense": {
    en: "[withheld: too many possible indicators to check]",
    nl: "[achtergehouden: te veel mogelijke indicatoren om na te gaan]",
  },

  // Who reads a text (audience.ts)
  "guard.who.asked_parties": { en: "the liaisons of every party asked, and then the recipient", nl: "de liaisons van elke gevraagde partij, en daarna de ontvanger" },
  "guard.who.recipient": { en: "the recipient", nl: "de ontvanger" },
  "guard.who.analysis_text": { en: "the recipient of any disclosure of it", nl: "de ontvanger van elke verstrekking ervan" },
  "guard.who.analysis_title": {
    en: "the liaison of every party asked to disclose the analysis",
    nl: "de liaison van elke partij die om toestemming voor verstrekking van de analyse wordt gevraagd",
  },
  "guard.who.every_party": { en: "every party's liaisons and the NCTV's coordinator", nl: "de liaisons van elke partij en de coördinator van de NCTV" },
  "guard.who.om": { en: "the OM's designated staff", nl: "de aangewezen medewerkers van het OM" },
  "guard.who.cell_staff": { en: "the cell's staff", nl: "de medewerkers van de cel" },
  "guard.who.steering": { en: "the steering group, which sees no party's data (Art 9)", nl: "de stuurgroep, die geen gegevens van partijen ziet (art. 9)" },
  "guard.who.removal_record": {
    en: "the audit log, which keeps the reason after the values are destroyed (Wiv 2017)",
    nl: "het auditlog, dat de reden bewaart nadat de waarden zijn vernietigd (Wiv 2017)",
  },
  "guard.who.own_party": { en: "cell staff and {party}'s own members, liaisons included", nl: "de medewerkers van de cel en de eigen leden van {party}, liaisons inbegrepen" },

  // What the author can do about a value a text may not carry
  "guard.remedy.leave_out": {
    en: "a party's data reach others only with its consent (Art 7.2); leave it out",
    nl: "gegevens van een partij bereiken anderen alleen met haar toestemming (art. 7.2); laat het weg",
  },
  "guard.remedy.cite": {
    en: "cite it, so that its party is asked for exactly that before any disclosure (Art 7.2), or leave it out",
    nl: "noem het als bron, zodat de partij vóór elke verstrekking precies daarvoor om toestemming wordt gevraagd (art. 7.2), of laat het weg",
  },

  // Names of the texts people write, as refusals name them
  "guard.what.purpose": { en: "the purpose", nl: "het doel" },
  "guard.what.conditions": { en: "the conditions", nl: "de voorwaarden" },
  "guard.what.legal_basis": { en: "the legal basis", nl: "de wettelijke grondslag" },
  "guard.what.reason": { en: "the reason", nl: "de reden" },
  "guard.what.note": { en: "the note", nl: "de aantekening" },
  "guard.what.source_ref": { en: "the source reference", nl: "de bronverwijzing" },
  "guard.what.same_file": { en: "the hash of the same file", nl: "de hash van hetzelfde bestand" },
  "guard.what.file_name": { en: "the file's name", nl: "de naam van het bestand" },
  "guard.what.title": { en: "the title", nl: "de titel" },
  "guard.what.text": { en: "the text", nl: "de tekst" },
  "guard.what.analysis_title": { en: "the title of {analysis}", nl: "de titel van {analysis}" },
  "guard.what.analysis_text": { en: "the text of {analysis}", nl: "de tekst van {analysis}" },

  // The refusals (guard.ts)
  "guard.ids_to_others": {
    en: "{what} cannot name {ids}: {who} read it, and only cell staff may name a request, an analysis or another party's item to them, whatever it holds (Art 7.2); leave it out",
    nl: "{what} kan {ids} niet noemen: {who} lezen het, en alleen medewerkers van de cel mogen hun een verzoek, een analyse of een item van een andere partij noemen, wat het ook bevat (art. 7.2); laat het weg",
  },
  "guard.too_dense": {
    en: "{what} holds more possible indicators than one text may carry and still be checked; shorten it",
    nl: "{what} bevat meer mogelijke indicatoren dan één tekst mag bevatten om nog gecontroleerd te kunnen worden; maak de tekst korter",
  },
  "guard.named_value": { en: "{said} (data of {owners})", nl: "{said} (gegevens van {owners})" },
  "guard.more": { en: " and {count} more", nl: " en nog {count}" },
  "guard.named_to_staff": {
    en: "{named}{more} {count, plural, one {is} other {are}} named in {what}, which {who} will read and may not see: {remedy}",
    nl: "{named}{more} {count, plural, one {wordt} other {worden}} genoemd in {what}; dat wordt gelezen door {who}, en {count, plural, one {dit gegeven mag} other {deze gegevens mogen}} daar niet terechtkomen: {remedy}",
  },
  "guard.and_what_else": { en: "{quoted} and what else it names", nl: "{quoted} en wat de tekst verder noemt" },
  "guard.a_value": { en: "a value it names", nl: "een waarde die erin genoemd wordt" },
  "guard.named_to_others": {
    en: "{named} cannot be in {what}: {who} will read it (covenant Art 7.2); leave {them, select, yes {them} other {it}} out",
    nl: "{named} {them, select, yes {mogen} other {mag}} niet in {what} staan: dat wordt gelezen door {who} (convenant art. 7.2); laat {them, select, yes {ze} other {het}} weg",
  },
});
