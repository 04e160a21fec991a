import { TLP_LABELS } from "../covenant/tlp.js";
import { tokenise } from "../indicators/index.js";
import type { Directory } from "../directory/types.js";
import type { Translator } from "../i18n/translator.js";
import type { FormView } from "../views/message.js";
import type { DisclosureInput } from "./request-disclosure.js";
import type { AnalysisInput } from "./write-analysis.js";

/** Forms behind bare `/ciic analysis` and `/ciic disclose`, and the reason asked on Deny. */
export const ANALYSIS_FORM_ID = "ciic_write_analysis";
export const DISCLOSURE_FORM_ID = "ciic_request_disclosure";
export const DENY_FORM_ID = "ciic_consent_deny";

/** References are read like pasted indicators: any separator, Slack markup, defanged forms. */
const refs = (text: string | undefined) => tokenise(text ?? "");

export const analysisForm = (t: Translator): FormView => ({
  id: ANALYSIS_FORM_ID,
  title: t.text("analysis.form.title"),
  submitLabel: t.text("analysis.form.submit"),
  fields: [
    { id: "title", label: t.text("analysis.form.field_title"), kind: "text", maxLength: 200 },
    { id: "refs", label: t.text("analysis.form.refs"), kind: "multiline", maxLength: 3000 },
    { id: "body", label: t.text("analysis.form.body"), kind: "multiline", maxLength: 3000 },
  ],
});

export const analysisFromForm = (v: Record<string, string | undefined>): AnalysisInput => ({ title: v.title, body: v.body, refs: refs(v.refs) });

export const disclosureForm = (t: Translator, directory: Directory): FormView => ({
  id: DISCLOSURE_FORM_ID,
  title: t.text("analysis.disclose_form.title"),
  submitLabel: t.text("analysis.disclose_form.submit"),
  fields: [
    { id: "refs", label: t.text("analysis.disclose_form.refs"), kind: "multiline", maxLength: 3000 },
    { id: "recipient", label: t.text("analysis.disclose_form.recipient"), kind: "select", options: directory.recipients.map((r) => ({ value: r.id, label: r.name })) },
    { id: "purpose", label: t.text("analysis.disclose_form.purpose"), kind: "multiline", maxLength: 1000 },
    { id: "legalBasis", label: t.text("analysis.disclose_form.legal_basis"), kind: "text", optional: true, maxLength: 300 },
    { id: "conditions", label: t.text("analysis.disclose_form.conditions"), kind: "text", optional: true, maxLength: 1000 },
    {
      id: "tlp",
      label: t.text("analysis.disclose_form.tlp"),
      kind: "select",
      optional: true,
      options: TLP_LABELS.map((tlp) => ({ value: tlp, label: `TLP:${tlp}` })),
    },
    { id: "deadline", label: t.text("analysis.disclose_form.deadline"), kind: "text", optional: true, maxLength: 10 },
  ],
});

export const disclosureFromForm = (v: Record<string, string | undefined>): DisclosureInput => ({
  refs: refs(v.refs),
  recipient: v.recipient,
  purpose: v.purpose,
  legalBasis: v.legalBasis,
  conditions: v.conditions,
  tlp: v.tlp,
  deadline: v.deadline,
});

export const denyForm = (t: Translator, askId: number): FormView => ({
  id: DENY_FORM_ID,
  title: t.text("analysis.deny_form.title"),
  submitLabel: t.text("analysis.deny_form.submit"),
  metadata: String(askId),
  fields: [{ id: "reason", label: t.text("analysis.deny_form.reason"), kind: "multiline", maxLength: 1000 }],
});

/** The consent question a Deny button's value names, or undefined if the value is not an id. */
export function denyAskId(value: string): number | undefined {
  const askId = Number(value);
  return /^\d+$/.test(value) && Number.isSafeInteger(askId) && askId > 0 ? askId : undefined;
}
