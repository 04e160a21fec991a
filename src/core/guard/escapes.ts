import { decodeHTMLAttribute } from "entities";

// Escapes a value may arrive in when it is pasted from a web page, a mail, JSON, a log or a
// Markdown file: decoded before anything else, so that what is left is what a person would read.

// HTML's named character references are over two thousand ("&ZeroWidthSpace;", "&middot;",
// "&CenterDot;"): `entities` knows them all, also those browsers take without their semicolon,
// but as in an attribute, so that a query's "&region=eu" stays what it is.
// The names below are read in any case as well ("&PERIOD;"), which browsers do not do, but a
// person reading the text would.

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  period: ".",
  commat: "@",
  sol: "/",
  bsol: "\\",
  colon: ":",
  lowbar: "_",
  hyphen: "-",
  dash: "-",
  ndash: "\u2013",
  mdash: "\u2014",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  shy: "",
  zwsp: "",
  zwj: "",
  zwnj: "",
  num: "#",
  quest: "?",
  equals: "=",
  lsqb: "[",
  rsqb: "]",
  lpar: "(",
  rpar: ")",
};
// HTML character references, with or without their closing semicolon (browsers take both).
const ENTITY = /&(?:([a-z][a-z0-9]{1,31})(;?)|#(\d{1,7});?|#x([0-9a-f]{1,6});?)/gi;
// JavaScript, JSON, C and PHP escapes: \u002e, \u{2e}, \x2e, \056, and a backslash before
// punctuation (JSON's "https:\/\/", Markdown's "evil\.example", a regex's "evil\.example").
const BACKSLASH = /\\(?:u\{([0-9a-f]{1,6})\}|u([0-9a-f]{4})|x([0-9a-f]{2})|([0-7]{3})|([!-/:-@[-`{-~]))/gi;
// Percent escapes, as runs so that UTF-8 sequences (%E3%80%82) decode whole.
const PERCENT_RUN = /(?:%[0-9a-f]{2})+/gi;
// Quoted-printable, as mail keeps it: soft line breaks ("=" at a line's end), and the escapes of
// the characters that join a value (". @ - _ : /"); others stay, "id=4A" may be a query.
const QUOTED_PRINTABLE = /=(?:\r?\n|(2E|40|2D|5F|3A|2F))/g;
// And a letter beyond ASCII as its UTF-8 bytes ("m=C3=BCnchen"): a whole sequence only, which "id=4A" never is.
const QUOTED_UTF8 = /=[CD][0-9A-F]=[89AB][0-9A-F]|=E[0-9A-F](?:=[89AB][0-9A-F]){2}|=F[0-7](?:=[89AB][0-9A-F]){3}/gi;

// Letters with a diacritic as HTML names them ("&uuml;", "&eacute;", "&ccedil;"): the letter and its
// combining mark, which NFKC (readings.ts) then joins into one character.
const MARKS: Record<string, string> = { uml: "\u0308", acute: "\u0301", grave: "\u0300", circ: "\u0302", tilde: "\u0303", ring: "\u030a", cedil: "\u0327" };
const LETTERS: Record<string, string> = { szlig: "ß", oslash: "ø", aelig: "æ", eth: "ð", thorn: "þ" };
function accented(name: string): string | undefined {
  const letter = LETTERS[name.toLowerCase()];
  if (letter) return name[0] === name[0].toUpperCase() ? letter.toUpperCase() : letter;
  const m = /^([a-z])(uml|acute|grave|circ|tilde|ring|cedil)$/i.exec(name);
  return m ? `${m[1]}${MARKS[m[2].toLowerCase()]}` : undefined;
}

const fromCode = (code: number, whole: string) => (code > 0x1f && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole);

/** A run of percent escapes, as UTF-8 where it is; white space and controls stay escaped, so that a path does not end at a decoded "%20". */
function decodePercentRun(run: string): string {
  try {
    const decoded = decodeURIComponent(run);
    if (!/[\s\x00-\x1f\x7f]/.test(decoded)) return decoded;
  } catch {
    // Not UTF-8 as a whole: each printable ASCII escape on its own, below.
  }
  return run.replace(/%([2-7][0-9a-f])/gi, (whole, hex: string) => (hex === "20" || hex.toLowerCase() === "7f" ? whole : fromCode(parseInt(hex, 16), whole)));
}

// Made once: it is tested at every pass over every string the guard reads.
const MAY_HOLD_ESCAPES = /[&\\%=]/;

/** One pass over every escape family (the caller repeats it until nothing changes). */
export function decodeEscapes(text: string): string {
  if (!MAY_HOLD_ESCAPES.test(text)) return text;
  return text
    .replace(ENTITY, (whole, name: string | undefined, semicolon: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) {
        const decoded = decodeHTMLAttribute(whole);
        if (decoded !== whole) return decoded;
        return semicolon ? (NAMED[name.toLowerCase()] ?? accented(name) ?? whole) : whole;
      }
      return fromCode(dec ? Number(dec) : parseInt(hex as string, 16), whole);
    })
    .replace(BACKSLASH, (whole, brace: string | undefined, u4: string | undefined, x2: string | undefined, octal: string | undefined, punct: string | undefined) => {
      if (punct !== undefined) return punct;
      const code = brace ?? u4 ?? x2;
      return fromCode(code !== undefined ? parseInt(code, 16) : parseInt(octal as string, 8), whole);
    })
    .replace(PERCENT_RUN, decodePercentRun)
    .replace(QUOTED_PRINTABLE, (whole, hex: string | undefined) => (hex === undefined ? "" : fromCode(parseInt(hex, 16), whole)))
    .replace(QUOTED_UTF8, (run) => Buffer.from(run.replace(/=/g, ""), "hex").toString("utf8"));
}
