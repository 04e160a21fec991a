import { parseOptions } from "../commands/parse-options.js";
import type { Verdict } from "./types.js";
import { say } from "../i18n/phrase.js";
import { translator } from "../i18n/translator.js";

/**
 * `/ciic review` (the party's open reviews), `/ciic review RV-3` (that question), and
 * `/ciic review RV-3 keep|let-go [I-1 I-2…] [reason: …]` (an answer; without ids, every item
 * still open). The Keep and Let go buttons make the same command without ids.
 */
export type ReviewCommand =
  | { name: "review"; action: "show"; ref: string }
  | { name: "review"; action: "answer"; ref: string; verdict: Verdict; items: string[]; reason?: string }
  | { name: "review"; action: "invalid"; ref: string; problem: string };

const VERDICTS: Record<string, Verdict> = { keep: "KEEP", "let-go": "LET_GO", letgo: "LET_GO", "let_go": "LET_GO", remove: "LET_GO" };

export function parseReview(rest: string): ReviewCommand {
  const { options, rest: words, problems } = parseOptions(rest, { reason: "note" });
  const [ref = "", verb, ...items] = words.trim().split(/[\s,;]+/).filter(Boolean);
  // Read before anyone is known: said in English until this command's problems are phrases too.
  if (problems.length > 0) return { name: "review", action: "invalid", ref, problem: problems.map((p) => say(translator("en"), p)).join("; ") };
  if (verb === undefined) return { name: "review", action: "show", ref };
  const verdict = VERDICTS[verb.toLowerCase()];
  if (!verdict) return { name: "review", action: "invalid", ref, problem: `\`${verb.slice(0, 20)}\` is neither keep nor let-go` };
  return { name: "review", action: "answer", ref, verdict, items, reason: options.get("note") };
}
