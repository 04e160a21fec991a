import { parseOptions } from "../commands/parse-options.js";
import { PARTIES, type PartyCode } from "../covenant/parties.js";
import { fileToAsker, platformOf } from "../use-cases/asker-file.js";
import type { CommandContext } from "../use-cases/context.js";
import { message, refusal, type Reply } from "../views/message.js";
import { exportedEvent, partyExport } from "./export-items.js";
import type { FileFormat } from "./types.js";

/** A file sent through the chat has to fit in one outbox row and one upload. */
export const CHAT_EXPORT_MAX_BYTES = 8 * 1024 * 1024;

const FORMATS: readonly FileFormat[] = ["stix", "misp", "csv"];
const EXTENSION: Record<FileFormat, string> = { stix: "stix.json", misp: "misp.json", csv: "csv" };
const NAME: Record<FileFormat, string> = { stix: "a STIX 2.1 bundle", misp: "a MISP event", csv: "a CSV file" };

/**
 * `/ciic export [format:stix|misp|csv]` (Art 5.2): what the member's party supplied — the current
 * version of each item — as a file in their direct messages, in the form their tools read. The
 * same export as `ciic export` on the server, read inside the command's transaction; one audit
 * entry records the count and the SHA-256 of exactly what was sent.
 */
export async function exportCommand(ctx: CommandContext, text: string): Promise<Reply> {
  const { tx, member, now } = ctx;
  const refuse = async (code: string, reason: string) => {
    await tx.audit.append([{ action: "export.refused", actor: member.id, details: { code } }], now);
    return refusal(code, reason);
  };
  const { options, problems, rest } = parseOptions(text, { format: "format" });
  const format = (options.get("format")?.toLowerCase() ?? "stix") as FileFormat;
  if (problems.length > 0 || rest.trim() !== "" || !FORMATS.includes(format)) {
    return refuse("export.usage", "Nothing was exported: use `/ciic export [format:stix|misp|csv]` (STIX 2.1 when no format is named).");
  }
  // The access table admits members of supplying parties only.
  const party = member.party as PartyCode;
  const exported = partyExport(tx.items, party, format, now);
  let content = "";
  for await (const chunk of exported.chunks) {
    content += chunk;
    if (content.length > CHAT_EXPORT_MAX_BYTES) {
      return refuse(
        "export.too_large",
        `Your party's items are too many for a file through the chat (more than ${CHAT_EXPORT_MAX_BYTES / 1024 / 1024} MB), so nothing was sent. On the bot's server, \`ciic export --as ${member.id} --format ${format} --out <file>\` writes them to a file of any size.`,
      );
    }
  }
  const result = exported.done();
  if (result.items === 0) {
    await tx.audit.append([exportedEvent(member.id, party, format, result, platformOf(ctx))], now);
    return message(`${party} has supplied no items yet, so there is nothing to export.`, [{ kind: "paragraph", content: [`${party} has supplied no items yet, so there is nothing to export.`] }]);
  }
  const fileName = `ciic-${party.toLowerCase()}-items-${now.toISOString().slice(0, 10)}.${EXTENSION[format]}`;
  const summary = `${result.items} items ${party} supplied (${PARTIES[party].name}), as ${NAME[format]}; SHA-256 ${result.sha256}.`;
  const files = fileToAsker(ctx, { fileName, content, summary });
  if (files.length === 0) return refuse("export.no_direct_messages", "The bot cannot reach your direct messages on this platform, so nothing was sent.");
  await tx.outbox.enqueue(files, now);
  await tx.audit.append([exportedEvent(member.id, party, format, result, platformOf(ctx))], now);
  return message(`${result.items} items are on their way to your direct messages as ${fileName}.`, [
    { kind: "paragraph", content: [`The ${result.items} items ${party} supplied (their current versions) are on their way to your direct messages as `, { code: fileName }, "."] },
    { kind: "paragraph", content: ["SHA-256 of the file: ", { code: result.sha256 }, ". The export is recorded in the audit log with the same digest."] },
  ]);
}
