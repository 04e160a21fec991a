import type { Directory, Member } from "../directory/types.js";
import { languageOf } from "../i18n/language.js";
import { say } from "../i18n/phrase.js";
import { translator, type Translator } from "../i18n/translator.js";
import { refusalView, type MessageView } from "../views/message.js";
import type { ImportOutcome, RefusedInFile } from "./import-file.js";

/**
 * The summary a member sees when an import ends, in their language: stored, known, overlaps,
 * refused with examples and why each was refused.
 */
export function importSummaryView(fileName: string, outcome: ImportOutcome, reader: { member: Member; directory: Directory }): MessageView {
  const t = translator(languageOf(reader.member, reader.directory));
  if (!outcome.ok) {
    return refusalView(outcome.code, outcome.message, t.language);
  }
  const refusedTotal = outcome.refused.reduce((n, r) => n + r.count, 0);
  const summary = t.text("formats.import.summary", { file: fileName, stored: outcome.stored, known: outcome.alreadyKnown, refused: refusedTotal });
  return {
    summary,
    language: t.language,
    blocks: [
      { kind: "heading", text: t.text("formats.import.heading") },
      {
        kind: "fields",
        fields: [
          { label: t.text("formats.import.file"), value: [{ code: fileName }] },
          { label: t.text("formats.import.stored"), value: [String(outcome.stored)] },
          { label: t.text("formats.import.known"), value: [String(outcome.alreadyKnown)] },
          { label: t.text("formats.import.repeated"), value: [String(outcome.duplicatesInFile)] },
          ...(outcome.overlaps === null ? [] : [{ label: t.text("formats.import.overlaps"), value: [String(outcome.overlaps)] }]),
          ...(outcome.related === null
            ? []
            : [{ label: t.text("formats.import.related"), value: [t.text("formats.import.related_value", { count: outcome.related.indicators, parties: t.list(outcome.related.parties) })] }]),
          { label: t.text("formats.import.refused_label"), value: [String(refusedTotal)] },
        ],
      },
      ...(outcome.refused.length > 0
        ? [{ kind: "list" as const, items: outcome.refused.map((r) => [{ code: r.code }, t.text("formats.import.refused_line", { count: r.count, examples: refusedExamples(t, r) })]) }]
        : []),
      { kind: "paragraph", content: [t.text("formats.import.digest", { sha256: outcome.fileSha256, seconds: tenths(t.language, outcome.ms / 1000) })] },
    ],
  };
}

/** A number of seconds with one decimal, as the language writes it: "1.5" / "1,5". */
const tenths = (language: "nl" | "en", n: number) => n.toLocaleString(language === "nl" ? "nl-NL" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });

/** "x — why | y — why", each reason in the reader's language. */
export const refusedExamples = (t: Translator, refused: RefusedInFile): string => refused.examples.map((e) => `${e.example} — ${say(t, e.why)}`).join(" | ");
