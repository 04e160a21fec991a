import type { StoredItem } from "../../ports.js";
import { releaseStatement, type ReleaseMarking } from "./export-stix.js";

const HEADER = ["item_id", "type", "value", "tlp", "reliability", "submitted_at"];

/**
 * A CSV of the given items, one a line. A cell that a spreadsheet would read as a formula is
 * prefixed with an apostrophe (OWASP's advice against CSV injection); fields are quoted when
 * they hold a comma, quote or line break.
 */
export async function* exportCsv(items: AsyncIterable<StoredItem> | Iterable<StoredItem>, release?: ReleaseMarking): AsyncGenerator<string> {
  // A release says its label and conditions in a comment line first, as feeds commonly do.
  if (release) yield `# ${releaseStatement(release).replace(/[\r\n]+/g, " ")}\n`;
  yield `${HEADER.join(",")}\n`;
  for await (const item of items) {
    yield `${[`I-${item.id}`, item.type, item.value, release?.tlp ?? item.tlp, item.reliability, item.submittedAt.toISOString()].map(cell).join(",")}\n`;
  }
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
