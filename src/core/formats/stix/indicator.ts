import { classify, type IndicatorType } from "../../indicators/index.js";
import { displayToken } from "../../indicators/unsafe-characters.js";
import type { ImportRefusal } from "../types.js";
import type { StixObject } from "./bundle-walker.js";
import { readPattern } from "./pattern.js";
import { detach } from "./text.js";

/** A value taken from an indicator's pattern, before its labels are known. */
export interface Draft {
  type: IndicatorType;
  value: string;
}

export interface IndicatorReading {
  drafts: Draft[];
  refusals: ImportRefusal[];
}

const ARTICLE_TYPE: Record<IndicatorType, string> = {
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  "ipv4-cidr": "an IPv4 range",
  "ipv6-cidr": "an IPv6 range",
  domain: "a domain name",
  url: "a URL",
  email: "an e-mail address",
  md5: "an MD5 hash",
  sha1: "a SHA-1 hash",
  sha256: "a SHA-256 hash",
  cve: "a CVE id",
};

/**
 * The values of one indicator object, each classified and normalised exactly as a typed
 * submission would be, and a refusal for every part that cannot be taken.
 */
export function readIndicator(object: StixObject, sourceObjectId: string): IndicatorReading {
  const refusals: ImportRefusal[] = [];
  const drafts: Draft[] = [];
  const refuse = (code: string, reason: string, example: string) =>
    refusals.push({ code, reason, example: detach(displayToken(example)), sourceObjectId });

  // A revoked object is withdrawn by its producer (STIX 2.1 section 3.6): taking it would share
  // an indicator the source itself no longer stands by.
  if (object.revoked === true) {
    refuse("stix.revoked", "The source has revoked this indicator.", sourceObjectId);
    return { drafts, refusals };
  }
  const pattern = object.pattern;
  const patternType = object.pattern_type;
  // pattern_type is required in STIX 2.1; without it (STIX 2.0 style) the pattern is STIX.
  if (patternType !== undefined && (typeof patternType !== "string" || patternType.toLowerCase() !== "stix")) {
    const name = typeof patternType === "string" ? patternType : JSON.stringify(patternType);
    refuse("stix.unsupported_pattern_type", `The pattern is written in ${name}, not in STIX patterning; only STIX patterns are read.`, typeof pattern === "string" ? pattern : name);
    return { drafts, refusals };
  }
  if (typeof pattern !== "string") {
    refuse("stix.invalid_pattern", "The indicator has no pattern.", sourceObjectId);
    return { drafts, refusals };
  }
  const reading = readPattern(pattern);
  if (!reading.ok) {
    refuse("stix.invalid_pattern", reading.reason, pattern);
    return { drafts, refusals };
  }
  for (const term of reading.terms) {
    if (!term.ok) {
      refuse("stix.unsupported_pattern", term.reason, term.example);
      continue;
    }
    const result = classify(term.value);
    if (!result.ok) {
      refuse(result.code, result.reason, term.value);
    } else if (!term.types.includes(result.indicator.type)) {
      refuse("stix.type_mismatch", `The pattern compares ${term.path}, but this value is ${ARTICLE_TYPE[result.indicator.type]}.`, term.value);
    } else {
      drafts.push({ type: result.indicator.type, value: detach(result.indicator.value) });
    }
  }
  return { drafts, refusals };
}
