import { catalogue } from "./entry.js";

/** Items named by id or value in a command (resolve-refs.ts), and the labels given with them (provenance.ts, Art 5.3). */
export const itemsTexts = catalogue({
  "items.too_many_refs": { en: "{count} references are more than the {max} one request takes", nl: "{count} verwijzingen zijn meer dan de {max} die één verzoek aanneemt" },
  "items.no_item": { en: "there is no item {item}", nl: "er is geen gegeven {item}" },
  "items.removed": {
    en: "{item} was removed by its party at a retention review (Wiv 2017); its value is no longer in the cell",
    nl: "{item} is door de partij verwijderd bij een bewaartermijnbeoordeling (Wiv 2017); de waarde staat niet meer in de cel",
  },
  "items.corrected": { en: "{item} was corrected by {current}; name the current version", nl: "{item} is gecorrigeerd door {current}; noem de huidige versie" },
  "items.not_a_ref": { en: "`{raw}` is neither an item id nor an indicator: {reason}", nl: "`{raw}` is geen gegevens-id en geen indicator: {reason}" },
  "items.not_supplied": { en: "no party has supplied {value}", nl: "geen partij heeft {value} geleverd" },

  "items.not_tlp": { en: "`{label}` is not a TLP 2.0 label: use one of {labels}", nl: "`{label}` is geen TLP 2.0-label: gebruik een van {labels}" },
  "items.not_reliability": {
    en: "`{code}` is not a reliability code: use a source letter A–F and an information digit 1–6, e.g. B2",
    nl: "`{code}` is geen betrouwbaarheidscode: gebruik een bronletter A–F en een informatiecijfer 1–6, bijvoorbeeld B2",
  },
  "items.label": {
    en: "{label, select, sourceRef {source reference} legalBasis {legal basis} other {note}}",
    nl: "{label, select, sourceRef {bronverwijzing} legalBasis {wettelijke grondslag} other {aantekening}}",
  },
  "items.label_too_long": {
    en: "the {label} is {length} characters long; at most {max} are kept",
    nl: "de {label} is {length} tekens lang; er worden er ten hoogste {max} bewaard",
  },
  "items.label_control": { en: "the {label} contains control characters; remove them", nl: "de {label} bevat stuurtekens; verwijder ze" },
});
