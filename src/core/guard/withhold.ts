import type { Translator } from "../i18n/translator.js";
import { asChecked, type CheckedText } from "./checked-text.js";
import { joinSpacedForms } from "./readings.js";
import { stripWrapping } from "../indicators/tokenise.js";
import { findData, names, type GuardReads } from "./find-data.js";
import { extract, looksLikeValue, urlKey } from "./extract.js";

function namesSomething(word: string): boolean {
  const found = extract(word);
  return looksLikeValue(found) || found.itemIds.size > 0 || found.requestIds.size > 0 || found.analysisIds.size > 0 || found.tooMany;
}


// White space that separates words. Not \s, which takes U+FEFF (a zero-width no-break space) for
// a space: "C\uFEFFVE-2021-44228" is one word with an invisible character in it.
const WHITE_SPACE = /([\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+)/;

/** Windows of up to this many words are read as one, for values broken over words. */
const MAX_SPAN = 8;

/** The stored values (by their stored form, lower-cased) that a piece of text names. */
function storedIn(piece: string, stored: ReadonlySet<string>, storedUrls: readonly string[]): Set<string> {
  const found = extract(piece);
  const hits = new Set<string>();
  for (const v of found.values.values()) if (stored.has(v.value.toLowerCase())) hits.add(v.value.toLowerCase());
  for (const id of found.itemIds) if (stored.has(`i-${id}`)) hits.add(`i-${id}`);
  for (const id of found.requestIds) if (stored.has(`r-${id}`)) hits.add(`r-${id}`);
  for (const id of found.analysisIds) if (stored.has(`a-${id}`)) hits.add(`a-${id}`);
  for (const url of found.urls) for (const key of storedUrls) if (names(url.key, key)) hits.add(key);
  return hits;
}

/**
 * For readers who may see no indicator at all — the steering group (Art 9): every word that
 * could name one is replaced, on record or not, found as the guard finds values (defanged, with
 * look-alikes, inside chat markup, glued to punctuation), and item ids with them. The rest of the
 * text stays readable. A value on record that a text names only across words ("mivd-only.\n
 * example", a hash in groups, "CVE 2021 44228" in look-alike letters) is found by reading the
 * whole text, and the fewest words that name it together are withheld: joining words regardless
 * would withhold the end of every sentence ("late. Then" is a well-formed name).
 */
export async function withholdData(reads: GuardReads, text: string, t: Translator): Promise<CheckedText> {
  // In the reader's language; a text with more possible indicators than the guard reads is not shown at all.
  const marker = t.text("guard.withheld");
  const words = joinSpacedForms(text).split(WHITE_SPACE);
  const withheld = words.map((word, n) => n % 2 === 0 && word.trim() !== "" && namesSomething(word));
  const found = await findData(reads, text);
  if (found.tooMany) return asChecked(t.text("guard.withheld_too_dense"));
  if (found.mentions.length > 0) {
    const stored = new Set(found.mentions.map((m) => m.said.toLowerCase()));
    const storedUrls = [...stored].flatMap((said) => (/^[a-z]+:\/\//.test(said) ? [urlKey(said) ?? said] : []));
    const close = (n: number) => /^[ ]{0,2}(?:\r?\n)?[ ]{0,2}$/.test(words[n + 1] ?? "\n\n");
    // What the words from index `n` on, `span` of them, name together (memoised).
    const memo = new Map<string, Set<string>>();
    const hitsOf = (n: number, span: number): Set<string> => {
      const key = `${n}:${span}`;
      let hits = memo.get(key);
      if (!hits) {
        // Joined as one word ("mivd-only.\nexample") and as the words they are ("evil dot example").
        const parts = Array.from({ length: span }, (_, k) => words[n + 2 * k]);
        hits = new Set([...storedIn(parts.join(""), stored, storedUrls), ...storedIn(parts.join(" "), stored, storedUrls)]);
        memo.set(key, hits);
      }
      return hits;
    };
    // From one word: a word that names a value on record only as a name with other marks for its
    // dots ("mivd-only_example", see Extracted.wordNames) is not withheld above.
    for (let span = 1; span <= MAX_SPAN; span++) {
      for (let n = 0; n + 2 * (span - 1) < words.length; n += 2) {
        if (span === 1 && (withheld[n] || words[n].trim() === "")) continue;
        const at = Array.from({ length: span }, (_, k) => n + 2 * k);
        if (!at.slice(0, -1).every(close)) continue;
        // Only what these words name together and no fewer of them do: the words around a value
        // stay readable.
        const fewer = span === 1 ? new Set<string>() : new Set([...hitsOf(n, span - 1), ...hitsOf(n + 2, span - 1)]);
        if ([...hitsOf(n, span)].some((h) => !fewer.has(h))) for (const k of at) withheld[k] = true;
      }
    }
  }
  const shown = words.map((word, n) => {
    if (!withheld[n]) return word;
    // The punctuation of the sentence around it stays: "(see [indicator withheld]'s),".
    const core = stripWrapping(word.replace(/['’]s([^\p{L}\p{N}]*)$/u, "$1"));
    return core && core !== word && namesSomething(core) ? word.replace(core, marker) : marker;
  });
  return asChecked(shown.join(""));
}
