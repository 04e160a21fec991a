import { catalogue } from "./entry.js";

/** Related indicators (relations/, Art 6.1): what analysts are told of records that relate to theirs. */
export const relationsTexts = catalogue({
  "relations.kind": {
    en: "{relation, select, range_holds_address {a range that holds this address} range_holds_range {a larger range that holds this range} host_of_url {the host of this URL} parent_domain {a parent domain} domain_of_email {the domain of this e-mail address} url_on_domain {a URL on this domain or below it} subdomain {a subdomain of this domain} email_on_domain {an e-mail address on this domain or below it} address_in_range {an address in this range} range_in_range {a smaller range inside this range} url_on_host {a URL on this address or range} same_file {another hash of the same file} other {related}}",
    nl: "{relation, select, range_holds_address {een reeks die dit adres bevat} range_holds_range {een grotere reeks die deze reeks bevat} host_of_url {de host van deze URL} parent_domain {een bovenliggend domein} domain_of_email {het domein van dit e-mailadres} url_on_domain {een URL op dit domein of daaronder} subdomain {een subdomein van dit domein} email_on_domain {een e-mailadres op dit domein of daaronder} address_in_range {een adres in deze reeks} range_in_range {een kleinere reeks binnen deze reeks} url_on_host {een URL op dit adres of in deze reeks} same_file {een andere hash van hetzelfde bestand} other {verwant}}",
  },
  "relations.lookup.heading": { en: "Related records", nl: "Verwante vastleggingen" },
  "relations.lookup.line": { en: " — {relation}", nl: " — {relation}" },
  "relations.lookup.more": {
    en: "More records lie below this value; the first {limit} are shown. Look up a narrower value (a subdomain, a smaller range) to see the rest.",
    nl: "Onder deze waarde liggen meer vastleggingen; de eerste {limit} staan hier. Zoek een nauwere waarde op (een subdomein, een kleinere reeks) voor de rest.",
  },
  "relations.submit.intro": {
    en: "{count, plural, one {# of these indicators relates} other {# of these indicators relate}} to records other parties supplied (covenant Art 6.1); `/ciic lookup` shows them:",
    nl: "{count, plural, one {# van deze indicatoren is} other {# van deze indicatoren zijn}} verwant aan vastleggingen van andere partijen (convenant art. 6.1); `/ciic lookup` toont ze:",
  },
  "relations.submit.holder": { en: "{party} ({relation} {value})", nl: "{party} ({relation} {value})" },
  "relations.submit.line": { en: ": {holders}", nl: ": {holders}" },
  "relations.submit.more": {
    en: "{atLeast, select, yes {{count, plural, =0 {more} other {at least # more}}} other {{count, plural, one {# more} other {# more}}}}",
    nl: "{atLeast, select, yes {{count, plural, =0 {meer} other {minstens # meer}}} other {{count, plural, one {# meer} other {# meer}}}}",
  },
});
