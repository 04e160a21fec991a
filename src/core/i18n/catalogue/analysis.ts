import { catalogue } from "./entry.js";

/**
 * Analyses (Art 6.1) and the forms behind `/ciic analysis` and `/ciic disclose`, the reason asked
 * on Deny, and the correction notice an earlier recipient gets (Wiv 2017). Dutch: analyse,
 * verstrekking, ontvanger, doel, wettelijke grondslag, voorwaarden, uiterste termijn.
 */
export const analysisTexts = catalogue({
  // /ciic analysis (write-analysis.ts)
  "analysis.give_title": { en: "give a title: `title:\"…\"`", nl: "geef een titel: `title:\"…\"`" },
  "analysis.title_too_long": { en: "the title is {length} characters; at most {max}", nl: "de titel is {length} tekens lang; ten hoogste {max}" },
  "analysis.give_text": { en: "give the analysis text after `text:`", nl: "geef de tekst van de analyse na `text:`" },
  "analysis.text_too_long": { en: "the text is {length} characters; at most {max}", nl: "de tekst is {length} tekens lang; ten hoogste {max}" },
  "analysis.name_items": { en: "name the items it builds on, by id (I-42) or value", nl: "noem de gegevens waarop de analyse steunt, met hun id (I-42) of waarde" },
  "analysis.refused": { en: "No analysis was recorded: {problems}.", nl: "Er is geen analyse vastgelegd: {problems}." },
  "analysis.recorded_summary": { en: "{analysis} recorded; it builds on data of {parties}.", nl: "{analysis} vastgelegd; de analyse steunt op gegevens van {parties}." },
  "analysis.recorded_heading": { en: "{analysis}: {title}", nl: "{analysis}: {title}" },
  "analysis.recorded": {
    en: "Builds on {count, plural, one {# item} other {# items}} from {parties}. Disclosing it needs the consent of each of these parties (Art 7.2).",
    nl: "Steunt op {count, plural, one {# gegeven} other {# gegevens}} van {parties}. Voor verstrekking van de analyse is de toestemming van elk van deze partijen nodig (art. 7.2).",
  },
  "analysis.to_disclose": {
    en: "To disclose it: <code>/ciic disclose {analysis} to '<recipient>' purpose '<why>'</code>",
    nl: "Om de analyse te verstrekken: <code>/ciic disclose {analysis} to '<ontvanger>' purpose '<waarom>'</code>",
  },

  // Forms (forms.ts)
  "analysis.form.title": { en: "Write an analysis", nl: "Analyse schrijven" },
  "analysis.form.submit": { en: "Record", nl: "Vastleggen" },
  "analysis.form.field_title": { en: "Title", nl: "Titel" },
  "analysis.form.refs": { en: "Items it builds on (ids such as I-42, or values)", nl: "Gegevens waarop de analyse steunt (id's zoals I-42, of waarden)" },
  "analysis.form.body": { en: "Analysis", nl: "Analyse" },
  "analysis.disclose_form.title": { en: "Request disclosure", nl: "Verstrekking aanvragen" },
  "analysis.disclose_form.submit": { en: "Ask consent", nl: "Toestemming vragen" },
  "analysis.disclose_form.refs": {
    en: "What to disclose (item ids, values, or one analysis id such as A-3)",
    nl: "Wat u wilt verstrekken (gegevens-id's, waarden of één analyse-id zoals A-3)",
  },
  "analysis.disclose_form.recipient": { en: "Recipient", nl: "Ontvanger" },
  "analysis.disclose_form.purpose": { en: "Purpose", nl: "Doel" },
  "analysis.disclose_form.legal_basis": { en: "Legal basis (empty: Wiv 2017, covenant Art 7)", nl: "Wettelijke grondslag (leeg: Wiv 2017, convenant art. 7)" },
  "analysis.disclose_form.conditions": { en: "Conditions (e.g. not to be passed on)", nl: "Voorwaarden (bijvoorbeeld: niet doorgeven)" },
  "analysis.disclose_form.tlp": {
    en: "TLP for the recipient (empty: the strictest label of the items)",
    nl: "TLP voor de ontvanger (leeg: het strengste label van de gegevens)",
  },
  "analysis.disclose_form.deadline": { en: "Deadline (YYYY-MM-DD; empty: the default)", nl: "Uiterste termijn (JJJJ-MM-DD; leeg: de standaardtermijn)" },
  "analysis.deny_form.title": { en: "Deny consent", nl: "Toestemming weigeren" },
  "analysis.deny_form.submit": { en: "Deny", nl: "Weigeren" },
  "analysis.deny_form.reason": {
    en: "Why does your party deny? The requester sees this reason.",
    nl: "Waarom weigert uw partij? De aanvrager ziet deze reden.",
  },

  // The correction notice to an earlier recipient (correction-notice.ts)
  "analysis.correction.summary": {
    en: "Correction notice for disclosure {request}: {type} {value} was corrected by the party that supplied it.",
    nl: "Correctiebericht bij verstrekking {request}: {type} {value} is gecorrigeerd door de partij die het heeft geleverd.",
  },
  "analysis.correction.heading": {
    en: "TLP:{tlp} — correction notice for disclosure {request} from the CIIC",
    nl: "TLP:{tlp} — correctiebericht bij verstrekking {request} van de CIIC",
  },
  "analysis.correction.body": {
    en: "The party that supplied <code>{value}</code> ({type}), which you received in disclosure {request}, corrected it on {time}.",
    nl: "De partij die <code>{value}</code> ({type}) heeft geleverd, dat u in verstrekking {request} hebt ontvangen, heeft het op {time} gecorrigeerd.",
  },
  "analysis.correction.warning": {
    en: "Do not rely on the earlier version any more. If you need the corrected information, ask the cell for a new disclosure.{forwarded}",
    nl: "Ga niet langer uit van de eerdere versie. Hebt u de gecorrigeerde informatie nodig, vraag de cel dan om een nieuwe verstrekking.{forwarded}",
  },
  "analysis.correction.forwarded": {
    en: " {party}: please pass this on to {recipient}, as you did the disclosure.",
    nl: " {party}: geef dit bericht door aan {recipient}, zoals u ook de verstrekking hebt doorgegeven.",
  },
});
