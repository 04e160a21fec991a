import { TLP_LABELS, DEFAULT_TLP } from "../covenant/tlp.js";
import type { FormView } from "../views/message.js";
import type { SubmissionInput } from "./submit-indicators.js";

/** The form behind a bare `/ciic submit`: the same fields the typed command takes. */
export const SUBMIT_FORM_ID = "ciic_submit_indicators";

export const submitForm = (): FormView => ({
  id: SUBMIT_FORM_ID,
  title: "Submit indicators",
  submitLabel: "Submit",
  fields: [
    {
      id: "indicators",
      label: "Indicators",
      kind: "multiline",
      hint: "IPs, CIDR ranges, domains, URLs, e-mail addresses, hashes, CVE ids — separated by spaces, commas or new lines. Defanged forms are fine.",
      placeholder: "hxxps://evil[.]example/login, 198.51.100.7",
      maxLength: 3000,
    },
    {
      id: "tlp",
      label: "TLP 2.0 label",
      kind: "select",
      initial: DEFAULT_TLP,
      options: TLP_LABELS.map((t) => ({ value: t, label: `TLP:${t}` })),
    },
    { id: "reliability", label: "Reliability (Admiralty code, e.g. B2)", kind: "text", optional: true, maxLength: 2, placeholder: "F6" },
    { id: "sourceRef", label: "Source reference", kind: "text", optional: true, maxLength: 300 },
    { id: "legalBasis", label: "Legal basis (empty: your party's default)", kind: "text", optional: true, maxLength: 300 },
    { id: "note", label: "Note", kind: "multiline", optional: true, maxLength: 2000 },
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
