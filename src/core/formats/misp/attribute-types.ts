import type { IndicatorType } from "../../indicators/index.js";

/** One value to take from a MISP attribute, and the indicator types it may turn out to be. */
export interface AttributePart {
  text: string;
  accepts: readonly IndicatorType[];
}

const IP: readonly IndicatorType[] = ["ipv4", "ipv6", "ipv4-cidr", "ipv6-cidr"];
const DOMAIN: readonly IndicatorType[] = ["domain"];
// MISP's "url" type is loose: analysts put bare host names ("www.evil.example") and addresses
// in it. Such a value is what `classify` makes of it when typed, so it is taken as that.
const URL_LIKE: readonly IndicatorType[] = ["url", "domain", "ipv4", "ipv6"];
const EMAIL: readonly IndicatorType[] = ["email"];
const MD5: readonly IndicatorType[] = ["md5"];
const SHA1: readonly IndicatorType[] = ["sha1"];
const SHA256: readonly IndicatorType[] = ["sha256"];
const CVE: readonly IndicatorType[] = ["cve"];

type Split = (value: string) => AttributePart[];

const whole =
  (accepts: readonly IndicatorType[]): Split =>
  (value) => [{ text: value, accepts }];

/** "address|port", "host|port": the part before the last "|" (IPv6 has no "|", so this is safe). */
const beforeLastBar =
  (accepts: readonly IndicatorType[]): Split =>
  (value) => {
    const bar = value.lastIndexOf("|");
    return [{ text: bar === -1 ? value : value.slice(0, bar), accepts }];
  };

/** "filename|hash": the part after the last "|", since file names may themselves hold a "|". */
const afterLastBar =
  (accepts: readonly IndicatorType[]): Split =>
  (value) => [{ text: value.slice(value.lastIndexOf("|") + 1), accepts }];

/** "domain|ip": both halves are indicators. */
const domainAndIp: Split = (value) => {
  const bar = value.indexOf("|");
  if (bar === -1) return [{ text: value, accepts: DOMAIN }];
  return [
    { text: value.slice(0, bar), accepts: DOMAIN },
    { text: value.slice(bar + 1), accepts: IP },
  ];
};

/**
 * The MISP attribute types that carry an indicator the cell stores, and how to take it out of the
 * value. Every other type (text, comment, regkey, mutex, yara, link, uri, …) is context, not an
 * indicator, and is refused by name. "link" is a reference to a report, not something seen in an
 * attack, and "uri" is a path without a host, so neither is taken as a URL.
 */
const MISP_TYPES: Readonly<Record<string, Split>> = {
  "ip-src": whole(IP),
  "ip-dst": whole(IP),
  "ip-src|port": beforeLastBar(IP),
  "ip-dst|port": beforeLastBar(IP),
  domain: whole(DOMAIN),
  hostname: whole(DOMAIN),
  "hostname|port": beforeLastBar(DOMAIN),
  "domain|ip": domainAndIp,
  url: whole(URL_LIKE),
  email: whole(EMAIL),
  "email-src": whole(EMAIL),
  "email-dst": whole(EMAIL),
  "target-email": whole(EMAIL),
  // The address replies go to, the one a domain was registered with, and its DNS zone's contact:
  // addresses of whoever runs the infrastructure, as analysts pivot on them.
  "email-reply-to": whole(EMAIL),
  "whois-registrant-email": whole(EMAIL),
  "dns-soa-email": whole(EMAIL),
  md5: whole(MD5),
  sha1: whole(SHA1),
  sha256: whole(SHA256),
  "filename|md5": afterLastBar(MD5),
  "filename|sha1": afterLastBar(SHA1),
  "filename|sha256": afterLastBar(SHA256),
  // A malware sample's value is "filename|md5" of the sample; the file itself is not taken.
  "malware-sample": afterLastBar(MD5),
  vulnerability: whole(CVE),
};

/** The values to classify, or undefined when the type carries no indicator the cell stores. */
export function partsOf(mispType: string, value: string): AttributePart[] | undefined {
  const split = Object.hasOwn(MISP_TYPES, mispType) ? MISP_TYPES[mispType] : undefined;
  return split?.(value);
}
