import { TLP_LABELS } from "../covenant/tlp.js";
import { tokenise } from "../indicators/index.js";
import type { Directory } from "../directory/types.js";
import type { FormView } from "../views/message.js";
import type { DisclosureInput } from "./request-disclosure.js";
import type { AnalysisInput } from "./write-analysis.js";

/** Forms behind bare `/ciic analysis` and `/ciic disclose`, and the reason asked on Deny. */
export const ANALYSIS_FORM_ID = "ciic_write_analysis";
export const DISCLOSURE_FORM_ID = "ciic_request_disclosure";
export const DENY_FORM_ID = "ciic_consent_deny";

/** References are read like pasted indicators: any separator, Slack markup, defanged forms. */
const refs = (text: string | undefined) => tokenise(text ?? "");

export const analysisForm = (): FormView => ({
  id: ANALYSIS_FORM_ID,
  title: "Write an analysis",
  submitLabel: "Record",
  fields: [
    { id: "title", label: "Title", kind: "text", maxLength: 200 },
    { id: "refs", label: "Items it builds on (ids such as I-42, or values)", kind: "multiline", maxLength: 3000 },
    { id: "body", label: "Analysis", kind: "multiline", maxLength: 3000 },
  ],
});

export const analysisFromForm = (v: Record<string, string | undefined>): AnalysisInput => ({ title: v.title, body: v.body, refs: refs(v.refs) });

export const disclosureForm = (directory: Directory): FormView => ({
  id: DISCLOSURE_FORM_ID,
  title: "Request disclosure",
  submitLabel: "Ask consent",
  fields: [
    { id: "refs", label: "What to disclose (item ids, values, or one analysis id such as A-3)", kind: "multiline", maxLength: 3000 },
    { id: "recipient", label: "Recipient", kind: "select", options: directory.recipients.map((r) => ({ value: r.id, label: r.name })) },
    { id: "purpose", label: "Purpose", kind: "multiline", maxLength: 1000 },
    { id: "legalBasis", label: "Legal basis (empty: Wiv 2017, covenant Art 7)", kind: "text", optional: true, maxLength: 300 },
    { id: "conditions", label: "Conditions (e.g. not to be passed on)", kind: "text", optional: true, maxLength: 1000 },
    {
      id: "tlp",
      label: "TLP for the recipient (empty: the strictest label of the items)",
      kind: "select",
      optional: true,
      options: TLP_LABELS.map((t) => ({ value: t, label: `TLP:${t}` })),
    },
    { id: "deadline", label: "Deadline (YYYY-MM-DD; empty: the default)", kind: "text", optional: true, maxLength: 10 },
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

export const denyForm = (askId: number): FormView => ({
  id: DENY_FORM_ID,
  title: "Deny consent",
  submitLabel: "Deny",
  metadata: String(askId),
  fields: [{ id: "reason", label: "Why does your party deny? The requester sees this reason.", kind: "multiline", maxLength: 1000 }],
});

/** The reason form a Deny button opens, from the button's value (the consent question's id); undefined if that is not an id. */
export function denyFormFor(value: string): FormView | undefined {
  const askId = Number(value);
  return /^\d+$/.test(value) && Number.isSafeInteger(askId) && askId > 0 ? denyForm(askId) : undefined;
}
