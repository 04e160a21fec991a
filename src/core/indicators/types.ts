export type IndicatorType =
  | "ipv4"
  | "ipv6"
  | "ipv4-cidr"
  | "ipv6-cidr"
  | "domain"
  | "url"
  | "email"
  | "md5"
  | "sha1"
  | "sha256"
  | "cve";

export const INDICATOR_TYPES: readonly IndicatorType[] = Object.freeze([
  "ipv4",
  "ipv6",
  "ipv4-cidr",
  "ipv6-cidr",
  "domain",
  "url",
  "email",
  "md5",
  "sha1",
  "sha256",
  "cve",
] as const);

export interface Indicator {
  type: IndicatorType;
  /** Normalised, so two people sharing the same thing produce the same (type, value). */
  value: string;
}

export interface ParsedIndicator extends Indicator {
  /** The token as the user typed it, after Slack unescaping; shown back so they recognise it. */
  raw: string;
}

export interface RefusedToken {
  /** Safe to echo: at most 80 characters ending in "…" when cut, invisible characters shown as \uXXXX. */
  raw: string;
  /** Stable machine-readable code; never reworded, tests and logs rely on it. */
  code: string;
  /** One sentence for the person: what is wrong and what to do. */
  reason: string;
}

export type Refusal = { ok: false; code: string; reason: string };
export type ClassifyResult = { ok: true; indicator: Indicator } | Refusal;

/** Applies to a raw token and to a normalised URL alike; longer values are never real indicators. */
export const MAX_TOKEN_LENGTH = 2048;

export const REFUSAL_CODES = Object.freeze({
  unrecognised: "indicator.unrecognised",
  tooLong: "indicator.too_long",
  controlCharacters: "indicator.control_characters",
  hashLength: "indicator.hash_length",
  cveFormat: "indicator.invalid_cve",
  cveYear: "indicator.cve_year",
  ipv4LeadingZero: "indicator.ipv4_leading_zero",
  invalidIpv4: "indicator.invalid_ipv4",
  invalidIpv6: "indicator.invalid_ipv6",
  ipv6Zone: "indicator.ipv6_zone",
  cidrPrefix: "indicator.cidr_prefix",
  urlScheme: "indicator.url_scheme",
  urlWithoutScheme: "indicator.url_without_scheme",
  invalidUrl: "indicator.invalid_url",
  urlHost: "indicator.url_host",
  invalidEmail: "indicator.invalid_email",
  invalidDomain: "indicator.invalid_domain",
} as const);

export type RefusalCode = (typeof REFUSAL_CODES)[keyof typeof REFUSAL_CODES];

export const refuse = (code: RefusalCode, reason: string): Refusal => ({ ok: false, code, reason });
export const accept = (type: IndicatorType, value: string): ClassifyResult => ({
  ok: true,
  indicator: { type, value },
});

/** Used in every "I don't know what this is" reason so the person learns what they can submit. */
export const SUPPORTED_KINDS =
  "IPv4/IPv6 addresses and CIDR ranges, domain names, http/https/ftp URLs, e-mail addresses, " +
  "MD5/SHA-1/SHA-256 hashes and CVE ids";
