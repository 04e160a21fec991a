import { parseOptions } from "../commands/parse-options.js";
import { PARTIES, type PartyCode } from "../covenant/parties.js";
import { fileToAsker } from "../use-cases/asker-file.js";
import type { CommandContext } from "../use-cases/context.js";
import { message, refusal, type Reply } from "../views/message.js";
import { exportedEvent, partyExport } from "./export-items.js";
import type { FileFormat } from "./types.js";

/** A file sent through the chat has to fit in one outbox row and one upload. */
export const CHAT_EXPORT_MAX_BYTES = 8 * 1024 * 1024;

const FORMATS: readonly FileFormat[] = ["stix", "misp", "csv"];
const EXTENSION: Record<FileFormat, string> = { stix: "stix.json", misp: "misp.json", csv: "csv" };

/**
 * `/ciic export [format:stix|misp|csv]` (Art 5.2): what the member's party supplied — the current
 * version of each item — as a file in their direct messages, in the form their tools read. The
 * same export as `ciic export` on the server, read inside the command's transaction; one audit
 * entry records the count and the SHA-256 of exactly what was sent.
 */
export async function exportCommand(ctx: CommandContext, text: string): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  const refuse = async (code: string, reason: string) => {
    await tx.audit.append([{ action: "export.refused", actor: member.id, details: { code } }], now);
    return refusal(code, reason);
  };
  const { options, problems, rest } = parseOptions(text, { format: "format" });
  const format = (options.get("format")?.toLowerCase() ?? "stix") as FileFormat;
  if (problems.length > 0 || rest.trim() !== "" || !FORMATS.includes(format)) {
    return refuse("export.usage", t.text("formats.export.usage"));
  }
  // The access table admits members of supplying parties only.
  const party = member.party as PartyCode;
  const exported = partyExport(tx.items, party, format, now);
  let content = "";
  for await (const chunk of exported.chunks) {
    content += chunk;
    if (content.length > CHAT_EXPORT_MAX_BYTES) {
      return refuse("export.too_large", t.text("formats.export.too_large", { max: CHAT_EXPORT_MAX_BYTES / 1024 / 1024, member: member.id, format }));
    }
  }
  const result = exported.done();
  if (result.items === 0) {
    await tx.audit.append([exportedEvent(member.id, party, format, result, ctx.platform)], now);
    const nothing = t.text("formats.export.nothing", { party });
    return message(nothing, [{ kind: "paragraph", content: [nothing] }]);
  }
  const fileName = `ciic-${party.toLowerCase()}-items-${now.toISOString().slice(0, 10)}.${EXTENSION[format]}`;
  const summary = t.text("formats.export.file_summary", { count: result.items, party, name: PARTIES[party].name, as: t.text("formats.export.as", { format }), sha256: result.sha256 });
  const files = fileToAsker(ctx, { fileName, content, summary });
  if (files.length === 0) return refuse("export.no_direct_messages", t.text("formats.export.no_direct_messages"));
  await tx.outbox.enqueue(files, now);
  await tx.audit.append([exportedEvent(member.id, party, format, result, ctx.platform)], now);
  return message(t.text("formats.export.sent_summary", { count: result.items, file: fileName }), [
    { kind: "paragraph", content: t.inline("formats.export.sent", { count: result.items, party, file: fileName }) },
    { kind: "paragraph", content: t.inline("formats.export.digest", { sha256: result.sha256 }) },
  ]);
}
