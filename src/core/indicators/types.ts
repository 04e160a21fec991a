import type { TextKey } from "../i18n/catalogue/index.js";
import { phrase, say, type Phrase, type PhraseValues } from "../i18n/phrase.js";
import { translator } from "../i18n/translator.js";

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
  /**
   * A URL as it was supplied (refanged), where its normal form differs: `http://x.example/a\\b`
   * is matched as `http://x.example/a/b` but shown and exported as supplied.
   */
  supplied?: string | null;
}

export interface ParsedIndicator extends Indicator {
  /** The token as the user typed it, after Slack unescaping; shown back so they recognise it. */
  raw: string;
}

/** English, for logs, machine records and tests: people read `why` in their own language. */
const ENGLISH = translator("en");

export class RefusedToken {
  constructor(
    /** Safe to echo: at most 80 characters ending in "…" when cut, invisible characters shown as \uXXXX. */
    readonly raw: string,
    /** Stable machine-readable code; never reworded, tests and logs rely on it. */
    readonly code: string,
    /** One sentence for the person, in the reader's language: what is wrong and what to do. */
    readonly why: Phrase,
  ) {}

  /** The reason in English (logs, the audit log, file imports' summaries of the parsers). */
  get reason(): string {
    return say(ENGLISH, this.why);
  }
}

/**
 * A value that is not taken, with why. The reason is a phrase, said in the reader's language
 * when shown (`say(t, refusal.why)`); classifying never formats text, so that scanning a long
 * text (the Art 7.2 guard) costs no words.
 */
export class Refusal {
  readonly ok = false as const;
  constructor(
    readonly code: RefusalCode,
    readonly why: Phrase,
  ) {}

  /** The reason in English (logs, machine records, tests). */
  get reason(): string {
    return say(ENGLISH, this.why);
  }
}
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

export const refuse = (code: RefusalCode, key: TextKey, values?: PhraseValues): Refusal => new Refusal(code, phrase(key, values));
export const accept = (type: IndicatorType, value: string): ClassifyResult => ({
  ok: true,
  indicator: { type, value },
});

