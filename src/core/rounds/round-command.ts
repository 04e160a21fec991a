import type { CommandContext } from "../use-cases/context.js";
import type { Reply } from "../views/message.js";
import { answerRound, type RoundAnswer } from "./answer-round.js";
import { ROUND_DRAFT_FORM_ID, ROUND_NOTE_FORM_ID, parseAnswerValue, roundDraftForm } from "./forms.js";
import { reviseDraft } from "./revise-draft.js";
import type { RoundKind } from "./round-state.js";
import { roundDetail } from "./show-round.js";
import { startRound } from "./start-round.js";
import { formatRoundId, parseRoundId } from "./types.js";

/** What `/ciic comms …` and `/ciic amend …` ask for. */
export type RoundInput =
  | { action: "form" }
  | { action: "start"; text: string }
  | { action: "show"; ref: string }
  /** A changed draft of a communication (Art 10); without text, the form with the current draft. */
  | { action: "revise"; ref: string; text?: string };

export type RoundCommand =
  | { name: "comms"; input: RoundInput }
  | { name: "amend"; input: RoundInput }
  | { name: "agree"; askId: number; answer: RoundAnswer };

/**
 * `comms` (bare: a form) · `comms CM-7` · `comms revise CM-7 <text>` · `comms <text>`, and the same
 * for `amend` but revise: an amendment is voted on as proposed (Art 13), a new text is a new
 * proposal.
 */
export function parseRoundText(name: "comms" | "amend", rest: string): RoundCommand {
  const kind: RoundKind = name === "comms" ? "comms" : "amendment";
  const text = rest.trim();
  if (text === "") return { name, input: { action: "form" } };
  if (parseRoundId(kind, text) !== undefined) return { name, input: { action: "show", ref: text } };
  const revise = /^revise(?:\s+(\S+)([\s\S]*))?$/i.exec(text);
  if (name === "comms" && revise) return { name, input: { action: "revise", ref: revise[1] ?? "", text: revise[2]?.trim() || undefined } };
  return { name, input: { action: "start", text } };
}

/** A submitted round form, read back into its command; undefined when it cannot be read. */
export function roundCommandFromForm(formId: string, values: Record<string, string | undefined>, metadata: string): RoundCommand | undefined {
  if (formId === ROUND_DRAFT_FORM_ID) {
    const text = values.text ?? "";
    if (metadata === "comms") return { name: "comms", input: { action: "start", text } };
    if (metadata === "amendment") return { name: "amend", input: { action: "start", text } };
    const revise = /^revise:(\d{1,12})$/.exec(metadata);
    // An emptied form is a changed draft without words: refused as such, not reopened.
    return revise ? { name: "comms", input: { action: "revise", ref: formatRoundId("comms", Number(revise[1])), text } } : undefined;
  }
  if (formId === ROUND_NOTE_FORM_ID) {
    const answer = parseAnswerValue(metadata);
    if (!answer || (answer.event !== "object" && answer.event !== "request_changes")) return undefined;
    return { name: "agree", askId: answer.askId, answer: { event: answer.event, note: values.note ?? "" } };
  }
  return undefined;
}

/** A click on a `round.decide` button; undefined for a value it cannot read. */
export function roundCommandFromAction(value: string): RoundCommand | undefined {
  const answer = parseAnswerValue(value);
  if (!answer || answer.event === "object" || answer.event === "request_changes" || answer.event === "expire" || answer.event === "retire" || answer.event === "withdraw") return undefined;
  return { name: "agree", askId: answer.askId, answer: { event: answer.event } };
}

export async function runRoundCommand(ctx: CommandContext, command: RoundCommand): Promise<Reply> {
  if (command.name === "agree") return answerRound(ctx, command.askId, command.answer);
  const kind: RoundKind = command.name === "comms" ? "comms" : "amendment";
  const input = command.input;
  switch (input.action) {
    case "form":
      return { kind: "form", form: roundDraftForm(ctx.t, { kind }) };
    case "start":
      return startRound(ctx, kind, input.text);
    case "revise":
      return reviseDraft(ctx, input.ref, input.text);
    case "show": {
      const view = await roundDetail(ctx, kind, input.ref);
      await ctx.tx.audit.append([{ action: "round.shown", actor: ctx.member.id, details: { ref: input.ref.slice(0, 20) } }], ctx.now);
      return { kind: "message", view };
    }
  }
}
