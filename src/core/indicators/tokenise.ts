import { MAX_TOKEN_LENGTH } from "./types.js";

// Turns text pasted into a chat command into candidate tokens. Nothing here decides what a token
// is; it only undoes the punctuation people put around values in prose. A platform's own markup
// (Slack's links and entities) is undone by its adapter before the text reaches the core.

// Whitespace spelled out rather than \s: \s includes U+FEFF (zero-width no-break space), which
// must reach the classifier and be refused, not quietly act as a separator.
const SEPARATORS = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000,;]+/;

// Quotes never belong to any supported value, so they go wherever they stand at either end.
const QUOTES = new Set(['"', "'", "`", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u201a", "\u2039", "\u203a"]);
// Chat bold/italic/strike markers (Slack's, Mattermost's); only as a pair, since "_dmarc.example" is a real name.
const MARKUP_PAIRS = new Set(["*", "_", "~"]);
const OPEN_TO_CLOSE: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };
const CLOSE_TO_OPEN: Record<string, string> = { ")": "(", "]": "[", "}": "{", ">": "<" };
// "?" and "!" are not in the list people expect, but a trailing one is prose, never a value
// (an empty URL query means nothing to a server).
const TRAILING_PUNCTUATION = new Set([".", ",", ";", ":", "!", "?"]);
const STRIPPABLE = new Set([
  ...QUOTES,
  ...MARKUP_PAIRS,
  ...Object.keys(OPEN_TO_CLOSE),
  ...Object.keys(CLOSE_TO_OPEN),
  ...TRAILING_PUNCTUATION,
]);

/**
 * Strips what wraps a value in prose: "(see 1.2.3.4)." yields "1.2.3.4", while brackets that are
 * part of a value, such as "https://w.example/wiki/A_(b)" or "evil[.]example", stay. Bracket
 * counts are kept up to date instead of recounted so a megabyte of "((((" stays linear.
 */
export function stripWrapping(token: string): string {
  // Most tokens start and end with a letter or digit; they skip the bracket count entirely.
  if (!STRIPPABLE.has(token[0]) && !STRIPPABLE.has(token[token.length - 1])) return token;
  const count: Record<string, number> = { "(": 0, ")": 0, "[": 0, "]": 0, "{": 0, "}": 0, "<": 0, ">": 0 };
  for (let i = 0; i < token.length; i++) {
    const ch = token[i];
    if (count[ch] !== undefined) count[ch]++;
  }
  let start = 0;
  let end = token.length;
  while (start < end) {
    const first = token[start];
    const last = token[end - 1];
    if (QUOTES.has(first)) {
      start++;
    } else if (QUOTES.has(last)) {
      end--;
    } else if (end - start >= 2 && (OPEN_TO_CLOSE[first] === last || (MARKUP_PAIRS.has(first) && first === last))) {
      if (first in count) {
        count[first]--;
        count[last]--;
      }
      start++;
      end--;
    } else if (TRAILING_PUNCTUATION.has(last) && !(last === ":" && token[end - 2] === ":")) {
      // A trailing "::" is IPv6 shorthand (2001:db8::), not punctuation.
      end--;
    } else if (last in CLOSE_TO_OPEN && count[last] > count[CLOSE_TO_OPEN[last]]) {
      count[last]--;
      end--;
    } else if (first in OPEN_TO_CLOSE && count[first] > count[OPEN_TO_CLOSE[first]]) {
      count[first]--;
      start++;
    } else {
      break;
    }
  }
  return token.slice(start, end);
}

/**
 * The markers of a list pasted from a report or a mail ("• 1.2.3.4", "- evil.example", "1) …",
 * "(b) …"): they stand for no value, and a refusal of each would bury the values' own answers.
 */
const LIST_MARKER = /^(?:[\u2022\u25e6\u25aa\u25ab\u2023\u2043\u25cf\u25cb\u25a0\u25a1\u25ba\u25b6\u2192\u00b7*+\-\u2013\u2014]|\(?(?:\d{1,3}|[a-z])[.)]|\((?:\d{1,3}|[a-z])\))$/i;

/**
 * The name of a field written before its value in a report or a tool's output ("MD5: …",
 * "IP: …", "Domein: …"): a label, no value, and no refusal either.
 */
const FIELD_LABEL = /^(?:md5|sha-?1|sha-?256|sha-?512|hash(?:es)?|ip(?:v[46])?s?|ip-?(?:address(?:es)?|adres(?:sen)?)|domains?|domein(?:en)?|domeinnaam|hosts?|hostnames?|hostnamen|urls?|e-?mails?|e-?mailadres(?:sen)?|cves?|iocs?|indicators?|indicatoren|c2|c&c)\s*:$/i;

/** The word that joins the last two of a list ("I-1 and I-2", "I-1 en I-2", "I-1 & I-2"). */
const JOINING_WORD = /^(?:and|en|&)$/i;

export function tokenise(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.split(SEPARATORS)) {
    if (piece === "" || LIST_MARKER.test(piece) || FIELD_LABEL.test(piece) || JOINING_WORD.test(piece)) continue;
    // A piece this long is refused as too long whatever wraps it; skipping the clean-up keeps
    // a hostile megabyte of "((((" from costing anything.
    const token = piece.length > 2 * MAX_TOKEN_LENGTH ? piece : stripWrapping(piece);
    if (token !== "") tokens.push(token);
  }
  return tokens;
}
