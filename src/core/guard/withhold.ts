import { asChecked, type CheckedText } from "./checked-text.js";
import { extract } from "./extract.js";
import { joinSpacedForms } from "./readings.js";
import { stripWrapping } from "../indicators/tokenise.js";
import { findData, type GuardReads } from "./find-data.js";

function namesSomething(word: string): boolean {
  const found = extract(word);
  return found.values.size > 0 || found.urls.length > 0 || found.itemIds.size > 0 || found.requestIds.size > 0 || found.analysisIds.size > 0 || found.tooMany;
}

export const WITHHELD = "[indicator withheld]";

// White space that separates words. Not \s, which takes U+FEFF (a zero-width no-break space) for
// a space: "C\uFEFFVE-2021-44228" is one word with an invisible character in it.
const WHITE_SPACE = /([\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+)/;

/**
 * For readers who may see no indicator at all — the steering group (Art 9): every word that
 * could name one is replaced, on record or not, found as the guard finds values (defanged, with
 * look-alikes, inside chat markup, glued to punctuation), and item ids with them. The rest of the
 * text stays readable. Two or three words that name a value only together
 * ("mivd-only.\nexample", "36. 253.3.82", "CVE 2021 44228" in look-alike letters) are withheld
 * when that value is on record: joining every pair of words regardless would withhold the end of
 * every sentence ("late. Then" is a well-formed name).
 */
export async function withholdData(reads: GuardReads, text: string): Promise<CheckedText> {
  const words = joinSpacedForms(text).split(WHITE_SPACE);
  const withheld = words.map((word, n) => n % 2 === 0 && word.trim() !== "" && namesSomething(word));
  // Two words, then three, with a single space or line break between them; the fewest words
  // that name the value are withheld, their neighbours stay.
  const close = (n: number) => /^[ ]?(?:\r?\n)?[ ]?$/.test(words[n + 1] ?? "\n\n");
  for (const span of [2, 4]) {
    for (let n = 0; n + span < words.length; n += 2) {
      const at = Array.from({ length: span / 2 + 1 }, (_, k) => n + 2 * k);
      if (at.some((k) => withheld[k]) || !at.slice(0, -1).every(close)) continue;
      const joined = at.map((k) => words[k]).join("");
      if (!namesSomething(joined)) continue;
      const found = await findData(reads, joined);
      if (found.tooMany || found.mentions.length > 0) for (const k of at) withheld[k] = true;
    }
  }
  const shown = words.map((word, n) => {
    if (!withheld[n]) return word;
    // The punctuation of the sentence around it stays: "(see [indicator withheld]'s),".
    const core = stripWrapping(word.replace(/['’]s([^\p{L}\p{N}]*)$/u, "$1"));
    return core && core !== word && namesSomething(core) ? word.replace(core, WITHHELD) : WITHHELD;
  });
  return asChecked(shown.join(""));
}
