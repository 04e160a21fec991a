import { asChecked, type CheckedText } from "./checked-text.js";
import { extract } from "./extract.js";
import { joinSpacedForms } from "./readings.js";
import { stripWrapping } from "../indicators/tokenise.js";

function namesSomething(word: string): boolean {
  const found = extract(word);
  return found.values.size > 0 || found.urls.length > 0 || found.itemIds.size > 0 || found.tooMany;
}

export const WITHHELD = "[indicator withheld]";

// White space that separates words. Not \s, which takes U+FEFF (a zero-width no-break space) for
// a space: "C\uFEFFVE-2021-44228" is one word with an invisible character in it.
const WHITE_SPACE = /([\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+)/;

/**
 * For readers who may see no indicator at all — the steering group (Art 9): every word that
 * could name one is replaced, on record or not, found as the guard finds values (defanged, with
 * look-alikes, inside chat markup, glued to punctuation), and item ids with them. The rest of the
 * text stays readable. The store is not asked: whether a value is on record is itself data.
 */
export function withholdData(text: string): CheckedText {
  const words = joinSpacedForms(text).split(WHITE_SPACE);
  const shown = words.map((word) => {
    if (word.trim() === "" || !namesSomething(word)) return word;
    // The punctuation of the sentence around it stays: "(see [indicator withheld]'s),".
    const core = stripWrapping(word.replace(/['’]s([^\p{L}\p{N}]*)$/u, "$1"));
    return core && core !== word && namesSomething(core) ? word.replace(core, WITHHELD) : WITHHELD;
  });
  return asChecked(shown.join(""));
}
