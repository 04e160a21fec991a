import { TLP_LABELS, DEFAULT_TLP } from "../covenant/tlp.js";
import { translator, type Translator } from "../i18n/translator.js";
import type { FormView } from "../views/message.js";
import type { SubmissionInput } from "./submit-indicators.js";

export const SUBMIT_FORM_ID = "ciic_submit_indicators";

/**
 * The form behind a bare `/ciic submit`, in the member's language: the same fields the typed
 * command takes. English where no reader is known (a renderer's own checks).
 */
export const submitForm = (t: Translator = translator("en")): FormView => ({
  id: SUBMIT_FORM_ID,
  title: t.text("commands.form.title"),
  submitLabel: t.text("commands.form.submit"),
  fields: [
    {
      id: "indicators",
      label: t.text("commands.form.indicators"),
      kind: "multiline",
      hint: t.text("commands.form.indicators_hint"),
      placeholder: "hxxps://evil[.]example/login, 198.51.100.7",
      maxLength: 3000,
    },
    {
      id: "tlp",
      label: t.text("commands.form.tlp"),
      kind: "select",
      initial: DEFAULT_TLP,
      options: TLP_LABELS.map((t) => ({ value: t, label: `TLP:${t}` })),
    },
    { id: "reliability", label: t.text("commands.form.reliability"), kind: "text", optional: true, maxLength: 2, placeholder: "F6" },
    { id: "sourceRef", label: t.text("commands.form.source"), kind: "text", optional: true, maxLength: 300 },
    { id: "legalBasis", label: t.text("commands.form.basis"), kind: "text", optional: true, maxLength: 300 },
    { id: "note", label: t.text("commands.form.note"), kind: "multiline", optional: true, maxLength: 2000 },
  ],
});

/** Reads a submitted form back into the same input the typed command produces. */
export function submissionFromForm(values: Record<string, string | undefined>): SubmissionInput {
  return {
    indicatorsText: values.indicators ?? "",
    tlp: values.tlp,
    reliability: values.reliability,
    sourceRef: values.sourceRef,
    legalBasis: values.legalBasis,
    note: values.note,
  };
}
