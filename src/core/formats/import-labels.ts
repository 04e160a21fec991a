import type { Member } from "../directory/types.js";
import { mayCarry, ownParty } from "../guard/audience.js";
import { findDataInEach, type GuardReads } from "../guard/find-data.js";
import { idsRefusedAlike } from "../guard/guard.js";
import type { TextKey } from "../i18n/catalogue/index.js";
import type { ImportRecord } from "./types.js";

/** The labels a file gives an item, and how a refusal names each. */
const LABELS = [
  ["note", "guard.what.note"],
  ["sourceRef", "guard.what.source_ref"],
  ["legalBasis", "guard.what.legal_basis"],
  ["sameFile", "guard.what.same_file"],
] as const satisfies readonly (readonly [keyof ImportRecord, TextKey])[];

/**
 * The records of a slice whose labels from the file (a STIX indicator's name, kept in the note, a
 * MISP attribute's comment, a CSV's note, source reference, legal basis and same-file columns)
 * name what another party supplied, each with the label that does: those labels become the item's,
 * which the party's own members read in its exports (Art 5.2), so Art 7.2 holds for them as for
 * a note typed with `/ciic submit`. They may name what the slice itself supplies, and whatever
 * the party supplied before (the file's earlier slices among it). All texts of the slice are read
 * with one question to the store. `fileBasis`: whether the file's legal basis is used (a basis the
 * importer typed replaces it). `sameFileColumn`: whether the same-file hash is a column of its own
 * (CSV), which may name any hash; in STIX and MISP it is the strongest hash of the file object the
 * record came from, which the file itself supplies.
 */
export async function labelsNamingOthers(
  reads: GuardReads,
  member: Member,
  records: readonly ImportRecord[],
  { fileBasis, sameFileColumn }: { fileBasis: boolean; sameFileColumn: boolean },
): Promise<Map<ImportRecord, TextKey>> {
  const checked = (field: (typeof LABELS)[number][0]) => (field === "legalBasis" ? fileBasis : field === "sameFile" ? sameFileColumn : true);
  const labelsOf = (r: ImportRecord) => LABELS.filter(([field]) => checked(field) && r[field]).map(([field, what]) => [r[field] as string, what] as const);
  const labelled = records.filter((r) => labelsOf(r).length > 0);
  if (labelled.length === 0) return new Map();
  const texts = [...new Set(labelled.flatMap((r) => labelsOf(r).map(([text]) => text)))];
  const audience = ownParty(member, records.map((r) => r.value));
  const findings = await findDataInEach(reads, texts);
  const naming = new Set(texts.filter((_, n) => {
    const found = findings[n];
    return found.tooMany || found.mentions.some((m) => !mayCarry(m, audience)) || idsRefusedAlike(member, { audience }, found).length > 0;
  }));
  const refused = new Map<ImportRecord, TextKey>();
  if (naming.size === 0) return refused;
  for (const r of labelled) {
    const label = labelsOf(r).find(([text]) => naming.has(text));
    if (label) refused.set(r, label[1]);
  }
  return refused;
}
