import { domainToUnicode } from "node:url";

// What copying a value out of a mail's source, a mail gateway's link or a PDF leaves in it, for
// the guard's readings (readings.ts): each function gives a reading of its own beside the others,
// or nothing when the text holds none of its forms. A reading that names nothing on record costs a
// little time; one that is missing lets data leave the cell (Art 7.2).
//
// Every pattern with a repetition is bounded, so that no text makes them backtrack for long.

// Quoted-printable's escapes of "=", "&", "?" and "#", which every link in a mail's source carries
// ("?id=3D7"). Not among the escapes every reading decodes (escapes.ts): "?id=3D7" may as well be
// a query whose value is "3D7".
const QUOTED_QUERY_MARK = /=(3D|26|3F|23)/gi;
const MAY_BE_QUOTED_QUERY = /=3D/i;

// Mail addresses as older mail systems and headers write them: a bang path ("evil.example!john"),
// the percent hack ("john%evil.example@relay.example"), a comment beside the at sign
// ("john(work)@evil.example"), a quoted local part with spaces around the at sign.
const NAME = String.raw`[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10}`;
const BANG_PATH = new RegExp(String.raw`(?<![\p{L}\p{N}.!-])(${NAME})!([\p{L}\p{N}._+-]{1,64})(?![\p{L}\p{N}!])`, "gu");
const PERCENT_HACK = new RegExp(String.raw`(?<=[\p{L}\p{N}._+-])%(${NAME})@${NAME}`, "gu");
const COMMENT_AT = /\([^()\s]{0,64}\)(?=@)|(?<=@)\([^()\s]{0,64}\)/g;
const QUOTED_AT = /(?<=")[ ]{1,3}@[ ]{0,3}(?=[\p{L}\p{N}])/gu;

// Links a mail gateway rewrote, with the link clicked inside them. Proofpoint's URL Defense, its
// second version: "…/v2/url?u=https-3A__evil.example_a-3Fid-3D7&d=…" ("-XX" a byte, "_" a slash);
// its third: "…/v3/__https://evil.example/a?id=7__;!!…".
const DEFENDED_V2 = /https?:\/\/urldefense(?:\.proofpoint)?\.com\/v2\/url\?u=([\w.~-]{1,2048})/gi;
const DEFENDED_V3 = /https?:\/\/urldefense(?:\.proofpoint)?\.com\/v3\/__(\S{1,2048}?)__;/gi;
const DEFENDED_BYTE = /-([0-9A-F]{2})/g;

// A PDF's or a table's copy that lost the break between a value and the next field's name
// ("Domeinnaam:evil.exampleBron:AIVD", "…/loginStatus:actief"): a small letter, then a capital.
// Only where the word before holds a dot, an at sign or a slash: "JavaScript" is read once.
// The capitalised word must end there (a field's name before its colon, a word before a space):
// "PayPal.com" and "GitHub.com" are names of their own.
const CAPITAL_AFTER_SMALL = /(?<=\p{Ll})(?=\p{Lu}[\p{L}\p{N}]{0,40}(?:[:=\s]|$))/gu;
const MAY_HOLD_CAPITAL_AFTER_VALUE = /[.@/][\p{L}\p{N}-]{0,62}\p{Ll}\p{Lu}/u;

// Letters a reader takes for digits among digits: "2O3.O.113.9", "203.0.ll3.9", "CVE-2O21-44228".
// ("|" is no such letter here: a pipe-delimited log writes "10.0.0.1|2|tcp".)
const LETTERS_AMONG_DIGITS = /(?<=\d|\d[.:-])[OoIl]{1,3}(?=\d|[.:-]\d)/g;
// And in a hash: a run of a hash's length with an O for a 0 or an l or I for a 1.
const MAY_BE_HASH = /(?<![\p{L}\p{N}])[0-9a-fA-FoOlI]{32,64}(?![\p{L}\p{N}])/gu;
const HASH_LENGTHS = new Set([32, 40, 64]);
const NOT_HEX = /[oOlI]/;
const MAY_HOLD_LETTER_AMONG_DIGITS = /\d[.:-]?[OoIl]|[OoIl][.:-]?\d/;

// Letters with a diacritic, precomposed ("mívd-only.example"): a reader sees the name without it.
// Only where such a letter stands in a word with a dot or an at sign inside it: Dutch prose
// ("café", "ideeën") is read once.
const ACCENTED_IN_NAME = /[\u00c0-\u024f\u1e00-\u1eff][\p{L}\p{N}-]{0,62}[.@][\p{L}\p{N}]|[\p{L}\p{N}][.@][\p{L}\p{N}-]{0,62}[\u00c0-\u024f\u1e00-\u1eff]/u;
const COMBINING_MARKS = /\p{M}/gu;

// A string in UTF-16 with its zero bytes escaped ("m\\x00i\\x00v…", "m\\u0000i\\u0000…", "m%00i%00…").
const ESCAPED_ZERO_BYTE = /\\x00|\\u0000|%00/gi;
const MAY_HOLD_ESCAPED_ZERO_BYTE = /\\x00|\\u0000|%00/i;

// A name in punycode ("xn--mvd-only-thh.example"), as DNS and certificates carry one: read as
// the letters it encodes, whose look-alikes the other readings then fold ("mívd-only.example").
const PUNYCODE_NAME = /(?<![\p{L}\p{N}.-])(?:[a-z0-9-]{1,63}\.){0,10}xn--[a-z0-9-]{1,59}(?:\.[a-z0-9-]{1,63}){0,10}/giu;
const MAY_HOLD_PUNYCODE = /xn--/i;

/** The text with names in punycode as the letters they encode; undefined when it has none. */
export function punycodeDecoded(text: string): string | undefined {
  if (!MAY_HOLD_PUNYCODE.test(text)) return undefined;
  const out = text.replace(PUNYCODE_NAME, (name) => domainToUnicode(name) || name);
  return out === text ? undefined : out;
}

/** The text without escaped zero bytes; undefined when it has none. */
export function withoutZeroBytes(text: string): string | undefined {
  return MAY_HOLD_ESCAPED_ZERO_BYTE.test(text) ? text.replace(ESCAPED_ZERO_BYTE, "") : undefined;
}

/** Mail addresses in older forms as addresses, the links inside mail gateways' rewritten links, quoted-printable's query marks decoded; undefined when the text has none. */
export function mailForms(text: string): string | undefined {
  let out = text;
  if (MAY_BE_QUOTED_QUERY.test(out)) out = out.replace(QUOTED_QUERY_MARK, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (out.includes("!")) out = out.replace(BANG_PATH, "$2@$1");
  if (out.includes("%")) out = out.replace(PERCENT_HACK, "@$1");
  if (out.includes("@")) out = out.replace(COMMENT_AT, "").replace(QUOTED_AT, "@");
  if (out.includes("urldefense")) {
    out = out.replace(DEFENDED_V2, (_m, link: string) => decodedLink(link.replace(/_/g, "/").replace(DEFENDED_BYTE, "%$1"))).replace(DEFENDED_V3, "$1 ");
  }
  return out === text ? undefined : out;
}

const decodedLink = (link: string) => {
  try {
    return decodeURIComponent(link);
  } catch {
    return link;
  }
};

/** The text with a space where a small letter meets a capital (a lost line break) after a value; undefined when it has none. */
export function capitalsApart(text: string): string | undefined {
  return MAY_HOLD_CAPITAL_AFTER_VALUE.test(text) ? text.replace(CAPITAL_AFTER_SMALL, " ") : undefined;
}

/** The text with O, l and I among digits as the digits they look like; undefined when it has none. */
export function digitLookAlikes(text: string): string | undefined {
  if (!MAY_HOLD_LETTER_AMONG_DIGITS.test(text)) return undefined;
  const out = text
    .replace(LETTERS_AMONG_DIGITS, (letters) => letters.replace(/[Oo]/g, "0").replace(/[Il]/g, "1"))
    .replace(MAY_BE_HASH, (run) => (HASH_LENGTHS.has(run.length) && NOT_HEX.test(run) ? run.replace(/[oO]/g, "0").replace(/[lI]/g, "1") : run));
  return out === text ? undefined : out;
}

/** The text with precomposed letters' diacritics taken off; undefined when it has none. */
export function withoutDiacritics(text: string): string | undefined {
  return ACCENTED_IN_NAME.test(text) ? text.normalize("NFD").replace(COMBINING_MARKS, "") : undefined;
}
