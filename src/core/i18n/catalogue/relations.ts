import { catalogue } from "./entry.js";

/** Related indicators (relations/, Art 6.1): what analysts are told of records that relate to theirs. */
export const relationsTexts = catalogue({
  "relations.kind": {
    en: "{relation, select, range_holds_address {a range that holds this address} range_holds_range {a larger range that holds this range} host_of_url {the host of this URL} parent_domain {a parent domain} domain_of_email {the domain of this e-mail address} url_on_domain {a URL on this domain} other {related}}",
    nl: "{relation, select, range_holds_address {een reeks die dit adres bevat} range_holds_range {een grotere reeks die deze reeks bevat} host_of_url {de host van deze URL} parent_domain {een bovenliggend domein} domain_of_email {het domein van dit e-mailadres} url_on_domain {een URL op dit domein} other {verwant}}",
  },
  "relations.lookup.heading": { en: "Related records", nl: "Verwante vastleggingen" },
  "relations.lookup.line": { en: " — {relation}", nl: " — {relation}" },
  "relations.submit.intro": {
    en: "{count, plural, one {# of these indicators relates} other {# of these indicators relate}} to records other parties supplied (covenant Art 6.1); `/ciic lookup` shows them:",
    nl: "{count, plural, one {# van deze indicatoren is} other {# van deze indicatoren zijn}} verwant aan vastleggingen van andere partijen (convenant art. 6.1); `/ciic lookup` toont ze:",
  },
  "relations.submit.holder": { en: "{party} ({relation} {value})", nl: "{party} ({relation} {value})" },
  "relations.submit.line": { en: ": {holders}", nl: ": {holders}" },
});
