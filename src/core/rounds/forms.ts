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

export function roundDraftForm(purpose: DraftFormPurpose): FormView {
  if ("revise" in purpose) {
    return {
      id: ROUND_DRAFT_FORM_ID,
      title: `Change ${formatRoundId("comms", purpose.revise)}`,
      submitLabel: "Ask anew",
      metadata: `revise:${purpose.revise}`,
      fields: [{ id: "text", label: "The changed draft. Every party is asked anew; earlier answers no longer count (Art 10).", kind: "multiline", maxLength: MAX_ROUND_TEXT, initial: purpose.text }],
    };
  }
  const comms = purpose.kind === "comms";
  return {
    id: ROUND_DRAFT_FORM_ID,
    title: comms ? "Draft a communication" : "Propose an amendment",
    submitLabel: comms ? "Ask every party" : "Propose",
    metadata: purpose.kind,
    fields: [
      {
        id: "text",
        label: comms
          ? "The communication to third parties about the cooperation (a press line, a statement, an answer). It goes out only when every party agreed (Art 10)."
          : "The amendment of the covenant. It is adopted only with the consent of every party (Art 13).",
        kind: "multiline",
        maxLength: MAX_ROUND_TEXT,
      },
    ],
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

/** The form behind a `round.note` button; undefined for a value that needs no note. */
export function roundNoteForm(value: string): FormView | undefined {
  const answer = parseAnswerValue(value);
  if (!answer || !NOTE_EVENTS.includes(answer.event)) return undefined;
  const changes = answer.event === "request_changes";
  return {
    id: ROUND_NOTE_FORM_ID,
    title: changes ? "Request changes" : "Say why",
    submitLabel: changes ? "Send to the author" : "Object",
    metadata: value,
    fields: [
      {
        id: "note",
        label: changes ? "Which changes does the NCTV ask for? The author sees this note." : "Why does your party not agree? The author sees this reason.",
        kind: "multiline",
        maxLength: 1000,
      },
    ],
  };
}

/**
 * The form a submission claims to answer, rebuilt from its id and metadata alone, for adapters
 * that check submitted values against the form (the draft's earlier text is not needed for that).
 */
export function roundFormDefinition(formId: string, metadata: string): FormView | undefined {
  if (formId === ROUND_NOTE_FORM_ID) return roundNoteForm(metadata);
  if (formId !== ROUND_DRAFT_FORM_ID) return undefined;
  if (metadata === "comms" || metadata === "amendment") return roundDraftForm({ kind: metadata });
  const revise = /^revise:(\d{1,12})$/.exec(metadata);
  return revise ? roundDraftForm({ revise: Number(revise[1]), text: "" }) : undefined;
}
