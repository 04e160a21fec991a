import { catalogue } from "./entry.js";

/** Values on the MISP warninglists of known-benign and common values (warninglists/). */
export const warninglistsTexts = catalogue({
  "warninglists.notice": {
    en: "{count, plural, one {This value is} other {These values are}} on a warninglist of known-benign or very common values (MISP warninglists), often a false positive: check before chasing {count, plural, one {it} other {them}}.",
    nl: "{count, plural, one {Deze waarde staat} other {Deze waarden staan}} op een waarschuwingslijst van bekende onschuldige of zeer gangbare waarden (MISP-warninglists), vaak een vals-positief: controleer dit voordat u er werk van maakt.",
  },
  "warninglists.on_lists": { en: " — on: {lists}", nl: " — staat op: {lists}" },
});
