import ipaddr from "ipaddr.js";
import { classifyEmail, normaliseDomain } from "../indicators/domain.js";
import { classifyCidr, classifyIpv6 } from "../indicators/network.js";
import { classifyUrl } from "../indicators/url.js";
import type { Indicator } from "../indicators/index.js";
import { readings } from "./readings.js";

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
  /** More candidates than one text may carry (see MAX_CANDIDATES); the text is not checked. */
  tooMany: boolean;
}

/**
 * A 20,000-character analysis of dense indicators yields a few thousand; beyond this the text is
 * refused rather than half-checked.
 */
export const MAX_CANDIDATES = 25_000;
/** Domains deeper than this many labels are looked for in windows of this size. */
const MAX_WINDOW = 8;
const URL_SCHEMES = ["http", "https", "ftp"] as const;

// "I-42", "i_42", "I - 42" with any dash (readings.ts folds them), and "I42" as the bot itself reads it.
const ITEM_ID = /(?<![\p{L}\p{N}])(?:[iI][ \t]?[-_][ \t]?|I)(\d{1,12})(?!\d)/gu;
const HEX_RUN = /[0-9a-f]{32,}/g;
const FINGERPRINT = /(?:[0-9a-f]{2}[:-]){15,63}[0-9a-f]{2}/g;
const CVE = /cve[ \t_-]*(\d{4})[ \t_-]*(\d{4,7})/g;
const IPV4_RUN = /(?<!\d)\d{1,3}(?:\.\d{1,3}){3,}(?!\d)/g;
const IPV6_RUN = /[0-9a-f:.]{2,}/g;
const LABEL = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?`;
const DOMAIN_RUN = new RegExp(`${LABEL}(?:\\.${LABEL})+`, "gu");
const EMAIL = new RegExp(`([\\p{L}\\p{N}._%+!#$&'*=?^\\x60{|}~/-]+)@(${LABEL}(?:\\.${LABEL})+)`, "gu");
// What may follow a host in a URL: a port, then a path, query or fragment up to white space or
// characters that never stand unescaped in one.
const AFTER_HOST = /^(?::\d{1,5})?([/?#][^\s<>"`|^{}\\]*)?/;
const TRAILING_PROSE = /(?:['’]s|[.,;:!?)\]}'’"”»*_~])$/;
const HASH_LENGTHS = { 32: "md5", 40: "sha1", 64: "sha256" } as const;

/** The comparable form of a URL: host, path, query and fragment, decoded and lower-cased, without a trailing slash. */
export function urlKey(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  let rest = `${url.pathname}${url.search}${url.hash}`;
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // A lone "%" stays as written.
  }
  return `${url.hostname}${rest}`.toLowerCase().replace(/\/+$/, "");
}

class Collector {
  readonly values = new Map<string, Indicator>();
  readonly urls: Extracted["urls"] = [];
  readonly itemIds = new Set<number>();
  /** Work done once per text: a host's root URLs, a window's normal form. */
  readonly seenHosts = new Set<string>();
  readonly domainForms = new Map<string, string | undefined>();
  private count = 0;
  get tooMany() {
    return this.count > MAX_CANDIDATES;
  }
  add(indicator: Indicator | undefined) {
    if (!indicator) return;
    const key = `${indicator.type}|${indicator.value}`;
    if (this.values.has(key)) return;
    this.values.set(key, indicator);
    this.count++;
  }
  addUrl(key: string | undefined, host: string) {
    if (!key) return;
    this.urls.push({ key, prefixes: URL_SCHEMES.map((s) => `${s}://${host}`) });
    this.count += URL_SCHEMES.length;
  }
}

const accepted = (result: { ok: boolean; indicator?: Indicator }) => (result.ok ? result.indicator : undefined);

function hashes(low: string, out: Collector) {
  const take = (hex: string) => {
    const type = HASH_LENGTHS[hex.length as keyof typeof HASH_LENGTHS];
    if (type) out.add({ type, value: hex });
  };
  for (const [run] of low.matchAll(HEX_RUN)) {
    take(run);
    // A hash glued to other hex digits ("0xd41d8…", "md5d41d8…"): its ends are tried too.
    if (run.length > 32) for (const n of [32, 40, 64]) if (run.length > n) (take(run.slice(0, n)), take(run.slice(-n)));
  }
  for (const [run] of low.matchAll(FINGERPRINT)) take(run.replace(/[:-]/g, ""));
}

function cves(low: string, out: Collector) {
  for (const m of low.matchAll(CVE)) out.add({ type: "cve", value: `CVE-${m[1]}-${m[2]}` });
}

function itemIds(text: string, out: Collector) {
  for (const m of text.matchAll(ITEM_ID)) {
    const id = Number(m[1]);
    if (Number.isSafeInteger(id) && id > 0) out.itemIds.add(id);
  }
}

/** Whether "scheme://" (with user info, if any) stands right before `start`. */
function followsScheme(low: string, start: number): boolean {
  const before = low.slice(Math.max(0, start - 200), start);
  const mark = before.lastIndexOf("://");
  if (mark === -1) return false;
  const between = before.slice(mark + 3);
  return between === "" || (between.endsWith("@") && !/[\s/]/.test(between));
}

/**
 * A host found at [start, end) of the (lower-cased) reading: its root URLs, and the URL it may
 * begin. URLs are compared lower-cased (see urlKey), so the case of a path does not matter.
 */
function host(low: string, name: string, start: number, end: number, out: Collector) {
  if (!out.seenHosts.has(name)) {
    out.seenHosts.add(name);
    for (const scheme of URL_SCHEMES) out.add(accepted(classifyUrl(`${scheme}://${name}/`)));
  }
  const after = AFTER_HOST.exec(low.slice(end, end + 2100))!;
  const scheme = followsScheme(low, start);
  if (!after[0] && !scheme) return;
  // "…/login." or "…/panel's": punctuation of the sentence, most likely; but "_" or "'" may
  // belong to the path too, so the path is compared as written and cut at each such character.
  let path = after[1] ?? "";
  const keys = new Set<string | undefined>([urlKey(`http://${name}${path}`)]);
  while (TRAILING_PROSE.test(path)) {
    path = path.endsWith("'s") || path.endsWith("’s") ? path.slice(0, -2) : path.slice(0, -1);
    keys.add(urlKey(`http://${name}${path}`));
  }
  for (const key of keys) out.addUrl(key, name);
}

function ipv4(low: string, out: Collector) {
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
        const prefix = /^\/(\d{1,2})(?!\d)/.exec(low.slice(end, end + 4));
        if (prefix) out.add(accepted(classifyCidr(`${address}/${prefix[1]}`)));
        if (i === 0) host(low, address, start, end, out);
      }
    }
  }
}

function ipv6(low: string, out: Collector) {
  for (const m of low.matchAll(IPV6_RUN)) {
    const run = m[0];
    if (run.indexOf(":") === run.lastIndexOf(":")) continue;
    // As written, without trailing punctuation, and without a port glued on ("…::1:443").
    const tries = new Set([run, run.replace(/[.:]+$/, ""), run.replace(/:\d{1,5}$/, ""), run.replace(/^[.:]+(?=[0-9a-f]{1,4}:)/, "")]);
    const end = m.index + run.length;
    for (const text of tries) {
      if (!ipaddr.IPv6.isValid(text)) continue;
      const parsed = accepted(classifyIpv6(text));
      if (!parsed) continue;
      out.add(parsed);
      const prefix = /^\/(\d{1,3})(?!\d)/.exec(low.slice(end, end + 5));
      if (prefix) out.add(accepted(classifyCidr(`${text}/${prefix[1]}`)));
      const bracketed = low[m.index - 1] === "[" && low[end] === "]";
      if (bracketed) host(low, `[${parsed.value}]`, m.index - 1, end + 1, out);
    }
  }
}

/**
 * A dash glued to a name ("evil.example—and", "see—evil.example") reads as a hyphen in the
 * reading where dashes are hyphens: the outer labels are also tried cut at each hyphen.
 */
function edgeCuts(labels: string[]): string[][] {
  const first = labels[0];
  const last = labels[labels.length - 1];
  if (!first.includes("-") && !last.includes("-")) return [labels];
  const firsts = [first, ...[...first.matchAll(/-/g)].map((m) => first.slice(m.index + 1))].filter(Boolean);
  const lasts = [last, ...[...last.matchAll(/-/g)].map((m) => last.slice(0, m.index))].filter(Boolean);
  const middle = labels.slice(1, -1);
  return firsts.flatMap((f) => lasts.map((l) => [f, ...middle, l]));
}

function domains(low: string, out: Collector) {
  for (const m of low.matchAll(DOMAIN_RUN)) {
    // "_evil.example_" (chat italics): "_" is a character of labels, but not at the ends of a name.
    const run = m[0].replace(/^_+|_+$/g, "");
    const start = m.index + m[0].indexOf(run);
    const written = run.split(".");
    // Digits only: an address, which ipv4() reads.
    if (written.every((l) => /^\d+$/.test(l))) continue;
    for (const labels of edgeCuts(written)) {
      for (let i = 0; i < labels.length && !out.tooMany; i++) {
        for (let j = i + 2; j <= Math.min(labels.length, i + MAX_WINDOW); j++) {
          const window = labels.slice(i, j).join(".");
          let value = out.domainForms.get(window);
          if (!out.domainForms.has(window)) {
            const domain = normaliseDomain(window);
            value = domain.ok ? domain.value : undefined;
            out.domainForms.set(window, value);
          }
          if (value === undefined) continue;
          out.add({ type: "domain", value });
          if (i === 0 && j === labels.length && window === run) host(low, value, start, start + run.length, out);
        }
      }
    }
  }
}

function emails(reading: string, out: Collector) {
  for (const m of reading.matchAll(EMAIL)) {
    const labels = m[2].replace(/_+$/, "").split(".");
    const locals = new Set([m[1], m[1].replace(/^[^\p{L}\p{N}]+/u, "")]);
    for (const local of [...locals]) locals.add(local.toLowerCase());
    // "a@x.example.Then": a sentence glued on; every shorter domain is tried.
    for (let j = 2; j <= labels.length; j++) {
      for (const local of locals) if (local) out.add(accepted(classifyEmail(`${local}@${labels.slice(0, j).join(".")}`)));
    }
  }
}

/** Everything a text may name of the cell's data (see Extracted). */
export function extract(text: string): Extracted {
  const out = new Collector();
  for (const reading of readings(text)) {
    const low = reading.toLowerCase();
    itemIds(reading, out);
    hashes(low, out);
    cves(low, out);
    ipv4(low, out);
    ipv6(low, out);
    domains(low, out);
    emails(reading, out);
    if (out.tooMany) break;
  }
  return { values: out.values, urls: out.urls, itemIds: out.itemIds, tooMany: out.tooMany };
}
