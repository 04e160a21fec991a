import type { OutboundMessage } from "../outbox/outbound.js";
import type { CommandContext } from "./context.js";

/**
 * A file for the member who asked (its summary written in their language, `ctx.t`), in their direct messages on the platform they asked from
 * (where they are reading now; a copy to another platform could wait there unsent).
 */
export function fileToAsker(ctx: CommandContext, file: { fileName: string; content: string; summary: string }): OutboundMessage[] {
  const { platform } = ctx;
  const id = ctx.member.accounts[platform];
  if (!id) return [];
  return [{ kind: "file", to: { platform, kind: "user", id }, fileName: file.fileName, content: file.content, view: { summary: file.summary, blocks: [{ kind: "paragraph", content: [file.summary] }], language: ctx.t.language } }];
}
