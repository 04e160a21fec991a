import { createHash } from "node:crypto";
import { writeLines } from "./generate.js";

/**
 * A mix of indicators from two parties that relate to one another as real feeds do (issue 15):
 * the first party's ranges hold the second's addresses, the second's subdomains, URLs and e-mail
 * addresses lie on the first's domains, the second supplies single hashes of files the first
 * supplied as file objects, and the first's URLs lie on the second's domains. Both also supply
 * values that relate to nothing, as most of a feed does.
 *
 * Everything is worked out from the index of the indicator, so the same size gives the same
 * files on every run, and the second party's values can name the first's without a table of
 * them. Within one party every value is distinct by construction; across parties some are the
 * same on purpose, which is an identical record rather than a related one.
 */

/** One STIX indicator: one comparison, or the hashes of one file ANDed in one observation. */
export type MixIndicator = { path: string; value: string }[];

/**
 * How many indicators of each kind in every thousand a party supplies: addresses, hashes, domains
 * and URLs make up most of a feed, ranges, IPv6 and e-mail addresses a few per cent.
 */
type Shares = readonly (readonly [string, number])[];

const FIRST: Shares = [
  ["ipv4", 200],
  ["ipv4/24", 10],
  ["ipv4/16", 1],
  ["ipv6", 20],
  ["ipv6/48", 4],
  ["ipv6/64", 5],
  ["ipv6/32", 1],
  ["domain", 120],
  ["subdomain", 50],
  ["url", 150],
  ["url-on-ip", 30],
  ["email", 30],
  ["file", 60],
  ["sha256", 200],
  ["md5", 50],
  ["sha1", 69],
];

const SECOND: Shares = [
  ["ipv4-in-first-24", 120],
  ["ipv4-in-first-16", 30],
  ["ipv4", 100],
  ["ipv4/24-around-first", 10],
  ["ipv6-in-first-48", 15],
  ["ipv6", 10],
  ["ipv6/64-around-first", 3],
  ["subdomain-of-first", 60],
  ["url-on-first", 120],
  ["url-on-first-ip", 30],
  ["email-on-first", 30],
  ["domain", 60],
  ["hash-of-first-file", 80],
  ["sha256", 200],
  ["md5", 40],
  ["sha1", 30],
  ["url", 62],
];

// The first party's file objects give three items each; everything else one.
const FIRST_ITEMS_PER_THOUSAND = 1000 + 2 * 60;

/** The parties' few /8 ranges, before everything else in their files. */
const FIRST_EIGHTS = ["27.0.0.0/8"];
const SECOND_EIGHTS = ["26.0.0.0/8"];

/** The indicators of two parties' files, about `itemsPerParty` stored items each. */
export function relatedMix(itemsPerParty: number) {
  const firstCount = FIRST_EIGHTS.length + Math.round((itemsPerParty * 1000) / FIRST_ITEMS_PER_THOUSAND);
  const secondCount = SECOND_EIGHTS.length + itemsPerParty;
  const firstOf = (kind: string) => Math.max(1, emitted(FIRST, firstCount - FIRST_EIGHTS.length, kind));
  const counts = {
    domains: firstOf("domain"),
    addresses: firstOf("ipv4"),
    blocks24: firstOf("ipv4/24"),
    blocks16: firstOf("ipv4/16"),
    v6: firstOf("ipv6"),
    nets48: firstOf("ipv6/48"),
    subdomains: firstOf("subdomain"),
    files: firstOf("file"),
  };

  function first(i: number): MixIndicator {
    if (i < FIRST_EIGHTS.length) return [{ path: IPV4, value: FIRST_EIGHTS[i] }];
    const [kind, j] = kindOf(FIRST, i - FIRST_EIGHTS.length);
    switch (kind) {
      case "ipv4":
        return one(IPV4, ipv4(firstAddress(j)));
      case "ipv4/24":
        return one(IPV4, `${ipv4(MAIN + firstBlock24(j) * 256)}/24`);
      case "ipv4/16":
        return one(IPV4, `${ipv4(MAIN + firstBlock16(j) * 65536)}/16`);
      case "ipv6":
        return one(IPV6, firstV6(j));
      case "ipv6/48":
        return one(IPV6, `${net48(firstNet48(j))}::/48`);
      case "ipv6/64":
        return one(IPV6, `${net48(spread(j, 0x2c1b3c6d, 16))}:${hex(0x100 + (j >>> 16))}::/64`);
      case "ipv6/32":
        // Each holds 256 of the /48 networks the addresses of both parties lie in.
        return one(IPV6, `${hex(0x2a02 + (j >>> 8))}:${hex(0x1000 + (j & 255))}::/32`);
      case "domain":
        return one(DOMAIN, domain(2 * j));
      case "subdomain":
        return one(DOMAIN, firstSubdomain(j));
      case "url": {
        // On the first party's domains and subdomains, and on the second's (odd) domains.
        const host = j % 3 === 0 ? firstSubdomain(j % counts.subdomains) : domain(spread(j, 0x5bd1e995, 31) % (2 * counts.domains));
        return one(URL_PATH, url(host, j));
      }
      case "url-on-ip":
        return one(URL_PATH, url(ipv4(firstAddress(spread(j, 0x27d4eb2f, 31) % counts.addresses)), j, "http"));
      case "email":
        return one(EMAIL, `${pick(MAILBOXES, j)}.${j.toString(36)}@${domain(spread(j, 0x165667b1, 31) % (2 * counts.domains))}`);
      case "file":
        return fileObject(`file-${j}`);
      default:
        return one(HASH_PATHS[kind], digest(kind, `${kind}-${j}`));
    }
  }

  function second(i: number): MixIndicator {
    if (i < SECOND_EIGHTS.length) return [{ path: IPV4, value: SECOND_EIGHTS[i] }];
    const [kind, j] = kindOf(SECOND, i - SECOND_EIGHTS.length);
    switch (kind) {
      case "ipv4-in-first-24": {
        const block = firstBlock24(j % counts.blocks24);
        return one(IPV4, ipv4(MAIN + block * 256 + 1 + (Math.floor(j / counts.blocks24) % 254)));
      }
      case "ipv4-in-first-16": {
        // Ending in .255, so never one of the addresses inside the first party's /24s above.
        const third = Math.floor(j / counts.blocks16) % 256;
        return one(IPV4, ipv4(MAIN + firstBlock16(j % counts.blocks16) * 65536 + third * 256 + 255));
      }
      case "ipv4":
        // 32.0.0.0–47.255.255.255: outside every range of the mix.
        return one(IPV4, ipv4(ELSEWHERE + spread(j, 0x85ebca6b, 27)));
      case "ipv4/24-around-first":
        return one(IPV4, `${ipv4(firstAddress((j * 37) % counts.addresses) & ~255)}/24`);
      case "ipv6-in-first-48":
        return one(IPV6, `${net48(firstNet48(j % counts.nets48))}:${hex(2 + Math.floor(j / counts.nets48))}::1`);
      case "ipv6":
        return one(IPV6, `2a05:${hex(0x100 + (j >>> 16))}:${hex(j & 0xffff)}::${hex(0x1000 + (j % 0xe000))}`);
      case "ipv6/64-around-first":
        return one(IPV6, `${net48(spread(j % counts.v6, V6_SPREAD, 16))}:1::/64`);
      case "subdomain-of-first":
        return one(DOMAIN, `${pick(LABELS, j)}-${j.toString(36)}.${domain(2 * (spread(j, 0x1b873593, 31) % counts.domains))}`);
      case "url-on-first": {
        const host = j % 3 === 0 ? firstSubdomain(spread(j, 0x68e31da4, 31) % counts.subdomains) : domain(2 * (spread(j, 0xcc9e2d51, 31) % counts.domains));
        return one(URL_PATH, url(host, j + 0x40000000));
      }
      case "url-on-first-ip":
        return one(URL_PATH, url(`${ipv4(firstAddress(spread(j, 0x9e3779b1, 31) % counts.addresses))}:8080`, j, "http"));
      case "email-on-first":
        return one(EMAIL, `${pick(MAILBOXES, j)}-${j.toString(36)}@${domain(2 * (spread(j, 0x7feb352d, 31) % counts.domains))}`);
      case "domain":
        return one(DOMAIN, domain(2 * j + 1));
      case "hash-of-first-file": {
        // One hash of a file the first party gave as a file object: MD5 for one pass, SHA-1 the next.
        const kindOfHash = Math.floor(j / counts.files) % 2 === 0 ? "md5" : "sha1";
        return one(HASH_PATHS[kindOfHash], digest(kindOfHash, `file-${j % counts.files}`));
      }
      case "url":
        return one(URL_PATH, url(domain(UNRELATED_DOMAINS + j), j));
      default:
        return one(HASH_PATHS[kind], digest(kind, `second-${kind}-${j}`));
    }
  }

  function firstSubdomain(j: number): string {
    const parent = domain(2 * (spread(j, 0x846ca68b, 31) % counts.domains));
    const own = `${pick(LABELS, j)}${j.toString(36)}.${parent}`;
    return j % 4 === 0 ? `${pick(LABELS, j >>> 2)}.${own}` : own;
  }

  return { first, second, firstCount, secondCount };
}

const IPV4 = "ipv4-addr:value";
const IPV6 = "ipv6-addr:value";
const DOMAIN = "domain-name:value";
const URL_PATH = "url:value";
const EMAIL = "email-addr:value";
const HASH_PATHS: Record<string, string> = { md5: "file:hashes.MD5", sha1: "file:hashes.'SHA-1'", sha256: "file:hashes.'SHA-256'" };

const one = (path: string, value: string): MixIndicator => [{ path, value }];

/** The kind of the n-th indicator of a party, and its index among those of its kind. */
function kindOf(shares: Shares, n: number): [string, number] {
  const round = Math.floor(n / 1000);
  let slot = n % 1000;
  for (const [kind, share] of shares) {
    if (slot < share) return [kind, round * share + slot];
    slot -= share;
  }
  throw new Error("shares must add up to 1000");
}

/** How many indicators of `kind` the first `n` of a party hold. */
function emitted(shares: Shares, n: number, kind: string): number {
  let before = 0;
  for (const [k, share] of shares) {
    if (k === kind) return Math.floor(n / 1000) * share + Math.min(share, Math.max(0, (n % 1000) - before));
    before += share;
  }
  return 0;
}

/** `j` times an odd number, modulo 2^bits: a different place for every j below 2^bits. */
const spread = (j: number, odd: number, bits: number) => (Math.imul(j, odd) >>> 0) % 2 ** bits;

// The addresses and ranges of the mix lie in 20.0.0.0–27.255.255.255 (2^27 addresses).
const MAIN = 20 * 2 ** 24;
const ELSEWHERE = 32 * 2 ** 24;
const firstAddress = (j: number) => MAIN + spread(j, 0x9e3779b1, 27);
const firstBlock24 = (j: number) => spread(j, 0x2545f491, 19);
const firstBlock16 = (j: number) => spread(j, 0x4f1bbcdd, 11);
const ipv4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

// IPv6: 65,536 /48 networks 2a02:1000:0::/48 … 2a02:10ff:ff00::/48.
const V6_SPREAD = 0x61c88647;
const net48 = (n: number) => `2a02:${hex(0x1000 + (n >>> 8))}:${hex((n & 255) << 8)}`;
const firstNet48 = (j: number) => spread(j, 0x3c6ef372 | 1, 16);
const firstV6 = (j: number) => `${net48(spread(j, V6_SPREAD, 16))}:1::${hex(1 + (j >>> 16))}`;
const hex = (n: number) => n.toString(16);

const SYLLABLES = ["sec", "cloud", "mail", "data", "net", "web", "host", "link", "soft", "tech", "info", "shop", "pay", "auth", "cdn", "app"];
const TLDS = ["com", "net", "org", "nl", "ru", "info", "xyz", "top", "co.uk", "io", "biz"];
const LABELS = ["www", "mail", "vpn", "login", "cdn", "api", "update", "portal", "files", "dl", "owa", "static"];
const MAILBOXES = ["info", "admin", "billing", "hr", "noreply", "support", "ceo", "invoice"];
const URL_PATHS = ["/login.php", "/wp-content/plugins/update.php", "/gate.php", "/api/v2/beacon", "/download/invoice.zip", "/admin/index.html", "/files/report.doc", "/update/check"];
/** Domains nobody supplies start here; the first party's are even below it, the second's odd. */
const UNRELATED_DOMAINS = 50_000_000;

const pick = <T>(list: readonly T[], j: number) => list[j % list.length];

/** The k-th registrable domain, e.g. "cloudsec-2s.nl"; the base-36 number makes each distinct. */
function domain(k: number): string {
  return `${pick(SYLLABLES, k)}${pick(SYLLABLES, k >>> 4)}-${k.toString(36)}.${pick(TLDS, k)}`;
}

/** A URL on `host`, distinct for every `j`. */
function url(host: string, j: number, scheme = "https"): string {
  return `${scheme}://${host}${pick(URL_PATHS, j)}?id=${j.toString(36)}`;
}

function digest(kind: string, of: string): string {
  return createHash(kind).update(`ciic-bench ${of}`).digest("hex");
}

/** The MD5, SHA-1 and SHA-256 of one file, as a MISP file object or a STIX pattern gives them. */
function fileObject(name: string): MixIndicator {
  return ["md5", "sha1", "sha256"].map((kind) => ({ path: HASH_PATHS[kind], value: digest(kind, name) }));
}

/** A STIX 2.1 bundle of `count` indicators of the mix (`indicatorOf`), TLP 2.0 AMBER by reference. */
export async function writeMixStix(path: string, count: number, indicatorOf: (i: number) => MixIndicator, party: number) {
  function* lines() {
    yield '{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[\n';
    for (let i = 0; i < count; i++) {
      const pattern = indicatorOf(i)
        .map(({ path, value }) => `${path} = '${value}'`)
        .join(" AND ");
      const id = `indicator--${i.toString(16).padStart(8, "0")}-0000-4000-8000-${party.toString(16).padStart(12, "0")}`;
      yield `${i ? "," : ""}{"type":"indicator","spec_version":"2.1","id":"${id}","created":"2026-11-01T00:00:00.000Z","modified":"2026-11-01T00:00:00.000Z","pattern":"[${pattern}]","pattern_type":"stix","valid_from":"2026-11-01T00:00:00Z","object_marking_refs":["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]}\n`;
    }
    yield "]}\n";
  }
  await writeLines(path, lines());
}

/** A value of the mix drawn with `random` (in [0, 1)): either party's, as an analyst might look one up. */
export function drawValue(mix: ReturnType<typeof relatedMix>, random: () => number): string {
  const n = Math.floor(random() * (mix.firstCount + mix.secondCount));
  const indicator = n < mix.firstCount ? mix.first(n) : mix.second(n - mix.firstCount);
  return indicator[Math.floor(random() * indicator.length)].value;
}

/** Marsaglia's xorshift32: the same draws on every run, so that runs compare. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}
