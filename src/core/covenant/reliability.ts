/**
 * Reliability indication required for every item (Wiv 2017). The cell uses the Admiralty code
 * the parties already know: a letter for the source (A completely reliable … E unreliable,
 * F cannot be judged) and a digit for the information (1 confirmed … 5 improbable, 6 cannot be
 * judged).
 */
export const DEFAULT_RELIABILITY = "F6";

export function parseReliability(input: string): string | undefined {
  const code = input.trim().toUpperCase();
  return /^[A-F][1-6]$/.test(code) ? code : undefined;
}
