import type { Directory } from "../../core/directory/types.js";
import { ANALYSIS_FORM_ID, DENY_FORM_ID, DISCLOSURE_FORM_ID, analysisForm, denyForm, disclosureForm } from "../../core/disclosure/forms.js";
import { roundFormDefinition } from "../../core/rounds/forms.js";
import { SUBMIT_FORM_ID, submitForm } from "../../core/use-cases/submit-form.js";
import type { Translator } from "../../core/i18n/translator.js";
import type { FormView } from "../../core/views/message.js";

/**
 * The form a submission claims to answer, as the core hands it out to the reader `t`: in their
 * language, so that a problem quotes the field's label as they saw it.
 */
export function formDefinition(formId: string, metadata: string, directory: Directory, t: Translator): FormView | undefined {
  switch (formId) {
    case SUBMIT_FORM_ID:
      return submitForm(t);
    case ANALYSIS_FORM_ID:
      return analysisForm(t);
    case DISCLOSURE_FORM_ID:
      return disclosureForm(t, directory);
    case DENY_FORM_ID:
      return denyForm(t, Number(metadata));
    default:
      // The agreement rounds' draft and note forms, rebuilt from their metadata.
      return roundFormDefinition(t, formId, metadata);
  }
}

/**
 * Checks submitted values the way Slack checks a modal before it reaches the bot — required
 * fields filled, lengths kept, a listed option chosen, no fields the form does not have — since
 * here the browser's own checks can be bypassed. Empty fields become undefined, as Slack sends
 * them. Returns the values, or what to fix.
 */
export function checkFormValues(form: FormView, raw: unknown, t: Translator): { values: Record<string, string | undefined> } | { problem: string } {
  const unreadable = { problem: t.text("adapters.form_unreadable") };
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return unreadable;
  const known = new Set(form.fields.map((f) => f.id));
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.some(([key, value]) => !known.has(key) || typeof value !== "string")) return unreadable;
  const given = Object.fromEntries(entries) as Record<string, string>;
  const values: Record<string, string | undefined> = {};
  for (const field of form.fields) {
    const value = given[field.id] === "" ? undefined : given[field.id];
    if (value === undefined) {
      if (!field.optional) return { problem: t.text("workspace.form.required", { label: field.label }) };
    } else if (field.kind === "select") {
      if (!(field.options ?? []).some((o) => o.value === value)) return { problem: t.text("workspace.form.not_listed", { label: field.label }) };
    } else if (field.maxLength && [...value].length > field.maxLength) {
      return { problem: t.text("workspace.form.too_long", { label: field.label, max: field.maxLength }) };
    }
    values[field.id] = value;
  }
  return { values };
}
