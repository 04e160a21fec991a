import ipaddr from "ipaddr.js";
import { hostOfUrl, networkBytes } from "../indicators/address-parts.js";
import type { IndicatorType } from "../indicators/index.js";

/**
 * Known-benign values (issue 15): public DNS resolvers, reserved and documentation ranges, cloud
 * ranges, the most visited domains, hashes of empty files, … — values an analyst should not
 * chase. They come from the MISP project's public warninglists (CC0), one `list.json` each. A
 * hit is a flag shown beside the value with the list's name; it never refuses a value.
 */

/** One MISP warninglist, as far as the bot reads its `list.json`. */
export interface Warninglist {
  name: string;
  /** How entries match: `cidr`, `string` (exact), `hostname` (the name or a subdomain), `substring`. */
  type: string;
  /** MISP attribute types the list applies to ("ip-dst", "domain", "url", "md5", …). */
  matching_attributes: string[];
  list: string[];
}

export interface KnownBenign {
  /** The names of the lists that hold the value; none for a value no list knows. */
  listsOf(indicator: { type: IndicatorType; value: string }): string[];
}

export const NO_WARNINGLISTS: KnownBenign = { listsOf: () => [] };

/** The MISP attribute types that stand for each of the bot's indicator types. */
const ATTRIBUTES: Record<IndicatorType, readonly string[]> = {
  ipv4: ["ip-src", "ip-dst", "domain|ip"],
  ipv6: ["ip-src", "ip-dst", "domain|ip"],
  "ipv4-cidr": ["ip-src", "ip-dst"],
  "ipv6-cidr": ["ip-src", "ip-dst"],
  domain: ["domain", "hostname", "domain|ip"],
  url: ["url", "uri"],
  email: ["email", "email-src", "email-dst"],
  md5: ["md5", "filename|md5"],
  sha1: ["sha1", "filename|sha1"],
  sha256: ["sha256", "filename|sha256"],
  cve: ["vulnerability"],
};

/** The list types the bot reads; others (regex) are left out when loading, with a word. */
export const READABLE_TYPES = ["cidr", "string", "hostname", "substring"] as const;

/**
 * One value as the lists look at it: its address range and its host name are worked out once per
 * value, on first use, not once per list (a fifth of a burst's time when every cidr list parsed
 * the value again).
 */
interface Looked {
  type: IndicatorType;
  value: string;
  range(): Range | undefined;
  /** The first `prefix` bits of its range, as the lists key them (networkKey); once per length. */
  network(prefix: number): string;
  host(): string | undefined;
}
type Range = { kind: "4" | "6"; bytes: number[]; prefix: number };
type Matcher = (looked: Looked) => boolean;

function looked(indicator: { type: IndicatorType; value: string }): Looked {
  let range: Range | undefined | null = null;
  let host: string | undefined | null = null;
  const networks = new Map<number, string>();
  const self: Looked = {
    ...indicator,
    range: () => (range === null ? (range = parseRange(indicator.value)) : range),
    network(prefix) {
      let key = networks.get(prefix);
      if (key === undefined) networks.set(prefix, (key = networkKey(self.range()!.bytes, prefix)));
      return key;
    },
    host: () => (host === null ? (host = hostOf(indicator)) : host),
  };
  return self;
}

export function knownBenign(lists: readonly Warninglist[]): KnownBenign {
  const matchers = lists.flatMap((list) => {
    const match = matcherOf(list);
    return match ? [{ name: list.name, types: typesOf(list), match }] : [];
  });
  return {
    listsOf(indicator) {
      const value = looked(indicator);
      return matchers.filter((m) => m.types.has(indicator.type) && m.match(value)).map((m) => m.name);
    },
  };
}

/** The bot's indicator types a list applies to, from its MISP attribute types. */
function typesOf(list: Warninglist): Set<IndicatorType> {
  const named = new Set(list.matching_attributes.map((a) => a.toLowerCase()));
  return new Set((Object.keys(ATTRIBUTES) as IndicatorType[]).filter((type) => ATTRIBUTES[type].some((a) => named.has(a))));
}

function matcherOf(list: Warninglist): Matcher | undefined {
  switch (list.type) {
    case "cidr":
      return cidrMatcher(list.list);
    case "string": {
      const entries = new Set(list.list.map((e) => e.trim().toLowerCase()));
      return ({ value }) => entries.has(value.toLowerCase());
    }
    case "hostname": {
      const entries = new Set(list.list.map((e) => e.trim().toLowerCase().replace(/\.$/, "")));
      return (value) => {
        const host = value.host();
        return host !== undefined && [...parentsOf(host)].some((name) => entries.has(name));
      };
    }
    case "substring": {
      const entries = list.list.map((e) => e.trim().toLowerCase()).filter((e) => e !== "");
      return ({ value }) => {
        const lower = value.toLowerCase();
        return entries.some((e) => lower.includes(e));
      };
    }
    default:
      return undefined;
  }
}

/** The host name a value carries: a domain itself, a URL's host, an e-mail address's domain. */
function hostOf({ type, value }: { type: IndicatorType; value: string }): string | undefined {
  if (type === "domain") return value.toLowerCase();
  if (type === "email") return value.slice(value.lastIndexOf("@") + 1).toLowerCase();
  if (type === "url") return hostOfUrl(value);
  return undefined;
}

/** "a.b.example", "b.example", "example": a hostname list names a domain and all below it. */
function* parentsOf(host: string): Generator<string> {
  let at = 0;
  while (at !== -1) {
    yield host.slice(at);
    const dot = host.indexOf(".", at);
    at = dot === -1 ? -1 : dot + 1;
  }
}

/**
 * Ranges by prefix length: each entry's network under a key of its length, so that an address
 * is matched with one look-up per length that occurs in the list (a few dozen), not one
 * comparison per entry (tens of thousands in the resolver lists).
 */
function cidrMatcher(entries: readonly string[]): Matcher {
  const byLength = new Map<string, Set<string>>(); // "4/24" → networks
  for (const entry of entries) {
    const range = parseRange(entry.trim());
    if (!range) continue;
    const lengthKey = `${range.kind}/${range.prefix}`;
    const set = byLength.get(lengthKey) ?? byLength.set(lengthKey, new Set()).get(lengthKey)!;
    set.add(networkKey(range.bytes, range.prefix));
  }
  const lengths = [...byLength.keys()].map((k) => ({ key: k, kind: k.startsWith("4") ? "4" : "6", prefix: Number(k.slice(2)) }));
  return (value) => {
    const range = value.range();
    if (!range) return false;
    // A value (an address, or a range) is on the list when a listed range holds all of it.
    return lengths.some((l) => l.kind === range.kind && l.prefix <= range.prefix && byLength.get(l.key)!.has(value.network(l.prefix)));
  };
}

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

function parseRange(text: string): Range | undefined {
  // Most entries are plain IPv4 (the resolver lists hold tens of thousands): read without a parser.
  const quad = DOTTED_QUAD.exec(text);
  if (quad) {
    const bytes = [quad[1], quad[2], quad[3], quad[4]].map(Number);
    const prefix = quad[5] === undefined ? 32 : Number(quad[5]);
    return bytes.every((b) => b <= 255) && prefix <= 32 ? { kind: "4", bytes, prefix } : undefined;
  }
  try {
    if (text.includes("/")) {
      const [address, prefix] = ipaddr.parseCIDR(text);
      return { kind: address.kind() === "ipv4" ? "4" : "6", bytes: address.toByteArray(), prefix };
    }
    // Not a dotted quad (above): an IPv6 address, or nothing.
    const bytes = ipaddr.IPv6.parse(text).toByteArray();
    return { kind: "6", bytes, prefix: 128 };
  } catch {
    return undefined;
  }
}

/** The first `prefix` bits of an address (its whole bytes), as hex. */
const networkKey = (bytes: readonly number[], prefix: number): string =>
  networkBytes(bytes, prefix)
    .slice(0, Math.ceil(prefix / 8))
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
