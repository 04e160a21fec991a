import { parseTlp, TLP_LABELS, type TlpLabel } from "../../covenant/tlp.js";
import type { StixObject } from "./bundle-walker.js";

// The TLP marking definitions have ids fixed by the standards, so bundles refer to them without
// including them (feeds2stix does exactly that with TLP 2.0 CLEAR).
//
// TLP 1.0: STIX 2.1 section 7.2.1.4 predefines these four objects; WHITE is CLEAR in TLP 2.0.
// TLP 2.0: the OASIS "TLP 2.0" marking definitions (created 2022-10-01), which carry the
// extension below with a `tlp_2_0` property; the same uuids are used by CACAO's TLP markings.
const FIXED: [string, TlpLabel][] = [
  ["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "CLEAR"], // TLP 1.0 WHITE
  ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "GREEN"], // TLP 1.0
  ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "AMBER"], // TLP 1.0
  ["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "RED"], // TLP 1.0
  ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "CLEAR"], // TLP 2.0
  ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "GREEN"], // TLP 2.0
  ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "AMBER"], // TLP 2.0
  ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "AMBER+STRICT"], // TLP 2.0
  ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "RED"], // TLP 2.0
];

/** TLP labels of the marking definitions whose ids the standards fix. */
export const WELL_KNOWN_TLP: ReadonlyMap<string, TlpLabel> = new Map(FIXED);

/** The extension that TLP 2.0 marking definitions carry (property `tlp_2_0`). */
export const TLP_2_0_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The TLP label a marking-definition object in the bundle stands for, or undefined when it is
 * not a TLP marking (a statement, a copyright, something we do not know). Both forms count: TLP 1.0
 * style `definition_type: "tlp"` with `definition.tlp`, and the TLP 2.0 extension.
 */
export function tlpOfDefinition(object: StixObject): TlpLabel | undefined {
  const labels: TlpLabel[] = [];
  const definition = object.definition;
  if (typeof object.definition_type === "string" && object.definition_type.toLowerCase() === "tlp" && isRecord(definition)) {
    const label = typeof definition.tlp === "string" ? parseTlp(definition.tlp) : undefined;
    if (label) labels.push(label);
  }
  const extensions = object.extensions;
  const extension = isRecord(extensions) ? extensions[TLP_2_0_EXTENSION] : undefined;
  if (isRecord(extension) && typeof extension.tlp_2_0 === "string") {
    const label = parseTlp(extension.tlp_2_0);
    if (label) labels.push(label);
  }
  if (labels.length === 0) return undefined;
  // Should the two forms disagree, the stricter one holds.
  return labels.length === 2 ? strictest(labels[0], labels[1]) : labels[0];
}

/** The stricter of two labels; undefined counts as no label. */
export function strictest(a: TlpLabel | undefined, b: TlpLabel | undefined): TlpLabel | undefined {
  if (!a) return b;
  if (!b) return a;
  return TLP_LABELS.indexOf(b) > TLP_LABELS.indexOf(a) ? b : a;
}
