import { exportCsv } from "../formats/export/export-csv.js";
import { exportMisp } from "../formats/export/export-misp.js";
import { exportStix, type ReleaseMarking } from "../formats/export/export-stix.js";
import type { StoredItem } from "../ports.js";
import { formatAnalysisId, formatRequestId, type Analysis, type DisclosureRequest } from "./types.js";

/** The released indicators (and analysis) as a file in the recipient's format, marked as the release was. */
export async function releaseFile(
  format: "stix" | "misp" | "csv",
  request: DisclosureRequest,
  items: readonly StoredItem[],
  now: Date,
  analysis?: Analysis,
  provision: { provisionId?: number } = {},
) {
  const reference = formatRequestId(request.id);
  const release: ReleaseMarking = {
    reference,
    tlp: request.tlp,
    purpose: request.purpose,
    conditions: request.conditions,
    ...(provision.provisionId ? { provisionId: provision.provisionId } : {}),
    // STIX and MISP carry the analysis (a report, an event report); a CSV holds indicators only.
    ...(analysis ? { analysis: { reference: formatAnalysisId(analysis.id), title: analysis.title, body: analysis.body } } : {}),
  };
  const chunks =
    format === "stix"
      ? exportStix(items, { partyName: "CIIC", exportedAt: now, bundleName: reference, release })
      : format === "misp"
        ? exportMisp(items, { info: `CIIC disclosure ${reference}`, exportedAt: now, eventName: reference, release })
        : exportCsv(items, release);
  let content = "";
  for await (const chunk of chunks) content += chunk;
  return { fileName: `ciic-${reference.toLowerCase()}.${format === "csv" ? "csv" : "json"}`, content };
}
