import { catalogue } from "./entry.js";

/** Items named by id or value in a command (resolve-refs.ts). */
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
});
