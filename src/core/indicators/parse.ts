import { classify } from "./classify.js";
import { tokenise } from "./tokenise.js";
import { RefusedToken, type ParsedIndicator } from "./types.js";
import { displayToken } from "./unsafe-characters.js";

export interface ParseResult {
  accepted: ParsedIndicator[];
  refused: RefusedToken[];
  /** Accepted tokens dropped because an earlier token had the same type and normalised value. */
  duplicates: number;
}

/**
 * Splits pasted text into indicators. Duplicates are judged on the normalised value, so
 * "1.2.3[.]4" and "1.2.3.4" count once. A refused token that appears several times is reported
 * once: a long paste with one recurring mistake should produce one line of feedback, not hundreds.
 */
export function parseIndicators(text: string): ParseResult {
  const accepted: ParsedIndicator[] = [];
  const refused: RefusedToken[] = [];
  const seen = new Set<string>();
  const refusedSeen = new Set<string>();
  let duplicates = 0;

  for (const raw of tokenise(text)) {
    const result = classify(raw);
    if (result.ok) {
      const { type, value, supplied } = result.indicator;
      const key = `${type}\u0000${value}`;
      if (seen.has(key)) {
        duplicates++;
      } else {
        seen.add(key);
        accepted.push({ type, value, raw, ...(supplied ? { supplied } : {}) });
      }
    } else if (!refusedSeen.has(raw)) {
      refusedSeen.add(raw);
      refused.push(new RefusedToken(displayToken(raw), result.code, result.why));
    }
  }
  return { accepted, refused, duplicates };
}
