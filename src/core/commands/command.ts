import type { CorrectionInput } from "../use-cases/correct-item.js";
import type { SubmissionInput } from "../use-cases/submit-indicators.js";
import { parseOptions } from "./parse-options.js";
import { splitCommand } from "./split-command.js";

/** A command as the core understands it, whatever platform or form it came from. */
export type Command =
  | { name: "help" }
  | { name: "submit"; input: SubmissionInput | null /* null: the member asked for the form */ }
  | { name: "lookup"; text: string }
  | { name: "correct"; input: CorrectionInput }
  | { name: "unknown"; word: string };

const LABEL_KEYS = {
  tlp: "tlp",
  rel: "reliability",
  reliability: "reliability",
  src: "sourceRef",
  source: "sourceRef",
  ref: "sourceRef",
  basis: "legalBasis",
  note: "note",
};

/** Parses the text after the slash command, e.g. "submit 1.2.3.4 tlp:red". */
export function parseCommandText(text: string): Command {
  const { name, rest } = splitCommand(text);
  switch (name) {
    case "":
    case "help":
      return { name: "help" };
    case "submit": {
      if (rest.trim() === "") return { name: "submit", input: null };
      const { options, rest: indicatorsText, problems } = parseOptions(rest, LABEL_KEYS);
      return { name: "submit", input: { indicatorsText, ...Object.fromEntries(options), syntaxProblems: problems } };
    }
    case "lookup":
      return { name: "lookup", text: rest };
    case "correct": {
      const { options, rest: remaining, problems } = parseOptions(rest, { ...LABEL_KEYS, value: "value" });
      return { name: "correct", input: { itemRef: remaining.trim(), ...Object.fromEntries(options), syntaxProblems: problems } };
    }
    default:
      return { name: "unknown", word: name };
  }
}
