import { classify } from "../indicators/index.js";

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
const LDAP_DOMAIN = /\bdc=([\p{L}\p{N}-]{1,63})((?:[ ]{0,2},[ ]{0,2}dc=[\p{L}\p{N}-]{1,63}){1,10})/giu;
// A mailbox kept apart from its domain: an LDAP name's uid beside its DC parts, or fields of their
// own ("user": "john.doe", "domain": "evil.example"; ECS's user.name and user.domain).
const LDAP_UID = /\buid=([\p{L}\p{N}._%+-]{1,64})/giu;
const MAILBOX_FIELD = /(?<![\p{L}\p{N}_])(?:user|username|user\.name|sender_local|local_part|localpart|mailbox|account)["']?[ ]{0,8}[:=][ ]{0,8}["']?([\p{L}\p{N}._%+-]{1,64})(?![\p{L}\p{N}._%+-])/giu;
const DOMAIN_FIELD = /(?<![\p{L}\p{N}_])(?:domain|user\.domain|sender_domain|mail_domain|maildomain)["']?[ ]{0,8}[:=][ ]{0,8}["']?([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10})(?![\p{L}\p{N}-])/giu;
// A request's host and path as logs, JSON events and rules name them: "Host: …", "host=…",
// "\"hostname\":\"…\"" (Zeek, Suricata EVE), "dhost=" (CEF), "dest=", ":authority:" (HTTP/2),
// "\"domain\":" (ECS); "POST /login", "uri=/login", "\"url\":\"/login\"", "uri_path=", ":path:".
// Rules name them too: Sigma's fields with their modifiers ("cs-host|contains:", "c-uri|startswith:"),
// Suricata's sticky buffers ("http.host; content:\"…\""), Snort's content with its modifier after it
// ("content:\"/login\"; http_uri;") or the header written out ("content:\"Host|3a| …\"").
const HTTP_HOST = /(?<![\p{L}\p{N}])(?::authority|host|hostname|http_host|cs-host|dhost|dest_host|dest|server_name|domain)["']?(?:\|[a-z]{1,12}){0,2}[ ]{0,2}[:=][ ]{0,2}["']?([\p{L}\p{N}.:[\]-]{1,260})|http[._]host;[ ]{0,2}content:[ ]{0,2}"([^"|]{1,260})"|content:[ ]{0,2}"host\|3a\|[ ]?([^"|]{1,260})"/giu;
// A URL to an address with a Host header beside it (curl -H "Host: …" http://203.0.113.5/login): its path is the named host's.
const HTTP_PATH = /\b(?:get|post|put|head|delete|patch|options)[ ]{1,3}(\/[^\s"'<>]{0,2048})|\bhttps?:\/\/\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(\/[^\s"'<>]{0,2048})|(?<![\p{L}\p{N}])(?::path|uri|url|path|pathname|uri_path|url_path|uri-stem|cs-uri-stem|cs-uri|c-uri|c-uri-stem|request-uri|request_uri|request)["']?(?:\|[a-z]{1,12}){0,2}[ ]{0,2}[:=][ ]{0,2}["']?(\/[^\s"'<>,}]{0,2048})|http[._]uri;[ ]{0,2}content:[ ]{0,2}"(\/[^"]{0,2048})"|content:[ ]{0,2}"(\/[^"]{0,2048})";[ ]{0,2}http_uri/giu;
// A request's query in a field of its own (ECS's url.query, CIM's uri_query, IIS's cs-uri-query, a URL object's search).
const HTTP_QUERY = /(?<![\p{L}\p{N}])(?:query|uri_query|url_query|cs-uri-query|query_string|querystring|search)["']?[ ]{0,2}[:=][ ]{0,2}["']?\??([^\s"'<>,}?]{1,2048})/giu;
/** The first group a pattern of several alternatives matched. */
const matched = (m: RegExpMatchArray) => m.slice(1).find((group) => group !== undefined)!;
// A string dumped as UTF-16, its zero bytes shown as dots: "e.v.i.l...e.x.a.m.p.l.e".
const WIDE_STRING = /(?:[\x21-\x7e]\.){4,256}[\x21-\x7e]?/g;
// "1.1.1.1" in base64 is ten characters ("MS4xLjEuMQ==").
const BASE64_RUN = /(?<![\w+/-])[\w+/-]{10,4096}={0,2}(?![\w+/=-])/g;
// Text as hex bytes, as YARA strings and hex dumps write it: "65 76 69 6C 2E …", "6576696c2e…";
// seven bytes at least ("evil.nl", "1.1.1.1"), and below eight only a value alone (ONE_VALUE).
const HEX_TEXT = /(?<![0-9a-f])[0-9a-f]{2}(?:[ ]?[0-9a-f]{2}){6,1024}(?![0-9a-f])/gi;
const SHORT_HEX_TEXT = 8;
// Bytes written one by one: "\xd4\x1d\x8c…", "0xd4, 0x1d, …" (a hash in code or a debugger).
const ESCAPED_BYTES = /(?:\\x[0-9a-f]{2}){16,64}/gi;
// Fewer, as shellcode and a sockaddr write an address ("\\xcb\\x00\\x71\\x09").
const FEW_ESCAPED_BYTES = /(?<!\\x[0-9a-f]{2})(?:\\x[0-9a-f]{2}){4,15}(?!\\x[0-9a-f]{2})/gi;
// Python's bytes as it prints them: escapes for some bytes, the character itself for printable ones
// (hashlib's digest(): "b'\\x17l]0\\x15\\xc9…'").
// A few bytes in hex, spaced or with colons, as a packet or a sockaddr is shown ("02 00 01 bb cb 00 71 09", "cb:00:71:09").
const FEW_HEX_BYTES = /(?<![0-9a-f:])[0-9a-f]{2}(?:[ :][0-9a-f]{2}){3,15}(?![0-9a-f:])/gi;
const BYTES_LITERAL = /\bb(['"])((?:\\x[0-9a-f]{2}|\\[\\'"nrt0]|[^\\\n'"]){4,128})\1/gi;
// Across the lines of an array as code formats it ("{\n  0x1c, 0xb2, …,\n  0x64, … }").
const LISTED_BYTES = /0x[0-9a-f]{2}(?:[ \t\r\n]{0,12},?[ \t\r\n]{0,12}0x[0-9a-f]{2}){15,63}/gi;
// Bytes or character codes as lists of numbers, as code and debuggers print them: Java's signed
// bytes ("[23, 108, -55, …]"), Python's and Rust's ("[28, 178, …]", "bytes([…])"), C's hex
// ("{0x68, 0x74, …}" shorter than a hash), "String.fromCharCode(104, 116, …)". Four at least.
const NUMBER_LIST = /(?<![\w.-])(?:(?:-?\d{1,3}|0x[0-9a-f]{2})[ \t\r\n]{0,12},[ \t\r\n]{0,12}){3,511}(?:-?\d{1,3}|0x[0-9a-f]{2})(?![\w.])/gi;
// Characters one by one: PowerShell's "[char]50+[char]48", VBA's "Chr(109) & Chr(105)", Python's "chr(109)+chr(105)".
const CHAR_CODES = /(?:(?:\[char\]|\bchrw?\$?\()[ ]{0,2}(\d{1,5})\)?[ ]{0,2}[+&,]?[ ]{0,2}){3,512}/gi;
const CHAR_CODE = /(?:\[char\]|\bchrw?\$?\()[ ]{0,2}(\d{1,5})/gi;
// A mail header's encoded-words side by side ("=?UTF-8?B?am9obi5kb2U=?= =?UTF-8?B?QG1p…?="), which
// a reader joins into one text (RFC 2047): one alone is read as base64 or quoted-printable.
const ENCODED_WORDS = /(?:=\?[\w-]{1,40}\?[bq]\?[^?\s]{0,300}\?=[ \t\r\n]{0,8}){2,20}/gi;
const ENCODED_WORD = /=\?[\w-]{1,40}\?([bq])\?([^?\s]{0,300})\?=/gi;

// A line of a hex dump, as xxd, hexdump -C and debuggers write it: an offset, then the bytes in
// groups of one, two or four, then (not read) the same bytes as text. Sixteen bytes a line at most, so
// that a text column that happens to start with hex letters adds nothing.
const DUMP_GROUP = String.raw`(?:[0-9a-f]{8}|[0-9a-f]{4}|[0-9a-f]{2})(?![0-9a-f])`;
const HEX_DUMP_LINE = new RegExp(String.raw`^[ \t>]{0,8}(?:0x)?[0-9a-f]{4,16}:?[ \t]{1,3}(${DUMP_GROUP}(?:[ \t]{1,3}${DUMP_GROUP}){0,15})`, "i");
const MOST_DUMP_LINES = 256;
const BYTES_A_DUMP_LINE = 32;

// A name on a log line, which may be the host a request on the same line went to (a web server's log).
const NAME_ON_LINE = /(?<![\p{L}\p{N}.-])[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10}(?![\p{L}\p{N}-])/gu;

/** Runs of one kind read at most, so that a long text costs no more than a few of them. */
const MOST_RUNS = 50;
/** Combinations of hosts and paths of HTTP requests read at most. */
const MOST_HOSTS = 10;

const PRINTABLE = /^[\x20-\x7e\t\r\n]{4,}$/;
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

/** Requests (a host and a path) read from one text at most: a proxy log of a thousand lines. */
const MOST_REQUESTS = 2000;

/**
 * The host and path of each HTTP request a text holds with its host apart from its path: a
 * proxy log's line ("host=… uri=…"), a raw request or a rule ("Host: …" once for the text), or a
 * web server's log line (the names on the line of the request). A line's own hosts come first,
 * so that the hosts of earlier lines never crowd out a later line's.
 */
function requestsIn(text: string, low: string): [string, string][] {
  if (!/\b(?:get|post|put|head|delete|patch|options|uri|url|path|pathname|uri_path|url_path|uri-stem|cs-uri-stem|cs-uri|c-uri|c-uri-stem|request-uri|request_uri|request|http_uri)\b/.test(low) && !/https?:\/\/\d/.test(low)) return [];
  const mayNameHost = /host|dest|domain|authority|server_name/.test(low);
  const hostsIn = (part: string) => (mayNameHost ? [...new Set([...part.matchAll(HTTP_HOST)].map(matched))] : []);
  const hosts = hostsIn(text).slice(0, MOST_HOSTS);
  const mayNameQuery = /query|search/.test(low);
  const queriesIn = (part: string) => (mayNameQuery ? [...new Set([...part.matchAll(HTTP_QUERY)].map((m) => m[1]))] : []);
  const queries = queriesIn(text).slice(0, MOST_HOSTS);
  const out: [string, string][] = [];
  for (const line of text.split("\n").slice(0, MOST_REQUESTS)) {
    const paths = [...new Set([...line.matchAll(HTTP_PATH)].map(matched))];
    if (paths.length === 0) continue;
    const names = [...new Set([...hostsIn(line), ...[...line.matchAll(NAME_ON_LINE)].map((m) => m[0]), ...hosts])].slice(0, MOST_HOSTS);
    const lineQueries = queriesIn(line);
    const withQueries = (path: string) => [path, ...(lineQueries.length > 0 ? lineQueries : queries).slice(0, MOST_HOSTS).map((q) => `${path}?${q}`)];
    for (const host of names) for (const path of paths.slice(0, MOST_HOSTS).flatMap(withQueries)) out.push([host, path]);
    if (out.length >= MOST_REQUESTS) break;
  }
  return out.slice(0, MOST_REQUESTS);
}

// A table whose header names a request's host and its path in columns of their own: a proxy log
// exported as CSV or TSV, a Markdown table ("timestamp,host,path,status").
const HOST_COLUMN = /^(?:host|hostname|http_host|cs-host|dhost|dest_host|server_name|domain|site|fqdn)$/;
const PATH_COLUMN = /^(?:path|uri|url|uri_path|url_path|uri-stem|cs-uri-stem|request_uri|request-uri|request)$/;
const QUERY_COLUMN = /^(?:query|uri_query|url_query|cs-uri-query|query_string|querystring|search)$/;
const MAY_NAME_HOST_COLUMN = /host|domain|site|fqdn/i;
const MAY_NAME_PATH_COLUMN = /path|uri|url|request/i;
const TABLE_DELIMITERS = [",", "\t", ";", "|"];
// The W3C extended log format (IIS) names its space-separated columns on a "#Fields:" line.
const W3C_FIELDS = /^#fields:[ ]*/i;
const cellsOf = (line: string, delimiter: string) => line.split(delimiter).map((cell) => cell.trim().replace(/^["']|["']$/g, ""));

/** The host and path of each row of such a table. */
function tableRequests(text: string): [string, string][] {
  if (!text.includes("\n") || !MAY_NAME_HOST_COLUMN.test(text) || !MAY_NAME_PATH_COLUMN.test(text)) return [];
  const lines = text.split("\n").slice(0, 1000);
  const out: [string, string][] = [];
  for (let i = 0; i < lines.length && out.length < MOST_RUNS; i++) {
    const w3c = W3C_FIELDS.test(lines[i]);
    for (const delimiter of w3c ? [" "] : TABLE_DELIMITERS) {
      if (!lines[i].includes(delimiter)) continue;
      const header = cellsOf(lines[i].replace(W3C_FIELDS, ""), delimiter).map((cell) => cell.toLowerCase());
      const hostAt = header.findIndex((cell) => HOST_COLUMN.test(cell));
      const pathAt = header.findIndex((cell) => PATH_COLUMN.test(cell));
      const queryAt = header.findIndex((cell) => QUERY_COLUMN.test(cell));
      if (hostAt === -1 || pathAt === -1) continue;
      for (let j = i + 1; j < lines.length && out.length < MOST_RUNS; j++) {
        const row = cellsOf(lines[j], delimiter);
        if (row.length < header.length) break;
        const [host, path] = [row[hostAt], row[pathAt]];
        // A Markdown table's rule ("|---|---|") and rows without a path are passed over; a query
        // column ("-" where there is none) is the path's query.
        if (!host || !path.startsWith("/")) continue;
        out.push([host, path]);
        const query = queryAt === -1 ? "" : row[queryAt].replace(/^\?/, "");
        if (query && query !== "-") out.push([host, `${path}?${query}`]);
      }
      break;
    }
  }
  return out;
}

// A DNS zone's names relative to its origin ("$ORIGIN evil.example." then "c2  IN  A  192.0.2.1"):
// each record's owner name written whole. "@" is the origin itself.
const ZONE_ORIGIN = /(?:^|[ \t])\$origin[ \t]{1,8}([\p{L}\p{N}_.-]{1,253}?)\.?[ \t]*$/imu;
const ZONE_RECORD = /^[ \t]{0,16}([\p{L}\p{N}_*@-]{1,63}(?:\.[\p{L}\p{N}_-]{1,63}){0,10})[ \t]{1,16}(?:\d{1,10}[ \t]{1,16})?(?:in[ \t]{1,16})?(?:\d{1,10}[ \t]{1,16})?(?:a|aaaa|cname|mx|ns|txt|ptr|srv|caa|soa|https|svcb)[ \t]/gimu;

// A zone named otherwise: by a field ("zone: evil.example", Terraform's zone_id, Route 53's
// HostedZone), by BIND's configuration ("zone \"evil.example\" {"), or a zone file's header comment;
// and a record's name by a field of its own ("name: c2", "record": "c2").
const ZONE_FIELD = /(?<![\p{L}\p{N}_])(?:zone|zone_name|zonename|zone_id|hostedzone|hosted_zone|origin|domain)["']?[ ]{0,8}[:=][ ]{0,8}["']?([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10})\.?(?![\p{L}\p{N}-])/giu;
const ZONE_NAMED = /\bzone(?:[ ]file[ ]for)?[ ]{1,3}"?([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10})\.?(?![\p{L}\p{N}-])/giu;
const NAME_FIELD = /(?<![\p{L}\p{N}_.])(?:name|record|record_name|host|subdomain|label)["']?[ ]{0,8}[:=][ ]{0,8}["']?([\p{L}\p{N}_*-]{1,63})(?![\p{L}\p{N}_.-])/giu;
const MAY_NAME_ZONE = /\$origin|zone|subdomain/i;

/** Each record's owner name in a zone's text, joined to the zone ($ORIGIN, or a zone named otherwise). */
function zoneNames(text: string): string[] {
  if (!MAY_NAME_ZONE.test(text)) return [];
  const origin = ZONE_ORIGIN.exec(text);
  const zones = new Set([...(origin ? [origin[1]] : []), ...[...text.matchAll(ZONE_FIELD)].map((m) => m[1]), ...[...text.matchAll(ZONE_NAMED)].map((m) => m[1])].slice(0, MOST_HOSTS));
  if (zones.size === 0) return [];
  const owners = new Set([...[...text.matchAll(ZONE_RECORD)].map((m) => m[1]), ...[...text.matchAll(NAME_FIELD)].map((m) => m[1])].slice(0, MOST_RUNS));
  const names = new Set<string>();
  for (const zone of zones) {
    for (const owner of owners) {
      names.add(owner === "@" ? zone : `${owner}.${zone}`);
      if (names.size >= MOST_RUNS) return [...names];
    }
  }
  return [...names];
}

// A CVE number without its prefix in a column named for it (CSV, TSV, a Markdown table).
const CVE_COLUMN = /^cves?(?:[ _-]?(?:id|ids|number|nr))?$/;
const CVE_NUMBER = /^\d{4}-\d{4,7}$/;

/** The cells of a table's column whose header `column` names, each as `read` makes it a value. */
function columnValues(text: string, column: RegExp, read: (cell: string) => string | undefined): string[] {
  if (!text.includes("\n")) return [];
  const lines = text.split("\n").slice(0, 1000);
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < MOST_RUNS; i++) {
    for (const delimiter of TABLE_DELIMITERS) {
      if (!lines[i].includes(delimiter)) continue;
      const at = cellsOf(lines[i], delimiter).findIndex((cell) => column.test(cell.toLowerCase()));
      if (at === -1) continue;
      for (let j = i + 1; j < lines.length && out.length < MOST_RUNS; j++) {
        const row = cellsOf(lines[j], delimiter);
        if (row.length <= at) break;
        const value = read(row[at]);
        if (value) out.push(value);
      }
      break;
    }
  }
  return out;
}

/**
 * The bytes of each hex dump in a text, its lines joined, in hex: a hash dumped from a file
 * ("00000000: e3b0 c442 …  ...B…\n00000010: 27ae 41e4 …") is whole only so.
 */
function hexDumps(text: string): string[] {
  if (!text.includes("\n")) return [];
  const dumps: string[] = [];
  let bytes = "";
  let lines = 0;
  const end = () => {
    if (lines > 1) dumps.push(bytes);
    bytes = "";
    lines = 0;
  };
  for (const line of text.split("\n").slice(0, 10_000)) {
    const m = HEX_DUMP_LINE.exec(line);
    if (!m) {
      end();
      continue;
    }
    if (lines >= MOST_DUMP_LINES) end();
    bytes += m[1].replace(/[ \t]/g, "").slice(0, BYTES_A_DUMP_LINE).toLowerCase();
    lines++;
  }
  end();
  return dumps.slice(0, MOST_RUNS);
}

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
    const ascii = bytes.toString("latin1");
    const text = PRINTABLE.test(ascii) ? ascii : bytes.length % 2 === 0 && PRINTABLE.test(bytes.toString("utf16le")) ? bytes.toString("utf16le") : undefined;
    if (text !== undefined && (part.length >= SHORT_BASE64 || ONE_VALUE.test(text))) return text;
  }
  return undefined;
}

/**
 * Whether base64 could encode text here: each group of four characters begins with the top six
 * bits of a byte, which for ASCII (and UTF-16's zero bytes) are below 32, "A"–"Z" or "a"–"f".
 * Most words of prose fail at once, before anything is decoded.
 */
function mayEncodeText(part: string): boolean {
  for (let i = 0; i < part.length; i += 4) {
    const c = part.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

const CHAR_CODE_MAY = /\[char\]|chrw?\$?\(/i;

/**
 * A list of numbers as the bytes or characters it may stand for: text where every number is a
 * printable character; and where it is an array (`array`: in brackets, or in hex), a hash's bytes
 * (16, 20 or 32 of them) in hex and an IPv4 address where four bytes are, in either order, as a
 * sockaddr or a byte array holds it.
 */
function listedNumbers(run: string, lines: string[], decodedText: (text: string) => void, array: boolean) {
  const numbers = run.split(",").map((n) => n.trim()).map((n) => (n.toLowerCase().startsWith("0x") ? parseInt(n, 16) : Number(n)));
  if (numbers.some((n) => !Number.isInteger(n) || n < -128 || n > 0xffff)) return;
  if (numbers.every((n) => n > 0x1f && n < 0x7f) || (numbers.every((n) => n > 0x1f) && numbers.some((n) => n > 0xff))) decodedText(String.fromCharCode(...numbers));
  if (numbers.some((n) => n > 0xff) || !array) return;
  bytesRead(Buffer.from(numbers.map((n) => (n < 0 ? n + 256 : n))), lines);
}

/** Bytes as what they may be: a hash (16, 20 or 32 of them), an IPv4 address in either byte order where there are few, text where it is printable. */
function bytesRead(bytes: Buffer, lines: string[], decodedText?: (text: string) => void) {
  if ([16, 20, 32].includes(bytes.length)) lines.push(bytes.toString("hex"));
  if (bytes.length <= 16) for (let i = 0; i + 4 <= bytes.length; i++) lines.push([...bytes.subarray(i, i + 4)].join("."), [...bytes.subarray(i, i + 4)].reverse().join("."));
  const text = bytes.toString("latin1");
  if (decodedText && bytes.length >= 4 && PRINTABLE.test(text)) decodedText(text);
}

const LITERAL_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, "0": 0, "\\": 92, "'": 39, '"': 34 };
/** A Python bytes literal's body as its bytes. */
function bytesOfLiteral(body: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") bytes.push(body.charCodeAt(i) & 0xff);
    else if (body[i + 1] === "x" || body[i + 1] === "X") (bytes.push(parseInt(body.slice(i + 2, i + 4), 16)), (i += 3));
    else (bytes.push(LITERAL_ESCAPES[body[i + 1]] ?? body.charCodeAt(i + 1)), (i += 1));
  }
  return Buffer.from(bytes);
}

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
 * of its own: a domain as an LDAP name's DC parts, the URL of an HTTP request whose Host and path
 * stand apart (a raw request, a proxy log's fields), a UTF-16 string dump, text in base64 or as hex
 * bytes, a hash written byte by byte. `raw` is the text as written (its "\x.." escapes not yet decoded);
 * undefined when there is none of these.
 */
export function composed(text: string, raw: string, depth = DEPTH): string | undefined {
  const lines: string[] = [];
  // Decoded text may hold encoded text of its own ("FromBase64String('aHR0…')" in an encoded command).
  const decodedText = (decoded: string) => {
    lines.push(decoded);
    const inner = depth > 1 ? composed(decoded, decoded, depth - 1) : undefined;
    if (inner) lines.push(inner);
  };
  const low = text.toLowerCase();
  if (low.includes("dc=")) {
    const domains = [...text.matchAll(LDAP_DOMAIN)].slice(0, MOST_RUNS).map((m) => [m[1], ...m[2].split(",").filter((p) => p.trim()).map((p) => p.trim().slice(3))].join("."));
    lines.push(...domains);
    for (const [, uid] of [...text.matchAll(LDAP_UID)].slice(0, MOST_HOSTS)) for (const domain of domains.slice(0, MOST_HOSTS)) lines.push(`${uid}@${domain}`);
  }
  for (const [host, path] of [...requestsIn(text, low), ...tableRequests(text)]) lines.push(`http://${host}${path}`);
  if (low.includes("domain")) {
    const mailboxes = [...new Set([...text.matchAll(MAILBOX_FIELD)].map((m) => m[1]))].slice(0, MOST_HOSTS);
    const domains = mailboxes.length > 0 ? [...new Set([...text.matchAll(DOMAIN_FIELD)].map((m) => m[1]))].slice(0, MOST_HOSTS) : [];
    for (const mailbox of mailboxes) for (const domain of domains) lines.push(`${mailbox}@${domain}`);
  }
  lines.push(...zoneNames(text));
  for (const dump of hexDumps(text)) {
    lines.push(dump);
    const decoded = Buffer.from(dump, "hex").toString("latin1").replace(/[\x00-\x1f\x7f-\xff]/g, ".");
    if (PRINTABLE.test(decoded)) decodedText(decoded);
  }
  if (MAY_BE_WIDE_STRING.test(text)) {
    for (const [run] of [...text.matchAll(WIDE_STRING)].slice(0, MOST_RUNS)) lines.push([...run].filter((_, n) => n % 2 === 0).join(""));
  }
  for (const [run] of [...text.matchAll(HEX_TEXT)].slice(0, MOST_RUNS)) {
    // Control bytes as dots: a DNS name on the wire has its labels' lengths between them.
    const decoded = Buffer.from(run.replace(/ /g, ""), "hex").toString("latin1").replace(/[\x00-\x1f]/g, ".");
    if (PRINTABLE.test(decoded) && (decoded.length >= SHORT_HEX_TEXT || ONE_VALUE.test(decoded))) decodedText(decoded);
  }
  for (const [run] of [...text.matchAll(BASE64_RUN)].slice(0, MOST_RUNS)) {
    // Hex digits only: a hash, or hex bytes (above), most likely.
    const decoded = /^[0-9a-f]+$/i.test(run) ? undefined : base64Text(run);
    if (decoded) decodedText(decoded);
  }
  if (raw.includes("\\x")) for (const [run] of [...raw.matchAll(ESCAPED_BYTES)].slice(0, MOST_RUNS)) lines.push(run.replace(/\\x/gi, ""));
  if (raw.includes("\\x")) for (const [run] of [...raw.matchAll(FEW_ESCAPED_BYTES)].slice(0, MOST_RUNS)) bytesRead(Buffer.from(run.replace(/\\x/gi, ""), "hex"), lines, decodedText);
  for (const [run] of [...text.matchAll(FEW_HEX_BYTES)].slice(0, MOST_RUNS)) bytesRead(Buffer.from(run.replace(/[ :]/g, ""), "hex"), lines);
  for (const cve of columnValues(text, CVE_COLUMN, (cell) => (CVE_NUMBER.test(cell) ? `CVE-${cell}` : undefined))) lines.push(cve);
  if (raw.includes("b'") || raw.includes('b"')) for (const [, , body] of [...raw.matchAll(BYTES_LITERAL)].slice(0, MOST_RUNS)) bytesRead(bytesOfLiteral(body), lines, decodedText);
  if (text.includes(",")) {
    for (const m of [...text.matchAll(NUMBER_LIST)].slice(0, MOST_RUNS)) {
      // A list in brackets or in hex is an array; one in prose ("steps 10, 20, 30, 40") is not read as an address.
      const array = m[0].toLowerCase().includes("0x") || /[[{(][ \t\r\n]{0,12}$/.test(text.slice(Math.max(0, m.index - 13), m.index));
      listedNumbers(m[0], lines, decodedText, array);
    }
  }
  if (CHAR_CODE_MAY.test(text)) {
    for (const [run] of [...text.matchAll(CHAR_CODES)].slice(0, MOST_RUNS)) {
      const codes = [...run.matchAll(CHAR_CODE)].map((m) => Number(m[1]));
      if (codes.every((c) => c > 0x1f && c < 0x10000)) decodedText(String.fromCharCode(...codes));
    }
  }
  // As written: quoted-printable's soft line break ("=" at a line's end) would take an encoded-word's closing "=".
  if (raw.includes("=?")) for (const [run] of [...raw.matchAll(ENCODED_WORDS)].slice(0, MOST_RUNS)) decodedText(encodedWords(run));
  if (low.includes("0x")) for (const [run] of [...text.matchAll(LISTED_BYTES)].slice(0, MOST_RUNS)) lines.push(run.replace(/0x|[ ,]/gi, ""));
  return lines.length > 0 ? lines.join("\n") : undefined;
}
