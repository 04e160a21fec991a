import ipaddr from "ipaddr.js";
import { getDomain } from "tldts";
import { hostOfUrl, networkBytes } from "../indicators/address-parts.js";
import { classify, type IndicatorType } from "../indicators/index.js";
import type { ItemReads, NamedRecord } from "../ports.js";

/**
 * Related indicators (Art 6.1, issue 15): values that are not the same but point at the same
 * thing, found as analysts compare them. Every relation is read from the value itself into exact
 * values and URL prefixes, which the store answers from its indexes (ItemReads.named, the same
 * look-up the Art 7.2 guard uses): no scan of the items.
 *
 * - an address and every stored range that holds it; a range and every larger range holding it;
 * - a URL and its host (a domain or an address), and the host's parent domains;
 * - a domain and its parent domains up to the registrable domain (by the Public Suffix List,
 *   private suffixes such as github.io included: `evil.co.uk` and `other.co.uk` are not related,
 *   nor are two github.io sites); and the stored URLs on the domain itself;
 * - an e-mail address and its domain, with that domain's parents.
 */
export type Relation = "range_holds_address" | "range_holds_range" | "host_of_url" | "parent_domain" | "domain_of_email" | "url_on_domain";

export interface RelatedRecord {
  record: NamedRecord;
  relation: Relation;
}

interface Probe {
  values: { type: IndicatorType; value: string; relation: Relation }[];
  urlPrefixes: { prefix: string; relation: Relation }[];
}

/** What to look for: the values related to `indicator`, and the URL prefixes of its domain. */
export function relationProbe(indicator: { type: IndicatorType; value: string }): Probe {
  const probe: Probe = { values: [], urlPrefixes: [] };
  const { type, value } = indicator;
  switch (type) {
    case "ipv4":
    case "ipv6":
      probe.values.push(...rangesHolding(value, "range_holds_address"));
      break;
    case "ipv4-cidr":
    case "ipv6-cidr":
      probe.values.push(...rangesHolding(value, "range_holds_range"));
      break;
    case "url": {
      const host = hostIndicator(value);
      if (host) {
        probe.values.push({ ...host, relation: "host_of_url" });
        if (host.type === "domain") probe.values.push(...parentDomains(host.value, "parent_domain"));
        else probe.values.push(...rangesHolding(host.value, "range_holds_address"));
      }
      break;
    }
    case "domain":
      probe.values.push(...parentDomains(value, "parent_domain"));
      for (const scheme of ["http", "https", "ftp"]) {
        probe.urlPrefixes.push({ prefix: `${scheme}://${value}/`, relation: "url_on_domain" }, { prefix: `${scheme}://${value}:`, relation: "url_on_domain" });
      }
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
export async function relatedRecords(items: Pick<ItemReads, "named">, indicator: { type: IndicatorType; value: string }): Promise<RelatedRecord[]> {
  return (await relatedOfEach(items, [indicator])).get(relationKey(indicator)) ?? [];
}

export const relationKey = (indicator: { type: IndicatorType; value: string }) => `${indicator.type}|${indicator.value}`;

/** The related records of each of many indicators (a submission), found in one look-up. */
export async function relatedOfEach(items: Pick<ItemReads, "named">, indicators: readonly { type: IndicatorType; value: string }[]): Promise<Map<string, RelatedRecord[]>> {
  const probes = indicators.map((indicator) => ({ indicator, probe: relationProbe(indicator) }));
  const values = new Map<string, { type: IndicatorType; value: string }>();
  const prefixes = new Set<string>();
  for (const { probe } of probes) {
    for (const v of probe.values) values.set(relationKey(v), { type: v.type, value: v.value });
    for (const p of probe.urlPrefixes) prefixes.add(p.prefix);
  }
  const out = new Map<string, RelatedRecord[]>();
  if (values.size === 0 && prefixes.size === 0) return out;
  const found = await items.named({ values: [...values.values()], urlPrefixes: [...prefixes], emails: [], itemIds: [] });
  for (const { indicator, probe } of probes) {
    const related: RelatedRecord[] = [];
    for (const record of found) {
      if (record.type === indicator.type && record.value === indicator.value) continue;
      const exact = probe.values.find((v) => v.type === record.type && v.value === record.value);
      const prefixed = record.type === "url" ? probe.urlPrefixes.find((p) => record.value.startsWith(p.prefix)) : undefined;
      const relation = exact?.relation ?? prefixed?.relation;
      if (relation) related.push({ record, relation });
    }
    if (related.length > 0) out.set(relationKey(indicator), related.sort((a, b) => a.record.id - b.record.id));
  }
  return out;
}

/** Every range, as the store writes it, that holds the address or range `value` and is larger. */
function rangesHolding(value: string, relation: Relation): Probe["values"] {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  let own: number;
  try {
    if (value.includes("/")) [address, own] = ipaddr.parseCIDR(value);
    else {
      address = ipaddr.parse(value);
      own = address.kind() === "ipv4" ? 32 : 128;
    }
  } catch {
    return [];
  }
  const v4 = address.kind() === "ipv4";
  const bytes = address.toByteArray();
  const out: Probe["values"] = [];
  // /0 holds everything and says nothing; from /1 up to one shorter than the value's own.
  for (let prefix = 1; prefix < own; prefix++) {
    const network = networkBytes(bytes, prefix);
    // Written as the store writes a range (classify's normal form: RFC 5952 for IPv6), so that
    // the index finds it; built directly, since an IPv6 address has 127 of them.
    const written = ipaddr.fromByteArray(network);
    out.push({ type: v4 ? "ipv4-cidr" : "ipv6-cidr", value: `${written instanceof ipaddr.IPv6 ? written.toRFC5952String() : written.toString()}/${prefix}`, relation });
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
