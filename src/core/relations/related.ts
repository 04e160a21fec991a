import ipaddr from "ipaddr.js";
import { getDomain } from "tldts";
import { addressWithPrefix, hostOfUrl, networkBytes } from "../indicators/address-parts.js";
import type { PartyCode } from "../covenant/parties.js";
import { classify, type IndicatorType } from "../indicators/index.js";
import type { ItemReads, KeyedRecord, NamedRecord } from "../ports.js";
import { fileKey, HASH_TYPES, keysBelow, type KeyRange } from "./relation-key.js";

/**
 * Related indicators (Art 6.1, issue 15): values that are not the same but point at the same
 * thing, found as analysts compare them. Every relation is read from the value itself into exact
 * values (upwards) and ranges of relation keys (downwards, relation-key.ts), which the store
 * answers from its indexes: no scan of the items.
 *
 * Upwards, through the value index (ItemReads.named, the look-up the Art 7.2 guard uses):
 * - an address and every stored range that holds it; a range and every larger range holding it;
 * - a URL and its host (a domain or an address), and the host's parent domains or ranges;
 * - a domain and its parent domains up to the registrable domain (by the Public Suffix List,
 *   private suffixes such as github.io included: `evil.co.uk` and `other.co.uk` are not related,
 *   nor are two github.io sites);
 * - an e-mail address and its domain, with that domain's parents.
 * Downwards, through the relation-key index (ItemReads.underKeys):
 * - a domain and its subdomains, and the URLs and e-mail addresses on it or below it;
 * - a range and the addresses, smaller ranges and URLs on addresses inside it;
 * - an address and the URLs on it.
 * Sideways, for hashes: the other hashes of the same file, where a file object carried them
 * together (STIX `file`, MISP `file` object), and every party's record of those.
 */
export type Relation =
  | "range_holds_address"
  | "range_holds_range"
  | "host_of_url"
  | "parent_domain"
  | "domain_of_email"
  | "url_on_domain"
  | "subdomain"
  | "email_on_domain"
  | "address_in_range"
  | "range_in_range"
  | "url_on_host"
  | "same_file";

export interface RelatedRecord {
  record: NamedRecord;
  relation: Relation;
}

/** The related records of one indicator; `more` when a range below it held more than were read. */
export interface Related {
  records: RelatedRecord[];
  more: boolean;
}

/** Records read below one indicator at most: a /8 or a large domain can hold a great many. */
export const BELOW_LIMIT = 50;

interface Probe {
  values: { type: IndicatorType; value: string; relation: Relation }[];
  below?: KeyRange;
}

type Indicator = { type: IndicatorType; value: string };

/** What to look for: the values related to `indicator` upwards, and the keys below it. */
export function relationProbe(indicator: Indicator, prefixes?: RangePrefixes): Probe {
  const probe: Probe = { values: [], below: keysBelow(indicator.type, indicator.value) };
  const { type, value } = indicator;
  switch (type) {
    case "ipv4":
    case "ipv6":
      probe.values.push(...rangesHolding(value, "range_holds_address", prefixes));
      break;
    case "ipv4-cidr":
    case "ipv6-cidr":
      probe.values.push(...rangesHolding(value, "range_holds_range", prefixes));
      break;
    case "url": {
      const host = hostIndicator(value);
      if (host) {
        probe.values.push({ ...host, relation: "host_of_url" });
        if (host.type === "domain") probe.values.push(...parentDomains(host.value, "parent_domain"));
        else probe.values.push(...rangesHolding(host.value, "range_holds_address", prefixes));
      }
      break;
    }
    case "domain":
      probe.values.push(...parentDomains(value, "parent_domain"));
      break;
    case "email": {
      const domain = value.slice(value.lastIndexOf("@") + 1).toLowerCase();
      probe.values.push({ type: "domain", value: domain, relation: "domain_of_email" }, ...parentDomains(domain, "parent_domain"));
      break;
    }
  }
  return probe;
}

/** The stored records related to `indicator`, each with its relation; not the indicator itself. */
export async function relatedRecords(items: RelationReads, indicator: Indicator): Promise<Related> {
  return (await relatedOfEach(items, [indicator])).get(relationKey(indicator)) ?? { records: [], more: false };
}

export const relationKey = (indicator: Indicator) => `${indicator.type}|${indicator.value}`;

export type RelationReads = Pick<ItemReads, "named" | "underKeys" | "keysOf">;

/**
 * The prefix lengths of the ranges a store holds, by type (ItemReads.rangePrefixes). An import
 * reads them once and probes only those lengths: an address has 31 larger IPv4 ranges, and a
 * feed of a hundred thousand addresses would ask for three million of them.
 */
export interface RangePrefixes {
  "ipv4-cidr": ReadonlySet<number>;
  "ipv6-cidr": ReadonlySet<number>;
  /**
   * Every range on file ("type|value"), where there are no more than MOST_RANGES: an address then
   * asks only for the ranges that are there, not for every length the store holds, and most
   * addresses of a feed fall in none of them.
   */
  ranges?: ReadonlySet<string>;
}

/** Ranges read whole for an import at most; a store of more is asked range by range. */
export const MOST_RANGES = 100_000;

/** Reads the store's range prefix lengths, and its ranges when few, into the shape relatedOfEach takes. */
export async function rangePrefixesOf(items: Pick<ItemReads, "rangePrefixes" | "storedRanges">): Promise<RangePrefixes> {
  const found = await items.rangePrefixes();
  const of = (type: "ipv4-cidr" | "ipv6-cidr") => new Set(found.filter((f) => f.type === type).map((f) => f.prefix));
  const stored = await items.storedRanges(MOST_RANGES + 1);
  const ranges = stored.length <= MOST_RANGES ? new Set(stored.map((r) => relationKey(r))) : undefined;
  return { "ipv4-cidr": of("ipv4-cidr"), "ipv6-cidr": of("ipv6-cidr"), ...(ranges ? { ranges } : {}) };
}

/**
 * `rangePrefixes`: the store's, read once by a caller that asks for many (rangePrefixesOf).
 * `namesOnly`: the records are counted, not shown (DataProbe.namesOnly).
 * `otherThan`: only other parties' records than this one's are wanted (DataProbe.otherThan).
 */
export interface RelatedOptions {
  rangePrefixes?: RangePrefixes;
  namesOnly?: boolean;
  otherThan?: PartyCode;
}

/** The related records of each of many indicators (a submission, a slice of an import), in a few look-ups. */
export async function relatedOfEach(items: RelationReads, indicators: readonly Indicator[], options: RelatedOptions = {}): Promise<Map<string, Related>> {
  const probes = indicators.map((indicator) => ({ indicator, probe: relationProbe(indicator, options.rangePrefixes) }));
  const out = new Map<string, Related>();
  const add = (indicator: Indicator, record: NamedRecord, relation: Relation) => {
    if (record.type === indicator.type && record.value === indicator.value) return;
    const key = relationKey(indicator);
    const related = out.get(key) ?? out.set(key, { records: [], more: false }).get(key)!;
    if (!related.records.some((r) => r.record.id === record.id)) related.records.push({ record, relation });
  };

  const values = new Map<string, Indicator>();
  for (const { probe } of probes) for (const v of probe.values) values.set(relationKey(v), { type: v.type, value: v.value });
  const below = probes.filter((p) => p.probe.below !== undefined);
  // The three reads at once (they go to the database together where a round trip costs); their
  // answers are taken in this order, so that a record found twice keeps its upward relation.
  const [named, under, files] = await Promise.all([
    values.size > 0 ? items.named({ values: [...values.values()], urlPrefixes: [], emails: [], itemIds: [], namesOnly: options.namesOnly, otherThan: options.otherThan }) : [],
    // One more than are shown: whether there were more is then known, not guessed.
    below.length > 0 ? items.underKeys(below.map((p) => p.probe.below!), BELOW_LIMIT + 1, options.otherThan) : [],
    sameFile(items, indicators, options),
  ]);
  if (named.length > 0) {
    const byValue = groupBy(named, relationKey);
    for (const { indicator, probe } of probes) {
      for (const v of probe.values) for (const record of byValue.get(relationKey(v)) ?? []) add(indicator, record, v.relation);
    }
  }

  if (below.length > 0) {
    const found = [...new Map(under.map((r) => [r.id, r])).values()].sort(byKey);
    for (const { indicator, probe } of below) {
      const { from, to } = probe.below!;
      const inside: KeyedRecord[] = [];
      for (let i = firstAtOrAfter(found, from); i < found.length && found[i].key <= to; i++) inside.push(found[i]);
      for (const record of inside.slice(0, BELOW_LIMIT)) {
        const relation = relationBelow(indicator, record);
        if (relation) add(indicator, { id: record.id, type: record.type, value: record.value, party: record.party }, relation);
      }
      if (inside.length > BELOW_LIMIT) {
        const key = relationKey(indicator);
        (out.get(key) ?? out.set(key, { records: [], more: false }).get(key)!).more = true;
      }
    }
  }

  for (const { indicator, record } of files) add(indicator, record, "same_file");
  for (const related of out.values()) related.records.sort((a, b) => a.record.id - b.record.id);
  return out;
}

/**
 * For each indicator (by relationKey) with related records of parties other than `party`, those
 * parties: what an import tells cell staff (Art 6.1). The party's own records are not counted.
 */
export async function othersRelatedTo(items: RelationReads, indicators: readonly Indicator[], party: PartyCode, options: Pick<RelatedOptions, "rangePrefixes"> = {}): Promise<Map<string, PartyCode[]>> {
  const out = new Map<string, PartyCode[]>();
  for (const [key, related] of await relatedOfEach(items, indicators, { ...options, namesOnly: true, otherThan: party })) {
    const parties = new Set<PartyCode>();
    for (const r of related.records) parties.add(r.record.party);
    if (parties.size > 0) out.set(key, [...parties]);
  }
  return out;
}

/** How a record below an indicator relates to it, or undefined where an upward relation names it. */
export function relationBelow(indicator: Indicator, record: NamedRecord): Relation | undefined {
  if (record.type === "url") return indicator.type === "domain" ? "url_on_domain" : "url_on_host";
  if (indicator.type === "domain") return record.type === "domain" ? "subdomain" : record.type === "email" ? "email_on_domain" : undefined;
  if (indicator.type === "ipv4-cidr" || indicator.type === "ipv6-cidr") {
    if (record.type === "ipv4" || record.type === "ipv6") return "address_in_range";
    // A range that starts where this one starts may be larger: the upward probe names that one.
    if (record.type === indicator.type && prefixOf(record.value) > prefixOf(indicator.value)) return "range_in_range";
  }
  return undefined;
}

function groupBy<T>(list: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const key = keyOf(item);
    const group = out.get(key);
    if (group) group.push(item);
    else out.set(key, [item]);
  }
  return out;
}

const byKey = (a: KeyedRecord, b: KeyedRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id);

/** The index of the first record whose key is `key` or after it, in records sorted by key. */
function firstAtOrAfter(records: readonly KeyedRecord[], key: string): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (records[middle].key < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

const prefixOf = (range: string) => Number(range.slice(range.indexOf("/") + 1));

/**
 * The records of the other hashes of each hash's file: the files its records were stored with
 * (keysOf), the hashes stored with those files (underKeys) and each file's strongest hash, which
 * its key names, and every party's record of those. A hash supplied alone has no key: it is found
 * by its value, as the strongest hash of a file or as one of the hashes stored with it.
 * The files are found through every party's records, `otherThan`'s too: its own file object may
 * be what ties a hash to another party's record of a second one.
 */
async function sameFile(items: RelationReads, indicators: readonly Indicator[], options: Pick<RelatedOptions, "namesOnly" | "otherThan">): Promise<{ indicator: Indicator; record: NamedRecord }[]> {
  const hashes = indicators.filter((i) => HASH_TYPES.has(i.type));
  if (hashes.length === 0) return [];
  const filesOf = new Map<string, Set<string>>(hashes.map((h) => [relationKey(h), new Set([fileKey(h.value)])]));
  for (const k of await items.keysOf(hashes)) filesOf.get(relationKey(k))?.add(k.key);
  const files = [...new Set([...filesOf.values()].flatMap((f) => [...f]))];
  // A file object carries a handful of hashes; the limit is there for a hash many files share.
  const members = await items.underKeys(
    files.map((key) => ({ from: key, to: key })),
    BELOW_LIMIT,
  );
  // A file stored with its hashes: those hashes and the strongest, whoever supplied that one.
  const valuesOf = new Map<string, Indicator[]>();
  for (const [file, list] of groupBy(members, (m) => m.key)) valuesOf.set(file, [...list, anchorOf(file)]);
  // Only a file's other hashes are related: a file of one hash (most, supplied alone) asks nothing more.
  const hashesOf = new Map<string, Set<string>>();
  for (const hash of hashes) for (const file of filesOf.get(relationKey(hash))!) (hashesOf.get(file) ?? hashesOf.set(file, new Set()).get(file)!).add(hash.value);
  const wanted = new Map<string, Indicator>();
  for (const [file, list] of valuesOf) for (const v of list) if ([...hashesOf.get(file)!].some((h) => h !== v.value)) wanted.set(relationKey(v), { type: v.type, value: v.value });
  if (wanted.size === 0) return [];
  const recordsOf = groupBy(await items.named({ values: [...wanted.values()], urlPrefixes: [], emails: [], itemIds: [], namesOnly: options.namesOnly, otherThan: options.otherThan }), relationKey);
  const out: { indicator: Indicator; record: NamedRecord }[] = [];
  for (const hash of hashes) {
    const fileValues = new Set([...filesOf.get(relationKey(hash))!].flatMap((f) => (valuesOf.get(f) ?? []).map(relationKey)));
    for (const value of fileValues) for (const record of recordsOf.get(value) ?? []) if (record.value !== hash.value) out.push({ indicator: hash, record });
  }
  return out;
}

/** The strongest hash a file key names ("f:" and the hash), as an indicator: its type is its length. */
function anchorOf(file: string): Indicator {
  const value = file.slice(2);
  return { type: value.length === 64 ? "sha256" : value.length === 40 ? "sha1" : "md5", value };
}

/** Every range, as the store writes it, that holds the address or range `value` and is larger. */
function rangesHolding(value: string, relation: Relation, prefixes?: RangePrefixes): Probe["values"] {
  const parsed = addressWithPrefix(value);
  if (!parsed) return [];
  const { v4, bytes, prefix: own } = parsed;
  const type = v4 ? "ipv4-cidr" : "ipv6-cidr";
  const out: Probe["values"] = [];
  // /0 holds everything and says nothing; from /1 up to one shorter than the value's own, or
  // only the lengths of the ranges the store holds, where the caller knows them.
  for (let prefix = 1; prefix < own; prefix++) {
    if (prefixes && !prefixes[type].has(prefix)) continue;
    const network = networkBytes(bytes, prefix);
    // Written as the store writes a range (classify's normal form: RFC 5952 for IPv6), so that
    // the index finds it; built directly, since an IPv6 address has 127 of them.
    const written = v4 ? network.join(".") : (ipaddr.fromByteArray(network) as ipaddr.IPv6).toRFC5952String();
    const range = `${written}/${prefix}`;
    if (prefixes?.ranges && !prefixes.ranges.has(`${type}|${range}`)) continue;
    out.push({ type, value: range, relation });
  }
  return out;
}

/** The URL's host, as the store writes a domain or an address. */
function hostIndicator(url: string): { type: IndicatorType; value: string } | undefined {
  const host = hostOfUrl(url);
  if (host === undefined) return undefined;
  const result = classify(host);
  return result.ok && ["domain", "ipv4", "ipv6"].includes(result.indicator.type) ? { type: result.indicator.type, value: result.indicator.value } : undefined;
}

/** "a.b.evil.example" → "b.evil.example", "evil.example": up to the registrable domain, no further. */
function parentDomains(domain: string, relation: Relation): Probe["values"] {
  const registrable = getDomain(domain, { allowPrivateDomains: true });
  if (!registrable || registrable === domain || !domain.endsWith(`.${registrable}`)) return [];
  const out: Probe["values"] = [];
  let parent = domain.slice(domain.indexOf(".") + 1);
  for (;;) {
    out.push({ type: "domain", value: parent, relation });
    if (parent === registrable) return out;
    parent = parent.slice(parent.indexOf(".") + 1);
  }
}
