import type { MessageView } from "../views/message.js";
import type { ImportOutcome } from "./import-file.js";

/** The summary a member sees when an import ends: stored, known, overlaps, refused with examples. */
export function importSummaryView(fileName: string, outcome: ImportOutcome): MessageView {
  if (!outcome.ok) {
    return { summary: outcome.message, blocks: [{ kind: "notice", tone: "error", content: [outcome.message], code: outcome.code }] };
  }
  const refusedTotal = outcome.refused.reduce((n, r) => n + r.count, 0);
  const summary = `${fileName}: stored ${outcome.stored}, already known ${outcome.alreadyKnown}, refused ${refusedTotal}.`;
  return {
    summary,
    blocks: [
      { kind: "heading", text: "Import finished" },
      {
        kind: "fields",
        fields: [
          { label: "File", value: [{ code: fileName }] },
          { label: "Stored", value: [String(outcome.stored)] },
          { label: "Already known from your party", value: [String(outcome.alreadyKnown)] },
          { label: "Repeated within the file", value: [String(outcome.duplicatesInFile)] },
          ...(outcome.overlaps === null ? [] : [{ label: "Also supplied by another party (Art 6.1)", value: [String(outcome.overlaps)] }]),
          { label: "Refused", value: [String(refusedTotal)] },
        ],
      },
      ...(outcome.refused.length > 0
        ? [{ kind: "list" as const, items: outcome.refused.map((r) => [{ code: r.code }, ` ×${r.count}, e.g. ${r.examples.join(" | ")}`]) }]
        : []),
      { kind: "paragraph", content: [`File SHA-256 ${outcome.fileSha256}; recorded in the audit log as one entry. Took ${(outcome.ms / 1000).toFixed(1)} s.`] },
    ],
  };
}
