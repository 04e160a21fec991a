import ipaddr from "ipaddr.js";
import { classifyCidr } from "../indicators/network.js";
import type { Indicator } from "../indicators/index.js";

/**
 * Addresses and ranges written in the other forms people and tools use (Art 7.2: a value is
 * named however it is written), for the guard's extract.ts, which reads the plain dotted forms
 * ("203.0.113.9", "10.20.0.0/16") itself:
 * - octets joined by hyphens or underscores, as in host names ("ec2-203-0-113-9.compute-1…");
 * - octets with commas, semicolons, underscores or spaces for the dots ("203,0,113,9", "203 0 113 9");
 * - reverse-DNS names ("9.113.0.203.in-addr.arpa", the nibbles of "….ip6.arpa"), whose shorter
 *   forms name a range;
 * - an IPv6 address as Windows writes it in a UNC path, hyphens for its colons
 *   ("2001-db8--1.ipv6-literal.net", a zone after an "s");
 * - the numeric host forms browsers and inet_aton take: hex and octal parts ("0xcb.0.0x71.9",
 *   "0313.0.0161.011"), and in a URL's host or a log's address field any of them, a single
 *   number ("http://3405803785/", "src_ip_int=3405803785") and shortened ones included;
 * - a range with a netmask or an ACL's wildcard mask ("10.20.0.0/255.255.0.0",
 *   "10.20.0.0 0.0.255.255"), from one address to another ("10.20.0.0 - 10.20.255.255",
 *   "10.20.0.1-5", "… through …"), with wildcards ("10.20.*.*", "10.20.0-255.0-255" as nmap
 *   takes it, "10.20.\d{1,3}.\d{1,3}" as a pattern) or with its zero octets left out ("10.20/16").
 * A range from one address to another names each CIDR block it is made of.
 *
 * Generous on purpose, as the rest of the guard is: a candidate that is on no record costs a
 * look-up, a form missed lets data leave the cell.
 */
export interface AddressSink {
  /** `asWords`: read from what prose writes too, so it names a value only on record (Extracted.wordNames). */
  add(indicator: Indicator | undefined, asWords?: boolean): void;
  /** An address found at [start, end) of the reading: a URL's host, perhaps (extract.ts). */
  host(address: string, start: number, end: number): void;
  spend(n?: number): void;
}

/** Blocks a range from one address to another is read as at most (any IPv4 range is 62 or fewer). */
const MOST_BLOCKS = 64;

// Inside a longer name only ("ip-203-0-113-9.ec2.internal", "capture_203_0_113_9.pcap"): a bare
// "3-2-1-0" is a score, "70-123-45-67" a phone number.
const SEPARATED = /(?<=[a-z][-_]?)\d{1,3}(?:[-_]\d{1,3}){3,}(?!\d)|(?<!\d)\d{1,3}(?:[-_]\d{1,3}){3,}(?=[._-][a-z])/g;
// Four numbers joined by hyphens on their own ("198-51-100-10"): a score or a date is written so
// too, so such a run names an address only when it is on record, and is not withheld from
// steering readers otherwise.
const DASHED = /(?<![\p{L}\p{N}.,_-])\d{1,3}(?:-\d{1,3}){3}(?![\p{L}\p{N}_]|-\p{N}|[.,]\p{N})/gu;
// Four or more numbers with the same comma, semicolon, underscore or run of spaces between each ("203,0,113,9",
// "203, 0, 113, 9", "203 0 113 9"): written so to slip past a filter, or a list's or a table's
// numbers. Each four in a row are read; a list costs a look-up, and only an address on record is named.
const LISTED_OCTETS = /(?<![\d.])\d{1,3}([ ]{0,2}[,;_][ ]{0,2}|[ ]{1,3})\d{1,3}(?:\1\d{1,3}){2,254}(?!\d)/g;
const REVERSE_V4 = /(?<!\d)((?:\d{1,3}\.){1,4})in-addr\.arpa/g;
const REVERSE_V6 = /(?<![0-9a-z.])((?:[0-9a-f]\.){1,32})ip6\.arpa/g;
// Hex groups joined by hyphens for colons, with a double hyphen for "::" or all eight groups.
const HYPHENATED_V6 = /(?<![\p{L}\p{N}.:-])[0-9a-f]{1,4}(?:-{1,2}[0-9a-f]{1,4}){1,7}(?:--)?(?![\p{L}\p{N}:]|-[\p{L}\p{N}]|\.[\p{L}\p{N}])/gu;
const MAY_BE_HYPHENATED_V6 = /[0-9a-f]--[0-9a-f]|(?:[0-9a-f]{1,4}-){7}[0-9a-f]/;
// All eight hex groups with spaces or underscores for the colons ("2001 db8 0 0 0 0 0 1").
const SPACED_V6 = /(?<![\p{L}\p{N}.:])[0-9a-f]{1,4}([ ]{1,3}|_)[0-9a-f]{1,4}(?:\1[0-9a-f]{1,4}){6}(?![\p{L}\p{N}:])/gu;
const LITERAL_V6 = /(?<![0-9a-z-])([0-9a-f-]{2,39})(?:s[0-9a-z]{1,16})?\.ipv6-literal\.net/g;
// Parts in hex ("0xcb"), octal ("0313") or decimal, one to four of them, not inside a longer name.
const NUMERIC = String.raw`(?:0x[0-9a-f]{0,8}|\d{1,10})(?:\.(?:0x[0-9a-f]{0,8}|\d{1,10})){0,3}(?![\p{L}\p{N}]|\.[\p{L}\p{N}])`;
const NUMERIC_HOST = new RegExp(String.raw`(?<![\p{L}\p{N}.-])${NUMERIC}`, "gu");
const NUMERIC_HOST_AT = new RegExp(NUMERIC, "uy");
// An address written as one number, decimal or hex, as ping and curl take it ("ping 3325256714",
// "0xc6336410"): a decimal of eight to ten digits without a leading zero (from 1.0.0.0 up, so
// that shorter numbers stay numbers) or eight hex digits, standing on their own.
const WHOLE_NUMBER = /(?<![\p{L}\p{N}.,:\/+#-])(?:[1-9]\d{7,9}|0x[0-9a-f]{8})(?![\p{L}\p{N}]|[.,:\/-]\p{N})/gu;
const MAY_BE_WHOLE_NUMBER = /\d{8}|0x[0-9a-f]{8}/;
// An address and port as /proc/net/tcp and /proc/net/udp write them: eight hex digits, the
// address's bytes in the machine's order (little-endian on most), a colon and four for the port.
const PROC_NET_ADDRESS = /(?<![0-9a-z])([0-9a-f]{8}):[0-9a-f]{4}(?![0-9a-z])/g;
const ADDRESS_FIELD = /(?<![a-z0-9])(?:[a-z]{1,10}_)?ip(?:_?(?:int|num|addr|address|long))?["']?[ ]{0,2}[=:][ ]{0,2}["']?(\d{8,10}|0x[0-9a-f]{8})(?![0-9a-z])/g;
const DOTTED = String.raw`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`;
/** A word that joins an address to its mask or prefix length in prose, in English and Dutch. */
export const JOINING_WORD = String.raw`(?:with|and|using|met|en)`;
// After an address: a mask ("/255.255.0.0", " 255.255.0.0", ", mask 0.0.255.255", " (255.255.0.0)",
// "\nnetmask 255.255.0.0", "netmask 0xffff0000"), in a few languages.
// Also on the next line after a label and its leader dots, as ipconfig writes it ("Subnet Mask . . . :",
// "Subnetmasker. . . :"), and in JSON ("\"netmask\":\"255.255.255.0\""); in prose after a word that
// joins them ("… with mask 255.255.255.0", "… met netmask …").
const MASK_AFTER = new RegExp(String.raw`^(?:[ ]{0,2}\/[ ]{0,2}|[ ,;("'\r\n]{1,8}(?:${JOINING_WORD}[ ]{1,2})?(?:(?:sub)?net[ -]?mask(?:er|e)?|mask|masker|maske|netmasker)?[ .:="']{0,40}[(]?)(${DOTTED}(?!\d)|0x[0-9a-f]{8}(?![0-9a-f]))`);
// After an address: the range's last address, or its last octet: a dash with no space or a space
// on each side ("-10.20.255.255", " - 10.20.255.255", "-5"; "…17- 45…" is a list's line joined to
// the next), or a word ("to", "through", "tot en met"), which prose uses for a flow too ("from
// 45.137.20.17 to 45.137.22.40"): a range in words counts only where it is one whole block.
// The last octet may keep its dot ("… t/m .255").
// Or in a field of its own after the first's, as RDAP and inventories write a range
// ("\"startAddress\":\"…\",\"endAddress\":\"…\"").
const RANGE_AFTER = new RegExp(
  String.raw`^(?:-{1,2}|\.\.|[ ]{1,3}(?:-{1,2}|\.\.)[ ]{1,3}|[ ]{1,3}(to|tot|t\/m|tot[ ]en[ ]met|until|through|thru)[ ]{1,3}|(["']?[ ]{0,2}[,;][ ]{0,2}["']?(?:end|high)[ _-]?(?:address|addr|ip)["']?[ ]{0,2}[:=][ ]{0,2}["']?))(${DOTTED}|\.?\d{1,3})(?![\d.]*\d)`,
);
// The open octets of a range written with wildcards: "*", "x", or as a pattern would ("\d{1,3}", "[0-9]+").
const OPEN_OCTET = String.raw`(?:[*x]|\\d\{1,3\}|\\d\+|\[0-9\]\{1,3\}|\[0-9\]\+|0-255|\[0-255\])`;
const WILDCARD = new RegExp(String.raw`(?<![\d.])(\d{1,3}(?:\.\d{1,3}){0,2})((?:\.${OPEN_OCTET}){1,3})(?![\p{L}\p{N}*])`, "gu");
// "10.20.0/16", "10.20/16": three octets, or two before a /16 ("7.5/10" is a score, "10.20/16.00" times).
const SHORT_CIDR = /(?<![\d.])(\d{1,3}\.\d{1,3}\.\d{1,3}|\d{1,3}\.\d{1,3}(?=[ ]{0,2}\/[ ]{0,2}16(?!\d)))[ ]{0,2}\/[ ]{0,2}(\d{1,2})(?!\d|\.\d)/g;

const octetsOf = (text: string): number[] | undefined => {
  const parts = text.split(".").map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p <= 255) ? parts : undefined;
};
const toNumber = (octets: readonly number[]) => octets.reduce((n, o) => n * 256 + o, 0);
const toAddress = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

/** The prefix length a netmask ("255.255.0.0") or a wildcard mask ("0.0.255.255") stands for, if it is one. */
export function maskPrefix(mask: string): number | undefined {
  const octets = octetsOf(mask);
  if (!octets) return undefined;
  const bits = octets.map((o) => o.toString(2).padStart(8, "0")).join("");
  if (/^1*0*$/.test(bits)) return bits.indexOf("0") === -1 ? 32 : bits.indexOf("0");
  if (/^0*1*$/.test(bits)) return bits.indexOf("1") === -1 ? 32 : bits.indexOf("1");
  return undefined;
}

/** The CIDR blocks that make up the addresses from `first` to `last`, fewest first-to-last; none for a reversed or too large range. */
export function rangeBlocks(first: string, last: string): string[] {
  const from = octetsOf(first);
  const to = octetsOf(last);
  if (!from || !to) return [];
  let start = toNumber(from);
  const end = toNumber(to);
  const blocks: string[] = [];
  while (start <= end && blocks.length < MOST_BLOCKS) {
    // The largest block that starts here and ends no later than `end`.
    let size = 1;
    while (start % (size * 2) === 0 && start + size * 2 - 1 <= end && size < 2 ** 32) size *= 2;
    blocks.push(`${toAddress(start)}/${32 - Math.log2(size)}`);
    start += size;
  }
  return start > end ? blocks : [];
}

// The cheap tests before each scanner, made once: a regular expression literal inside a function
// is a new object at every call, and these run for every reading of every string the guard reads.
const MAY_BE_SEPARATED = /\d[-_]\d/;
const MAY_BE_LISTED = /\d(?:[ ]{0,2}[,;_][ ]{0,2}|[ ]{1,3})\d/;
const USER_INFO = /^[^\s/@]{0,200}@/;
const MAY_BE_OCTAL = /\.0\d|(?<!\d)0\d{1,3}\./;
const MAY_BE_WILDCARD = /\.(?:[*x\\[]|0-255)/;

const cidr = (address: string, prefix: number, out: AddressSink) => {
  const result = classifyCidr(`${address}/${prefix}`);
  out.add(result.ok ? result.indicator : undefined);
};

function separated(low: string, out: AddressSink) {
  if (MAY_BE_SEPARATED.test(low)) {
    for (const m of low.matchAll(SEPARATED)) octetRuns(m[0].split(/[-_]/), out);
    for (const m of low.matchAll(DASHED)) octetRuns(m[0].split("-"), out, true);
  }
  if (MAY_BE_LISTED.test(low)) for (const m of low.matchAll(LISTED_OCTETS)) octetRuns(m[0].split(m[1]), out);
}

/** Every four numbers in a row of `parts` that are an address's octets (`asWords`: see AddressSink.add). */
function octetRuns(parts: readonly string[], out: AddressSink, asWords = false) {
  for (let i = 0; i + 4 <= parts.length; i++) {
    out.spend();
    const quad = parts.slice(i, i + 4);
    // Addresses are written without leading zeros; "070-123-45-67" is a phone number.
    if (quad.every((p) => Number(p) <= 255 && !(p.length > 1 && p.startsWith("0")))) out.add({ type: "ipv4", value: quad.map(Number).join(".") }, asWords);
  }
}

function reverseNames(low: string, out: AddressSink) {
  if (!low.includes(".arpa")) return;
  for (const m of low.matchAll(REVERSE_V4)) {
    const parts = m[1].slice(0, -1).split(".").reverse();
    if (parts.some((p) => Number(p) > 255 || (p.length > 1 && p.startsWith("0")))) continue;
    const padded = [...parts, "0", "0", "0"].slice(0, 4).join(".");
    if (parts.length === 4) out.add({ type: "ipv4", value: padded });
    else cidr(padded, parts.length * 8, out);
  }
  for (const m of low.matchAll(REVERSE_V6)) {
    const nibbles = m[1].slice(0, -1).split(".").reverse().join("");
    const groups = nibbles.padEnd(32, "0").match(/.{4}/g)!.join(":");
    const address = ipaddr.IPv6.parse(groups).toRFC5952String();
    if (nibbles.length === 32) out.add({ type: "ipv6", value: address });
    else cidr(address, nibbles.length * 4, out);
  }
}

/**
 * An IPv6 address with hyphens for its colons on its own ("2001-db8--1", a Windows literal
 * without its name), or its eight groups with spaces or underscores between them: a date or a
 * code is written with hyphens too, and prose has short words of hex letters ("a bad face"), so
 * such a run names an address only when it is on record (AddressSink.add's asWords).
 */
function hyphenatedV6(low: string, out: AddressSink) {
  const runs = [...(MAY_BE_HYPHENATED_V6.test(low) ? low.matchAll(HYPHENATED_V6) : []), ...low.matchAll(SPACED_V6)];
  for (const m of runs) {
    out.spend();
    const written = m[0].replace(/[- _]+/g, (run) => (run[0] === "-" ? run.replace(/-/g, ":") : ":"));
    if (ipaddr.IPv6.isValid(written)) out.add({ type: "ipv6", value: ipaddr.IPv6.parse(written).toRFC5952String() }, true);
  }
}

function windowsLiterals(low: string, out: AddressSink) {
  if (!low.includes(".ipv6-literal.net")) return;
  for (const m of low.matchAll(LITERAL_V6)) {
    out.spend();
    try {
      out.add({ type: "ipv6", value: ipaddr.IPv6.parse(m[1].replace(/-/g, ":")).toRFC5952String() });
    } catch {
      // Not an address after all.
    }
  }
}

function procNetAddresses(low: string, out: AddressSink) {
  if (!low.includes(":")) return;
  for (const [, hex] of low.matchAll(PROC_NET_ADDRESS)) {
    const bytes = hex.match(/../g)!.map((b) => parseInt(b, 16));
    for (const ordered of [[...bytes].reverse(), bytes]) {
      out.spend();
      out.add({ type: "ipv4", value: ordered.join(".") });
    }
  }
}

function numericHosts(low: string, out: AddressSink) {
  // In a URL's host, every numeric form: read where each "scheme://" (and user info) ends.
  for (let mark = low.indexOf("://"); mark !== -1; mark = low.indexOf("://", mark + 3)) {
    const userInfo = USER_INFO.exec(low.slice(mark + 3, mark + 204));
    const start = mark + 3 + (userInfo ? userInfo[0].length : 0);
    NUMERIC_HOST_AT.lastIndex = start;
    const m = NUMERIC_HOST_AT.exec(low);
    if (!m) continue;
    const parts = m[0].split(".");
    if (parts.length === 4 && !parts.some(odd)) continue; // plain dotted decimal: extract.ts reads it
    const address = ipv4Of(m[0], out);
    if (address) out.host(address, start, start + m[0].length);
  }
  // Outside a URL's host a number or a short dotted run is most likely a number, a version, a
  // time, an error code ("0x80070005"): only runs of four with a hex or octal part are read there,
  // a number in a log's address field ("src_ip_int=3405803785"), and a number that could be a
  // whole address (WHOLE_NUMBER), which costs a look-up for every large number in a text: only an
  // address on record is named.
  if (low.includes("ip")) for (const m of low.matchAll(ADDRESS_FIELD)) ipv4Of(m[1], out);
  if (MAY_BE_WHOLE_NUMBER.test(low)) {
    for (const m of low.matchAll(WHOLE_NUMBER)) {
      if (Number(m[0]) < 2 ** 24 || Number(m[0]) >= 2 ** 32) continue;
      ipv4Of(m[0], out);
      // In hex, also in the machine's byte order, as code and disassembly write an address
      // ("s_addr = 0x097100cb" is 203.0.113.9 on a little-endian machine).
      if (m[0].startsWith("0x")) ipv4Of(`0x${m[0].slice(2).match(/../g)!.reverse().join("")}`, out);
    }
  }
  if (!low.includes("0x") && !MAY_BE_OCTAL.test(low)) return;
  for (const m of low.matchAll(NUMERIC_HOST)) {
    const parts = m[0].split(".");
    if (parts.length === 4 && parts.some(odd)) ipv4Of(m[0], out);
  }
}

/** A hex ("0xcb") or octal ("0313") part of a numeric address. */
const odd = (part: string) => part.startsWith("0x") || (part.length > 1 && part.startsWith("0"));

/** The address a numeric form stands for (added), as inet_aton and browsers read it; undefined for none. */
function ipv4Of(run: string, out: AddressSink): string | undefined {
  out.spend();
  try {
    const address = ipaddr.IPv4.parse(run).toString();
    out.add({ type: "ipv4", value: address });
    return address;
  } catch {
    return undefined;
  }
}

/**
 * A range that starts at `first`, an address extract.ts found ending at `end` of `low`: with a
 * mask after it, or up to another address or last octet.
 */
export function rangeFrom(low: string, first: string, end: number, out: AddressSink): void {
  const after = low.slice(end, end + 60);
  const mask = MASK_AFTER.exec(after);
  const prefix = mask ? maskPrefix(mask[1].startsWith("0x") ? toAddress(parseInt(mask[1], 16)) : mask[1]) : undefined;
  if (prefix !== undefined) cidr(first, prefix, out);
  const range = RANGE_AFTER.exec(after);
  if (range) {
    // A range in words or in fields of its own counts only where it is one whole block: a flow's
    // source and destination are written so too.
    const [, inWords, inFields, upTo] = range;
    const word = inWords ?? inFields;
    const last = upTo.lastIndexOf(".") > 0 ? upTo : `${first.slice(0, first.lastIndexOf("."))}.${upTo.replace(".", "")}`;
    const blocks = rangeBlocks(first, last);
    if (word !== undefined && blocks.length !== 1) return;
    out.spend(blocks.length);
    for (const block of blocks) out.add({ type: "ipv4-cidr", value: block });
  }
}

// After an IPv6 address: the range's last address, after a dash or a word, as for IPv4 above.
const V6_RANGE_AFTER = /^(?:-{1,2}|[ ]{1,3}(?:-{1,2}|to|tot|t\/m|tot[ ]en[ ]met|until|through|thru)[ ]{1,3})([0-9a-f:]{2,39}(?:\.\d{1,3}){0,3})(?![0-9a-z:])/;
const V6_BITS = 128n;

/** An IPv6 range that starts at `first`, an address extract.ts found ending at `end` of `low`: the CIDR blocks it is made of. */
export function v6RangeFrom(low: string, first: ipaddr.IPv6, end: number, out: AddressSink): void {
  if (low[end] !== "-" && low[end] !== " ") return;
  const range = V6_RANGE_AFTER.exec(low.slice(end, end + 64));
  if (!range || !ipaddr.IPv6.isValid(range[1])) return;
  const toBig = (address: ipaddr.IPv6) => address.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
  let start = toBig(first);
  const last = toBig(ipaddr.IPv6.parse(range[1]));
  const blocks: string[] = [];
  while (start <= last && blocks.length < MOST_BLOCKS) {
    // The largest block that starts here and ends no later than `last`.
    let bits = 0n;
    while (bits < V6_BITS && start % (1n << (bits + 1n)) === 0n && start + (1n << (bits + 1n)) - 1n <= last) bits++;
    const bytes = Array.from({ length: 16 }, (_, i) => Number((start >> BigInt(8 * (15 - i))) & 255n));
    blocks.push(`${ipaddr.fromByteArray(bytes).toString()}/${V6_BITS - bits}`);
    start += 1n << bits;
  }
  if (start <= last) return;
  out.spend(blocks.length);
  for (const block of blocks) {
    const cidr = classifyCidr(block);
    if (cidr.ok) out.add(cidr.indicator);
  }
}

/** Ranges written with wildcards ("10.20.*.*") or without their zero octets ("10.20/16"). */
function shortRanges(low: string, out: AddressSink) {
  if (MAY_BE_WILDCARD.test(low)) {
    for (const m of low.matchAll(WILDCARD)) {
      const known = m[1].split(".");
      const stars = m[2].split(".").length - 1;
      if (known.length + stars !== 4) continue;
      cidr([...known, ...Array(stars).fill("0")].join("."), known.length * 8, out);
    }
  }
  if (low.includes("/")) {
    for (const m of low.matchAll(SHORT_CIDR)) {
      const known = m[1].split(".");
      cidr([...known, "0", "0"].slice(0, 4).join("."), Number(m[2]), out);
    }
  }
}

/**
 * Every address and IPv4 range `low` (a lower-cased reading) names in the forms above, but the
 * ranges that start with a dotted address, which extract.ts asks rangeFrom for as it reads them.
 */
export function otherAddressForms(low: string, out: AddressSink): void {
  separated(low, out);
  reverseNames(low, out);
  windowsLiterals(low, out);
  hyphenatedV6(low, out);
  numericHosts(low, out);
  procNetAddresses(low, out);
  shortRanges(low, out);
}
