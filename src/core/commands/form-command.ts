import { ANALYSIS_FORM_ID, DENY_FORM_ID, DISCLOSURE_FORM_ID, analysisFromForm, disclosureFromForm } from "../disclosure/forms.js";
import { SUBMIT_FORM_ID, submissionFromForm } from "../use-cases/submit-form.js";
import type { Command } from "./command.js";

/** Every form the core hands out; adapters register a submission handler for each. */
export const FORM_IDS = [SUBMIT_FORM_ID, ANALYSIS_FORM_ID, DISCLOSURE_FORM_ID, DENY_FORM_ID] as const;

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
    default:
      return undefined;
  }
}

/** A button click, read into the command it stands for. */
export function commandFromAction(action: string, value: string): Command | undefined {
  const askId = Number(value);
  if (!Number.isSafeInteger(askId) || askId <= 0) return undefined;
  if (action === "consent.approve") return { name: "decide", askId, choice: { decision: "approve" } };
  return undefined;
}
