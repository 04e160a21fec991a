import { catalogue } from "./entry.js";

/**
 * `/ciic oversight export` (Wiv 2017: the oversight committee, the CTIVD, sees all data and all
 * logs): what the auditor is told. The archive's own contents are a machine format and are not
 * translated.
 */
export const oversightTexts = catalogue({
  "oversight.cli_hint": {
    en: "On the bot's server, `ciic oversight export '<file>'` writes the whole record to a file of any size, and `ciic oversight verify '<file>'` checks it.",
    nl: "Op de server van de bot schrijft `ciic oversight export '<bestand>'` het hele archief naar een bestand van elke omvang, en controleert `ciic oversight verify '<bestand>'` het.",
  },
  "oversight.usage": {
    en: "`/ciic oversight export` sends you the whole record as a verifiable archive. {hint}",
    nl: "`/ciic oversight export` stuurt u het hele archief als controleerbaar bestand. {hint}",
  },
  "oversight.unknown_action": {
    en: "`/ciic oversight {action}` is not a command. `/ciic oversight export` sends you the whole record as a verifiable archive. {hint}",
    nl: "`/ciic oversight {action}` is geen opdracht. `/ciic oversight export` stuurt u het hele archief als controleerbaar bestand. {hint}",
  },
  "oversight.lines": { en: "{count, plural, one {# line} other {# lines}}", nl: "{count, plural, one {# regel} other {# regels}}" },
  "oversight.more_than": { en: "more than {megabytes} MB", nl: "meer dan {megabytes} MB" },
  "oversight.too_large": {
    en: "The record is too large for a chat upload ({size}; a chat archive holds at most {maxLines} lines or {maxMegabytes} MB), so nothing was sent. {hint}",
    nl: "Het archief is te groot om via de chat te versturen ({size}; een chatbestand bevat ten hoogste {maxLines} regels of {maxMegabytes} MB); er is dus niets verstuurd. {hint}",
  },
  "oversight.no_direct_messages": {
    en: "The bot cannot reach your direct messages on this platform, so nothing was sent. {hint}",
    nl: "De bot kan uw privéberichten op dit platform niet bereiken; er is dus niets verstuurd. {hint}",
  },
  "oversight.file_summary": {
    en: "Oversight archive of the CIIC record up to audit entry {seq} (head {hash}); SHA-256 of the file {sha256}. Check it with `ciic oversight verify {file}`.",
    nl: "Toezichtsarchief van de CIIC tot en met auditregel {seq} (kop {hash}); SHA-256 van het bestand {sha256}. Controleer het met `ciic oversight verify {file}`.",
  },
  "oversight.summary": {
    en: "The oversight archive ({lines, plural, one {# line} other {# lines}}, up to audit entry {seq}) is on its way to your direct messages as {file}.",
    nl: "Het toezichtsarchief ({lines, plural, one {# regel} other {# regels}}, tot en met auditregel {seq}) is onderweg naar uw privéberichten als {file}.",
  },
  "oversight.heading": { en: "Oversight archive", nl: "Toezichtsarchief" },
  "oversight.on_its_way": {
    en: "The whole record up to audit entry {seq} is on its way to your direct messages as <code>{file}</code> ({lines, plural, one {# line} other {# lines}}, {kilobytes} kB).",
    nl: "Het hele archief tot en met auditregel {seq} is onderweg naar uw privéberichten als <code>{file}</code> ({lines, plural, one {# regel} other {# regels}}, {kilobytes} kB).",
  },
  "oversight.field.items": { en: "Items (all versions)", nl: "Gegevens (alle versies)" },
  "oversight.field.analyses": { en: "Analyses", nl: "Analyses" },
  "oversight.field.requests": { en: "Disclosure requests", nl: "Verzoeken om verstrekking" },
  "oversight.field.asks": { en: "Consent asks", nl: "Vragen om toestemming" },
  "oversight.field.provisions": { en: "Provisions", nl: "Verstrekkingen" },
  "oversight.field.directories": { en: "Directory versions", nl: "Versies van het adresboek" },
  "oversight.field.steering": { en: "Steering meetings, reminders", nl: "Overleg van de stuurgroep, herinneringen" },
  "oversight.field.rounds": { en: "Agreement rounds, asks", nl: "Afstemmingsrondes, vragen" },
  "oversight.field.consultations": { en: "OM consultations, notes", nl: "Overleg met het OM, notities" },
  "oversight.field.audit": { en: "Audit entries", nl: "Auditregels" },
  "oversight.head": { en: "Audit head: entry <code>{seq}</code>, hash <code>{hash}</code>", nl: "Kop van het auditlogboek: regel <code>{seq}</code>, hash <code>{hash}</code>" },
  "oversight.digest": {
    en: "SHA-256 of the file: <code>{sha256}</code>. This export is recorded in the audit log as entry <code>{next}</code> with the same digest.",
    nl: "SHA-256 van het bestand: <code>{sha256}</code>. Deze export is in het auditlogboek vastgelegd als regel <code>{next}</code>, met dezelfde hash.",
  },
  "oversight.verify": {
    en: "Check the archive on any machine with the bot's tool: <code>ciic oversight verify {file}</code>.",
    nl: "Controleer het archief op elke computer met het hulpprogramma van de bot: <code>ciic oversight verify {file}</code>.",
  },
});
