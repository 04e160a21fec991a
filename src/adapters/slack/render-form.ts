import type { HomeView, ModalView } from "@slack/types";
import type { FormView, MessageView } from "../../core/views/message.js";
import { clip } from "./escape.js";
import { SLACK_LIMITS, renderMessage } from "./render-message.js";

const plain = (text: string, limit: number) => ({ type: "plain_text" as const, text: clip(text, limit) });

/** A neutral form as a Slack modal; each field is one input block whose block_id is the field id. */
export function renderForm(form: FormView): ModalView {
  const view = {
    type: "modal" as const,
    callback_id: form.id,
    private_metadata: form.metadata ?? "",
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    close: plain("Cancel", 24),
    blocks: form.fields.map((field) => {
      const element =
        field.kind === "select"
          ? {
              type: "static_select",
              action_id: "value",
              options: (field.options ?? []).slice(0, 100).map((o) => ({ text: plain(o.label, 75), value: o.value })),
              ...(field.initial
                ? { initial_option: { text: plain(field.options?.find((o) => o.value === field.initial)?.label ?? field.initial, 75), value: field.initial } }
                : {}),
            }
          : {
              type: "plain_text_input",
              action_id: "value",
              multiline: field.kind === "multiline",
              ...(field.maxLength ? { max_length: Math.min(field.maxLength, 3000) } : {}),
              ...(field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {}),
              ...(field.initial ? { initial_value: field.initial } : {}),
            };
      return {
        type: "input",
        block_id: field.id,
        optional: Boolean(field.optional),
        label: plain(field.label, 2000),
        ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
        element,
      };
    }),
  };
  // The element shapes are built field by field above; Slack's own check is the fake's in tests.
  return view as ModalView;
}

/** A result shown in place of the form once it was submitted. */
export function renderResultModal(title: string, view: MessageView): ModalView {
  return {
    type: "modal" as const,
    title: plain(title, 24),
    close: plain("Close", 24),
    blocks: renderMessage(view, SLACK_LIMITS.modalBlocks).blocks as unknown as ModalView["blocks"],
  };
}

/** The App Home tab: the same overview as `/ciic requests`. */
export function renderHome(view: MessageView): HomeView {
  return { type: "home", blocks: renderMessage(view, SLACK_LIMITS.modalBlocks).blocks as unknown as HomeView["blocks"] };
}

type StateValues = Record<string, Record<string, { type?: string; value?: string | null; selected_option?: { value: string } | null }>>;

/** Reads a submitted modal back into field id → value. */
export function readForm(values: StateValues): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const action = actions.value;
    if (!action) continue;
    out[blockId] = action.selected_option?.value ?? action.value ?? undefined;
  }
  return out;
}
