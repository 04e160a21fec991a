import { parseReliability } from "../../covenant/reliability.js";

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
    modified: "2026-12-03T00:00:00.000Z",
    name: "ciic-bot reliability",
    description: "The item's reliability as the Admiralty code the CIIC records (source A–F, information 1–6).",
    schema: "A property `reliability` holding the two-character Admiralty code, e.g. \"B2\": a letter for the source (A completely reliable … F cannot be judged) and a digit for the information (1 confirmed … 6 cannot be judged).",
    version: "1.0.0",
    extension_types: ["property-extension"],
  };
}

/**
 * STIX `confidence` for an Admiralty digit: the middle of the range that reads back as the same
 * digit (confidence.ts). 6, "cannot be judged", writes none: STIX says no confidence for that.
 */
const CONFIDENCE: Record<string, number | undefined> = { "1": 90, "2": 70, "3": 50, "4": 30, "5": 10 };

/** What an exported object carries of an item's reliability. */
export function reliabilityProperties(reliability: string): { confidence?: number; extensions: Record<string, unknown> } {
  const confidence = CONFIDENCE[reliability.slice(1)];
  return {
    ...(confidence === undefined ? {} : { confidence }),
    extensions: { [RELIABILITY_EXTENSION]: { extension_type: "property-extension", reliability } },
  };
}

/** The exact code from an object's extension, when it carries a readable one. */
export function reliabilityFromExtension(extensions: unknown): string | undefined {
  if (typeof extensions !== "object" || extensions === null) return undefined;
  const ours = (extensions as Record<string, unknown>)[RELIABILITY_EXTENSION];
  if (typeof ours !== "object" || ours === null) return undefined;
  const code = (ours as Record<string, unknown>).reliability;
  return typeof code === "string" ? parseReliability(code) : undefined;
}
