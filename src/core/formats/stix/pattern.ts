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

const VALUE_PATHS: Record<string, readonly IndicatorType[]> = {
  "ipv4-addr": ["ipv4", "ipv4-cidr"],
  "ipv6-addr": ["ipv6", "ipv6-cidr"],
  "domain-name": ["domain"],
  url: ["url"],
  "email-addr": ["email"],
};

// Producers spell hash names every way: MD5, md5, 'SHA-256', SHA256, 'sha-1'.
const HASHES: Record<string, readonly IndicatorType[]> = { MD5: ["md5"], SHA1: ["sha1"], SHA256: ["sha256"] };

type PathToken = Extract<PatternNode, { kind: "comparison" }>["path"];

function indicatorTypes(path: PathToken): readonly IndicatorType[] | undefined {
  const objectType = path.objectType.toLowerCase();
  const steps = path.steps;
  if (steps.length === 1 && steps[0].toLowerCase() === "value" && Object.hasOwn(VALUE_PATHS, objectType)) return VALUE_PATHS[objectType];
  if (objectType === "file" && steps.length === 2 && steps[0].toLowerCase() === "hashes") {
    const name = steps[1].toUpperCase().replace(/-/g, "");
    return Object.hasOwn(HASHES, name) ? HASHES[name] : undefined;
  }
  return undefined;
}

/**
 * The terms of a pattern. Under OR every part matches on its own, so each supported comparison
 * becomes a term and each unsupported part one refusal. AND, FOLLOWEDBY and qualifiers only
 * match as a whole: such a part is refused as one, never taken in pieces.
 */
function termsOf(node: PatternNode, text: string, out: PatternTerm[]): void {
  const example = text.slice(node.start, node.end);
  switch (node.kind) {
    case "or":
      for (const item of node.items) termsOf(item, text, out);
      return;
    case "and": {
      const parts = partsOfOneFile(node.items, text);
      if (parts) {
        const group = out.length;
        for (const item of parts) {
          const before = out.length;
          termsOf(item, text, out);
          for (const term of out.slice(before)) if (term.ok) term.fileGroup = group;
        }
      } else out.push({ ok: false, example, why: phrase("formats.refused.pattern_and") });
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
  const types = indicatorTypes(node.path);
  if (node.negated) {
    out.push({ ok: false, example, why: phrase("formats.refused.pattern_not") });
  } else if (node.operator !== "=") {
    out.push({ ok: false, example, why: phrase("formats.refused.pattern_operator", { operator: node.operator }) });
  } else if (!types) {
    out.push({ ok: false, example, why: phrase("formats.refused.pattern_path", { path }) });
  } else if (node.value === undefined) {
    out.push({ ok: false, example, why: phrase("formats.refused.pattern_not_string", { path }) });
  } else {
    out.push({ ok: true, value: node.value, types, path });
  }
}

/**
 * `[file:hashes.MD5 = '…' AND file:hashes.'SHA-256' = '…' AND file:name = '…']`: comparisons in
 * one observation describe one object, so a file's hashes ANDed there are the same file (MISP
 * writes its file objects so), and each on its own identifies it; the file's other properties
 * (its name, its size) are then refused one by one, as paths the bot does not read. Only plain
 * `=` on `file:` paths with at least one hash, each hash named once, inside one pair of
 * brackets: `[a] AND [b]` are two observations, and may be two files.
 */
function partsOfOneFile(items: readonly PatternNode[], text: string): Extract<PatternNode, { kind: "comparison" }>[] | undefined {
  const hashNames = new Set<string>();
  const comparisons: Extract<PatternNode, { kind: "comparison" }>[] = [];
  for (const item of items) {
    if (item.kind !== "comparison" || text[item.start] === "[" || item.negated || item.operator !== "=" || item.value === undefined) return undefined;
    if (item.path.objectType.toLowerCase() !== "file") return undefined;
    if (item.path.steps.length === 2 && item.path.steps[0].toLowerCase() === "hashes") {
      const name = item.path.steps[1].toUpperCase().replace(/-/g, "");
      if (hashNames.has(name)) return undefined;
      hashNames.add(name);
    }
    comparisons.push(item);
  }
  return hashNames.size > 0 ? comparisons : undefined;
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
