import type { FormField, FormView } from "../../core/views/message.js";

/**
 * Mattermost's limits on interactive dialogs (server model/integration_action.go). The server
 * counts bytes, not characters, so every cut here is by UTF-8 bytes.
 */
export const DIALOG_LIMITS = { title: 24, displayName: 24, name: 300, helpText: 150, text: 150, textarea: 3000, select: 3000 } as const;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** Cuts to at most `limit` bytes, at a word where there is one, marking the cut. */
function clipBytes(text: string, limit: number): string {
  if (bytes(text) <= limit) return text;
  let out = "";
  for (const ch of text) {
    if (bytes(out + ch) > limit - bytes("…")) break;
    out += ch;
  }
  const space = out.lastIndexOf(" ");
  return `${(space > out.length / 2 ? out.slice(0, space) : out).trimEnd()}…`;
}

/**
 * A field's name in the dialog must fit 24 bytes, so a long label is shown short and said in
 * full in the help text: "Reliability (Admiralty code, e.g. B2)" becomes "Reliability" with
 * "Admiralty code, e.g. B2" below it.
 */
function labelAndHelp(field: FormField): { display: string; help: string } {
  const [head, ...rest] = field.label.split(" (");
  const aside = rest.join(" (").replace(/\)$/, "");
  let display: string;
  let said: string;
  if (bytes(head) <= DIALOG_LIMITS.displayName) {
    display = head;
    said = aside;
  } else {
    const sentence = /^[^?.:]*[?.:]/.exec(head)?.[0] ?? head;
    const bare = sentence.replace(/[?.:]$/, "");
    display = bytes(sentence) <= DIALOG_LIMITS.displayName ? sentence : bytes(bare) <= DIALOG_LIMITS.displayName ? bare : clipBytes(head, DIALOG_LIMITS.displayName);
    said = field.label;
  }
  const help = [said, field.hint].filter(Boolean).join(" — ");
  return { display, help: clipBytes(help, DIALOG_LIMITS.helpText) };
}

function element(field: FormField): Record<string, unknown> {
  const { display, help } = labelAndHelp(field);
  const common = { display_name: display, name: field.id, optional: Boolean(field.optional), help_text: help };
  if (field.kind === "select") {
    const options = (field.options ?? []).map((o) => ({ text: o.label, value: o.value }));
    const initial = options.some((o) => o.value === field.initial) ? field.initial! : "";
    return { ...common, type: "select", options, default: initial, placeholder: clipBytes(field.placeholder ?? "", DIALOG_LIMITS.select) };
  }
  // A single-line field takes 150 characters in Mattermost; a longer answer needs a textarea.
  const type = field.kind === "multiline" || (field.maxLength ?? 0) > DIALOG_LIMITS.text ? "textarea" : "text";
  const max = DIALOG_LIMITS[type];
  return {
    ...common,
    type,
    min_length: 0,
    max_length: Math.min(field.maxLength ?? max, max),
    placeholder: clipBytes(field.placeholder ?? "", max),
    default: field.initial ?? "",
  };
}

/** A neutral form as a Mattermost interactive dialog (the `dialog` of /actions/dialogs/open). */
export function renderDialog(form: FormView, state: string): Record<string, unknown> {
  return {
    callback_id: form.id,
    title: clipBytes(form.title, DIALOG_LIMITS.title),
    elements: form.fields.map(element),
    submit_label: form.submitLabel,
    notify_on_cancel: false,
    state,
  };
}

/**
 * A dialog's submission back into field id → value. Empty answers count as not given, as in the
 * other adapters; a value of another type (a checkbox) is read as text.
 */
export function readSubmission(submission: unknown): Record<string, string | undefined> | undefined {
  if (typeof submission !== "object" || submission === null || Array.isArray(submission)) return undefined;
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(submission)) {
    if (value === null || value === undefined || value === "") out[name] = undefined;
    else if (typeof value === "string") out[name] = value;
    else if (typeof value === "number" || typeof value === "boolean") out[name] = String(value);
    else return undefined;
  }
  return out;
}
