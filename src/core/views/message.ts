import type { Language } from "../i18n/language.js";

/**
 * Neutral view models: what the core wants to show, with no platform's markup. Each adapter
 * renders them (Block Kit for Slack, Markdown for Mattermost, HTML for the local workspace) and
 * enforces its platform's size limits there.
 */

/** A run of inline content. Text is literal: renderers escape it for their platform. */
export type Inline = string | { code: string } | { strong: string };

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; content: Inline[] }
  /** A list that a renderer may cut short; it then says how many items it left out. */
  | { kind: "list"; items: Inline[][] }
  | { kind: "fields"; fields: { label: string; value: Inline[] }[] }
  /** `code` is the stable refusal code, shown small so that support can recognise it. */
  | { kind: "notice"; tone: "info" | "warning" | "error"; content: Inline[]; code?: string }
  /** Buttons. `action` names what the core does on a click; `value` says on what. */
  | { kind: "actions"; actions: Action[] };

export interface Action {
  action: string;
  label: string;
  value: string;
  style?: "primary" | "danger";
}

export interface MessageView {
  /** One line that stands for the whole message in notifications and text-only clients. */
  summary: string;
  blocks: Block[];
  /**
   * The language it is written in, when a view was written for a reader: a later update of its
   * topic replaces it with the view in the same language (outbox/payload.ts).
   */
  language?: Language;
  /**
   * Set when the message refuses what was asked: the refusal's stable code. Adapters and the
   * audit read what happened here, never from the blocks (a form stays open on a refusal).
   */
  refused?: string;
}

export interface FormField {
  id: string;
  label: string;
  kind: "text" | "multiline" | "select";
  optional?: boolean;
  hint?: string;
  placeholder?: string;
  /** In characters. */
  maxLength?: number;
  initial?: string;
  options?: { value: string; label: string }[];
}

export interface FormView {
  /** Stable id the platform echoes back on submission. */
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** Opaque context the platform hands back on submission (e.g. which consent question). */
  metadata?: string;
}

/** What a command produces: a message for the person, or a form to fill in first. */
export type Reply = { kind: "message"; view: MessageView } | { kind: "form"; form: FormView };

export const message = (summary: string, blocks: Block[]): Reply => ({ kind: "message", view: { summary, blocks } });

export const refusal = (code: string, text: string, language?: Language): Reply => ({ kind: "message", view: refusalView(code, text, language) });

/** A refusal as a view: its text as an error notice that shows the code, and the code as its outcome. */
export const refusalView = (code: string, text: string, language?: Language): MessageView => ({
  summary: text,
  blocks: [{ kind: "notice", tone: "error", content: [text], code }],
  ...(language ? { language } : {}),
  refused: code,
});

/** A message as plain lines, for places that take no formatting (a form's error text). */
export function plainText(view: MessageView, maxLines = 12): string {
  const inline = (content: Inline[]) => content.map((p) => (typeof p === "string" ? p : "code" in p ? p.code : p.strong)).join("");
  const lines: string[] = [];
  for (const block of view.blocks) {
    if (block.kind === "paragraph" || block.kind === "notice") lines.push(inline(block.content));
    else if (block.kind === "list") lines.push(...block.items.map((item) => `• ${inline(item)}`));
  }
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines) shown.push(`…and ${lines.length - maxLines} more`);
  return shown.join("\n");
}

/** Joins reasons into one sentence's worth: "a; b; c", without doubled full stops. */
export const joinReasons = (reasons: readonly string[]): string => reasons.map((r) => r.trim().replace(/\.+$/, "")).join("; ");

/**
 * A moment as people in the cell read it in messages, in Amsterdam time with its zone:
 * "2026-11-30 10:00 CET" (English, the default) or "30 nov 2026 10:00 CET" (`"nl"`).
 */
export { formatTime, formatDay, type Language } from "../time/format-time.js";
