import type { PartyCode } from "../covenant/parties.js";
import { analysisText, askedParties, recipientOf } from "../guard/audience.js";
import type { PersonText } from "../guard/guard.js";
import { formatAnalysisId, type Analysis } from "./types.js";

/** The words of a disclosure request that people wrote. */
export interface RequestWords {
  purpose: string;
  conditions: string | null;
  legalBasis: string;
}

/**
 * Every text of a disclosure request that people wrote, with who reads it (Art 7.2): when it is
 * asked, every asked party's liaison and then the recipient read the purpose, conditions, legal
 * basis and the analysis's title, and the recipient its text; at release, the recipient reads
 * them all. One list for both moments, so that a text added to a request is checked at both.
 */
export function requestTexts(words: RequestWords, parties: readonly PartyCode[], analysis: Analysis | undefined, moment: "asked" | "released"): PersonText[] {
  // Every asked liaison is shown the analysis's id with the question: a purpose may name it.
  const shown = analysis ? [formatAnalysisId(analysis.id)] : [];
  const terms = moment === "asked" ? askedParties(parties, shown) : { ...recipientOf(parties), allowed: new Set(shown) };
  return [
    { what: "the purpose", text: words.purpose, audience: terms },
    { what: "the conditions", text: words.conditions ?? "", audience: terms },
    { what: "the legal basis", text: words.legalBasis, audience: terms },
    ...(analysis
      ? [
          { what: `the title of ${formatAnalysisId(analysis.id)}`, text: analysis.title, audience: terms },
          { what: `the text of ${formatAnalysisId(analysis.id)}`, text: analysis.body, audience: analysisText(analysis.itemIds) },
        ]
      : []),
  ];
}
