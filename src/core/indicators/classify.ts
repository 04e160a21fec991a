import { classifyDomain, classifyEmail, type DomainReading } from "./domain.js";
import { classifyCidr, classifyIpv4, classifyIpv6, looksLikeIpv4, looksLikeIpv6 } from "./network.js";
import { refang } from "./refang.js";
import {
  accept,
  MAX_TOKEN_LENGTH,
  refuse,
  REFUSAL_CODES,
  type ClassifyResult,
} from "./types.js";
import { classifyUrl, refuseMissingScheme, refuseOtherScheme, SUPPORTED_SCHEME } from "./url.js";
import { findUnsafeCharacter } from "./unsafe-characters.js";

const HASH_TYPES = { 32: "md5", 40: "sha1", 64: "sha256" } as const;
const UNSUPPORTED_HASHES: Record<number, string> = { 56: "SHA-224", 96: "SHA-384", 128: "SHA-512" };

const HASH_LABEL = /^(md5|sha-?1|sha-?256)[:=]([0-9a-f]+)$/i;

function classifyHex(hex: string): ClassifyResult | undefined {
  const type = HASH_TYPES[hex.length as keyof typeof HASH_TYPES];
  if (type) return accept(type, hex.toLowerCase());
  // Below 16 digits, or without a single a–f letter, it is more likely a number or a word ("cafe")
  // than a mangled hash, and "unrecognised" is the more honest answer.
  if (hex.length < 16 || !/[a-f]/i.test(hex)) return undefined;
  const known = UNSUPPORTED_HASHES[hex.length];
  return known
    ? refuse(REFUSAL_CODES.hashLength, "indicators.hash_unsupported", { kind: known, length: hex.length })
    : refuse(REFUSAL_CODES.hashLength, "indicators.hash_length", { length: hex.length });
}

function classifyCve(text: string): ClassifyResult {
  const match = /^CVE-(\d{4})-(\d{4,})$/i.exec(text);
  // MITRE's syntax: exactly four digits may start with 0 (CVE-2014-0160), longer ones never do.
  if (!match || (match[2].length > 4 && match[2].startsWith("0"))) {
    return refuse(REFUSAL_CODES.cveFormat, "indicators.invalid_cve");
  }
  const year = Number(match[1]);
  const latest = new Date().getUTCFullYear() + 1;
  if (year < 1999 || year > latest) {
    return refuse(REFUSAL_CODES.cveYear, "indicators.cve_year", { year: match[1], latest });
  }
  return accept("cve", text.toUpperCase());
}

/** Names as a submission takes them: ending in a top-level domain in use (domain.ts). */
const AS_TYPED: DomainReading = {};

/**
 * Decides what one token is. The order matters: hashes and CVE ids are unambiguous, schemes
 * come before IPv6 because "fe80::1" also looks like "scheme:", and domains come last because
 * almost anything with a dot resembles one.
 */
export function classify(token: string, reading: DomainReading = AS_TYPED): ClassifyResult {
  // Length first, so nothing below ever scans a megabyte.
  if (token.length > MAX_TOKEN_LENGTH) {
    return refuse(REFUSAL_CODES.tooLong, "indicators.too_long", { max: MAX_TOKEN_LENGTH });
  }
  const unsafe = findUnsafeCharacter(token);
  if (unsafe) {
    return refuse(REFUSAL_CODES.controlCharacters, "indicators.control_characters", { character: unsafe });
  }
  const text = refang(token);

  if (/^[0-9a-f]+$/i.test(text)) {
    const hash = classifyHex(text);
    if (hash) return hash;
  }
  // A hash glued to the name of its kind, as tools print one ("sha256:…", "md5=…"): the hash,
  // when the name and the length agree.
  const labelled = HASH_LABEL.exec(text);
  if (labelled) {
    const hash = classifyHex(labelled[2]);
    if (hash?.ok && hash.indicator.type === labelled[1].toLowerCase().replace("-", "")) return hash;
    return refuse(REFUSAL_CODES.hashLength, "indicators.hash_label", { label: labelled[1], length: labelled[2].length });
  }
  if (/^cve[-\u2010-\u2015\u2212_]/i.test(text)) return classifyCve(text);
  if (/^mailto:/i.test(text)) return classifyEmail(text.slice("mailto:".length), reading);
  if (SUPPORTED_SCHEME.test(text)) return classifyUrl(text, reading);
  const otherScheme = refuseOtherScheme(text);
  if (otherScheme) return otherScheme;

  const slash = text.indexOf("/");
  if (slash !== -1) {
    const address = text.slice(0, slash);
    if ((looksLikeIpv4(address) || looksLikeIpv6(address)) && /^\d*$/.test(text.slice(slash + 1))) {
      return classifyCidr(text);
    }
  }
  if (looksLikeIpv6(text)) return classifyIpv6(text);
  // "Digits and dots" is an IP address attempt, never a domain: "1.2.3" or "1.2.3.4.5" must
  // not slip through as hostnames, whatever DNS would make of them.
  if (looksLikeIpv4(text)) return classifyIpv4(text);
  if (text.includes("@")) return classifyEmail(text, reading);

  const missingScheme = refuseMissingScheme(text);
  if (missingScheme) return missingScheme;
  if (text.includes(".")) return classifyDomain(text, reading);

  return refuse(REFUSAL_CODES.unrecognised, "indicators.unrecognised");
}
