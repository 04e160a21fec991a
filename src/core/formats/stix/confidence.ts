/**
 * STIX `confidence` (0–100) as an Admiralty code. The letter is always F: the confidence is the
 * producer's view of its own information, and the cell has not judged the producer as a source.
 * The digit follows the "Admiralty Credibility" scale of STIX 2.1 Part 1, appendix "Confidence
 * Scales" (as implemented by the OASIS stix2 library, stix2.confidence.scales.value_to_admiralty_credibility):
 *
 *   STIX confidence | Admiralty credibility
 *   ----------------+-------------------------------
 *   (not present)   | 6 Truth cannot be judged
 *   0–19            | 5 Improbable
 *   20–39           | 4 Doubtful
 *   40–59           | 3 Possibly true
 *   60–79           | 2 Probably true
 *   80–100          | 1 Confirmed by other sources
 *
 * No confidence (or one that is not an integer from 0 to 100) gives undefined, so that the import
 * applies its own default rather than a "6" the source never said.
 */
export function reliabilityFromConfidence(confidence: unknown): string | undefined {
  if (typeof confidence !== "number" || !Number.isInteger(confidence) || confidence < 0 || confidence > 100) return undefined;
  if (confidence >= 80) return "F1";
  if (confidence >= 60) return "F2";
  if (confidence >= 40) return "F3";
  if (confidence >= 20) return "F4";
  return "F5";
}
