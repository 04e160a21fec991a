import { remove as withoutLookAlikes } from "confusables";
import { createRequire } from "node:module";
import { classify } from "../indicators/index.js";
import { wellFormed } from "../text/well-formed.js";
import { decodeEscapes } from "./escapes.js";
import { capitalsApart, digitLookAlikes, mailForms, punycodeDecoded, withoutDiacritics, withoutZeroBytes } from "./pasted-forms.js";
import { composed, linesJoined, withoutMarkup, withoutRegexSyntax } from "./tool-forms.js";

// `unhomoglyph` is a CommonJS module whose export is the function itself, which its typings call a
// default export: required as it is.
const skeleton = createRequire(import.meta.url)("unhomoglyph") as (text: string) => string;

// A person who names a value in free text writes it in many ways: with look-alike letters,
// dashes and dots, invisible characters between its letters, escaped, defanged, with spaces
// around its dots, broken over two lines. Instead of teaching each scanner every way, the text
// is read in a few normal forms, and the scanners look for values in each of them. Generous on
// purpose: a form that finds nothing costs one look-up more; a form missed lets data leave the
// cell (Art 7.2).
//
// Every pattern with a repetition is bounded, so that no text makes them backtrack for long.

// Invisible characters (format characters such as U+200B and U+00AD, combining and enclosing
// marks that NFKC could not fold into a letter, variation selectors) and fillers that render
// as nothing: dropped, so "ev\u200Bil" reads "evil".
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800]/gu;
const ODD_SPACE = /[\p{Zs}\t]/gu;
// A right-to-left override shows what follows it backwards, up to its end or the line's:
// "\u202eelpmaxe.live\u202c" reads "evil.example" on screen, and is read so.
const RIGHT_TO_LEFT_OVERRIDE = /\u202e([^\u202c\n]{0,2048})\u202c?/g;

// Characters people (or their keyboards) use for a dot, a slash, a colon: mapped to the ASCII one.
// NFKC already folds full-width and small forms (U+FF0E, U+FE52, U+FF0F, U+FE55 …).
// Applied before NFKC as well as after it: NFKC makes some of them something else ("︰" two dots).
const DOT_LIKE = /[\u2024\u2027\u3002\uff61\u0701\u0702\u06d4\u2e3c\u00b7\u0387\u2219\u22c5\u30fb\u2e31\u2e33\u2022\ua4f8\u16eb\u2981\ua60e\u{1d16d}]/gu;
const SLASH_LIKE = /[\u2044\u2215\u29f8\u2571\u29f5\u27cb\u3033\u4e3f]/g;
const COLON_LIKE = /[\u2236\ua789\u02d0\u02f8\u0589\u05c3\ufe30\ua4fd\u205a\u16ec\u1803\u1809\u0903\u0a83]/g;
// Line and paragraph separators (and the vertical tab, form feed, next line) break a line as "\n" does.
const LINE_BREAK_LIKE = /[\u2028\u2029\u0085\v\f]/g;
// A capital I with a dot (Turkish) lower-cases to "i" and a combining dot, which would split a name.
const DOTTED_CAPITAL_I = /\u0130/g;
const DIGIT = /\p{Nd}/gu;

// Every dash and hyphen (NFKC turns U+2011 into U+2010, the minus sign is not in Pd).
const DASH_LIKE = /[\p{Pd}\u2212\u2043\u02d7\u2796\ufe63\u2cba]/gu;
const NON_ASCII_DASH = /(?!-)[\p{Pd}\u2212\u2043\u02d7\u2796\ufe63\u2cba]/gu;
// The long dashes (em dash, horizontal bar, two- and three-em dashes) are prose punctuation far
// more often than the short ones.
const LONG_DASH = /[\u2014\u2015\u2e3a\u2e3b\ufe58]/g;

// Defanged forms, wherever they stand in the text, also with spaces inside or around them.
// Any bracket of any script (【.】, ⟦.⟧, ﹝.﹞ as well as [.]), or the same mark on both sides
// ("evil'.'example", "evil|.|example").
const DEFANGED_DOT = /[ ]{0,3}[\p{Ps}<]{1,2}[ ]{0,3}(?:\.|dot|punt)[ ]{0,3}[\p{Pe}>]{1,2}[ ]{0,3}/giu;
const DEFANGED_AT = /[ ]{0,3}[\p{Ps}<]{1,2}[ ]{0,3}(?:@|at)[ ]{0,3}[\p{Pe}>]{1,2}[ ]{0,3}/giu;
const DEFANGED_PUNCT = /[\p{Ps}][ ]{0,3}(:\/\/|::|:|\/)[ ]{0,3}[\p{Pe}]/gu;
// Without spaces only: "use '.' as the separator" is a sentence.
// The mark spelled out too ("evil\"dot\"example", "john'at'evil.example"): glued to letters on both
// sides, which prose quoting a word does not do.
const WRAPPED_JOINT = /(?<=[\p{L}\p{N}])(["'*`|_~])([.@]|dot|punt|at)\1(?=[\p{L}\p{N}])/giu;
const DEFANGED_SCHEME = /\b(?:h(?:xx|tx|xt|\*\*|__|\[tt\]|\(tt\))p(s?)|f(?:x|\[t\])p)(?=[ ]{0,3}[[({]?[ ]{0,3}:)/gi;
const SPELLED_DOT = /(?<=[\p{L}\p{N}])[ ]{1,3}(?:dot|punt)[ ]{1,3}(?=[\p{L}\p{N}])/giu;
// "john.doe at evil dot example": an at sign spelled out before what reads as a domain. "at" is a
// word of English prose too ("look at evil.example"), so this is a reading of its own, beside the
// others, rather than a rewrite of every reading (and of the words a steering reader sees).
const SPELLED_AT = /(?<=[\p{L}\p{N}._%+-])[ ]{1,3}(?:at|apenstaartje)[ ]{1,3}(?=[\p{L}\p{N}-]{1,63}\.[\p{L}\p{N}])/giu;
// Ids with a spaced ASCII hyphen ("I - 42", "R - 4"), and CVE numbers with spaces ("CVE 2021 44228"). A
// spaced en or em dash ("Fase I – 2025") is punctuation of a sentence, not part of an id.
const SPACED_ITEM_ID = /(?<![\p{L}\p{N}])([iIRA])[ ]{1,3}([-_])[ ]{1,3}(?=\d)/gu;
const SPACED_CVE = /(?<![\p{L}\p{N}])cve[ _-]{1,3}(\d{4})[ _-]{1,3}(?=\d{4})/giu;
// "evil . example", "a @ b.example": spaces on both sides of a dot or an at sign inside a value
// (one side only is how sentences end: "… evil.example. Then", and is read by JOINED below).
const SPACED_JOINT = /(?<=[\p{L}\p{N}_-])[ ]{1,3}([.@])[ ]{1,3}(?=[\p{L}\p{N}_-])/gu;
// A dot or an at sign doubled inside a value, with or without spaces ("evil..example",
// "evil2 .. example", "john@@evil.example", "john @ @ evil.example"): a slip, or a way past a
// filter. Read again around each (doubledJointsRead), and what that names counts as words: an ellipsis in
// prose ("so...then") is written so too.
const DOUBLED_JOINT = /(?<=[\p{L}\p{N}_-])[ ]{0,3}([.@])(?:[ ]{0,3}\1){1,2}[ ]{0,3}(?=[\p{L}\p{N}_-])/gu;
// An IPv6 address with spaces around its colons ("2001 : db8 :: 15"): at least two groups of
// colons, so that a label and its value ("Score : 10") stay as written.
const SPACED_COLONS = /(?<![\p{L}\p{N}])[0-9a-f]{1,4}(?:[ ]{0,3}::?[ ]{0,3}[0-9a-f]{0,4}){2,8}(?![\p{L}\p{N}])/giu;
const withoutSpaces = (run: string) => run.replace(/ /g, "");
// A value written letter by letter, one or two spaces after each ("e v i l . e x a m p l e",
// "1 9 8 . 5 1 . 1 0 0 . 1 0", "C V E - 2 0 2 1 - 4 4 2 2 8"), to slip it past a filter: joined
// where the letters hold a dot, an at sign or a colon, as a value does, or make a value whole (a
// hash, a CVE); "a b c" stays prose.
const LETTER_SPACED = /(?<!\S)(?:\S[ ]{1,2}){4,253}\S(?!\S)/g;
const JOINT_MARK = /[.@:]/;
const joinLetters = (run: string) => {
  const joined = run.replace(/ /g, "");
  return JOINT_MARK.test(run) || classify(joined).ok ? joined : run;
};
// A value broken over two lines at one of its dots, hyphens or slashes, or with a space beside
// one of them, as PDFs, mail clients and hand-typing leave it: "mivd-only.\nexample",
// "evil. example/ login", "evil  .example", "mivd- only.example". A line that ends in a letter starts a new word.
const JOINED = /(?<=[./@:-])[ ]{0,2}\r?\n[ ]{0,2}(?=[\p{L}\p{N}_.\/@-])|(?<=[\p{L}\p{N}_])[ ]{0,2}\r?\n[ ]{0,2}(?=[./@-])|(?<=[\p{L}\p{N}_-])([./@]|-(?=[ ]{1,3}[\p{L}_]))[ ]{1,3}(?=[\p{L}\p{N}_-])|(?<=[\p{L}\p{N}_-])[ ]{1,3}([./@])(?=[\p{L}\p{N}_-])/gu;

// The cheap tests of `where`, one object each: a regular expression literal inside a function is
// a new object at every call, and these run several times for every string a command stores.
const MAY_BE_DEFANGED_SCHEME = /[hf][x*_[(]/i;
const OPENING_BRACKET = /[\p{Ps}<]/u;
const MAY_BE_WRAPPED_JOINT = /(["'*`|_~])(?:[.@]|dot|punt|at)\1/i;
const MAY_BE_SPELLED_DOT = / (?:dot|punt) /i;
const MAY_BE_SPACED_CVE = /cve[ _-]/i;
const MAY_BE_SPACED_JOINT = / [.@] /;
const MAY_BE_DOUBLED_JOINT = /([.@])[ ]{0,3}\1/;
const MAY_BE_SPACED_ITEM_ID = /[iIRA] {1,3}[-_] {1,3}\d/;
const MAY_BE_SPELLED_AT = / (?:at|apenstaartje) /i;
const MAY_BE_SPACED_COLON = /[0-9a-f] {1,3}:|: {1,3}[0-9a-f]/i;
const MAY_BE_LETTER_SPACED = /(?<!\S)\S {1,2}\S {1,2}\S {1,2}\S {1,2}\S(?!\S)/;

// The other marks of a value spelled out, in Dutch and in English ("mivd streepje only punt
// example", "http dubbele punt slash slash …", "CVE streepje 2021 streepje 44228", "john.doe-at-…"):
// a reading of their own, since each is a word of prose too. "min" is left out: "5 min" is a time.
const SPELLED_MARKS: readonly [RegExp, string][] = [
  [/[ ]{1,3}(?:dubbele[ ]punt|colon)(?=[ ]{1,3}\S)/giu, ":"],
  [/[ ]{1,3}(?:schuine[ ]streep|slash)(?=[ ]{1,3}\S|[ ]*$)/giu, "/"],
  [/[ ]{1,3}(?:liggend[ ]streepje|streepje|koppelteken|hyphen|dash)(?=[ ]{1,3}\S)/giu, "-"],
  [/(?<=[\p{L}\p{N}])[ ]{0,2}[-.]at[-.][ ]{0,2}(?=[\p{L}\p{N}])/giu, "@"],
];
const MAY_BE_SPELLED_MARK = /dubbele punt|colon|schuine streep|slash|streepje|koppelteken|hyphen|dash|[-.]at[-.]/i;
const AFTER_SPELLED_MARK = /(?<=[:/-])[ ]{1,3}(?=\S)/g;
function spelledMarks(text: string): string {
  let out = text;
  for (const [pattern, mark] of SPELLED_MARKS) out = out.replace(pattern, mark);
  return out.replace(AFTER_SPELLED_MARK, "");
}

/** Applies `pattern` only where a cheap test says it can match: most texts hold none of these forms. */
const where = (text: string, maybe: RegExp, pattern: RegExp, by: string | ((...args: string[]) => string)) =>
  maybe.test(text) ? text.replace(pattern, by as string) : text;

/** The mark a wrapped joint stands for: "." or "@", also spelled out. */
const wrappedJoint = (_match: string, _wrap: string, mark: string) => (mark === "." || mark === "@" ? mark : /^at$/i.test(mark) ? "@" : ".");

/** The scheme a defanged one stands for ("hxxps" → "https", "fxp" → "ftp"). */
const refangedScheme = (match: string, s: string | undefined) => (match[0] === "f" || match[0] === "F" ? "ftp" : s ? "https" : "http");

/** `spelledDots`: " dot " and " punt " read as dots too (not in the words a steering reader sees, see joinSpacedForms). */
function refang(text: string, spelledDots = true): string {
  let out = where(text, MAY_BE_DEFANGED_SCHEME, DEFANGED_SCHEME, refangedScheme);
  if (OPENING_BRACKET.test(out)) out = out.replace(DEFANGED_DOT, ".").replace(DEFANGED_AT, "@").replace(DEFANGED_PUNCT, "$1");
  out = where(out, MAY_BE_WRAPPED_JOINT, WRAPPED_JOINT, wrappedJoint);
  if (spelledDots) out = where(out, MAY_BE_SPELLED_DOT, SPELLED_DOT, ".");
  out = where(out, MAY_BE_SPACED_CVE, SPACED_CVE, "CVE-$1-");
  // Letter by letter before the spaces around a dot are taken out, which would glue "y . e" into one word.
  out = where(out, MAY_BE_LETTER_SPACED, LETTER_SPACED, joinLetters);
  out = where(out, MAY_BE_SPACED_COLON, SPACED_COLONS, withoutSpaces);
  return where(out, MAY_BE_SPACED_JOINT, SPACED_JOINT, "$1");
}

/** Decimal digits of every script (Arabic-Indic, Devanagari, mathematical …) as ASCII ones. */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0)!;
  // Unicode puts each script's digits 0–9 in a row; walk back to its zero.
  let zero = code;
  while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1)) && code - zero < 9) zero--;
  return String(code - zero);
}

const MARKS = /[\p{Mn}\p{Me}]/gu;
const MAY_HOLD_MARK = /[&\\%=]|[\p{Mn}\p{Me}]/u;

/**
 * Look-alikes, invisible characters and escapes folded, repeated (up to three times) until nothing
 * changes, so their order does not matter. `dropMarks`: combining marks that arrive escaped
 * ("mi&#769;vd", "mi\\u0301vd", "mi%CC%81vd") are taken out before NFKC would join them to the
 * letter before them ("í"), which the escapes were written to do.
 */
function fold(text: string, dropMarks = false): string {
  // Three passes take "&amp;#46;", "%252e" and the like apart; more is not how people paste.
  let out = wellFormed(text);
  for (let pass = 0; pass < 3; pass++) {
    const decoded = decodeEscapes(out);
    const next = (dropMarks ? decoded.replace(MARKS, "") : decoded)
      .replace(RIGHT_TO_LEFT_OVERRIDE, (_run, inside: string) => [...inside].reverse().join(""))
      .replace(LINE_BREAK_LIKE, "\n")
      .replace(DOTTED_CAPITAL_I, "I")
      .replace(DOT_LIKE, ".")
      .replace(SLASH_LIKE, "/")
      .replace(COLON_LIKE, ":")
      .normalize("NFKC")
      .replace(INVISIBLE, "")
      .replace(ODD_SPACE, " ")
      .replace(DOT_LIKE, ".")
      .replace(SLASH_LIKE, "/")
      .replace(COLON_LIKE, ":")
      .replace(DIGIT, (d) => (d >= "0" && d <= "9" ? d : asciiDigit(d)));
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * How a reading takes dashes. An em dash after a value ("evil.example—and") is punctuation;
 * between its letters ("evil—example.nl") it stands for a hyphen. So: every dash a hyphen; every
 * dash but the ASCII one a space; only the long dashes a space, the short ones hyphens.
 */
const DASH_READINGS: readonly ((text: string) => string)[] = [
  (text) => text.replace(DASH_LIKE, "-"),
  (text) => text.replace(NON_ASCII_DASH, " "),
  (text) => text.replace(LONG_DASH, " ").replace(DASH_LIKE, "-"),
];

// Letters the look-alike table reads as another letter than the one they imitate in a name:
// a capital I (Cyrillic І, Greek Ι) or a dotless ı is an "i" here, not an "l".
const SKELETON_OVERRIDES: Record<string, string> = { ı: "i", "\u0406": "i", "\u0399": "i", "\u04c0": "i", "\u04cf": "i" };
// Upright strokes, which stand for an "i" or an "l" alike ("ΜΙVD", "exampӀe"): read as "l" too, in a
// reading of their own, as a capital I inside a lower-case word is (tool-forms.ts).
const UPRIGHT_STROKE = "[\u01c0\u0196\u0399\u03b9\u0406\u04c0\u04cf\u05c0\u0627\u07ca\u2223\u23fd\u2d4f\uffe8]";
const UPRIGHT_STROKES = new RegExp(UPRIGHT_STROKE, "g");
const MAY_HOLD_UPRIGHT_STROKE = new RegExp(UPRIGHT_STROKE);
const ASCII_ONLY = /^[\x00-\x7f]+$/;

const lookAlikes = new Map<string, string>();
/**
 * A letter of another script as the Latin one it imitates (Cyrillic "е", Greek "ο" …): as it is
 * first, since the table knows some capitals only as capitals (Greek "Μ", "Η"), then by lower case.
 */
function lookAlike(ch: string): string {
  let latin = lookAlikes.get(ch);
  if (latin === undefined) {
    const asItIs = withoutLookAlikes(ch);
    latin = SKELETON_OVERRIDES[ch] ?? (asItIs !== ch && ASCII_ONLY.test(asItIs) ? asItIs.toLowerCase() : withoutLookAlikes(ch.toLowerCase()));
    if (lookAlikes.size < 10_000) lookAlikes.set(ch, latin);
  }
  return latin;
}
// Beyond Latin-1 and Latin Extended-A (ASCII and its accented letters, which stay what they are),
// and the dotless ı: where look-alikes live, Latin Extended-B's among them ("ǀ", "Ɩ", "Ʒ").
const BEYOND_LATIN = /[^\x00-\u0130\u0132-\u017f]/u;
const BEYOND_LATIN_ALL = /[^\x00-\u0130\u0132-\u017f]/gu;

const skeletons = new Map<string, string>();
/**
 * A character beyond Latin as Unicode's table of confusables (UTS #39, through `unhomoglyph`)
 * reads it, lower-cased: it knows many a character the table of `confusables` does not (Cherokee,
 * Coptic, Greek small letters, the Vai full stop, colons and slashes of other scripts). Only
 * characters beyond Latin: the table also maps ASCII to its prototypes ("m" to "rn", "1" to "l").
 */
function skeletonOf(ch: string): string {
  let latin = skeletons.get(ch);
  if (latin === undefined) {
    latin = skeleton(ch).toLowerCase();
    if (skeletons.size < 10_000) skeletons.set(ch, latin);
  }
  return latin;
}

/**
 * The readings of a text in which the guard looks for values: escapes decoded and look-alike
 * punctuation folded; dashes read as hyphens and as punctuation (see DASH_READINGS); lines and
 * spaces inside a value joined; and — when the text has letters beyond Latin — each again with
 * look-alike letters read as the Latin ones they imitate. One reading keeps the escapes as they
 * were written, for a value whose escapes are part of it ("/a%2Fb").
 */
export function readings(text: string): string[] {
  // A spaced hyphen joins an id before the dashes are read: a spaced em dash ("Deel I — 2") stays prose.
  const folded = where(fold(text), MAY_BE_SPACED_ITEM_ID, SPACED_ITEM_ID, "$1$2");
  const forms = new Set(DASH_READINGS.map((dashes) => refang(dashes(folded))));
  forms.add(refang(folded.replace(DASH_LIKE, "-")).replace(JOINED, "$1$2"));
  forms.add(refang(text.replace(INVISIBLE, "").replace(DASH_LIKE, "-")));
  // What mail sources, mail gateways and PDFs leave in a value (pasted-forms.ts).
  for (const pasted of [mailForms(folded), capitalsApart(folded), digitLookAlikes(folded), withoutDiacritics(folded), withoutZeroBytes(text)]) {
    if (pasted !== undefined) forms.add(refang(pasted.replace(DASH_LIKE, "-")));
  }
  // A name in punycode, its letters read as the name they imitate (a diacritic left out, too).
  const decoded = punycodeDecoded(folded);
  if (decoded !== undefined) for (const form of [decoded, withoutDiacritics(decoded)]) if (form !== undefined) forms.add(refang(form.replace(DASH_LIKE, "-")));
  // What tools, markup and mail leave in a value (tool-forms.ts), and an at sign spelled out where
  // it stands before a name (English prose full of "at" is not read twice): a reading without
  // them; the words on either side of each line break joined; and the values that stand in the
  // text only in pieces.
  const first = [...forms][0];
  const spelled = MAY_BE_SPELLED_AT.test(first) && first.search(SPELLED_AT) !== -1 ? first.replace(SPELLED_AT, "@") : first;
  const unmarked = withoutMarkup(spelled) ?? spelled;
  if (unmarked !== first) forms.add(refang(unmarked));
  const joined = linesJoined(unmarked);
  if (joined) forms.add(refang(joined));
  const pieces = composed(folded, text);
  if (pieces) forms.add(refang(pieces));
  const unregexed = withoutRegexSyntax(folded);
  if (unregexed) forms.add(refang(unregexed.replace(DASH_LIKE, "-")));
  if (MAY_HOLD_MARK.test(text)) forms.add(refang(fold(text, true).replace(DASH_LIKE, "-")));
  if (MAY_BE_SPELLED_MARK.test(first)) forms.add(refang(spelledMarks(first)));
  if (BEYOND_LATIN.test(folded) || (decoded !== undefined && BEYOND_LATIN.test(decoded))) {
    // Character by character, and only beyond Latin: the table also rewrites some ASCII in
    // context ("|" beside letters becomes "l"), and folds accents, which are letters of their own.
    // Then by Unicode's own table, and with upright strokes as "l".
    for (const form of [...forms]) {
      forms.add(refang(form.replace(BEYOND_LATIN_ALL, lookAlike)));
      forms.add(refang(form.replace(BEYOND_LATIN_ALL, skeletonOf)));
      if (MAY_HOLD_UPRIGHT_STROKE.test(form)) forms.add(refang(form.replace(UPRIGHT_STROKES, "l").replace(BEYOND_LATIN_ALL, lookAlike)));
    }
  }
  return [...forms];
}

/**
 * How far either side of a doubled mark its reading reaches: further than a name or an e-mail
 * address runs, and then on to the end of the word.
 */
const DOUBLED_REACH = 256;
const SPACE = /\s/;

/**
 * The stretches of the readings around each doubled dot or at sign inside a value, with those
 * read once (see DOUBLED_JOINT). Only the stretches: read whole again, a long list that is
 * checkable (a thousand MAC addresses) went over the work budget for one "so...on" in it.
 */
export function doubledJointsRead(forms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const form of forms) {
    if (!MAY_BE_DOUBLED_JOINT.test(form)) continue;
    // Each mark's stretch, widened to whole words and merged with the one before where they meet.
    let from = -1;
    let to = -1;
    const add = () => {
      if (to > from) out.add(form.slice(from, to).replace(DOUBLED_JOINT, "$1"));
    };
    for (const m of form.matchAll(DOUBLED_JOINT)) {
      // To the end of the word, within as far again: a run without spaces can be as long as the text.
      let start = Math.max(0, m.index - DOUBLED_REACH);
      const first = Math.max(0, start - DOUBLED_REACH);
      while (start > first && !SPACE.test(form[start - 1])) start--;
      let end = Math.min(form.length, m.index + m[0].length + DOUBLED_REACH);
      const last = Math.min(form.length, end + DOUBLED_REACH);
      while (end < last && !SPACE.test(form[end])) end++;
      if (start > to) {
        add();
        from = start;
      }
      to = Math.max(to, end);
    }
    add();
  }
  return [...out];
}

/**
 * The text as a reader sees it, with defanged and spaced-out forms ("evil [.] example",
 * "I - 42") joined into one word and every kind of space a plain one, so that a reader who
 * splits it into words finds each value whole. A spelled-out dot is not joined here: "dot" and
 * "punt" are words of prose too ("agendapunt 3", "een punt van zorg", "the dot com era"), which
 * the steering group reads as written; a value on record spelled so is still found across the
 * words (withhold.ts).
 */
export const joinSpacedForms = (text: string): string =>
  refang(where(wellFormed(text).normalize("NFKC").replace(INVISIBLE, "").replace(ODD_SPACE, " "), MAY_BE_SPACED_ITEM_ID, SPACED_ITEM_ID, "$1$2"), false);

/** The comparable form of a URL's host and path, as a text's readings give it: for stored and written URLs alike. */
export const foldKey = (key: string): string => fold(key).replace(DASH_LIKE, "-").toLowerCase();
