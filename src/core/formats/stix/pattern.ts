import { phrase, type Phrase } from "../../i18n/phrase.js";
import type { IndicatorType } from "../../indicators/index.js";
import { PatternSyntaxError } from "./pattern-lexer.js";
import { parsePattern, type PatternNode } from "./pattern-parser.js";

/**
 * One part of a pattern that is an indicator on its own: a comparison `path = 'value'` with a
 * supported path, or the reason why a part is not.
 */
export type PatternTerm =
  | {
      ok: true;
      value: string;
      types: readonly IndicatorType[];
      path: string;
      /** Set on the hashes of one file object ANDed in one observation: the same number for each. */
      fileGroup?: number;
    }
  | { ok: false; why: Phrase; example: string };

export type PatternReading = { ok: true; terms: PatternTerm[] } | { ok: false; why: Phrase };

const ADDRESSES: readonly IndicatorType[] = ["ipv4", "ipv4-cidr", "ipv6", "ipv6-cidr"];

/** `<object>:value`: the object itself. */
const VALUE_PATHS: Record<string, readonly IndicatorType[]> = {
  "ipv4-addr": ADDRESSES.slice(0, 2),
  "ipv6-addr": ADDRESSES.slice(2),
  "domain-name": ["domain"],
  url: ["url"],
  "email-addr": ["email"],
};

/**
 * Values reached through a reference, as MISP and other producers write an address seen in
 * traffic (`network-traffic:dst_ref.value`), a domain's address and a mail's sender. A mail's
 * recipients (`to_refs`, `cc_refs`) are whom it was sent to, not indicators, and are not read.
 */
const REFERENCE_PATHS: Record<string, readonly IndicatorType[]> = {
  "network-traffic:src_ref.value": [...ADDRESSES, "domain"],
  "network-traffic:dst_ref.value": [...ADDRESSES, "domain"],
  "domain-name:resolves_to_refs[*].value": ADDRESSES,
  "email-message:from_ref.value": ["email"],
  "email-message:sender_ref.value": ["email"],
};

/** What `<reference>.type = '…'` beside the reference's value says the value is. */
const REFERENCE_TYPES: Record<string, readonly IndicatorType[]> = {
  "ipv4-addr": VALUE_PATHS["ipv4-addr"],
  "ipv6-addr": VALUE_PATHS["ipv6-addr"],
  "domain-name": ["domain"],
};

// Producers spell hash names every way: MD5, md5, 'SHA-256', SHA256, 'sha-1'.
const HASHES: Record<string, readonly IndicatorType[]> = { MD5: ["md5"], SHA1: ["sha1"], SHA256: ["sha256"] };

type PathToken = Extract<PatternNode, { kind: "comparison" }>["path"];
type Comparison = Extract<PatternNode, { kind: "comparison" }>;

/** A path as one name: object type and properties in lower case, every list index as [*]. */
function pathName(path: PathToken): string {
  const steps = path.steps.map((step, n) => (step.startsWith("[") ? "[*]" : `${n > 0 ? "." : ""}${step.toLowerCase()}`));
  return `${path.objectType.toLowerCase()}:${steps.join("")}`;
}

const hashName = (path: PathToken): string | undefined =>
  path.objectType.toLowerCase() === "file" && path.steps.length === 2 && path.steps[0].toLowerCase() === "hashes" ? path.steps[1].toUpperCase().replace(/-/g, "") : undefined;

function indicatorTypes(path: PathToken): readonly IndicatorType[] | undefined {
  const objectType = path.objectType.toLowerCase();
  if (path.steps.length === 1 && path.steps[0].toLowerCase() === "value" && Object.hasOwn(VALUE_PATHS, objectType)) return VALUE_PATHS[objectType];
  const hash = hashName(path);
  if (hash !== undefined) return Object.hasOwn(HASHES, hash) ? HASHES[hash] : undefined;
  const name = pathName(path);
  return Object.hasOwn(REFERENCE_PATHS, name) ? REFERENCE_PATHS[name] : undefined;
}

/**
 * The terms of a pattern. Under OR every part matches on its own, so each supported comparison
 * becomes a term and each unsupported part one refusal. AND, FOLLOWEDBY and qualifiers only
 * match as a whole: such a part is refused as one, never taken in pieces — except the
 * comparisons of one object inside one pair of brackets (oneObject).
 */
function termsOf(node: PatternNode, text: string, out: PatternTerm[], typesOf?: readonly IndicatorType[]): void {
  const example = text.slice(node.start, node.end);
  switch (node.kind) {
    case "or":
      for (const item of node.items) termsOf(item, text, out);
      return;
    case "and": {
      const object = oneObject(node.items, text);
      if (!object) {
        out.push({ ok: false, example, why: phrase("formats.refused.pattern_and") });
        return;
      }
      const group = out.length;
      for (const part of object.parts) {
        const before = out.length;
        termsOf(part.node, text, out, part.types);
        if (object.oneFile) for (const term of out.slice(before)) if (term.ok) term.fileGroup = group;
      }
      return;
    }
    case "followedby":
      out.push({ ok: false, example, why: phrase("formats.refused.pattern_followedby") });
      return;
    case "qualified":
      out.push({ ok: false, example, why: phrase("formats.refused.pattern_qualifier", { qualifier: node.qualifier }) });
      return;
  }
  const path = text.slice(node.path.start, node.path.end);
  const types = typesOf ?? indicatorTypes(node.path);
  // ISSUBSET '198.51.100.0/24': any address in the range, which is what a range indicator is.
  const inRange = node.operator === "ISSUBSET" && types !== undefined && types.some((t) => ADDRESSES.includes(t));
  if (node.negated) {
    out.push({ ok: false, example, why: phrase("formats.refused.pattern_not") });
  } else if (node.operator !== "=" && !inRange) {
    out.push({ ok: false, example, why: phrase("formats.refused.pattern_operator", { operator: node.operator }) });
  } else if (!types) {
    out.push({ ok: false, example, why: phrase("formats.refused.pattern_path", { path }) });
  } else if (node.value === undefined) {
    out.push({ ok: false, example, why: phrase("formats.refused.pattern_not_string", { path }) });
  } else {
    out.push({ ok: true, value: node.value, types: inRange ? types.filter((t) => ADDRESSES.includes(t)) : types, path });
  }
}

/** One object's comparisons as read: each taken or refused on its own, a value's types narrowed by its reference's type. */
interface ObjectReading {
  parts: { node: Comparison; types?: readonly IndicatorType[] }[];
  /** The parts are hashes of one file. */
  oneFile: boolean;
}

/**
 * Comparisons ANDed inside one pair of brackets describe one object (`[a] AND [b]` are two
 * observations, and may be two objects): where that object is identified by values the bot
 * takes, each of them is taken, and its other properties are refused one by one as paths the
 * bot does not read. That holds for
 * - a file's hashes (MISP writes its file objects so): the same file, each identifying it;
 * - the one address or domain of traffic, with its reference's type (MISP's `ip-dst`,
 *   `ip-dst|port`: `network-traffic:dst_ref.type = 'ipv4-addr' AND …dst_ref.value = '…'`); traffic
 *   between two named hosts only means something as the pair, and is refused whole;
 * - a domain and the addresses it resolves to (MISP's `domain|ip`: both halves, as its MISP
 *   export is read);
 * - a mail's sender, beside its subject and the like.
 * Anything else ANDed is refused as one.
 */
function oneObject(items: readonly PatternNode[], text: string): ObjectReading | undefined {
  const comparisons: Comparison[] = [];
  for (const item of items) {
    if (item.kind !== "comparison" || text[item.start] === "[" || item.negated) return undefined;
    comparisons.push(item);
  }
  const objectTypes = new Set(comparisons.map((c) => c.path.objectType.toLowerCase()));
  if (objectTypes.size !== 1) return undefined;
  const each = (parts: Comparison[]) => parts.map((node) => ({ node }));
  const names = comparisons.map((c) => pathName(c.path));
  switch ([...objectTypes][0]) {
    case "file":
      return oneFile(comparisons) ? { parts: each(comparisons), oneFile: true } : undefined;
    case "network-traffic":
      return oneEndpoint(comparisons);
    case "domain-name": {
      const addresses = names.filter((n) => n === "domain-name:resolves_to_refs[*].value").length;
      const exact = comparisons.every((c) => c.operator === "=");
      return exact && addresses > 0 && names.filter((n) => n === "domain-name:value").length === 1 && addresses + 1 === names.length
        ? { parts: each(comparisons), oneFile: false }
        : undefined;
    }
    case "email-message":
      return names.some((n) => n === "email-message:from_ref.value" || n === "email-message:sender_ref.value") ? { parts: each(comparisons), oneFile: false } : undefined;
  }
  return undefined;
}

/** Plain `=` on `file:` paths with at least one hash, each hash named once. */
function oneFile(comparisons: readonly Comparison[]): boolean {
  const hashNames = new Set<string>();
  for (const c of comparisons) {
    if (c.operator !== "=" || c.value === undefined) return false;
    const name = hashName(c.path);
    if (name === undefined) continue;
    if (hashNames.has(name)) return false;
    hashNames.add(name);
  }
  return hashNames.size > 0;
}

/** Traffic's one named host (`src_ref` or `dst_ref`): its value, narrowed by its `.type` if given. */
function oneEndpoint(comparisons: readonly Comparison[]): ObjectReading | undefined {
  const reference = (c: Comparison) => c.path.steps[0].toLowerCase();
  const onEnd = comparisons.filter((c) => reference(c) === "src_ref" || reference(c) === "dst_ref");
  const ends = new Set(onEnd.map(reference));
  if (ends.size !== 1) return undefined;
  const property = (c: Comparison) => (c.path.steps.length === 2 ? c.path.steps[1].toLowerCase() : "");
  const values = onEnd.filter((c) => property(c) === "value");
  const kinds = onEnd.filter((c) => property(c) === "type");
  if (values.length !== 1 || kinds.length > 1 || values.length + kinds.length !== onEnd.length) return undefined;
  const kind = kinds[0];
  if (kind && (kind.operator !== "=" || kind.value === undefined)) return undefined;
  const kindName = kind?.value?.toLowerCase();
  const types = kindName === undefined ? undefined : Object.hasOwn(REFERENCE_TYPES, kindName) ? REFERENCE_TYPES[kindName] : [];
  return { parts: comparisons.filter((c) => c !== kind).map((node) => (node === values[0] && types ? { node, types } : { node })), oneFile: false };
}

/** Reads a STIX pattern into its terms, or says why it cannot be read at all. */
export function readPattern(pattern: string): PatternReading {
  let tree: PatternNode;
  try {
    tree = parsePattern(pattern);
  } catch (error) {
    // The parser's own account of where it stopped stays as it wrote it (English).
    if (error instanceof PatternSyntaxError) return { ok: false, why: phrase("formats.refused.pattern_unreadable", { detail: error.message }) };
    throw error;
  }
  const terms: PatternTerm[] = [];
  termsOf(tree, pattern, terms);
  return { ok: true, terms };
}
