import { asChecked, type CheckedText } from "./checked-text.js";
import { extract } from "./extract.js";
import { joinSpacedForms } from "./readings.js";

export const WITHHELD = "[indicator withheld]";

/**
 * For readers who may see no indicator at all — the steering group (Art 9): every word that
 * could name one is replaced, on record or not, found as the guard finds values (defanged, with
 * look-alikes, inside chat markup, glued to punctuation), and item ids with them. The rest of the
 * text stays readable. The store is not asked: whether a value is on record is itself data.
 */
export function withholdData(text: string): CheckedText {
  const words = joinSpacedForms(text).split(/(\s+)/);
  const shown = words.map((word) => {
    if (word.trim() === "") return word;
    const found = extract(word);
    return found.values.size > 0 || found.urls.length > 0 || found.itemIds.size > 0 || found.tooMany ? WITHHELD : word;
  });
  return asChecked(shown.join(""));
}
