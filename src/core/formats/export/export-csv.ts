import type { StoredItem } from "../../ports.js";
import { csvRecord, freeText } from "../csv/csv-cell.js";
import { asReleased, type ReleaseMarking } from "./export-stix.js";

const HEADER = ["item_id", "type", "value", "tlp", "reliability", "submitted_at"];
/**
 * A party's own export (Art 5.2) also carries what the party recorded with each item, so that
 * another cell's import keeps it; a release never does: a source reference or a note could tell
 * the recipient which party supplied the item (Art 7.2), and the liaison consented to the values.
 */
const OWN_EXPORT_HEADER = [...HEADER, "legal_basis", "source_ref", "note", "same_file", "first_seen"];

/**
 * A CSV of the given items, one a line, every cell written by csv-cell.ts (neutralised when a
 * spreadsheet would read it as a formula, quoted when it holds a comma, quote or line break).
 */
export async function* exportCsv(items: AsyncIterable<StoredItem> | Iterable<StoredItem>, release?: ReleaseMarking): AsyncGenerator<string> {
  if (release) yield releaseComment(release);
  yield csvRecord(release ? HEADER : OWN_EXPORT_HEADER);
  for await (const stored of items) {
    const item = asReleased(stored, release);
    const cells = [`I-${item.id}`, item.type, item.supplied ?? item.value, release?.tlp ?? item.tlp, item.reliability, item.submittedAt.toISOString()];
    yield csvRecord(release ? cells : [...cells, freeText(item.legalBasis), item.sourceRef && freeText(item.sourceRef), item.note && freeText(item.note), item.sameFile ?? null, (item.firstSeen ?? item.submittedAt).toISOString()]);
  }
}

/**
 * A release says its label, purpose and conditions in a comment line first, as feeds commonly
 * do. It starts with "#", so readers that know comments (the bot's importer among them) skip it.
 * A spreadsheet does not: it reads the line as a row. So the line is written as a row of cells,
 * each starting with a fixed word and the requester's text in it neutralised, and kept on one
 * line (a quoted line break would end the comment, and the rest would be read as data).
 */
function releaseComment(r: ReleaseMarking): string {
  const oneLine = (text: string) => freeText(text.replace(/[\r\n]+/g, " "));
  return csvRecord([
    `# CIIC disclosure ${r.reference}`,
    `TLP:${r.tlp}`,
    `Purpose: ${oneLine(r.purpose)}`,
    `Conditions: ${oneLine(r.conditions ?? "none beyond the TLP label")}`,
  ]);
}
