import { classify, type IndicatorType } from "../../indicators/index.js";
import { displayToken } from "../../indicators/unsafe-characters.js";
import { phrase, type Phrase } from "../../i18n/phrase.js";
import { importRefusal, type ImportRefusal } from "../types.js";
import type { StixObject } from "./bundle-walker.js";
import { readPattern } from "./pattern.js";
import { detach } from "./text.js";
import { strongestHash } from "../../relations/relation-key.js";

/** A value taken from an indicator's pattern, before its labels are known. */
export interface Draft {
  type: IndicatorType;
  value: string;
  /** The strongest hash of the file this hash was given with (relations/relation-key.ts). */
  sameFile?: string;
  /** A URL as the pattern wrote it, where its normal form differs. */
  supplied?: string;
}

export interface IndicatorReading {
  drafts: Draft[];
  refusals: ImportRefusal[];
}

/**
 * The values of one indicator object, each classified and normalised exactly as a typed
 * submission would be, and a refusal for every part that cannot be taken.
 */
export function readIndicator(object: StixObject, sourceObjectId: string): IndicatorReading {
  const refusals: ImportRefusal[] = [];
  const drafts: Draft[] = [];
  const refuse = (code: string, why: Phrase, example: string) => refusals.push(importRefusal(code, why, detach(displayToken(example)), sourceObjectId));

  // A revoked object is withdrawn by its producer (STIX 2.1 section 3.6): taking it would share
  // an indicator the source itself no longer stands by.
  if (object.revoked === true) {
    refuse("stix.revoked", phrase("formats.refused.stix_revoked"), sourceObjectId);
    return { drafts, refusals };
  }
  const pattern = object.pattern;
  const patternType = object.pattern_type;
  // pattern_type is required in STIX 2.1; without it (STIX 2.0 style) the pattern is STIX.
  if (patternType !== undefined && (typeof patternType !== "string" || patternType.toLowerCase() !== "stix")) {
    const name = typeof patternType === "string" ? patternType : JSON.stringify(patternType);
    refuse("stix.unsupported_pattern_type", phrase("formats.refused.stix_pattern_type", { name }), typeof pattern === "string" ? pattern : name);
    return { drafts, refusals };
  }
  if (typeof pattern !== "string") {
    refuse("stix.invalid_pattern", phrase("formats.refused.stix_no_pattern"), sourceObjectId);
    return { drafts, refusals };
  }
  const reading = readPattern(pattern);
  if (!reading.ok) {
    refuse("stix.invalid_pattern", reading.why, pattern);
    return { drafts, refusals };
  }
  const files = new Map<number, Draft[]>();
  for (const term of reading.terms) {
    if (!term.ok) {
      refuse("stix.unsupported_pattern", term.why, term.example);
      continue;
    }
    const result = classify(term.value);
    if (!result.ok) {
      refuse(result.code, result.why, term.value);
    } else if (!term.types.includes(result.indicator.type) && !ipv4MappedUnderIpv6(term.types, term.value, result.indicator.type)) {
      refuse("stix.type_mismatch", phrase("formats.refused.stix_type_mismatch", { path: term.path, type: result.indicator.type.replace("-", "_") }), term.value);
    } else {
      const { type, value, supplied } = result.indicator;
      const draft: Draft = { type, value: detach(value), ...(supplied ? { supplied: detach(supplied) } : {}) };
      drafts.push(draft);
      if (term.fileGroup !== undefined) files.set(term.fileGroup, [...(files.get(term.fileGroup) ?? []), draft]);
    }
  }
  for (const hashes of files.values()) {
    const anchor = strongestHash(hashes);
    if (hashes.length > 1 && anchor) for (const draft of hashes) draft.sameFile = anchor;
  }
  return { drafts, refusals };
}

/**
 * An IPv4-mapped address under ipv6-addr ("::ffff:192.0.2.1") is classified as the IPv4 address it
 * is (indicators/network.ts): that is no mismatch. An IPv4 address written plainly under
 * ipv6-addr still is.
 */
const ipv4MappedUnderIpv6 = (types: readonly string[], written: string, type: string) => types.includes("ipv6") && written.includes(":") && (type === "ipv4" || type === "ipv4-cidr");
