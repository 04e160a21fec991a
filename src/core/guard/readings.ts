import { remove as withoutLookAlikes } from "confusables";

// A person who names a value in free text writes it in many ways: with look-alike letters,
// dashes and dots, invisible characters between its letters, defanged, percent-encoded, with
// spaces around its dots. Instead of teaching each scanner every way, the text is read in a few
// normal forms, and the scanners look for values in each of them. Generous on purpose: a form
// that finds nothing costs one look-up more; a form missed lets data leave the cell (Art 7.2).

// Invisible characters (format characters such as U+200B and U+00AD, combining and enclosing
// marks that NFKC could not fold into a letter, variation selectors) and fillers that render
// as nothing: dropped, so "ev\u200Bil" reads "evil".
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800]/gu;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Characters people (or their keyboards) use for a dot, a slash, a colon: mapped to the ASCII one.
// NFKC already folds full-width and small forms (U+FF0E, U+FE52, U+FF0F, U+FE55 …).
const DOT_LIKE = /[\u2024\u2027\u3002\uff61\u0701\u0702\u06d4\u2e3c\u00b7\u0387\u2219\u22c5\u30fb\u2e31]/g;
const SLASH_LIKE = /[\u2044\u2215\u29f8\u2571\u29f5]/g;
const COLON_LIKE = /[\u2236\ua789\u02d0\u02f8\u0589\u05c3\ufe30]/g;

// Every dash and hyphen (NFKC turns U+2011 into U+2010, the minus sign is not in Pd).
const DASH_LIKE = /[\p{Pd}\u2212\u2043\u02d7\u2796\ufe63]/gu;
const NON_ASCII_DASH = /(?!-)[\p{Pd}\u2212\u2043\u02d7\u2796\ufe63]/gu;
// The long dashes (em dash, horizontal bar, two- and three-em dashes) are prose punctuation far
// more often than the short ones.
const LONG_DASH = /[\u2014\u2015\u2e3a\u2e3b\ufe58]/g;

// Defanged forms, wherever they stand in the text, also with spaces inside or around them.
const DEFANGED_DOT = /\s*[[({<]\s*(?:\.|dot|punt)\s*[\])}>]\s*/gi;
const DEFANGED_AT = /\s*[[({<]\s*(?:@|at)\s*[\])}>]\s*/gi;
const DEFANGED_PUNCT = /[[({]\s*(:\/\/|:|\/)\s*[\])}]/g;
const DEFANGED_SCHEME = /\b(?:h(?:xx|tx|xt|\*\*|__|\[tt\]|\(tt\))p(s?)|f(?:x|\[t\])p)(?=\s*[[({]?\s*:)/gi;
const SPELLED_DOT = /(?<=[\p{L}\p{N}])\s+(?:dot|punt)\s+(?=[\p{L}\p{N}])/giu;
const ESCAPED_DOT = /\\(?=\.)/g;
// Ids and CVE numbers written with spaces: "I - 42", "CVE 2021 44228".
const SPACED_ITEM_ID = /(?<![\p{L}\p{N}])([iI])[ \t]*[-_\u2010-\u2015\u2212][ \t]*(?=\d)/gu;
const SPACED_CVE = /(?<![\p{L}\p{N}])cve[ \t_\u2010-\u2015\u2212-]+(\d{4})[ \t_\u2010-\u2015\u2212-]+(?=\d{4})/giu;
// "evil . example", "a @ b.example": spaces on both sides of a dot or an at sign inside a value
// (one side only is how sentences end: "… evil.example. Then").
const SPACED_JOINT = /(?<=[\p{L}\p{N}_-])[ \t]+([.@])[ \t]+(?=[\p{L}\p{N}_-])/gu;

// Chat and web escapes: Slack's three entities, numeric character references, and percent
// escapes of printable ASCII ("%2e" is a dot to every browser).
const ENTITY = /&(?:(amp|lt|gt|quot|apos|period|commat|sol|colon);|#(\d{1,7});|#x([0-9a-f]{1,6});)/gi;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", period: ".", commat: "@", sol: "/", colon: ":" };
const PERCENT = /%([2-7][0-9a-f])/gi;

function decodeEscapes(text: string): string {
  let out = text;
  // Twice, so that "&amp;#46;" and "%252e" come out as well.
  for (let pass = 0; pass < 2; pass++) {
    out = out.replace(ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return NAMED[name.toLowerCase()];
      const code = dec ? Number(dec) : parseInt(hex as string, 16);
      return code > 0x20 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    });
    out = out.replace(PERCENT, (whole, hex: string) => {
      const ch = String.fromCharCode(parseInt(hex, 16));
      return ch === "\x7f" || ch === " " ? whole : ch;
    });
  }
  return out;
}

function refang(text: string): string {
  return text
    .replace(DEFANGED_SCHEME, (match: string, s: string | undefined) => (/^f/i.test(match) ? "ftp" : s ? "https" : "http"))
    .replace(DEFANGED_DOT, ".")
    .replace(DEFANGED_AT, "@")
    .replace(DEFANGED_PUNCT, "$1")
    .replace(ESCAPED_DOT, "")
    .replace(SPELLED_DOT, ".")
    .replace(SPACED_ITEM_ID, "$1-")
    .replace(SPACED_CVE, "CVE-$1-")
    .replace(SPACED_JOINT, "$1");
}

/**
 * Defanged and spaced-out forms ("evil [.] example", "evil dot example") joined into one word, so
 * that a reader who splits a text into words finds the value whole.
 */
export const joinSpacedForms = (text: string): string => refang(text);

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

/** The text with its look-alike characters and escapes taken back to plain ASCII punctuation. */
function plain(text: string, dashes: (text: string) => string): string {
  const folded = text
    .replace(LONE_SURROGATE, "\uFFFD")
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(DOT_LIKE, ".")
    .replace(SLASH_LIKE, "/")
    .replace(COLON_LIKE, ":");
  return refang(decodeEscapes(dashes(folded)));
}

/**
 * The readings of a text in which the guard looks for values: dashes read as hyphens and as
 * punctuation (see DASH_READINGS), and — when the text has letters outside ASCII — each again
 * with look-alike letters (Cyrillic "е", Greek "ο", …) read as the Latin ones they imitate.
 */
export function readings(text: string): string[] {
  const forms = new Set(DASH_READINGS.map((dashes) => plain(text, dashes)));
  // The look-alike table also folds accents, so it is only applied when there is something
  // outside ASCII to fold.
  if (/[^\x00-\x7f]/.test(text)) {
    // Character by character, and only outside ASCII: the table also rewrites some ASCII in
    // context ("|" beside letters becomes "l").
    for (const form of [...forms]) forms.add(form.replace(/[^\x00-\x7f]/gu, (ch) => withoutLookAlikes(ch)));
  }
  return [...forms];
}
