import type { PartyCode } from "../covenant/parties.js";
import { analysisText, askedParties, recipientOf } from "../guard/audience.js";
import type { PersonText } from "../guard/guard.js";
import type { Translator } from "../i18n/translator.js";
import { formatAnalysisId, type Analysis } from "./types.js";

/** The words of a disclosure request that people wrote. */
export interface RequestWords {
  purpose: string;
  conditions: string | null;
  legalBasis: string;
}

/** Which text of a request a PersonText is: read by code, named to each reader in their language. */
export type RequestTextField = { key: "purpose" | "conditions" | "legal_basis" } | { key: "analysis_title" | "analysis_text"; analysis: string };

export interface RequestText extends PersonText {
  field: RequestTextField;
}

/** "the purpose", "de titel van A-3": how a text of a request is named to a reader. */
export function requestTextName(t: Translator, field: RequestTextField): string {
  switch (field.key) {
    case "purpose":
      return t.text("guard.what.purpose");
    case "conditions":
      return t.text("guard.what.conditions");
    case "legal_basis":
      return t.text("guard.what.legal_basis");
    case "analysis_title":
      return t.text("guard.what.analysis_title", { analysis: field.analysis });
    case "analysis_text":
      return t.text("guard.what.analysis_text", { analysis: field.analysis });
  }
}

/**
 * Every text of a disclosure request that people wrote, with who reads it (Art 7.2): when it is
 * asked, every asked party's liaison and then the recipient read the purpose, conditions, legal
 * basis and the analysis's title, and the recipient its text; at release, the recipient reads
 * them all. One list for both moments, so that a text added to a request is checked at both.
 * Each is named (`what`) in the language of `t`.
 */
export function requestTexts(
  words: RequestWords,
  parties: readonly PartyCode[],
  analysis: Analysis | undefined,
  moment: "asked" | "released",
  t: Translator,
): RequestText[] {
  // Every asked liaison is shown the analysis's id with the question: a purpose may name it.
  const shown = analysis ? [formatAnalysisId(analysis.id)] : [];
  const terms = moment === "asked" ? askedParties(parties, shown) : { ...recipientOf(parties), allowed: new Set(shown) };
  const text = (field: RequestTextField, said: string, audience: PersonText["audience"]): RequestText => ({ field, what: requestTextName(t, field), text: said, audience });
  return [
    text({ key: "purpose" }, words.purpose, terms),
    text({ key: "conditions" }, words.conditions ?? "", terms),
    text({ key: "legal_basis" }, words.legalBasis, terms),
    ...(analysis
      ? [
          text({ key: "analysis_title", analysis: formatAnalysisId(analysis.id) }, analysis.title, terms),
          text({ key: "analysis_text", analysis: formatAnalysisId(analysis.id) }, analysis.body, analysisText(analysis.itemIds)),
        ]
      : []),
  ];
}
