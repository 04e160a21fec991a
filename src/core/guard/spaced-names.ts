import { parse } from "tldts";

/**
 * A domain name written with another mark than a dot between its labels, so that no filter sees a
 * name: "mivd-only example", "evil  example  com", "evil_example_com", "evil,example" (Art 7.2).
 * Every word that is a top-level label (as the Public Suffix List's ICANN section has them, or a
 * name reserved for tests and local use) is read with the one to three words before it, where
 * only such marks stand between them, as the names they would be with dots. Prose is full of
 * such words ("it", "in", "today"): each costs a look-up, and only a name on record is named.
 */

/** Top-level names reserved for tests, documentation and local networks (RFC 2606, 6761, 6762, 8375 …), which the ICANN list leaves out. */
const RESERVED_TOP = new Set(["example", "test", "invalid", "localhost", "local", "internal", "lan", "home", "corp", "intranet", "private"]);
/** A word that could be a label: letters, digits and inner hyphens. */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?/gu;
/** Whether what stands between two words (from `from` to `to` in `text`) may stand for a dot: one to three spaces, an underscore or a comma. */
function forADot(text: string, from: number, to: number): boolean {
  const length = to - from;
  if (length === 1) return text[from] === " " || text[from] === "_" || text[from] === ",";
  if (length < 1 || length > 3) return false;
  for (let i = from; i < to; i++) if (text[i] !== " ") return false;
  return true;
}
/** Words read before a top-level label at most: a name of four labels. */
const MOST_BEFORE = 3;
/** A cheap test first: most texts have no two words with such a mark between them. */
const MAY_HOLD = /[\p{L}\p{N}](?:[ ]{1,3}|_|,)[\p{L}\p{N}]/u;

const tops = new Map<string, boolean>();
function isTopLabel(word: string): boolean {
  let top = tops.get(word);
  if (top === undefined) {
    const suffix = RESERVED_TOP.has(word) || word.includes("-") ? undefined : parse(`a.${word}`);
    top = RESERVED_TOP.has(word) || (suffix?.isIcann === true && suffix.publicSuffix === word);
    if (tops.size < 10_000) tops.set(word, top);
  }
  return top;
}

/** Calls `tryName` with each name (dotted, lower case) the words of `low` (a lower-cased reading) would make. */
export function spacedNames(low: string, tryName: (name: string) => void): void {
  if (!MAY_HOLD.test(low)) return;
  const words: { text: string; linked: number }[] = [];
  let end = -1;
  for (const m of low.matchAll(WORD)) {
    // How many words before this one stand joined to it by such marks, without a break.
    const linked = end >= 0 && forADot(low, end, m.index) ? Math.min(MOST_BEFORE, (words[words.length - 1]?.linked ?? 0) + 1) : 0;
    end = m.index + m[0].length;
    words.push({ text: m[0], linked });
    if (linked === 0 || !isTopLabel(m[0])) continue;
    const k = words.length - 1;
    for (let before = 1; before <= linked; before++) {
      tryName(
        words
          .slice(k - before, k + 1)
          .map((w) => w.text)
          .join("."),
      );
    }
  }
}
