import type { AuditEntry } from "../../src/core/audit/chain.js";
import type { Block, Inline, MessageView, Reply } from "../../src/core/views/message.js";
import { auditEntries, type TestStore } from "./test-store.js";

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
/**
 * The refusal code a reply carries as its outcome (`refused`), checked against what the person
 * sees: a refusal opens with an error notice showing that code, and nothing else does.
 */
export function refusalCode(reply: Reply): string | undefined {
  const shown = view(reply);
  const first = shown.blocks[0];
  const notice = first?.kind === "notice" && first.tone === "error" ? first.code : undefined;
  if (notice !== shown.refused) throw new Error(`the reply shows the refusal ${notice} but its outcome says ${shown.refused}`);
  return shown.refused;
}

export const details = (entry: AuditEntry) => JSON.parse(entry.readable) as Record<string, unknown>;

export async function entriesWith(store: TestStore, action: string): Promise<AuditEntry[]> {
  return (await auditEntries(store)).filter((e) => e.action === action);
}
