import { classify } from "../indicators/index.js";

/**
 * The command a member most likely meant by a word the bot does not know: a Dutch word for it
 * (the cell works in Dutch, the commands are English words), a slip of the keys, or a value typed
 * without a command. Only suggested, never run: a guess that changes the record would be worse
 * than the question.
 */

/** The words typed after `/ciic` (decide is a button's). */
export const COMMAND_WORDS = [
  "help",
  "submit",
  "lookup",
  "correct",
  "analysis",
  "disclose",
  "requests",
  "withdraw",
  "revoke",
  "covenant",
  "consult",
  "notice",
  "comms",
  "amend",
  "report",
  "meeting",
  "oversight",
  "export",
  "review",
] as const;

/**
 * Dutch words for a command, each with one meaning only ("intrekken" is both withdraw and revoke,
 * so it is left out and the member reads the help).
 */
const DUTCH: Record<string, (typeof COMMAND_WORDS)[number]> = {
  hulp: "help",
  indienen: "submit",
  aanleveren: "submit",
  insturen: "submit",
  zoek: "lookup",
  zoeken: "lookup",
  opzoeken: "lookup",
  corrigeer: "correct",
  corrigeren: "correct",
  verbeter: "correct",
  verbeteren: "correct",
  analyseer: "analysis",
  analyseren: "analysis",
  verstrek: "disclose",
  verstrekken: "disclose",
  verzoeken: "requests",
  aanvragen: "requests",
  convenant: "covenant",
  raadpleeg: "consult",
  raadplegen: "consult",
  opzegging: "notice",
  communicatie: "comms",
  wijzig: "amend",
  wijzigen: "amend",
  rapport: "report",
  rapportage: "report",
  vergadering: "meeting",
  toezicht: "oversight",
  exporteer: "export",
  exporteren: "export",
  beoordeel: "review",
  beoordelen: "review",
};

/** The longest value typed alone that the suggestion repeats. */
const MOST_REPEATED = 100;

/** Slips this far from a command (letters added, dropped, changed or swapped) are taken for it. */
const MOST_SLIPS = 2;

export function suggestCommand(word: string): string | undefined {
  const typed = word.toLowerCase();
  if (Object.hasOwn(DUTCH, typed)) return DUTCH[typed];
  // A value typed without a command ("/ciic evil.example"): the look-up, which changes nothing
  // (the value repeated only while it is short enough to be read in the answer).
  if (classify(word).ok) return word.length <= MOST_REPEATED ? `lookup ${word}` : "lookup";
  // Short words are too near to too much ("rev" is two slips from "review" and from "revoke").
  if (typed.length < 4 || typed.length > 20) return undefined;
  const near = COMMAND_WORDS.map((command) => ({ command, slips: slips(typed, command) })).filter((c) => c.slips <= MOST_SLIPS);
  const best = Math.min(...near.map((c) => c.slips));
  const closest = near.filter((c) => c.slips === best);
  return closest.length === 1 ? closest[0].command : undefined;
}

/** Edits from `a` to `b`: a letter inserted, deleted or changed, or two neighbours swapped (each one). */
function slips(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
