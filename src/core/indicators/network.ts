import ipaddr from "ipaddr.js";
import { accept, refuse, REFUSAL_CODES, type ClassifyResult, type Refusal } from "./types.js";

// IPv4 is parsed by hand: ipaddr.js (like inet_aton and the URL parser) also accepts octal, hex
// and shortened forms, and "010.1.1.1" would silently become 8.1.1.1 in one tool and 10.1.1.1 in
// another. Indicators must mean the same thing to every member, so only plain dotted decimal.

// Made once: a regular expression literal inside a function is a new object at every call.
const DIGITS_AND_DOTS = /^[0-9.]+$/;
const HEX_COLONS_AND_DOTS = /^[0-9a-f:.]+$/i;
const PREFIX_DIGITS = /^\d{1,3}$/;

export const looksLikeIpv4 = (text: string): boolean => DIGITS_AND_DOTS.test(text) && text.includes(".");

// Hex digits, colons and dots (embedded IPv4), at least two colons, optionally a zone after "%".
export const looksLikeIpv6 = (text: string): boolean => {
  const percent = text.indexOf("%");
  const address = percent === -1 ? text : text.slice(0, percent);
  return HEX_COLONS_AND_DOTS.test(address) && address.indexOf(":") !== address.lastIndexOf(":");
};

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): { ok: true; octets: number[] } | Refusal {
  const match = DOTTED_QUAD.exec(text);
  if (!match) {
    return refuse(REFUSAL_CODES.invalidIpv4, "indicators.invalid_ipv4");
  }
  const parts = [match[1], match[2], match[3], match[4]];
  if (parts.some((p) => p.length > 1 && p.startsWith("0"))) {
    return refuse(REFUSAL_CODES.ipv4LeadingZero, "indicators.ipv4_leading_zero");
  }
  if (parts.some((p) => Number(p) > 255)) {
    return refuse(REFUSAL_CODES.invalidIpv4, "indicators.ipv4_range");
  }
  return { ok: true, octets: parts.map(Number) };
}

export function classifyIpv4(text: string): ClassifyResult {
  const parsed = parseIpv4(text);
  return parsed.ok ? accept("ipv4", parsed.octets.join(".")) : parsed;
}

function parseIpv6(text: string): { ok: true; parts: number[] } | Refusal {
  const percent = text.indexOf("%");
  if (percent !== -1) {
    const address = text.slice(0, percent);
    if (ipaddr.IPv6.isValid(address)) {
      // A zone ("%eth0") names an interface on the reporter's own machine; it means nothing elsewhere.
      return refuse(REFUSAL_CODES.ipv6Zone, "indicators.ipv6_zone", { address });
    }
  }
  let parsed: ipaddr.IPv6 | undefined;
  if (percent === -1) {
    try {
      // parse rather than isValid + parse: isValid parses anyway, and this runs for every IPv6 token.
      parsed = ipaddr.IPv6.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed) {
    return refuse(REFUSAL_CODES.invalidIpv6, "indicators.invalid_ipv6");
  }
  if (text.includes(".")) {
    // Same octal ambiguity as plain IPv4, hidden in the tail of "::ffff:010.1.1.1".
    const embedded = parseIpv4(text.slice(text.lastIndexOf(":") + 1));
    if (!embedded.ok) {
      return refuse(REFUSAL_CODES.invalidIpv6, "indicators.ipv6_embedded_ipv4");
    }
  }
  return { ok: true, parts: parsed.parts.slice() };
}

/**
 * An IPv4-mapped IPv6 address (::ffff:0:0/96, RFC 4291 section 2.5.5.2) is how dual-stack
 * software writes an IPv4 peer: "::ffff:192.0.2.1" in a server's log is the host 192.0.2.1. It is
 * classified as that IPv4 address, so that it is compared and related with the parties' IPv4
 * records (Art 6.1) and shown as people write it, not as "::ffff:c000:201".
 */
const isIpv4Mapped = (parts: readonly number[]) => parts[5] === 0xffff && parts.slice(0, 5).every((p) => p === 0);
const octetsOfMapped = (parts: readonly number[]) => [parts[6] >> 8, parts[6] & 0xff, parts[7] >> 8, parts[7] & 0xff];

/** What classifying an IPv6 form may keep: `keepMapped`, an IPv4-mapped address as IPv6 (the Art 7.2 guard, for records stored so). */
export interface Ipv6Options {
  keepMapped?: boolean;
}

export function classifyIpv6(text: string, options: Ipv6Options = {}): ClassifyResult {
  const parsed = parseIpv6(text);
  if (!parsed.ok) return parsed;
  if (!options.keepMapped && isIpv4Mapped(parsed.parts)) return accept("ipv4", octetsOfMapped(parsed.parts).join("."));
  return accept("ipv6", new ipaddr.IPv6(parsed.parts).toRFC5952String());
}

/** An IPv4 range with its host bits cleared. */
function ipv4Range(octets: readonly number[], prefix: number): ClassifyResult {
  const value = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(value / size) * size;
  return accept("ipv4-cidr", `${[24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".")}/${prefix}`);
}

function parsePrefix(prefix: string, max: number): number | Refusal {
  if (!PREFIX_DIGITS.test(prefix) || Number(prefix) > max) {
    // A prefix is shown as written only when it is short.
    return prefix.length <= 6
      ? refuse(REFUSAL_CODES.cidrPrefix, "indicators.cidr_prefix", { prefix, max })
      : refuse(REFUSAL_CODES.cidrPrefix, "indicators.cidr_prefix_long", { max });
  }
  return Number(prefix);
}

/**
 * "10.1.2.3/8" is stored as 10.0.0.0/8: members write ranges with host bits set all the time, and
 * the range is what they mean; keeping the host bits would make equal ranges compare unequal.
 */
export function classifyCidr(text: string, options: Ipv6Options = {}): ClassifyResult {
  const slash = text.indexOf("/");
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (looksLikeIpv4(address)) {
    const parsed = parseIpv4(address);
    if (!parsed.ok) return parsed;
    const prefix = parsePrefix(prefixText, 32);
    if (typeof prefix !== "number") return prefix;
    return ipv4Range(parsed.octets, prefix);
  }
  const parsed = parseIpv6(address);
  if (!parsed.ok) return parsed;
  const prefix = parsePrefix(prefixText, 128);
  if (typeof prefix !== "number") return prefix;
  // A range within the IPv4-mapped block is that IPv4 range ("::ffff:10.0.0.0/104" is 10.0.0.0/8).
  if (!options.keepMapped && prefix >= 96 && isIpv4Mapped(parsed.parts)) return ipv4Range(octetsOfMapped(parsed.parts), prefix - 96);
  const parts = parsed.parts.map((part, i) => {
    const bits = Math.min(16, Math.max(0, prefix - 16 * i));
    return part & ((0xffff << (16 - bits)) & 0xffff);
  });
  return accept("ipv6-cidr", `${new ipaddr.IPv6(parts).toRFC5952String()}/${prefix}`);
}
