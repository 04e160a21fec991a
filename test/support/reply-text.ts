import type { AuditEntry } from "../../src/core/audit/chain.js";
import type { Block, Inline, MessageView, Reply } from "../../src/core/views/message.js";
import { auditEntries, type MemoryStore } from "./memory-store.js";

/** Reading the core's neutral replies and the audit log in core tests. */
export function view(reply: Reply): MessageView {
  if (reply.kind !== "message") throw new Error(`expected a message, got a ${reply.kind}`);
  return reply.view;
}

const inline = (part: Inline): string => (typeof part === "string" ? part : "code" in part ? part.code : part.strong);
export const line = (parts: Inline[]) => parts.map(inline).join("");

export function blockText(block: Block): string {
  switch (block.kind) {
    case "heading":
      return block.text;
    case "paragraph":
    case "notice":
      return line(block.content);
    case "list":
      return block.items.map(line).join("\n");
    case "fields":
      return block.fields.map((f) => `${f.label}: ${line(f.value)}`).join("\n");
    case "actions":
      return block.actions.map((a) => `[${a.label}]`).join(" ");
  }
}

/** Everything a reader is shown, as plain text. */
export const textOfView = (v: MessageView): string => [v.summary, ...v.blocks.map(blockText)].join("\n");
export const textOf = (reply: Reply): string => textOfView(view(reply));

/** The stable code of a refusal, or undefined when the reply is no refusal. */
export function refusalCode(reply: Reply): string | undefined {
  const first = view(reply).blocks[0];
  return first?.kind === "notice" && first.tone === "error" ? first.code : undefined;
}

export const details = (entry: AuditEntry) => JSON.parse(entry.details) as Record<string, unknown>;

export async function entriesWith(store: MemoryStore, action: string): Promise<AuditEntry[]> {
  return (await auditEntries(store)).filter((e) => e.action === action);
}
