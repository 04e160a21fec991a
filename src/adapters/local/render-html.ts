import type { TextKey } from "../../core/i18n/catalogue/index.js";
import type { Translator } from "../../core/i18n/translator.js";
import type { DeliveredMessage } from "../../core/outbox/outbound.js";
import type { Block, FormView, Inline, MessageView } from "../../core/views/message.js";
import { ICONS } from "./icons.js";

/**
 * The core's neutral views as HTML fragments, rendered on the server so that the page only
 * inserts them. Everything that comes from the core or from people — indicator values, names,
 * purposes, reasons — is escaped here; nothing reaches the page as markup it did not come as.
 * What the workspace itself writes around them (icons' labels, a form's Cancel, times) is in the
 * reader's language: each renderer takes the reader's Translator.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and for quoted attribute values alike. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** A list longer than this is cut, saying how much was left out; releases come in parts of 100 anyway. */
const MAX_LIST_ITEMS = 1000;

/**
 * The core writes commands into its sentences between backticks ("type `/ciic help`"), which
 * Slack and Mattermost show as code; here they become code spans too.
 */
const textWithCode = (text: string): string =>
  text
    .split(/`([^`\n]+)`/)
    .map((piece, i) => (i % 2 === 1 ? `<code>${escapeHtml(piece)}</code>` : escapeHtml(piece)))
    .join("");

/** View content (text, code, bold) as HTML; also the page's own texts with code or bold in them. */
export function inline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === "string") return textWithCode(part);
      // The style sheet isolates code spans' direction, so that text around a value cannot reorder it.
      if ("code" in part) return `<code>${escapeHtml(part.code)}</code>`;
      return `<strong>${escapeHtml(part.strong)}</strong>`;
    })
    .join("");
}

const NOTICE = {
  error: { icon: ICONS.error, role: "alert", label: "workspace.notice.error" },
  warning: { icon: ICONS.warning, role: "status", label: "workspace.notice.warning" },
  info: { icon: ICONS.info, role: "status", label: "workspace.notice.info" },
} as const satisfies Record<string, { icon: string; role: string; label: TextKey }>;

function block(b: Block, t: Translator): string {
  switch (b.kind) {
    case "heading":
      return `<h3 class="m-heading">${escapeHtml(b.text)}</h3>`;
    case "paragraph":
      return `<p class="m-paragraph">${inline(b.content)}</p>`;
    case "list": {
      const shown = b.items.slice(0, MAX_LIST_ITEMS).map((item) => `<li>${inline(item)}</li>`);
      const more = b.items.length > MAX_LIST_ITEMS ? `<li class="m-more">${escapeHtml(t.text("workspace.list_more", { count: b.items.length - MAX_LIST_ITEMS }))}</li>` : "";
      return `<ul class="m-list">${shown.join("")}${more}</ul>`;
    }
    case "fields":
      return `<dl class="m-fields">${b.fields.map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${inline(f.value)}</dd></div>`).join("")}</dl>`;
    case "notice": {
      const n = NOTICE[b.tone];
      const code = b.code ? ` <small class="m-code">code <code>${escapeHtml(b.code)}</code></small>` : "";
      return `<div class="m-notice m-${b.tone}" role="${n.role}"><span class="m-icon" role="img" aria-label="${escapeHtml(t.text(n.label))}">${n.icon}</span> ${inline(b.content)}${code}</div>`;
    }
    case "actions":
      return `<div class="m-actions">${b.actions
        .map(
          (a) =>
            `<button type="button" class="ciic-action${a.style ? ` m-${a.style}` : ""}" data-action="${escapeHtml(a.action)}" data-value="${escapeHtml(a.value)}">${escapeHtml(a.label)}</button>`,
        )
        .join("")}</div>`;
  }
}

/** A message; one without blocks (a file's caption) shows its summary. */
export function renderMessage(view: MessageView, t: Translator): string {
  const body = view.blocks.length > 0 ? view.blocks.map((b) => block(b, t)).join("") : `<p class="m-paragraph">${escapeHtml(view.summary)}</p>`;
  return `<div class="m-view">${body}</div>`;
}

/** A failure or a refusal of the workspace itself, already in the reader's words. */
export const renderFailure = (t: Translator, content: string | readonly Inline[]): string => {
  const parts = typeof content === "string" ? [content] : [...content];
  return renderMessage({ summary: parts.map((p) => (typeof p === "string" ? p : "code" in p ? p.code : p.strong)).join(""), blocks: [{ kind: "notice", tone: "error", content: parts }] }, t);
};

/**
 * A neutral form as an HTML form. The browser enforces what Slack's modals enforce (required
 * fields, lengths, the listed options); the server checks the same again on submission.
 */
export function renderForm(form: FormView, t: Translator): string {
  const fields = form.fields.map((field) => {
    const id = `ff-${escapeHtml(field.id)}`;
    const name = escapeHtml(field.id);
    const required = field.optional ? "" : " required";
    const maxLength = field.maxLength ? ` maxlength="${field.maxLength}"` : "";
    const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : "";
    const described = field.hint ? ` aria-describedby="${id}-hint"` : "";
    let control: string;
    if (field.kind === "select") {
      const options = (field.options ?? []).map(
        (o) => `<option value="${escapeHtml(o.value)}"${o.value === field.initial ? " selected" : ""}>${escapeHtml(o.label)}</option>`,
      );
      const empty = field.optional || !field.initial ? `<option value=""${field.initial ? "" : " selected"}>${escapeHtml(t.text(field.optional ? "workspace.form.none" : "workspace.form.choose"))}</option>` : "";
      control = `<select id="${id}" name="${name}"${required}${described}>${empty}${options.join("")}</select>`;
    } else if (field.kind === "multiline") {
      control = `<textarea id="${id}" name="${name}" rows="4"${required}${maxLength}${placeholder}${described}>${escapeHtml(field.initial ?? "")}</textarea>`;
    } else {
      control = `<input id="${id}" name="${name}" type="text" value="${escapeHtml(field.initial ?? "")}"${required}${maxLength}${placeholder}${described}>`;
    }
    const optional = field.optional ? ` <span class="f-optional">${escapeHtml(t.text("workspace.optional"))}</span>` : "";
    const hint = field.hint ? `<p class="f-hint" id="${id}-hint">${escapeHtml(field.hint)}</p>` : "";
    return `<div class="f-field"><label for="${id}">${escapeHtml(field.label)}${optional}</label>${control}${hint}</div>`;
  });
  return (
    `<form class="ciic-form" data-form-id="${escapeHtml(form.id)}" data-metadata="${escapeHtml(form.metadata ?? "")}" data-title="${escapeHtml(form.title)}">` +
    `<h2 id="form-title">${escapeHtml(form.title)}</h2><div class="f-error" role="alert" hidden></div>${fields.join("")}` +
    `<div class="f-buttons"><button type="button" class="f-cancel">${escapeHtml(t.text("workspace.form.cancel"))}</button><button type="submit" class="m-primary">${escapeHtml(form.submitLabel)}</button></div></form>`
  );
}

/**
 * What a person's direct messages or a channel hold, newest first, for the reader `t` (times in
 * Amsterdam time, as their language writes them). A replaced message says so, and a delivered
 * file is offered for download from `fileUrl`.
 */
export function renderDelivered(messages: readonly DeliveredMessage[], fileUrl: (id: number) => string, t: Translator): string {
  if (messages.length === 0) return `<p class="empty">${escapeHtml(t.text("workspace.inbox.empty"))}</p>`;
  const items = messages.map((m) => {
    const updated = m.updatedAt ? ` · <span class="d-updated">${escapeHtml(t.text("workspace.inbox.updated", { time: t.time(m.updatedAt) }))}</span>` : "";
    const size = escapeHtml(t.text("workspace.inbox.size", { bytes: m.file?.content.length ?? 0 }));
    const file = m.file
      ? `<p class="d-file"><span class="m-icon" role="img" aria-label="${escapeHtml(t.text("workspace.inbox.file"))}">${ICONS.file}</span> <a href="${escapeHtml(fileUrl(m.id))}" download="${escapeHtml(m.file.fileName)}">${escapeHtml(m.file.fileName)}</a> (${size})</p>`
      : "";
    return `<li class="delivered" data-id="${m.id}"><div class="d-meta"><time datetime="${m.sentAt.toISOString()}">${escapeHtml(t.time(m.sentAt))}</time>${updated}</div>${renderMessage(m.view, t)}${file}</li>`;
  });
  return `<ol class="inbox">${items.join("")}</ol>`;
}
