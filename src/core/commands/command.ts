import type { Decision } from "../disclosure/decide-consent.js";
import type { DisclosureInput } from "../disclosure/request-disclosure.js";
import type { AnalysisInput } from "../disclosure/write-analysis.js";
import type { CorrectionInput } from "../use-cases/correct-item.js";
import type { SubmissionInput } from "../use-cases/submit-indicators.js";
import type { ConsultInput } from "../consultation/consult.js";
import { parseRoundText, type RoundCommand } from "../rounds/round-command.js";
import type { ReviewCommand } from "../retention/review-command.js";
import { parseReview } from "../retention/review-command.js";
import { tokenise } from "../indicators/index.js";
import { phrase } from "../i18n/phrase.js";
import { parseOptions } from "./parse-options.js";
import { splitCommand } from "./split-command.js";
import { ID_DASH } from "../prefixed-id.js";

/** A command as the core understands it, whatever platform or form it came from. */
export type Command =
  | { name: "help" }
  | { name: "submit"; input: SubmissionInput | null /* null: the member asked for the form */ }
  | { name: "lookup"; text: string }
  | { name: "correct"; input: CorrectionInput }
  | { name: "analysis"; input: AnalysisInput | null }
  | { name: "disclose"; input: DisclosureInput | null }
  | { name: "requests"; ref?: string; leftAside?: true }
  /** `reason`: what follows the id, kept in the audit log only (nobody else reads it). */
  | { name: "withdraw"; ref: string; reason?: string }
  | { name: "revoke"; ref: string; reason?: string }
  | { name: "decide"; askId: number; choice: Decision }
  | { name: "covenant" }
  | { name: "consult"; input: ConsultInput }
  | { name: "notice"; reason: string }
  /** Agreement rounds: `comms` (Art 10), `amend` (Art 13) and their buttons (`agree`). */
  | RoundCommand
  /** The steering group (Art 9) and oversight (Wiv 2017). */
  | { name: "report"; period?: string }
  | { name: "meeting"; date: string; note: string }
  | { name: "oversight"; action: string }
  /** A party's own items as a file (Art 5.2). */
  | { name: "export"; text: string }
  /** Retention review of a party's items (Wiv 2017). */
  | ReviewCommand
  | { name: "unknown"; word: string };

// The option names in English, as the help writes them, and in Dutch, as a Dutch member may
// write them: `notitie:` was otherwise read as indicators, one refusal a word of the note.
const LABEL_KEYS = {
  tlp: "tlp",
  rel: "reliability",
  reliability: "reliability",
  betrouwbaarheid: "reliability",
  src: "sourceRef",
  source: "sourceRef",
  ref: "sourceRef",
  bron: "sourceRef",
  bronverwijzing: "sourceRef",
  basis: "legalBasis",
  grondslag: "legalBasis",
  note: "note",
  notitie: "note",
  opmerking: "note",
  aantekening: "note",
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
      const { options, rest: remaining, problems } = parseOptions(rest, { ...LABEL_KEYS, value: "value", waarde: "value" });
      return { name: "correct", input: { itemRef: remaining.trim(), ...Object.fromEntries(options), syntaxProblems: problems } };
    }
    case "analysis":
      return { name: "analysis", input: rest.trim() === "" ? null : parseAnalysis(rest) };
    case "disclose":
      return { name: "disclose", input: rest.trim() === "" ? null : parseDisclosure(rest) };
    case "requests": {
      // One id; words after it ("R-2 please", "R-2 R-3") are left aside, and the answer says so.
      const { ref, reason } = idAndReason(rest);
      if (ref === "") return { name: "requests" };
      return reason === undefined ? { name: "requests", ref } : { name: "requests", ref, leftAside: true };
    }
    case "withdraw":
    case "revoke":
      return { name, ...idAndReason(rest) };
    case "covenant":
      return { name: "covenant" };
    case "consult":
      return { name: "consult", input: parseConsult(rest) };
    case "notice":
      return { name: "notice", reason: rest };
    case "comms":
    case "amend":
      return parseRoundText(name, rest);
    case "report":
      return rest.trim() ? { name: "report", period: rest.trim() } : { name: "report" };
    case "meeting": {
      const [, date = "", note = ""] = /^\s*(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
      return { name: "meeting", date, note };
    }
    case "oversight":
      return { name: "oversight", action: rest.trim() };
    case "export":
      return { name: "export", text: rest };
    case "review":
      return parseReview(rest);
    default:
      // As typed: the word is said back, and a value typed alone is suggested for a look-up as it is.
      return { name: "unknown", word: text.trim().split(/\s/, 1)[0] };
  }
}

/**
 * `R-2`, `R-2 reason: sent twice`, `R-2 dubbel verstuurd`: the id, and a reason after it (people
 * give one), which was read as part of the id and made "you have no request R-2 reason:".
 */
function idAndReason(rest: string): { ref: string; reason?: string } {
  const [, ref = "", more = ""] = /^\s*(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
  const reason = more.replace(/^(?:reason|reden)\s*:\s*/i, "").trim();
  return reason === "" ? { ref } : { ref, reason };
}

/** A consultation's id at the start of the text, and what follows it. */
const CONSULTATION_REF = new RegExp(`^(C${ID_DASH}?\\d{1,9})\\b\\s*([\\s\\S]*)$`, "i");

/** `I-4 A-2 question: …`, `C-3`, `C-3 answer: …`, `C-3 close`, or nothing (the list). */
function parseConsult(rest: string): ConsultInput {
  const text = rest.trim();
  if (text === "") return { action: "list" };
  const target = CONSULTATION_REF.exec(text);
  if (target) {
    const [, ref, more] = target;
    if (more === "") return { action: "show", ref };
    if (/^(?:close|sluit)$/i.test(more.trim())) return { action: "close", ref };
    return { action: "answer", ref, text: more.replace(/^(?:answer|antwoord):\s*/i, "") };
  }
  // Mapped to "note", which takes the rest of the text unquoted.
  const { options, rest: refs } = parseOptions(text, { question: "note", vraag: "note" });
  return { action: "open", refs: tokenise(refs), question: options.get("note") };
}

/** `title:"…" I-1 evil.example text: the analysis…` */
function parseAnalysis(rest: string): AnalysisInput {
  const { options, rest: refs, problems } = parseOptions(rest, { title: "title", titel: "title", text: "note", tekst: "note" });
  return { title: options.get("title"), body: options.get("note"), refs: tokenise(refs), syntaxProblems: problems };
}

/** `I-1 A-2 to ncsc-ops purpose warn water utilities [basis:"…"] [conditions:"…"] [tlp:…] [deadline:…]` */
function parseDisclosure(rest: string): DisclosureInput {
  const { options, rest: remaining, problems } = parseOptions(rest, {
    basis: "legalBasis",
    grondslag: "legalBasis",
    conditions: "conditions",
    voorwaarden: "conditions",
    tlp: "tlp",
    deadline: "deadline",
    termijn: "deadline",
  });
  // "to … purpose …", or in Dutch "aan … doel …".
  const match = /^([\s\S]*?)(?:^|\s)(?:to|aan)\s+(\S+)(?:\s+(?:purpose|doel)\s+([\s\S]*))?$/i.exec(remaining.trim());
  if (!match) {
    return { refs: tokenise(remaining), syntaxProblems: [...problems, phrase("commands.parse.to_whom")] };
  }
  return {
    refs: tokenise(match[1]),
    recipient: match[2],
    purpose: match[3]?.trim(),
    legalBasis: options.get("legalBasis"),
    conditions: options.get("conditions"),
    tlp: options.get("tlp"),
    deadline: options.get("deadline"),
    syntaxProblems: problems,
  };
}
