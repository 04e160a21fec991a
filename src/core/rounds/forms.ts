import type { Translator } from "../i18n/translator.js";
import type { FormView } from "../views/message.js";
import { MAX_ROUND_TEXT } from "./check-text.js";
import type { RoundAskEvent } from "./round-state.js";
import { formatRoundId } from "./types.js";

/**
 * The rounds' two forms. The draft form serves a new communication, a new amendment and a changed
 * draft (its metadata says which); the note form asks why a party objects, or which changes the
 * NCTV wants, before that answer is given (its metadata is the button's "<ask id>:<event>").
 */
export const ROUND_DRAFT_FORM_ID = "ciic_round_draft";
export const ROUND_NOTE_FORM_ID = "ciic_round_note";

export type DraftFormPurpose = { kind: "comms" } | { kind: "amendment" } | { revise: number; text: string };

export function roundDraftForm(t: Translator, purpose: DraftFormPurpose): FormView {
  if ("revise" in purpose) {
    return {
      id: ROUND_DRAFT_FORM_ID,
      title: t.text("rounds.form.revise_title", { id: formatRoundId("comms", purpose.revise) }),
      submitLabel: t.text("rounds.form.revise_submit"),
      metadata: `revise:${purpose.revise}`,
      fields: [{ id: "text", label: t.text("rounds.form.revise_text"), kind: "multiline", maxLength: MAX_ROUND_TEXT, initial: purpose.text }],
    };
  }
  const kind = purpose.kind;
  return {
    id: ROUND_DRAFT_FORM_ID,
    title: t.text("rounds.form.title", { kind }),
    submitLabel: t.text("rounds.form.submit", { kind }),
    metadata: kind,
    fields: [{ id: "text", label: t.text("rounds.form.text", { kind }), kind: "multiline", maxLength: MAX_ROUND_TEXT }],
  };
}

const NOTE_EVENTS: readonly RoundAskEvent[] = ["object", "request_changes"];

/** Reads "<ask id>:<event>" from a button or form; undefined when it is no round answer. */
export function parseAnswerValue(value: string): { askId: number; event: RoundAskEvent } | undefined {
  const match = /^(\d{1,12}):(agree|object|coordinate|not_concerned|request_changes)$/.exec(value);
  if (!match) return undefined;
  const askId = Number(match[1]);
  return Number.isSafeInteger(askId) && askId > 0 ? { askId, event: match[2] as RoundAskEvent } : undefined;
}

/** The form behind a `round.note` button, in the clicker's language; undefined for a value that needs no note. */
export function roundNoteForm(t: Translator, value: string): FormView | undefined {
  const answer = parseAnswerValue(value);
  if (!answer || !NOTE_EVENTS.includes(answer.event)) return undefined;
  const event = answer.event;
  return {
    id: ROUND_NOTE_FORM_ID,
    title: t.text("rounds.form.note_title", { event }),
    submitLabel: t.text("rounds.form.note_submit", { event }),
    metadata: value,
    fields: [{ id: "note", label: t.text("rounds.form.note_text", { event }), kind: "multiline", maxLength: 1000 }],
  };
}

/**
 * The form a submission claims to answer, rebuilt from its id and metadata alone, for adapters
 * that check submitted values against the form (the draft's earlier text is not needed for that).
 */
export function roundFormDefinition(t: Translator, formId: string, metadata: string): FormView | undefined {
  if (formId === ROUND_NOTE_FORM_ID) return roundNoteForm(t, metadata);
  if (formId !== ROUND_DRAFT_FORM_ID) return undefined;
  if (metadata === "comms" || metadata === "amendment") return roundDraftForm(t, { kind: metadata });
  const revise = /^revise:(\d{1,12})$/.exec(metadata);
  return revise ? roundDraftForm(t, { revise: Number(revise[1]), text: "" }) : undefined;
}
