import { classify } from "../indicators/index.js";
import { bytesIn, MOST_RUNS, PRINTABLE, printableText } from "./byte-forms.js";
import { fieldValues } from "./field-forms.js";

// What tools, markup and mail leave in and around a value, for the guard's readings (readings.ts):
// each function gives a reading of its own beside the others, or nothing when the text holds
// none of its forms. Generous on purpose, as the rest of the guard is (Art 7.2): a reading that
// finds nothing costs a little time, a form missed lets data leave the cell.
//
// Every pattern with a repetition is bounded, so that no text makes them backtrack for long.

// Inline HTML or XML tags inside a value, as a mail or a web page pasted as source leaves it
// ("<b>evil</b>.example", "evil.<wbr>example"). Slack's own markup ("<https://…|label>",
// "<@U123>") is no tag: a tag's name is followed by a space, "/" or ">".
const HTML_TAG = /<\/?[a-z][a-z0-9]{0,10}(?:\s[^<>]{0,200})?\/?>|<!--[^]{0,200}?-->/gi;
// Emphasis and escape characters between a value's characters: Markdown and Slack ("**evil**.example",
// "~evil~.example"), PowerShell's backtick and cmd's caret ("e`v`i`l.example", "h^t^t^p^s://…").
const VALUE_CHAR = String.raw`[\p{L}\p{N}.\/:@_-]`;
const MARK_INSIDE = new RegExp(String.raw`(?<=${VALUE_CHAR})[*~\x60^]{1,3}(?=${VALUE_CHAR})`, "gu");
// "_evil_.example": an underscore of chat italics beside a dot or an at sign.
const UNDERSCORE_AT_JOINT = /_{1,3}(?=[.@])|(?<=[.@])_{1,3}/g;
// A value built from strings in code, a spreadsheet or SQL: 'ev' + 'il.example', "evil"&".example",
// 'evil' || '.example', "evil" .. ".example" (Lua), "evil" . ".example" (PHP), CONCAT('evil', '.example'),
// and strings side by side, which C and Python join ("evil" ".example").
const JOINED_STRINGS = /(['"])[ ]{0,2}(?:[+&,]|\|\||\.\.?)?[ ]{0,2}\1/g;
// A capital I inside a lower-case word stands for an l in most fonts ("eviI.example").
const CAPITAL_I = /(?<=[a-z])I/g;
// An at sign written as a glued "AT" or "(a)" ("john.doeATevil2.example", "john.doe(a)evil2.example").
const GLUED_AT = /(?<=[a-z0-9._-])AT(?=[a-z0-9-]{1,63}[.[(])|(?<=[\p{L}\p{N}._-])\(a\)(?=[\p{L}\p{N}])/gu;
// Labels with their lengths in front, as DNS puts a name on the wire and Windows' DNS log and
// Snort rules show it: "(4)evil(7)example(0)", "|04|evil|07|example|00|".
const LENGTH_PREFIX = /\(\d{1,2}\)(?=[\p{L}\p{N}_-])|(?<=[\p{L}\p{N}_-])\(\d{1,2}\)|\|0?[0-9a-f]{1,2}\|(?=[\p{L}\p{N}_-])|(?<=[\p{L}\p{N}_-])\|0?[0-9a-f]{1,2}\|/giu;

// The cheap tests before each rewrite, made once: a regular expression literal inside a function is
// a new object at every call, and these run for every string the guard reads.
const MAY_BE_MARKED = /[*~`^]/;
const MAY_BE_JOINED_STRINGS = /['"][ ]{0,2}(?:(?:[+&,.]|\|\||\.\.)[ ]{0,2})?['"]/;
const MAY_HOLD_CAPITAL_I = /[a-z]I/;
const MAY_BE_LENGTH_PREFIXED = /[(|]/;
const MAY_BE_WIDE_STRING = /[\x21-\x7e]\.[\x21-\x7e]\.[\x21-\x7e]\./;

/** The text with tags, emphasis, escape characters and label lengths inside values taken out; undefined when it has none. */
export function withoutMarkup(text: string): string | undefined {
  let out = text;
  if (out.includes("<")) out = out.replace(HTML_TAG, "");
  if (MAY_BE_MARKED.test(out)) out = out.replace(MARK_INSIDE, "");
  if (out.includes("_")) out = out.replace(UNDERSCORE_AT_JOINT, "");
  if (MAY_BE_JOINED_STRINGS.test(out)) out = out.replace(JOINED_STRINGS, "");
  if (MAY_HOLD_CAPITAL_I.test(out)) out = out.replace(CAPITAL_I, "l");
  if (out.includes("AT") || out.includes("(a)")) out = out.replace(GLUED_AT, "@");
  if (MAY_BE_LENGTH_PREFIXED.test(out)) out = out.replace(LENGTH_PREFIX, ".");
  return out === text ? undefined : out;
}

// A value written as a regular expression, as YARA, Sigma, grep and SIEM rules write one:
// "\\bevil\\.example\\b", "(evil)\\.(example)", "(?:evil)\\.example", "evil\\.?example", "evil\\Wexample".
// The escaped dots are decoded with the other escapes (escapes.ts); here the anchors and classes
// that stand between words become spaces, one that stands for a dot a dot, and groups and
// quantifiers are taken out.
const REGEX_SYNTAX = /\\[bBAzZ]|\\[wWsSdD][+*?]?|\(\?(?:[:=!>|]|<[=!]|P?<[a-z_]{1,32}>|[imsx]{1,4}\))|[()^$]|(?<=[\p{L}\p{N}.\])])(?:[?*+]|\{\d{1,3}(?:,\d{0,3})?\})\??/gu;
// A bracket glued to a value's characters, not a sentence's "(often …)." or "… (R-4)".
const MAY_BE_REGEX = /\\[bBAzZwWsSdD]|\(\?|[.\p{L}\p{N}]\(|\)\.?[\p{L}\p{N}(]|\.[?*+]/u;
const regexPart = (part: string) => (/^\\[bBAzZsSdD]/.test(part) ? " " : /^\\[wW]/.test(part) ? "." : "");

/** The text with regular-expression syntax taken out of the values in it; undefined when it has none. */
export function withoutRegexSyntax(text: string): string | undefined {
  if (!MAY_BE_REGEX.test(text)) return undefined;
  const out = text.replace(REGEX_SYNTAX, regexPart);
  return out === text ? undefined : out;
}

// What mail quoting and indentation put at the start of a line.
const LINE_START = /^(?:[ \t]{0,8}>){0,8}[ \t]{0,40}/;
/** Lines a value broken over lines is read across at most ("d41d8cd9…\n    98fc1c14…\n …"). */
const MOST_LINES = 5;
/** Line breaks read across at most: a text of a thousand lines costs a thousand short pieces. */
const MOST_BREAKS = 2000;

// Hex digits in groups, with a letter among them or colons between them (a hash, a MAC address, a
// fingerprint): not an address's dotted octets.
const HEX_WORD = /^(?:(?=[^a-f]*[a-f])[0-9a-f_|-]+|[0-9a-f]{1,4}(?::[0-9a-f]{1,4})+:?)$/i;
/** A word that is a whole value by itself (as a submission would take it). */
const wholeValue = (word: string) => word !== "" && classify(word).ok;

/**
 * A value a PDF, a mail client or indentation broke over lines ("evil.ex\nample",
 * "d41d8cd98f00b204\n> e9800998ecf8427e"): at each line break, the last word before it joined
 * with the first word after it, past mail quoting and indentation, and on across lines that hold
 * one piece of a hash or of a URL only; where the line ends in a hyphen, also without it (a word
 * hyphenated at the line's end: "evil.exam-\nple"). One piece a line; undefined for a text of
 * one line. Only the words beside each break are joined, not the whole text: joining every line
 * made one endless name of a list of host names, and its reading took the whole work budget.
 * A break with a whole value on each side is a list, one value a line, and is not joined.
 */
export function linesJoined(text: string): string | undefined {
  if (!text.includes("\n")) return undefined;
  const lines = text.split("\n").map((line, n) => (n === 0 ? line : line.replace(LINE_START, "")).trimEnd());
  const pieces: string[] = [];
  for (let i = 0; i + 1 < lines.length && pieces.length < MOST_BREAKS; i++) {
    const before = lines[i].slice(lines[i].search(/\S*$/));
    if (before === "") continue;
    // A value whole on each side of the break: a list, one value a line, not a value broken. Hex
    // groups on both sides: extract.ts reads a hash in groups across lines itself.
    const after = lines[i + 1].split(/[ \t]/, 1)[0];
    if ((wholeValue(before) && wholeValue(after)) || (HEX_WORD.test(before) && HEX_WORD.test(after))) continue;
    // A capital after a word that ends in none of a value's joints begins a word or a line of its
    // own ("…:FF\nSHA256 Fingerprint=…", "…ended\nThe"): a value broken goes on as it was written.
    if (/^\p{Lu}/u.test(after) && !/[./@:_-]$/.test(before)) continue;
    let joined = before;
    for (let j = i + 1; j < lines.length && j <= i + MOST_LINES; j++) {
      const first = lines[j].split(/[ \t]/, 1)[0];
      if (first === "") break;
      joined += first;
      // On past a line of one word only where that word is a piece of a hash or of a URL's
      // path: a list of one name a line would otherwise be read as names joined five by five.
      if (first !== lines[j] || !(/^[0-9a-f]+$/i.test(first) || joined.includes("/"))) break;
    }
    if (joined === before) continue;
    pieces.push(joined);
    if (before.endsWith("-")) pieces.push(before.slice(0, -1) + joined.slice(before.length));
  }
  return pieces.length > 0 ? pieces.join("\n") : undefined;
}

// Runs a value may hide in, each read into what it stands for (see composed).
// A string dumped as UTF-16, its zero bytes shown as dots: "e.v.i.l...e.x.a.m.p.l.e".
const WIDE_STRING = /(?:[\x21-\x7e]\.){4,256}[\x21-\x7e]?/g;
// "1.1.1.1" in base64 is ten characters ("MS4xLjEuMQ==").
const BASE64_RUN = /(?<![\w+/-])[\w+/-]{10,4096}={0,2}(?![\w+/=-])/g;
// Base64 wrapped over lines, as a mail's body (76 characters a line) or a long command is: its
// lines joined, since a value may cross a break.
const WRAPPED_BASE64 = /(?<![\w+/=-])[\w+/-]{16,160}(?:\r?\n[\w+/-]{4,160}){1,400}={0,2}(?![\w+/=-])/g;
const LINE_BREAKS = /\r?\n/g;
// Text as hex bytes, as YARA strings, hex dumps and registry files write it: "65 76 69 6C 2E …",
// "6576696c2e…", "65:76:69:…", "hex(2):65,00,76,00,…"; seven bytes at least ("evil.nl",
// "1.1.1.1"), and below eight only a value alone (ONE_VALUE).
const HEX_TEXT = /(?<![0-9a-f])[0-9a-f]{2}(?:[ :,]?[0-9a-f]{2}){6,1024}(?![0-9a-f])/gi;
const HEX_SEPARATORS = /[ :,]/g;
const SHORT_HEX_TEXT = 8;
/**
 * What a base64 run shorter than 16 characters (12 bytes) must decode to: one value alone
 * ("203.0.113.9", "evil.nl"). A word of prose that long decodes to printable bytes about once in
 * a few thousand; this keeps such a chance from becoming text to read.
 */
const SHORT_BASE64 = 16;
const ONE_VALUE = /^[\w-]+(?:[.:@/][\w-]+)+[./]?$/;
/** Places a base64 run is tried from: its start and after each of its first slashes and marks (a path before it, "/r/aHR0…"). */
const MOST_STARTS = 8;
/** Text in base64 or hex that decodes to more of it (a command that decodes a URL) is read again, this deep. */
const DEPTH = 2;

/**
 * A base64 run's text, where it decodes to printable text (as ASCII or as UTF-16): from the run's
 * start, or else from after one of its first slashes or marks, where a path or a name glued on
 * before the encoded text ends.
 */
function base64Text(run: string): string | undefined {
  const body = run.replace(/=+$/, "");
  const starts = [0];
  for (let i = 0; i < body.length - 10 && starts.length < MOST_STARTS; i++) if ("/+-_".includes(body[i])) starts.push(i + 1);
  for (const start of starts) {
    const part = body.slice(start);
    if (!mayEncodeText(part)) continue;
    const bytes = Buffer.from(part, "base64"); // the URL-safe alphabet too
    const text = printableText(bytes) ?? (bytes.length % 2 === 0 && PRINTABLE.test(bytes.toString("utf16le")) ? bytes.toString("utf16le") : undefined);
    if (text !== undefined && (part.length >= SHORT_BASE64 || ONE_VALUE.test(text))) return text;
  }
  return undefined;
}

/**
 * Whether base64 could encode text here: each group of four characters begins with the top six
 * bits of a byte, which for ASCII (and UTF-16's zero bytes) are below 32, "A"–"Z" or "a"–"f".
 * A letter beyond ASCII ("é" in UTF-8) starts a group otherwise: one group in eight may. Most
 * words of prose fail at once, before anything is decoded.
 */
function mayEncodeText(part: string): boolean {
  const most = Math.max(1, part.length >> 5);
  let beyond = 0;
  for (let i = 0; i < part.length; i += 4) {
    if (startsAscii(part.charCodeAt(i))) continue;
    // In the first group or a short run: a word of prose far more often than text.
    if (i === 0 || part.length < SHORT_BASE64 || ++beyond > most) return false;
  }
  return true;
}

const startsAscii = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 102);

// A mail header's encoded-words side by side ("=?UTF-8?B?am9obi5kb2U=?= =?UTF-8?B?QG1p…?="), which
// a reader joins into one text (RFC 2047): one alone is read as base64 or quoted-printable.
const ENCODED_WORDS = /(?:=\?[\w-]{1,40}\?[bq]\?[^?\s]{0,300}\?=[ \t\r\n]{0,8}){2,20}/gi;
const ENCODED_WORD = /=\?[\w-]{1,40}\?([bq])\?([^?\s]{0,300})\?=/gi;

/** Encoded-words side by side, decoded and joined as a mail reader shows them. */
function encodedWords(run: string): string {
  return [...run.matchAll(ENCODED_WORD)]
    .map(([, kind, body]) =>
      kind.toLowerCase() === "b"
        ? Buffer.from(body, "base64").toString("utf8")
        : body.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    )
    .join("");
}

/**
 * Values that stand in a text only in pieces or in another encoding, each written out on a line
 * of its own: what fields and columns keep apart (field-forms.ts), what bytes in code and dumps
 * stand for (byte-forms.ts), a UTF-16 string dump, text in base64 or as hex bytes, a mail header's
 * encoded-words. `raw` is the text as written (its "\x.." escapes not yet decoded); undefined when
 * there is none of these.
 */
export function composed(text: string, raw: string, depth = DEPTH): string | undefined {
  const lines: string[] = [];
  // Decoded text may hold encoded text of its own ("FromBase64String('aHR0…')" in an encoded command).
  const decodedText = (decoded: string) => {
    lines.push(decoded);
    const inner = depth > 1 ? composed(decoded, decoded, depth - 1) : undefined;
    if (inner) lines.push(inner);
  };
  fieldValues(text, lines);
  bytesIn(text, raw, lines, decodedText);
  if (MAY_BE_WIDE_STRING.test(text)) {
    for (const [run] of [...text.matchAll(WIDE_STRING)].slice(0, MOST_RUNS)) lines.push([...run].filter((_, n) => n % 2 === 0).join(""));
  }
  for (const [run] of [...text.matchAll(HEX_TEXT)].slice(0, MOST_RUNS)) {
    // Control bytes as dots: a DNS name on the wire has its labels' lengths between them.
    const bytes = Buffer.from(run.replace(HEX_SEPARATORS, ""), "hex");
    const decoded = bytes.toString("latin1").replace(/[\x00-\x1f]/g, ".");
    if (PRINTABLE.test(decoded) && (decoded.length >= SHORT_HEX_TEXT || ONE_VALUE.test(decoded))) decodedText(decoded);
    else if (bytes.length >= SHORT_HEX_TEXT) {
      const text = printableText(bytes);
      if (text !== undefined) decodedText(text);
    }
  }
  const wrapped = text.includes("\n") ? [...text.matchAll(WRAPPED_BASE64)].slice(0, MOST_RUNS).map(([run]) => run.replace(LINE_BREAKS, "")) : [];
  for (const run of [...[...text.matchAll(BASE64_RUN)].slice(0, MOST_RUNS).map(([r]) => r), ...wrapped]) {
    // Hex digits only: a hash, or hex bytes (above), most likely.
    const decoded = /^[0-9a-f]+$/i.test(run) ? undefined : base64Text(run);
    if (decoded) decodedText(decoded);
  }
  // As written: quoted-printable's soft line break ("=" at a line's end) would take an encoded-word's closing "=".
  if (raw.includes("=?")) for (const [run] of [...raw.matchAll(ENCODED_WORDS)].slice(0, MOST_RUNS)) decodedText(encodedWords(run));
  return lines.length > 0 ? lines.join("\n") : undefined;
}
