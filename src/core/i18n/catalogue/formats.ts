import { catalogue } from "./entry.js";

/**
 * Importing and exporting files (formats/, Art 5.1–5.2): what members read about their imports
 * and exports. Never the files' contents, which are machine formats.
 */
export const formatsTexts = catalogue({
  // One part of a file the parsers did not take, with why (formats/stix, formats/misp). The
  // reader's language, except the pattern parser's own account of a syntax error.
  "formats.refused.label_names_data": {
    en: "{what} the file gives it names data that another party supplied, which your party's own labels and exports may not carry (Art 7.2): leave it out of the file, or import the value without it",
    nl: "{what} die het bestand eraan geeft, noemt gegevens die een andere partij heeft geleverd, en die mogen niet in de labels en exports van uw eigen partij staan (art. 7.2): laat het weg uit het bestand, of importeer de waarde zonder",
  },
  "formats.refused.pattern_and": {
    en: "The pattern joins conditions with AND, so its values only indicate something together and none is taken on its own.",
    nl: "Het patroon verbindt voorwaarden met AND, dus de waarden zeggen alleen samen iets en geen ervan wordt los overgenomen.",
  },
  "formats.refused.pattern_followedby": {
    en: "The pattern uses FOLLOWEDBY (a sequence of observations), which is not an indicator on its own.",
    nl: "Het patroon gebruikt FOLLOWEDBY (een reeks waarnemingen); dat is op zichzelf geen indicator.",
  },
  "formats.refused.pattern_qualifier": {
    en: "The pattern uses the qualifier {qualifier, select, WITHIN {WITHIN (a time window)} REPEATS {REPEATS (a number of sightings)} START {START/STOP (a time range)} other {{qualifier}}}, which an indicator here cannot carry.",
    nl: "Het patroon gebruikt de kwalificatie {qualifier, select, WITHIN {WITHIN (een tijdvenster)} REPEATS {REPEATS (een aantal waarnemingen)} START {START/STOP (een tijdsbestek)} other {{qualifier}}}, en die kan een indicator hier niet dragen.",
  },
  "formats.refused.pattern_not": {
    en: "The comparison uses NOT, so it describes values that do not match.",
    nl: "De vergelijking gebruikt NOT en beschrijft dus waarden die niet overeenkomen.",
  },
  "formats.refused.pattern_operator": {
    en: "The comparison uses {operator}; only exact matches (=), and addresses within a range (ISSUBSET), are taken.",
    nl: "De vergelijking gebruikt {operator}; alleen exacte overeenkomsten (=) en adressen binnen een reeks (ISSUBSET) worden overgenomen.",
  },
  "formats.refused.pattern_path": {
    en: "The object path {path} is not supported; supported are ipv4-addr:value, ipv6-addr:value, domain-name:value, url:value, email-addr:value, file:hashes with MD5, SHA-1 or SHA-256, network-traffic:src_ref.value and dst_ref.value, domain-name:resolves_to_refs[*].value, and email-message:from_ref.value and sender_ref.value.",
    nl: "Het objectpad {path} wordt niet ondersteund; ondersteund zijn ipv4-addr:value, ipv6-addr:value, domain-name:value, url:value, email-addr:value, file:hashes met MD5, SHA-1 of SHA-256, network-traffic:src_ref.value en dst_ref.value, domain-name:resolves_to_refs[*].value, en email-message:from_ref.value en sender_ref.value.",
  },
  "formats.refused.pattern_not_string": {
    en: "The value compared with {path} is not a quoted string.",
    nl: "De waarde die met {path} wordt vergeleken is geen tekst tussen aanhalingstekens.",
  },
  "formats.refused.pattern_unreadable": {
    en: "The pattern could not be read: {detail}.",
    nl: "Het patroon kon niet worden gelezen: {detail}.",
  },
  "formats.refused.stix_revoked": { en: "The source has revoked this indicator.", nl: "De bron heeft deze indicator ingetrokken." },
  "formats.refused.stix_pattern_type": {
    en: "The pattern is written in {name}, not in STIX patterning; only STIX patterns are read.",
    nl: "Het patroon is geschreven in {name}, niet in STIX-patronen; alleen STIX-patronen worden gelezen.",
  },
  "formats.refused.stix_observables_only": {
    en: "The bundle holds {count, plural, one {# observed value} other {# observed values}} ({types}) but no indicators, and only indicators are imported: an observation says a value was seen, not that it points to a threat. Export the indicators from the source, or submit the values you mean with /ciic submit.",
    nl: "De bundel bevat {count, plural, one {# waargenomen waarde} other {# waargenomen waarden}} ({types}) maar geen indicatoren, en alleen indicatoren worden geïmporteerd: een waarneming zegt dat een waarde is gezien, niet dat die op een dreiging wijst. Exporteer de indicatoren uit de bron, of dien de bedoelde waarden in met /ciic submit.",
  },
  "formats.refused.stix_no_pattern": { en: "The indicator has no pattern.", nl: "De indicator heeft geen patroon." },
  "formats.refused.stix_type_mismatch": {
    en: "The pattern compares {path}, but this value is {type, select, ipv4 {an IPv4 address} ipv6 {an IPv6 address} ipv4_cidr {an IPv4 range} ipv6_cidr {an IPv6 range} domain {a domain name} url {a URL} email {an e-mail address} md5 {an MD5 hash} sha1 {a SHA-1 hash} sha256 {a SHA-256 hash} cve {a CVE id} other {{type}}}.",
    nl: "Het patroon vergelijkt {path}, maar deze waarde is {type, select, ipv4 {een IPv4-adres} ipv6 {een IPv6-adres} ipv4_cidr {een IPv4-reeks} ipv6_cidr {een IPv6-reeks} domain {een domeinnaam} url {een URL} email {een e-mailadres} md5 {een MD5-hash} sha1 {een SHA-1-hash} sha256 {een SHA-256-hash} cve {een CVE-id} other {{type}}}.",
  },
  "formats.refused.misp_empty_attribute": {
    en: "This MISP attribute has no type or no value, so there is nothing to import; check the export.",
    nl: "Dit MISP-attribuut heeft geen type of geen waarde, dus er is niets te importeren; controleer de export.",
  },
  "formats.refused.misp_context_type": {
    en: 'MISP attributes of type "{type}" are context, not indicators the bot stores; only IP, domain, URL, e-mail, hash and CVE attributes are imported.',
    nl: 'MISP-attributen van het type "{type}" zijn context, geen indicatoren die de bot opslaat; alleen IP-, domein-, URL-, e-mail-, hash- en CVE-attributen worden geïmporteerd.',
  },
  "formats.refused.misp_type_mismatch": {
    en: 'MISP marks this as "{type}", but the value reads as {read}, so the attribute is probably mistyped; check it in the source.',
    nl: 'MISP markeert dit als "{type}", maar de waarde leest als {read}; het attribuut heeft dus waarschijnlijk het verkeerde type. Controleer het in de bron.',
  },

  "formats.refused.csv_fingerprint": {
    en: "The file says it lists certificate or client fingerprints (such as abuse.ch SSLBL or JA3), not file hashes; stored as a file hash this value would match files it has nothing to do with, so it is not taken.",
    nl: "Het bestand zegt dat het certificaat- of clientvingerafdrukken bevat (zoals abuse.ch SSLBL of JA3), geen bestandshashes; als bestandshash opgeslagen zou deze waarde overeenkomen met bestanden waar hij niets mee te maken heeft, dus hij wordt niet overgenomen.",
  },
  "formats.refused.csv_label": {
    en: 'The row\'s {column} "{cell}" cannot be read (expected {label, select, tlp {CLEAR, GREEN, AMBER, AMBER+STRICT or RED} other {an Admiralty code such as B2: A–F, 1–6}}), so its values are not taken: with another label they could be shared more widely than their source allows.',
    nl: 'De {column} "{cell}" van deze regel is onleesbaar (verwacht: {label, select, tlp {CLEAR, GREEN, AMBER, AMBER+STRICT of RED} other {een Admiraliteitscode zoals B2: A–F, 1–6}}), dus de waarden ervan worden niet overgenomen: met een ander label zouden ze breder gedeeld kunnen worden dan de bron toestaat.',
  },

  // /ciic export (export-command.ts)
  "formats.export.usage": {
    en: "Nothing was exported: use `/ciic export [format:stix|misp|csv]` (STIX 2.1 when no format is named).",
    nl: "Er is niets geëxporteerd: gebruik `/ciic export [format:stix|misp|csv]` (STIX 2.1 als er geen formaat is genoemd).",
  },
  "formats.export.too_large": {
    en: "Your party's items are too many for a file through the chat (more than {max} MB), so nothing was sent. On the bot's server, `ciic export --as {member} --format {format} --out '<'file>` writes them to a file of any size.",
    nl: "Uw partij heeft te veel gegevens voor een bestand via de chat (meer dan {max} MB); er is daarom niets verstuurd. Op de server van de bot schrijft `ciic export --as {member} --format {format} --out '<'bestand>` ze naar een bestand van elke omvang.",
  },
  "formats.export.nothing": {
    en: "{party} has supplied no items yet, so there is nothing to export.",
    nl: "{party} heeft nog geen gegevens geleverd; er is dus niets te exporteren.",
  },
  "formats.export.as": {
    en: "{format, select, stix {a STIX 2.1 bundle} misp {a MISP event} other {a CSV file}}",
    nl: "{format, select, stix {een STIX 2.1-bundel} misp {een MISP-event} other {een CSV-bestand}}",
  },
  "formats.export.file_summary": {
    en: "{count, plural, one {# item} other {# items}} {party} supplied ({name}), as {as}; SHA-256 {sha256}.",
    nl: "{count, plural, one {# gegeven} other {# gegevens}} die {party} heeft geleverd ({name}), als {as}; SHA-256 {sha256}.",
  },
  "formats.export.no_direct_messages": {
    en: "The bot cannot reach your direct messages on this platform, so nothing was sent.",
    nl: "De bot kan uw directe berichten op dit platform niet bereiken; er is daarom niets verstuurd.",
  },
  "formats.export.sent_summary": {
    en: "{count, plural, one {# item is on its way} other {# items are on their way}} to your direct messages as {file}.",
    nl: "{count, plural, one {# gegeven is} other {# gegevens zijn}} onderweg naar uw directe berichten als {file}.",
  },
  "formats.export.sent": {
    en: "The {count, plural, one {# item {party} supplied (its current version) is on its way} other {# items {party} supplied (their current versions) are on their way}} to your direct messages as <code>{file}</code>.",
    nl: "{count, plural, one {Het # gegeven dat {party} heeft geleverd (de huidige versie), is} other {De # gegevens die {party} heeft geleverd (de huidige versies), zijn}} onderweg naar uw directe berichten als <code>{file}</code>.",
  },
  "formats.export.digest": {
    en: "SHA-256 of the file: <code>{sha256}</code>. The export is recorded in the audit log with the same digest.",
    nl: "SHA-256 van het bestand: <code>{sha256}</code>. De export is met dezelfde hash in het auditlog vastgelegd.",
  },

  // Importing a file (import-file.ts)
  "formats.import.label_names_data": {
    en: "Nothing was imported: {problems}. Rename the file or change the basis and import it again.",
    nl: "Er is niets geïmporteerd: {problems}. Geef het bestand een andere naam of wijzig de grondslag, en importeer het opnieuw.",
  },
  "formats.import.too_large": {
    en: "The file is larger than {max} MB; split it into smaller files.",
    nl: "Het bestand is groter dan {max} MB; splits het in kleinere bestanden.",
  },
  "formats.import.refused": { en: "Nothing was imported: {reason}", nl: "Er is niets geïmporteerd: {reason}" },

  // The summary when an import ends (import-view.ts)
  "formats.import.summary": {
    en: "{file}: stored {stored}, already known {known}, refused {refused}.",
    nl: "{file}: opgeslagen {stored}, al bekend {known}, geweigerd {refused}.",
  },
  "formats.import.heading": { en: "Import finished", nl: "Import voltooid" },
  "formats.import.file": { en: "File", nl: "Bestand" },
  "formats.import.stored": { en: "Stored", nl: "Opgeslagen" },
  "formats.import.known": { en: "Already known from your party", nl: "Al bekend van uw partij" },
  "formats.import.repeated": { en: "Repeated within the file", nl: "Herhaald in het bestand" },
  "formats.import.overlaps": { en: "Also supplied by another party (Art 6.1)", nl: "Ook geleverd door een andere partij (art. 6.1)" },
  "formats.import.related": { en: "Related to another party's records (Art 6.1)", nl: "Verwant aan vastleggingen van een andere partij (art. 6.1)" },
  "formats.import.related_value": {
    en: "{count, plural, =0 {0} other {# ({parties}); /ciic lookup shows how}}",
    nl: "{count, plural, =0 {0} other {# ({parties}); /ciic lookup toont hoe}}",
  },
  "formats.import.refused_label": { en: "Refused", nl: "Geweigerd" },
  "formats.import.refused_line": { en: " ×{count}, e.g. {examples}", nl: " ×{count}, bijvoorbeeld {examples}" },
  "formats.import.digest": {
    en: "File SHA-256 {sha256}; recorded in the audit log as one entry. Took {seconds} s.",
    nl: "SHA-256 van het bestand {sha256}; in het auditlog vastgelegd als één regel. Duur: {seconds} s.",
  },

  // A file refused whole (formats/guard.ts and the parsers)
  "formats.file.utf16": { en: "The file is UTF-16; save it as UTF-8 and import it again.", nl: "Het bestand is UTF-16; sla het op als UTF-8 en importeer het opnieuw." },
  "formats.file.not_utf8": {
    en: "The file is not valid UTF-8 (around byte {byte}); save it as UTF-8 and import it again.",
    nl: "Het bestand is geen geldige UTF-8 (rond byte {byte}); sla het op als UTF-8 en importeer het opnieuw.",
  },
  "formats.file.utf8_cut": {
    en: "The file ends in the middle of a UTF-8 character; it may be truncated.",
    nl: "Het bestand eindigt midden in een UTF-8-teken; het is mogelijk afgekapt.",
  },
  "formats.file.binary": {
    en: "The file is {kind, select, zip {a ZIP archive, as an Excel workbook (.xlsx) or Word document is} office {an Office file in the older format (.xls, .doc, .msg)} pdf {a PDF document} gzip {compressed with gzip} other {not text}}, not a STIX bundle, MISP event or CSV: save or export what it holds as CSV (UTF-8) or JSON, or unpack it, and import that.",
    nl: "Het bestand is {kind, select, zip {een ZIP-archief, zoals een Excel-werkmap (.xlsx) of Word-document dat is} office {een Office-bestand in de oudere vorm (.xls, .doc, .msg)} pdf {een PDF-document} gzip {met gzip gecomprimeerd} other {geen tekst}}, geen STIX-bundel, MISP-event of CSV: sla op of exporteer wat erin staat als CSV (UTF-8) of JSON, of pak het uit, en importeer dat.",
  },
  "formats.file.empty": { en: "The file is empty.", nl: "Het bestand is leeg." },
  "formats.file.misp_empty": {
    en: "The file is empty or holds no JSON; export the MISP event again.",
    nl: "Het bestand is leeg of bevat geen JSON; exporteer het MISP-event opnieuw.",
  },
  "formats.file.not_misp": {
    en: "The file is JSON but holds no MISP event (no \"Event\" with attributes or \"response\" list of events); export it from MISP as JSON.",
    nl: "Het bestand is JSON, maar bevat geen MISP-event (geen ‘Event’ met attributen en geen ‘response’-lijst met events); exporteer het uit MISP als JSON.",
  },
  "formats.file.formula": {
    en: "Line {line} has a cell that starts with \"=\", \"+\", \"-\", \"@\", a tab or a carriage return, which a spreadsheet would run as a formula (CSV injection); the whole file is refused.",
    nl: "Regel {line} heeft een cel die begint met ‘=’, ‘+’, ‘-’, ‘@’, een tab of een regelterugloop, die een spreadsheet als formule zou uitvoeren (CSV-injectie); het hele bestand wordt geweigerd.",
  },
  "formats.file.formula_in_column": {
    en: "Line {line} has a cell (column \"{column}\") that starts with \"=\", \"+\", \"-\", \"@\", a tab or a carriage return, which a spreadsheet would run as a formula (CSV injection); the whole file is refused.",
    nl: "Regel {line} heeft een cel (kolom ‘{column}’) die begint met ‘=’, ‘+’, ‘-’, ‘@’, een tab of een regelterugloop, die een spreadsheet als formule zou uitvoeren (CSV-injectie); het hele bestand wordt geweigerd.",
  },
});
