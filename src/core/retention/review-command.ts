import { parseOptions } from "../commands/parse-options.js";
import type { Verdict } from "./types.js";
import { phrase, type Phrase } from "../i18n/phrase.js";

/**
 * `/ciic review` (the party's open reviews), `/ciic review RV-3` (that question), and
 * `/ciic review RV-3 keep|let-go [I-1 I-2…] [reason: …]` (an answer; without ids, every item
 * still open). The Keep and Let go buttons make the same command without ids.
 */
export type ReviewCommand =
  | { name: "review"; action: "show"; ref: string }
  | { name: "review"; action: "answer"; ref: string; verdict: Verdict; items: string[]; reason?: string }
  | { name: "review"; action: "invalid"; ref: string; problems: Phrase[] };

const VERDICTS: Record<string, Verdict> = { keep: "KEEP", "let-go": "LET_GO", letgo: "LET_GO", "let_go": "LET_GO", remove: "LET_GO" };

export function parseReview(rest: string): ReviewCommand {
  const { options, rest: words, problems } = parseOptions(rest, { reason: "note" });
  const [ref = "", verb, ...items] = words.trim().split(/[\s,;]+/).filter(Boolean);
  // Read before anyone is known: the problems are said later, in the reader's language.
  if (problems.length > 0) return { name: "review", action: "invalid", ref, problems: [...problems] };
  if (verb === undefined) return { name: "review", action: "show", ref };
  const verdict = VERDICTS[verb.toLowerCase()];
  if (!verdict) return { name: "review", action: "invalid", ref, problems: [phrase("retention.command.not_a_verdict", { verb: verb.slice(0, 20) })] };
  return { name: "review", action: "answer", ref, verdict, items, reason: options.get("note") };
}
