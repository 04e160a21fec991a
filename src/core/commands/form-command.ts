import { ANALYSIS_FORM_ID, DENY_FORM_ID, DISCLOSURE_FORM_ID, analysisFromForm, denyAskId, denyForm, disclosureFromForm } from "../disclosure/forms.js";
import { APPROVE_ACTION, DENY_ACTION } from "../disclosure/views.js";
import { SUBMIT_FORM_ID, submissionFromForm } from "../use-cases/submit-form.js";
import type { Command } from "./command.js";
import { ROUND_DRAFT_FORM_ID, ROUND_NOTE_FORM_ID, parseAnswerValue, roundNoteForm } from "../rounds/forms.js";
import { roundCommandFromAction, roundCommandFromForm } from "../rounds/round-command.js";
import { ROUND_DECIDE_ACTION, ROUND_NOTE_ACTION } from "../rounds/views.js";
import type { FormView } from "../views/message.js";
import type { Translator } from "../i18n/translator.js";
import { RETENTION_KEEP_ACTION, RETENTION_LET_GO_ACTION } from "../retention/views.js";

/** Every form the core hands out; adapters register a submission handler for each. */
export const FORM_IDS = [SUBMIT_FORM_ID, ANALYSIS_FORM_ID, DISCLOSURE_FORM_ID, DENY_FORM_ID, ROUND_DRAFT_FORM_ID, ROUND_NOTE_FORM_ID] as const;

/** A submitted form, read back into the command it stands for. */
export function commandFromForm(formId: string, values: Record<string, string | undefined>, metadata: string): Command | undefined {
  switch (formId) {
    case SUBMIT_FORM_ID:
      return { name: "submit", input: submissionFromForm(values) };
    case ANALYSIS_FORM_ID:
      return { name: "analysis", input: analysisFromForm(values) };
    case DISCLOSURE_FORM_ID:
      return { name: "disclose", input: disclosureFromForm(values) };
    case DENY_FORM_ID: {
      const askId = Number(metadata);
      return Number.isSafeInteger(askId) && askId > 0 ? { name: "decide", askId, choice: { decision: "deny", reason: values.reason ?? "" } } : undefined;
    }
    case ROUND_DRAFT_FORM_ID:
    case ROUND_NOTE_FORM_ID:
      return roundCommandFromForm(formId, values, metadata);
    default:
      return undefined;
  }
}

/** A button click, read into the command it stands for. */
export function commandFromAction(action: string, value: string): Command | undefined {
  if (action === ROUND_DECIDE_ACTION) return roundCommandFromAction(value);
  if (action === RETENTION_KEEP_ACTION || action === RETENTION_LET_GO_ACTION) {
    // A button answers for every item of the review that has no verdict yet (Wiv 2017).
    const reviewId = Number(value);
    if (!Number.isSafeInteger(reviewId) || reviewId <= 0) return undefined;
    return { name: "review", action: "answer", ref: `RV-${reviewId}`, verdict: action === RETENTION_KEEP_ACTION ? "KEEP" : "LET_GO", items: [] };
  }
  const askId = Number(value);
  if (!Number.isSafeInteger(askId) || askId <= 0) return undefined;
  if (action === "consent.approve") return { name: "decide", askId, choice: { decision: "approve" } };
  return undefined;
}

/**
 * The buttons of agreement rounds (Art 10, 13), which adapters route without knowing the flow: a
 * `round.decide` click is a command (`commandFromAction`); a `round.note` click opens the form
 * returned here, whose submission is a command (`commandFromForm`).
 */
export const ROUND_ACTION_IDS = [ROUND_DECIDE_ACTION, ROUND_NOTE_ACTION] as const;

/** The Keep and Let go buttons of retention reviews (Wiv 2017), routed the same way: each click is a command. */
export const RETENTION_ACTION_IDS = [RETENTION_KEEP_ACTION, RETENTION_LET_GO_ACTION] as const;

/** Every button adapters route generically through `formForAction` and `commandFromAction`. */
export const ROUTED_ACTION_IDS = [...ROUND_ACTION_IDS, ...RETENTION_ACTION_IDS] as const;

/**
 * The form a click opens first, in the clicker's language; undefined for a click that acts at once.
 * `texts` (CommandService.textsFor) is read only when a form opens, so that other clicks cost no read.
 */
export async function formForAction(action: string, value: string, texts: () => Promise<Translator>): Promise<FormView | undefined> {
  return action === ROUND_NOTE_ACTION && parseAnswerValue(value) ? roundNoteForm(await texts(), value) : undefined;
}

/** Every button the core hands out: adapters route each click of them through `readClick`. */
export const BUTTON_IDS = [APPROVE_ACTION, DENY_ACTION, ...ROUTED_ACTION_IDS] as const;

/**
 * What a click means, read by the core for every platform: a form to open first (Deny asks the
 * reason, a round's note), a command to decide with the text the audit records for it, or a button
 * that cannot be read. `texts` is asked only for a form: a platform that must open it within
 * seconds (Slack) acknowledges the click there, before the clicker's language is read.
 */
export type Click = { kind: "form"; form: FormView } | { kind: "command"; command: Command; text: string } | { kind: "unreadable" };

export async function readClick(action: string, value: string, texts: () => Promise<Translator>): Promise<Click> {
  if (action === DENY_ACTION) {
    const askId = denyAskId(value);
    return askId ? { kind: "form", form: denyForm(await texts(), askId) } : { kind: "unreadable" };
  }
  const form = await formForAction(action, value, texts);
  if (form) return { kind: "form", form };
  const command = commandFromAction(action, value);
  if (!command) return { kind: "unreadable" };
  return { kind: "command", command, text: action === APPROVE_ACTION ? `approve ask ${value}` : `${action} ${value}` };
}
