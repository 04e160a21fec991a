import { parseReliability } from "../../covenant/reliability.js";
import { fileHashOf } from "../../relations/relation-key.js";

/**
 * An item's reliability in STIX, both ways. STIX's own `confidence` (0–100) holds only the
 * information's credibility (the Admiralty digit, see confidence.ts); the source's reliability
 * (the letter) has no place in it. So an export writes both: `confidence` for every tool, and the
 * exact Admiralty code in a property extension of the bot's own (STIX 2.1 section 7.3), which
 * the import prefers. A cell importing another cell's export gets every code back unchanged.
 */
export const RELIABILITY_EXTENSION = "extension-definition--6026eac3-3618-43ec-915e-64939865fe96";

/** The extension's definition, as every bundle that uses it carries it (created by `creatorRef`). */
export function reliabilityExtensionDefinition(creatorRef: string) {
  return {
    type: "extension-definition",
    spec_version: "2.1",
    id: RELIABILITY_EXTENSION,
    created_by_ref: creatorRef,
    created: "2026-12-03T00:00:00.000Z",
    modified: "2026-12-05T00:00:00.000Z",
    name: "ciic-bot reliability",
    description: "The item's reliability as the Admiralty code the CIIC records (source A–F, information 1–6), and in a party's own export what the party recorded with it.",
    schema:
      "A property `reliability` holding the two-character Admiralty code, e.g. \"B2\": a letter for the source (A completely reliable … F cannot be judged) and a digit for the information (1 confirmed … 6 cannot be judged). In a party's own export, also `legal_basis`, `source_ref` and `note`: strings the party recorded with the item; and for a hash that came with other hashes of one file, `same_file`: that file's strongest hash.",
    version: "1.1.0",
    extension_types: ["property-extension"],
  };
}

/**
 * STIX `confidence` for an Admiralty digit: the middle of the range that reads back as the same
 * digit (confidence.ts). 6, "cannot be judged", writes none: STIX says no confidence for that.
 */
const CONFIDENCE: Record<string, number | undefined> = { "1": 90, "2": 70, "3": 50, "4": 30, "5": 10 };

/** What a party recorded with an item beside its labels: in its own exports only, never in a release. */
export interface ItemProvenance {
  legalBasis: string;
  sourceRef: string | null;
  note: string | null;
  sameFile?: string | null;
}

/** What an exported object carries of an item's reliability, and of its provenance when given. */
export function reliabilityProperties(reliability: string, provenance?: ItemProvenance): { confidence?: number; extensions: Record<string, unknown> } {
  const confidence = CONFIDENCE[reliability.slice(1)];
  const recorded = provenance && {
    legal_basis: provenance.legalBasis,
    ...(provenance.sourceRef ? { source_ref: provenance.sourceRef } : {}),
    ...(provenance.note ? { note: provenance.note } : {}),
    ...(provenance.sameFile ? { same_file: provenance.sameFile } : {}),
  };
  return {
    ...(confidence === undefined ? {} : { confidence }),
    extensions: { [RELIABILITY_EXTENSION]: { extension_type: "property-extension", reliability, ...recorded } },
  };
}

/** What the bot's own export recorded of an item's provenance, from its extension. */
export function provenanceFromExtension(extensions: unknown): { legalBasis?: string; sourceRef?: string; note?: string; sameFile?: string } {
  const ours = typeof extensions === "object" && extensions !== null ? (extensions as Record<string, unknown>)[RELIABILITY_EXTENSION] : undefined;
  if (typeof ours !== "object" || ours === null) return {};
  const text = (name: string) => {
    const value = (ours as Record<string, unknown>)[name];
    return typeof value === "string" && value.trim() !== "" ? value.slice(0, 300) : undefined;
  };
  const [legalBasis, sourceRef, note] = [text("legal_basis"), text("source_ref"), text("note")];
  const sameFile = fileHashOf(text("same_file"));
  return { ...(legalBasis ? { legalBasis } : {}), ...(sourceRef ? { sourceRef } : {}), ...(note ? { note } : {}), ...(sameFile ? { sameFile } : {}) };
}

/** The exact code from an object's extension, when it carries a readable one. */
export function reliabilityFromExtension(extensions: unknown): string | undefined {
  if (typeof extensions !== "object" || extensions === null) return undefined;
  const ours = (extensions as Record<string, unknown>)[RELIABILITY_EXTENSION];
  if (typeof ours !== "object" || ours === null) return undefined;
  const code = (ours as Record<string, unknown>).reliability;
  return typeof code === "string" ? parseReliability(code) : undefined;
}
