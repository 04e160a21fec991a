import type { Inline, MessageView } from "../core/views/message.js";

const inline = (content: Inline[]) => content.map((p) => (typeof p === "string" ? p : "code" in p ? p.code : p.strong)).join("");

/** A neutral message view as plain lines for a terminal. */
export function viewText(view: MessageView): string {
  const lines: string[] = [];
  for (const block of view.blocks) {
    if (block.kind === "heading") lines.push("", block.text, "-".repeat(Math.min(block.text.length, 72)));
    else if (block.kind === "paragraph" || block.kind === "notice") lines.push(inline(block.content));
    else if (block.kind === "list") lines.push(...block.items.map((item) => `  • ${inline(item)}`));
    else if (block.kind === "fields") lines.push(...block.fields.map((f) => `  ${f.label}: ${inline(f.value)}`));
  }
  return `${lines.join("\n").replace(/^\n/, "")}\n`;
}
