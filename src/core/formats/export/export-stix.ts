import type { TlpLabel } from "../../covenant/tlp.js";
import type { StoredItem } from "../../ports.js";
import { reliabilityExtensionDefinition, reliabilityProperties } from "../stix/reliability.js";
import { stableUuid } from "./ids.js";

/** The TLP 2.0 marking-definition objects fixed by FIRST and OASIS (STIX 2.1 TLP 2.0 extension). */
export const TLP2_MARKING_IDS: Record<TlpLabel, string> = {
  CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};
const TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/** When the identity of the cell's files was made: the covenant's entry into force (Art 15). */
const IDENTITY_CREATED = "2020-05-28T00:00:00.000Z";

/** The label, purpose and conditions a disclosure was released under, carried in its files. */
export interface ReleaseMarking {
  reference: string;
  tlp: TlpLabel;
  purpose: string;
  conditions: string | null;
  /** The analysis released with the indicators, as consented to (guarded text). */
  analysis?: { reference: string; title: string; body: string };
  /** The release's record of provision (Wiv 2017), named on its statement marking. */
  provisionId?: number;
}

export const releaseStatement = (r: ReleaseMarking) =>
  `CIIC disclosure ${r.reference}, TLP:${r.tlp}. Purpose: ${r.purpose}. Conditions: ${r.conditions ?? "none beyond the TLP label"}.`;

/** STIX patterning string literal: quotes and backslashes escaped. */
const literal = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

export function stixPattern(item: Pick<StoredItem, "type" | "value" | "supplied">): string {
  const path = {
    ipv4: "ipv4-addr:value",
    "ipv4-cidr": "ipv4-addr:value",
    ipv6: "ipv6-addr:value",
    "ipv6-cidr": "ipv6-addr:value",
    domain: "domain-name:value",
    url: "url:value",
    email: "email-addr:value",
    md5: "file:hashes.MD5",
    sha1: "file:hashes.'SHA-1'",
    sha256: "file:hashes.'SHA-256'",
    cve: "vulnerability:name",
  }[item.type];
  // A URL goes out as it was supplied (it reads back to the same normal form).
  return `[${path} = ${literal(item.supplied ?? item.value)}]`;
}

/**
 * An item as a file carries it. A release carries what its liaisons were shown when they
 * consented: the normal form of a URL, not the form supplied (which may differ in case and
 * path), and no first-seen time, which tells of the supplier's own sources (Art 7.2). A party's
 * own export keeps both.
 */
export const asReleased = <T extends { supplied?: string | null; firstSeen?: Date | null }>(item: T, release: unknown): T =>
  release ? { ...item, supplied: null, firstSeen: null } : item;

/**
 * A STIX 2.1 bundle of the given items, streamed as text: an identity for the exporting party,
 * the TLP 2.0 marking definitions in use, and one indicator per item, marked with its label and
 * carrying its reliability (stix/reliability.ts).
 * CVE ids are exported as vulnerability objects, since STIX has no indicator pattern for them.
 */
export async function* exportStix(
  items: AsyncIterable<StoredItem> | Iterable<StoredItem>,
  context: { partyName: string; exportedAt: Date; bundleName: string; release?: ReleaseMarking },
): AsyncGenerator<string> {
  const identityId = `identity--${stableUuid(`identity:${context.partyName}`)}`;
  const created = context.exportedAt.toISOString();
  const used = new Set<TlpLabel>();
  const release = context.release;
  // A release carries its conditions as a statement marking on every object, beside its TLP.
  const statementId = release ? `marking-definition--${stableUuid(`statement:${release.reference}`)}` : undefined;
  yield `{"type":"bundle","id":"bundle--${stableUuid(`bundle:${context.bundleName}:${created}`)}","objects":[`;
  // One identity, one version: the same created and modified in every file (STIX forbids one id with two created).
  yield JSON.stringify({ type: "identity", spec_version: "2.1", id: identityId, created: IDENTITY_CREATED, modified: IDENTITY_CREATED, name: context.partyName, identity_class: "organization" });
  yield `,${JSON.stringify(reliabilityExtensionDefinition(identityId))}`;
  if (release) {
    const references = [{ source_name: "ciic-bot", external_id: release.reference }, ...(release.provisionId ? [{ source_name: "ciic-bot provision", external_id: `P-${release.provisionId}` }] : [])];
    yield `,${JSON.stringify({ type: "marking-definition", spec_version: "2.1", id: statementId, created, definition_type: "statement", definition: { statement: releaseStatement(release) }, external_references: references })}`;
  }
  /** The objects a released analysis reports on. */
  const reported: string[] = [];
  for await (const stored of items) {
    const item = asReleased(stored, release);
    const tlp = release?.tlp ?? item.tlp;
    used.add(tlp);
    const common = {
      spec_version: "2.1",
      created: item.submittedAt.toISOString(),
      // Released, the object is marked anew (its TLP, the release's statement): a version of its
      // own, so that a recipient pulling two releases over TAXII tells them apart.
      modified: release ? created : item.submittedAt.toISOString(),
      created_by_ref: identityId,
      object_marking_refs: [TLP2_MARKING_IDS[tlp], ...(statementId ? [statementId] : [])],
      external_references: [{ source_name: "ciic-bot", external_id: `I-${item.id}` }],
      // A release carries no provenance: it could tell the recipient who supplied the item (Art 7.2).
      ...reliabilityProperties(item.reliability, release ? undefined : item),
    };
    const object =
      item.type === "cve"
        ? { type: "vulnerability", id: `vulnerability--${stableUuid(`item:${item.id}`)}`, ...common, name: item.value, external_references: [{ source_name: "cve", external_id: item.value }, ...common.external_references] }
        : {
            type: "indicator",
            id: `indicator--${stableUuid(`item:${item.id}`)}`,
            ...common,
            indicator_types: ["malicious-activity"],
            pattern: stixPattern(item),
            pattern_type: "stix",
            // First seen by its source where a file said so, else when the cell received it.
            valid_from: (item.firstSeen ?? item.submittedAt).toISOString(),
          };
    if (release?.analysis) reported.push(object.id);
    yield `,${JSON.stringify(object)}`;
  }
  if (release?.analysis) {
    used.add(release.tlp);
    yield `,${JSON.stringify(analysisReport(release, release.analysis, { identityId, created, statementId: statementId!, objectRefs: reported }))}`;
  }
  for (const label of used) {
    yield `,${JSON.stringify({
      type: "marking-definition",
      spec_version: "2.1",
      id: TLP2_MARKING_IDS[label],
      created: "2022-10-01T00:00:00.000Z",
      name: `TLP:${label}`,
      extensions: { [TLP2_EXTENSION]: { extension_type: "property-extension", tlp_2_0: label.toLowerCase() } },
    })}`;
  }
  yield "]}";
}

/**
 * A released analysis as a STIX report on the released objects, marked as they are. A report
 * must name at least one object: one released without indicators reports on its author.
 */
function analysisReport(
  release: ReleaseMarking,
  analysis: NonNullable<ReleaseMarking["analysis"]>,
  at: { identityId: string; created: string; statementId: string; objectRefs: string[] },
) {
  return {
    type: "report",
    spec_version: "2.1",
    id: `report--${stableUuid(`report:${release.reference}:${analysis.reference}`)}`,
    created: at.created,
    modified: at.created,
    created_by_ref: at.identityId,
    name: analysis.title,
    description: analysis.body,
    report_types: ["threat-report"],
    published: at.created,
    object_refs: at.objectRefs.length > 0 ? at.objectRefs : [at.identityId],
    object_marking_refs: [TLP2_MARKING_IDS[release.tlp], at.statementId],
    external_references: [{ source_name: "ciic-bot", external_id: analysis.reference }],
  };
}
