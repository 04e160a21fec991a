import ipaddr from "ipaddr.js";
import { classifyEmail, normaliseDomain, type DomainReading } from "../indicators/domain.js";
import { classifyCidr, classifyIpv6 } from "../indicators/network.js";
import { classifyUrl } from "../indicators/url.js";
import type { Indicator } from "../indicators/index.js";
import { JOINING_WORD, otherAddressForms, rangeFrom, v6RangeFrom, type AddressSink } from "./address-forms.js";
import { doubledJointsRead, foldKey, readings } from "./readings.js";
import { spacedNames } from "./spaced-names.js";

/** Names are read with any top-level label: what is on record may end in one no longer taken (domain.ts). */
const ON_RECORD: DomainReading = { anyTopLevel: true };

/**
 * What a text may name of the cell's data, found however it is written: every candidate value
 * in the stored normal form (as a submission would store it), the URLs it names to compare with
 * stored ones, and item ids. Extraction is generous — "1.2.3.4.5" yields two addresses, a run of
 * labels every domain inside it — because only what is on record counts, and the store is asked.
 */
export interface Extracted {
  /** Candidate indicators keyed "type|value". */
  values: Map<string, Indicator>;
  /** URLs named with a path, port or scheme: compared with stored URLs on the same host. */
  urls: { key: string; prefixes: string[] }[];
  itemIds: Set<number>;
  /** Disclosure requests ("R-4") and analyses ("A-2") named: they hold items of parties. */
  requestIds: Set<number>;
  analysisIds: Set<number>;
  /** More work than one text may take (see MAX_WORK); the text is not checked. */
  tooMany: boolean;
  /**
   * Keys of `values` read only from words with other marks than dots between them
   * (spaced-names.ts): they name a value when it is on record, but alone they do not make a text
   * look like one, as most sentences hold such words.
   */
  wordNames: Set<string>;
}

/** Whether a text writes something that looks like a value (not only words that would make a name, see Extracted.wordNames). */
export const looksLikeValue = (found: Extracted): boolean => found.urls.length > 0 || found.values.size > found.wordNames.size;

/**
 * Candidates and tries one text may cost. A 20,000-character analysis of dense indicators takes a
 * few tens of thousands; beyond this the text is refused rather than half-checked, and no text
 * can keep the bot busy for long.
 */
export const MAX_WORK = 200_000;
/**
 * Inside a longer name, windows of up to this many labels are tried; every parent name (a
 * suffix), the whole name and the name but its last label or two are tried whatever their
 * depth, so a stored name of any depth is found as written, below any subdomain and before a
 * file's extension.
 */
const MAX_WINDOW = 8;
/** The longest domain name DNS allows, and the longest label (which an edge cut may shorten). */
const MAX_NAME = 253;
const MAX_CUT_LABEL = 63;
/** A URL's path is compared as written and cut at up to this many trailing punctuation marks. */
const MAX_TRIMS = 4;
/** A name's outer labels are tried cut at this many of their hyphens or underscores. */
const MAX_CUTS = 4;
/** Items a list or range after an id ("I-42, 43", "I-42..45") may name. */
const MAX_LISTED = 50;
const URL_SCHEMES = ["http", "https", "ftp"] as const;

// "I-42", "i_42" with any dash (readings.ts folds them) and "I42", as the bot itself reads an id
// typed back (prefixed-id.ts); then a list or a range of further numbers. Not "i7" in small
// letters glued to its number: that is prose ("Core i7", "BMW i3", "fase i2"), and with every
// low number an item on record it would refuse such a text always. Requests and analyses ("R-4",
// "A-2") likewise.
const ITEM_ID = /(?<![\p{L}\p{N}])(?:[iI][-_]|I)(\d{1,12})(?![\p{L}\p{N}])/gu;
// Capitals and a dash only, as the bot writes them: "appendix a-1" and "A4" are prose.
const OTHER_ID = /(?<![\p{L}\p{N}])([RA])[-_](\d{1,12})(?![\p{L}\p{N}])/gu;
const ID_LIST = /^(?:[ ]{0,2}(?:,|\/|&|\+|and|en)[ ]{0,2}(?:[iI]-?)?(\d{1,12})(?![\p{L}\p{N}]))+/u;
const ID_LIST_ITEM = /(?:,|\/|&|\+|and|en)[ ]{0,2}([iI]-?)?(\d{1,12})/gu;
// A range is written with "..", "to", "through" or "t/m": "I-3 - 2024" is an id and a year.
const ID_RANGE = /^[ ]{0,2}(?:\.\.|to|through|thru|t\/m|tot en met)[ ]{0,2}(?:[iI]-?)?(\d{1,12})(?![\p{L}\p{N}])/u;
// "I-1-5", "I-1–5": a range with a dash and no space, only up to a near, larger number ("I-3-2024"
// is no range; "I-3 – 10 min" on an agenda and "I-3\n- I-7", a list's lines joined, are none either).
const ID_DASH_RANGE = /^-(?:[iI]-?)?(\d{1,12})(?![\p{L}\p{N}])/u;
const HEX_RUN = /[0-9a-f]{32,}/g;
// A hash written in groups: "d4:1d:8c:…", "e3b0c442 98fc1c14 …", "d41d8cd9_8f00b204_…", broken over
// lines, also past mail quoting, indentation and a table's bars ("| e3b0… |\n| 27ae… |").
// Any marks between the groups ("e3b0;c442", "\"e3b0c442\", \"98fc1c14\"", "%e3%b0", "e3b0 \\\n c442"), and
// up to one blank line, a comment's or a quote's mark or a string's quote and plus (code that
// joins a hash over lines) at the start of the next.
const HEX_GROUPS = /(?<![0-9a-f])[0-9a-f]{2,64}(?:(?:[^0-9a-z\r\n]{1,4}|[^0-9a-z\r\n]{0,8}(?:\r?\n[ \t]{0,16}){1,2}(?:[>|#;/*"'+][ \t]{0,16}){0,8})[0-9a-f]{2,64}){1,47}(?![0-9a-f])/g;
// "CVE-2021-45046", also "cve:2021:45046", "reference:cve,2021-45046;" (Snort), "CVE ID 2021-45046",
// a field named for it ("cve_id": "2021-45046", "<cve>2021-45046</cve>", "CVE-ID: 2021-45046");
// then a list of more: the same year's numbers ("/45046", "and -45046") or other ids ("…, 2021-45046");
// after a word only with the dash ("and 4966 other findings" is a count).
const CVE = /cves?(?:[ _-]?(?:id|ids|nr|no|number|nummer)\.?)?[ _,:./|"'=#([{<>-]{0,5}(\d{4})[ _.:/-]{0,3}(0*\d{4,7})((?:[ ]{0,2}(?:[/,&;][ ]{0,2}(?:(?:cve[ _-]{0,3})?\d{4}[ _-])?-?|(?:and|en|or|of)[ ]{1,2}(?:(?:cve[ _-]{0,3})?\d{4}[ _-]|-))0*\d{4,7}){0,10})/g;
const CVE_LISTED = /(?:(?:cve[ _-]{0,3})?(\d{4})[ _-])?-?(0*\d{4,7})/g;
const IPV4_RUN = /(?<!\d)\d{1,3}(?:\.\d{1,3}){3,}(?!\d)/g;
const IPV6_RUN = /[0-9a-f:.]{2,}/g;
// Also as file names write one, the slash being no character of a name: "198.51.100.0_24.xml",
// "198.51.100.0-24.gnmap" (a dash before a file's extension only: "10.0.0.1-5" is a range).
// And a prefix length named ("… prefix length 24", "… met prefix 24", "\"address\":\"…\",\"prefixlen\":24",
// "\"v4prefix\":\"…\",\"length\":24").
const CIDR_AFTER = new RegExp(
  String.raw`^(?:\]?[ ]{0,2}\/[ ]{0,2}|_|-(?=\d{1,2}\.[a-z])|["']?[ ]{0,2}[, ][ ]{0,2}(?:${JOINING_WORD}[ ]{1,2})?["']?(?:prefix[ _-]?len(?:gth)?|prefix[ _-]?lengte|prefix|mask[ _-]?len(?:gth)?|cidr|bits|length)["']?[ ]{0,2}[:= ][ ]{0,2})(\d{1,3})(?!\d)`,
);
const LABEL = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?`;
const DOMAIN_RUN = new RegExp(`${LABEL}(?:\\.${LABEL})+`, "gu");
const EMAIL = new RegExp(`([\\p{L}\\p{N}._%+!#$&'*=?^\\x60{|}~/:"-]{1,64})@(${LABEL}(?:\\.${LABEL})+)`, "gu");
// What may follow a host in a URL: a port, then a path, query or fragment up to white space or
// characters that never stand unescaped in one.
// A root dot after the name ("evil.example./x") and an empty port ("evil.example:/x") change
// nothing; a backslash is a slash to browsers ("evil.example\\login").
const AFTER_HOST = /^(?:\.(?=[:/?#\\]))?(?::\d{0,5})?([/?#\\][^\s<>"`|^{}]{0,2048})?/;
const TRAILING_PROSE = /(?:['’]s|[.,;:!?)\]}'’"”»*_~])$/;
const HASH_LENGTHS = { 32: "md5", 40: "sha1", 64: "sha256" } as const;
// A digest in base64 (or base64url), as HTTP headers, cloud storage and subresource integrity
// write it: 16, 20 or 32 bytes, padded.
const BASE64_DIGEST = /(?<![\w+/-])([\w+/-]{22}==|[\w+/-]{27}=|[\w+/-]{43}=)(?![\w+/=-])/g;
// Unpadded and unnamed too, where the run mixes capitals, small letters and digits as base64 does
// and words and ids seldom do (UNPADDED_LOOKS_ENCODED).
const UNPADDED_DIGEST = /(?<![\w+/=-])([\w+/-]{22}|[\w+/-]{27}|[\w+/-]{43})(?![\w+/=-])/g;
const UNPADDED_LOOKS_ENCODED = /^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)/;
// With the hash's name in front, as subresource integrity and Digest headers write it, padded or not.
const NAMED_BASE64_DIGEST = /(?:md5|sha-?1|sha-?256)[-=:]([\w+/-]{22}(?:==)?|[\w+/-]{27}=?|[\w+/-]{43}=?)(?![\w+/=-])/gi;

// The smaller patterns of the scanners below, made once: a regular expression literal inside a
// function is a new object at every call, and extraction runs for every string a command stores.
const TRAILING_SLASHES = /\/+$/;
const MAY_BE_HEX_GROUPS = /[0-9a-f]{2}[^0-9a-z]/;
const NOT_HEX = /[^0-9a-f]+/;
const HASH_NAME = /md5|sha/i;
const SPACE_OR_SLASH = /[\s/]/;
const TRAILING_DOTS = /\.+$/;
const TRAILING_DOTS_COLONS = /[.:]+$/;
const PORT_AFTER_COLON = /:\d{1,5}$/;
const PORT_AFTER_DOT = /\.\d{1,5}$/;
const LEADING_DOTS_COLONS = /^[.:]+(?=[0-9a-f]{1,4}:)/;
const COLONS = /:/g;
const SLASH_RUNS = /\/{2,}/g;
const LABEL_CUTS = /[-_]/g;
const HAS_LABEL_CUT = /[-_]/;
const EDGE_UNDERSCORES = /^_+|_+$/g;
const DIGITS_ONLY = /^\d+$/;
const TRAILING_UNDERSCORES = /_+$/;
const LEADING_NON_WORD = /^[^\p{L}\p{N}]+/u;
const UP_TO_FIELD_MARK = /^.*[=:/?&;,]/u;
const UNDERSCORES = /_/g;
const QUOTES = /"/g;
const WORD_STARTS = /(^|[._-])(\p{L})/gu;
const capitalised = (_m: string, sep: string, ch: string) => sep + ch.toUpperCase();

/**
 * The comparable form of a URL: host, path, query and fragment, decoded, folded and lower-cased,
 * without a trailing slash, and with a run of slashes in the path read as one (a web server
 * answers "//login" as "/login", and a reader takes them for one URL).
 */
export function urlKey(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  return foldKey(`${url.hostname}${url.pathname.replace(SLASH_RUNS, "/")}${url.search}${url.hash}`).replace(TRAILING_SLASHES, "");
}

class Collector {
  readonly values = new Map<string, Indicator>();
  readonly urls: Extracted["urls"] = [];
  readonly itemIds = new Set<number>();
  readonly requestIds = new Set<number>();
  readonly analysisIds = new Set<number>();
  readonly wordNames = new Set<string>();
  /** Work done once per text: a host's root URLs, a window's normal form. */
  readonly seenHosts = new Set<string>();
  readonly domainForms = new Map<string, string | undefined>();
  /** Every value added from now on is read as words only (see doubledJointsRead). */
  wordsOnly = false;
  private work = 0;
  get tooMany() {
    return this.work > MAX_WORK;
  }
  /** Counts a try that found nothing: tries cost time too. */
  spend(n = 1) {
    this.work += n;
  }
  add(indicator: Indicator | undefined, asWords = false) {
    this.work++;
    if (!indicator) return;
    this.set(indicator, asWords);
    // A range of one address is that address: "203.0.113.9" names a stored 203.0.113.9/32.
    if (indicator.type === "ipv4" || indicator.type === "ipv6") {
      this.set({ type: `${indicator.type}-cidr` as const, value: `${indicator.value}/${indicator.type === "ipv4" ? 32 : 128}` }, asWords);
    }
  }
  /** `asWords`: read only from words that prose writes too (Extracted.wordNames); a value read otherwise as well is not. */
  private set(indicator: Indicator, asWords: boolean) {
    asWords ||= this.wordsOnly;
    const key = `${indicator.type}|${indicator.value}`;
    if (asWords && this.values.has(key)) return;
    this.values.set(key, indicator);
    if (asWords) this.wordNames.add(key);
    else this.wordNames.delete(key);
  }
  addUrl(key: string | undefined, prefixes: string[]) {
    this.work += prefixes.length;
    if (key) this.urls.push({ key, prefixes });
  }
}

const accepted = (result: { ok: boolean; indicator?: Indicator }) => (result.ok ? result.indicator : undefined);

const HEX_QUADS = /([0-9a-f]{4})/g;
/** 32 hex digits with the bytes of each 32-bit word reversed. */
const littleEndianWords = (hex: string) => hex.replace(/([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/g, "$4$3$2$1");

function hashes(low: string, out: Collector) {
  const take = (hex: string) => {
    const type = HASH_LENGTHS[hex.length as keyof typeof HASH_LENGTHS];
    if (type) out.add({ type, value: hex });
    // 128 bits in hex are also an IPv6 address as packet dumps and /proc/net/tcp6 write it, in
    // its order or in 32-bit words each with its bytes reversed (little-endian).
    if (hex.length === 32) for (const ordered of [hex, littleEndianWords(hex)]) out.add(accepted(classifyIpv6(ordered.replace(HEX_QUADS, "$1:").slice(0, -1))));
  };
  const withEnds = (run: string) => {
    take(run);
    // A hash glued to other hex digits ("0xd41d8…", "md5d41d8…"): its ends are tried too.
    if (run.length > 32) for (const n of [32, 40, 64]) if (run.length > n) (take(run.slice(0, n)), take(run.slice(-n)));
  };
  for (const [run] of low.matchAll(HEX_RUN)) withEnds(run);
  if (!MAY_BE_HEX_GROUPS.test(low)) return;
  for (const [run] of low.matchAll(HEX_GROUPS)) {
    // Groups may have hex-like words beside them ("de e3b0c442 … 7852b855 de"): every run of
    // whole groups is tried.
    const groups = run.split(NOT_HEX).filter(Boolean);
    for (let i = 0; i < groups.length; i++) {
      let joined = "";
      for (let j = i; j < groups.length && joined.length < 64; j++) {
        joined += groups[j];
        out.spend();
        take(joined);
      }
    }
  }
}

function base64Digests(reading: string, out: Collector) {
  const named = HASH_NAME.test(reading) ? [...reading.matchAll(NAMED_BASE64_DIGEST)].map((m) => m[1]) : [];
  const padded = reading.includes("=") ? [...reading.matchAll(BASE64_DIGEST)].map((m) => m[1]) : [];
  for (const run of [...named, ...padded]) digest(run, out);
}

/**
 * Unpadded digests, read in the first reading only: the scan costs as much as the rest of
 * base64Digests together, and the readings differ in dashes and spaces, not in base64's letters.
 */
function unpaddedDigests(reading: string, out: Collector) {
  for (const [, run] of reading.matchAll(UNPADDED_DIGEST)) if (UNPADDED_LOOKS_ENCODED.test(run)) digest(run, out);
}

/** A digest in base64: the hash its bytes are, if their length is one. */
function digest(run: string, out: Collector) {
  // Node's base64 decoder takes the URL-safe alphabet ("-", "_") too.
  const bytes = Buffer.from(run, "base64");
  const type = HASH_LENGTHS[(bytes.length * 2) as keyof typeof HASH_LENGTHS];
  out.add(type ? { type, value: bytes.toString("hex") } : undefined);
}

function cves(low: string, out: Collector) {
  const add = (year: string, n: string) => {
    out.add({ type: "cve", value: `CVE-${year}-${n}` });
    // Zeros put in front ("CVE-2024-03400"): the number is the one without them, at least four digits.
    if (n.length > 4 && n.startsWith("0")) out.add({ type: "cve", value: `CVE-${year}-${n.replace(/^0+/, "").padStart(4, "0")}` });
  };
  for (const m of low.matchAll(CVE)) {
    add(m[1], m[2]);
    // "CVE-2021-44228/45046": the year's other numbers; "…, 2022-1234": another year's.
    for (const [, year, n] of m[3].matchAll(CVE_LISTED)) add(year ?? m[1], n);
  }
}

function itemIds(text: string, out: Collector) {
  const add = (n: number) => Number.isSafeInteger(n) && n > 0 && out.itemIds.add(n);
  for (const m of text.matchAll(ITEM_ID)) {
    const first = Number(m[1]);
    add(first);
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 400);
    const range = ID_RANGE.exec(rest);
    const dashed = ID_DASH_RANGE.exec(rest);
    // A range in words is cut at MAX_LISTED; one with a dash counts only that near.
    const last = range ? Math.min(Number(range[1]), first + MAX_LISTED) : dashed && Number(dashed[1]) <= first + MAX_LISTED ? Number(dashed[1]) : first;
    for (let n = first + 1; n <= last; n++) add(n);
    // A bare number after the id counts when it is near it ("I-42, 43"), not a year ("I-3, 2026").
    const list = ID_LIST.exec(rest);
    if (list) {
      for (const [, prefix, n] of [...list[0].matchAll(ID_LIST_ITEM)].slice(0, MAX_LISTED)) if (prefix || Math.abs(Number(n) - first) <= MAX_LISTED) add(Number(n));
    }
  }
}

function otherIds(text: string, out: Collector) {
  for (const m of text.matchAll(OTHER_ID)) {
    const id = Number(m[2]);
    if (Number.isSafeInteger(id) && id > 0 && out.requestIds.size + out.analysisIds.size < MAX_LISTED) {
      (m[1].toLowerCase() === "r" ? out.requestIds : out.analysisIds).add(id);
    }
  }
}

/** "scheme://" (with user info, if any) right before `start`: the prefixes a stored URL on this host may begin with. */
function schemeBefore(low: string, start: number): string | undefined {
  const before = low.slice(Math.max(0, start - 200), start);
  const mark = before.lastIndexOf("://");
  if (mark === -1) return undefined;
  const between = before.slice(mark + 3);
  return between === "" || (between.endsWith("@") && !SPACE_OR_SLASH.test(between)) ? between : undefined;
}

/**
 * A host found at [start, end) of the (lower-cased) reading: its root URLs, and the URL it may
 * begin. URLs are compared lower-cased (see urlKey), so the case of a path does not matter.
 */
function host(low: string, name: string, start: number, end: number, out: Collector) {
  if (!out.seenHosts.has(name)) {
    out.seenHosts.add(name);
    for (const scheme of URL_SCHEMES) out.add(accepted(classifyUrl(`${scheme}://${name}/`, ON_RECORD)));
  }
  const after = AFTER_HOST.exec(low.slice(end, end + 2100))!;
  const userInfo = schemeBefore(low, start);
  if (!after[0] && userInfo === undefined) return;
  const prefixes = URL_SCHEMES.flatMap((s) => [`${s}://${name}`, ...(userInfo ? [`${s}://${userInfo}${name}`] : [])]);
  // "…/login." or "…/panel's": punctuation of the sentence, most likely; but "_" or "'" may
  // belong to the path too, so the path is compared as written and cut at each such character.
  let path = after[1] ?? "";
  const keys = new Set<string | undefined>([urlKey(`http://${name}${path}`)]);
  for (let trims = 0; trims < MAX_TRIMS && TRAILING_PROSE.test(path); trims++) {
    path = path.endsWith("'s") || path.endsWith("’s") ? path.slice(0, -2) : path.slice(0, -1);
    keys.add(urlKey(`http://${name}${path}`));
  }
  for (const key of keys) out.addUrl(key, prefixes);
}

/** The collector as address-forms.ts adds to it. */
const sink = (low: string, out: Collector): AddressSink => ({ add: (i, asWords) => out.add(i, asWords), spend: (n) => out.spend(n), host: (name, start, end) => host(low, name, start, end, out) });

function ipv4(low: string, out: Collector, forms: AddressSink) {
  for (const m of low.matchAll(IPV4_RUN)) {
    const octets = m[0].split(".").map(Number);
    const start = m.index;
    for (let i = 0; i + 4 <= octets.length; i++) {
      const quad = octets.slice(i, i + 4);
      if (quad.some((o) => o > 255)) continue;
      const address = quad.join(".");
      out.add({ type: "ipv4", value: address });
      if (i + 4 === octets.length) {
        const end = start + m[0].length;
        const prefix = CIDR_AFTER.exec(low.slice(end, end + 40));
        if (prefix) out.add(accepted(classifyCidr(`${address}/${prefix[1]}`)));
        rangeFrom(low, address, end, forms);
        if (i === 0) host(low, address, start, end, out);
      }
    }
  }
}

/**
 * Whether a run could be an IPv6 address at all: at most one "::", groups of up to four hex
 * digits, eight of them unless "::" stands for some (an IPv4 address last counts as two). Most
 * runs with two colons are not ("k:12:3:4", "12:30:45"), and the parser, which tells so by
 * throwing, was the dearest part of reading a short text.
 */
function mayBeIpv6(text: string): boolean {
  const compressed = text.indexOf("::");
  if (compressed !== text.lastIndexOf("::")) return false;
  const groups = text.split(":");
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    if (group === "") continue;
    if (i === groups.length - 1 && group.includes(".")) count += 2;
    else if (group.length > 4 || group.includes(".")) return false;
    else count++;
  }
  return compressed === -1 ? count === 8 : count < 8;
}

function ipv6(low: string, out: Collector, forms: AddressSink) {
  for (const m of low.matchAll(IPV6_RUN)) {
    const run = m[0];
    if (run.indexOf(":") === run.lastIndexOf(":")) continue;
    // As written; without trailing punctuation (a full stop only: "…db8::." ends in "::"); without
    // a port glued on ("…::1:443"); and without a word glued in front ("src:2001:db8::1", "ipv6:…").
    const bare = run.replace(TRAILING_DOTS, "");
    // Also without a port after a dot, as tcpdump writes one ("2001:db8::1.443").
    const tries = new Set([run, run.replace(TRAILING_DOTS_COLONS, ""), bare, run.replace(PORT_AFTER_COLON, ""), run.replace(PORT_AFTER_DOT, ""), run.replace(LEADING_DOTS_COLONS, "")]);
    for (const cut of [...bare.matchAll(COLONS)].slice(0, 8)) tries.add(bare.slice(cut.index + 1));
    const end = m.index + run.length;
    for (const text of tries) {
      out.spend();
      if (text.indexOf(":") === text.lastIndexOf(":") || !mayBeIpv6(text) || !ipaddr.IPv6.isValid(text)) continue;
      // The IPv6 form as written, and an IPv4-mapped one's IPv4 address, as it is stored since
      // (indicators/network.ts); records stored before that keep the IPv6 form.
      const parsed = accepted(classifyIpv6(text, { keepMapped: true }));
      if (!parsed) continue;
      out.add(parsed);
      const address = ipaddr.IPv6.parse(text);
      if (address.isIPv4MappedAddress()) out.add({ type: "ipv4", value: address.toIPv4Address().toString() });
      const carried = translatedIpv4(address);
      if (carried) out.add({ type: "ipv4", value: carried });
      if (text === run || text === bare) v6RangeFrom(low, address, end, forms);
      const prefix = CIDR_AFTER.exec(low.slice(end, end + 6));
      if (prefix) {
        out.add(accepted(classifyCidr(`${text}/${prefix[1]}`, { keepMapped: true })));
        out.add(accepted(classifyCidr(`${text}/${prefix[1]}`)));
      }
      if (low[m.index - 1] === "[" && low[end] === "]" && text === run) {
        host(low, `[${parsed.value}]`, m.index - 1, end + 1, out);
        // "http://[::ffff:203.0.113.9]/a" is the URL "http://203.0.113.9/a" to a browser.
        if (address.isIPv4MappedAddress()) host(low, address.toIPv4Address().toString(), m.index - 1, end + 1, out);
      }
    }
  }
}

/**
 * The IPv4 address an IPv6 one carries by a translation's convention, as gateways and their logs
 * write an IPv4 peer: NAT64's well-known prefix 64:ff9b::/96 (RFC 6052) and its local-use
 * 64:ff9b:1::/48 (RFC 8215, with the usual /96) in the last 32 bits; 6to4's 2002::/16 (RFC 3056)
 * in the 32 bits after the prefix. Other IPv6 addresses carry none.
 */
function translatedIpv4(address: ipaddr.IPv6): string | undefined {
  const p = address.parts;
  const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  if (p[0] === 0x64 && p[1] === 0xff9b && (p[2] === 1 || p.slice(2, 6).every((part) => part === 0))) return ipv4(p[6], p[7]);
  if (p[0] === 0x2002) return ipv4(p[1], p[2]);
  return undefined;
}

/**
 * A separator glued to a name ("evil.example—and", "see—evil.example", "file_evil.example.pcap",
 * "evil.example_2024-12-01.pcap"): a window's outer labels are also tried cut at their hyphens
 * and underscores.
 */
function edgeCuts(labels: string[]): string[][] {
  const first = labels[0];
  const last = labels[labels.length - 1];
  const cuts = (label: string) => [...label.matchAll(LABEL_CUTS)].map((m) => m.index);
  if (!HAS_LABEL_CUT.test(first) && !HAS_LABEL_CUT.test(last)) return [labels];
  const firsts = [first, ...cuts(first).slice(-MAX_CUTS).map((i) => first.slice(i + 1))].filter(Boolean);
  const lasts = [last, ...cuts(last).slice(0, MAX_CUTS).map((i) => last.slice(0, i))].filter(Boolean);
  const middle = labels.slice(1, -1);
  return firsts.flatMap((f) => lasts.map((l) => [f, ...middle, l]));
}

function domainOf(window: string, out: Collector): string | undefined {
  if (out.domainForms.has(window)) return out.domainForms.get(window);
  out.spend(4);
  const domain = normaliseDomain(window, ON_RECORD);
  const value = domain.ok ? domain.value : undefined;
  out.domainForms.set(window, value);
  return value;
}

function domains(low: string, out: Collector) {
  for (const m of low.matchAll(DOMAIN_RUN)) {
    if (out.tooMany) return;
    // "_evil.example_" (chat italics): "_" is a character of labels, but not at the ends of a name.
    const run = m[0].replace(EDGE_UNDERSCORES, "");
    const start = m.index + m[0].indexOf(run);
    const labels = run.split(".");
    // Digits only: an address, which ipv4() reads.
    if (labels.every((l) => DIGITS_ONLY.test(l))) continue;
    // Where each label starts in the run: a window longer than a name may be (253 characters)
    // is never built, so a run of ten thousand labels costs no more than a short one.
    const offsets = [0];
    for (const label of labels) offsets.push(offsets[offsets.length - 1] + label.length + 1);
    const windows = (i: number, j: number) => {
      if (offsets[j] - offsets[i] - 1 > MAX_NAME + 2 * MAX_CUT_LABEL) return;
      for (const cut of edgeCuts(labels.slice(i, j))) {
        const window = cut.join(".");
        const value = domainOf(window, out);
        if (value === undefined) continue;
        out.add({ type: "domain", value });
        // The whole name (its first label perhaps cut: "file_evil.example/x"): a URL's host.
        if (i === 0 && j === labels.length && cut[cut.length - 1] === labels[j - 1]) host(low, value, start + run.length - window.length, start + run.length, out);
      }
    };
    for (let i = 0; i < labels.length - 1; i++) {
      // Every window of up to MAX_WINDOW labels, and from here to the end of the name or to a
      // label or two short of it ("…evil.example_2024.pcap", "…evil.example.png.txt"), each once.
      const last = Math.min(labels.length, i + MAX_WINDOW);
      for (let j = i + 2; j <= last; j++) windows(i, j);
      for (let j = labels.length; j >= labels.length - 2; j--) if (j > last) windows(i, j);
    }
  }
}

function emails(reading: string, out: Collector) {
  if (!reading.includes("@")) return;
  for (const m of reading.matchAll(EMAIL)) {
    const labels = m[2].replace(TRAILING_UNDERSCORES, "").split(".");
    // "user=john@x.example", "mailto:john@…", "(john@…": the local part after what is glued in front.
    // A quoted local part ("\"john.doe\"@…") is the same mailbox without its quotes.
    const local = m[1].replace(QUOTES, "");
    const locals = new Set([local, local.replace(LEADING_NON_WORD, ""), local.replace(UP_TO_FIELD_MARK, ""), ...[...local.matchAll(UNDERSCORES)].slice(-MAX_CUTS).map((c) => local.slice(c.index + 1))]);
    // A tag after a plus ("john.doe+news@…") reaches the mailbox without it.
    for (const l of [...locals]) if (l.indexOf("+") > 0) locals.add(l.slice(0, l.indexOf("+")));
    forwarded(local, out);
    for (const local of [...locals]) {
      locals.add(local.toLowerCase());
      // Stored as typed: "John.Doe@…" may be written "john.doe@…".
      locals.add(local.toLowerCase().replace(WORD_STARTS, capitalised));
    }
    // "a@x.example.Then", "a@x.example_2024.pcap": something glued on; every shorter domain is tried.
    for (let j = 2; j <= labels.length && !out.tooMany; j++) {
      for (const domain of edgeCuts(labels.slice(0, j))) {
        for (const local of locals) if (local) out.add(accepted(classifyEmail(`${local}@${domain.join(".")}`, ON_RECORD)));
      }
    }
  }
}

// The address a bounce or a forward carries in its local part: VERP ("bounces+john.doe=evil.example@…")
// and SRS ("SRS0=hash=tt=evil.example=john.doe@…"), the mailbox and its domain joined by "=".
const CARRIED_ADDRESS = /(?:^|[+=])([\p{L}\p{N}._%!#$&'*?^`{|}~-]{1,64})=([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10})$/u;
const SRS_ADDRESS = /^srs[01]=.*=([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10})=([\p{L}\p{N}._%+!#$&'*?^`{|}~-]{1,64})$/iu;

/** The address a local part carries, as bounce addresses (VERP) and forwarders (SRS) write it. */
function forwarded(local: string, out: Collector) {
  if (!local.includes("=")) return;
  const srs = SRS_ADDRESS.exec(local);
  const verp = srs ? undefined : CARRIED_ADDRESS.exec(local);
  const address = srs ? `${srs[2]}@${srs[1]}` : verp ? `${verp[1]}@${verp[2]}` : undefined;
  if (!address) return;
  out.add(accepted(classifyEmail(address, ON_RECORD)));
  out.add(accepted(classifyEmail(address.toLowerCase(), ON_RECORD)));
}

/** Everything a text may name of the cell's data (see Extracted). */
export function extract(text: string): Extracted {
  const out = new Collector();
  const forms = readings(text);
  for (const reading of forms) {
    readOne(reading, out);
    if (out.tooMany) break;
  }
  unpaddedDigests(forms[0], out);
  // A dot or an at sign doubled inside a value ("john@@evil.example"): the words around each are
  // read again with it once, and what they name counts as words, since prose writes an ellipsis so
  // ("so...then").
  out.wordsOnly = true;
  for (const reading of out.tooMany ? [] : doubledJointsRead(forms)) {
    readOne(reading, out);
    if (out.tooMany) break;
  }
  return { values: out.values, urls: out.urls, itemIds: out.itemIds, requestIds: out.requestIds, analysisIds: out.analysisIds, tooMany: out.tooMany, wordNames: out.wordNames };
}

/** What one reading of a text names, into `out`. */
function readOne(reading: string, out: Collector) {
  const low = reading.toLowerCase();
  itemIds(reading, out);
  otherIds(reading, out);
  hashes(low, out);
  base64Digests(reading, out);
  cves(low, out);
  const forms = sink(low, out);
  ipv4(low, out, forms);
  ipv6(low, out, forms);
  otherAddressForms(low, forms);
  domains(low, out);
  spacedNames(low, (name) => {
    const value = domainOf(name, out);
    if (value !== undefined) out.add({ type: "domain", value }, true);
  });
  emails(reading, out);
}
