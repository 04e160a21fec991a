import { fileToAsker, platformOf } from "../use-cases/asker-file.js";
import type { CommandContext } from "../use-cases/context.js";
import { message, refusal, type Reply } from "../views/message.js";
import { createArchive, exportedEvent } from "./export-archive.js";

/**
 * A chat upload has to fit in one outbox row and one upload: the whole record goes by chat only
 * while it is small. Larger records are for `ciic oversight export`, which streams to a file.
 */
export const CHAT_ARCHIVE_MAX_LINES = 20_000;
export const CHAT_ARCHIVE_MAX_BYTES = 8 * 1024 * 1024;

const CLI_HINT = "On the bot's server, `ciic oversight export <file>` writes the whole record to a file of any size, and `ciic oversight verify <file>` checks it.";

/**
 * `/ciic oversight export`: the oversight committee's auditor gets the whole record — items with
 * every version, analyses, requests, consents, provisions, directory versions, steering records,
 * agreement rounds, OM consultations and the audit log — as a sealed archive in their direct
 * messages (Wiv 2017: the CTIVD sees all data and all logs). Built inside the command's transaction, so it is one consistent view up to
 * the audit head it carries; the export itself is one audit entry.
 */
export async function oversightCommand(ctx: CommandContext, action: string): Promise<Reply> {
  const { tx, member, now } = ctx;
  const refuse = async (code: string, text: string, details: Record<string, unknown> = {}) => {
    await tx.audit.append([{ action: "oversight.export_refused", actor: member.id, details: { code, ...details } }], now);
    return refusal(code, text);
  };
  if (action.trim().toLowerCase() !== "export") {
    return refuse("oversight.unknown_action", `\`/ciic oversight ${action.trim().slice(0, 30)}\` is not a command. \`/ciic oversight export\` sends you the whole record as a verifiable archive. ${CLI_HINT}`);
  }
  const extent = await tx.record.extent();
  const head = await tx.audit.head();
  const lines = Object.values(extent).reduce((n, t) => n + t.count, 0) + head.seq + 2;
  const tooLarge = (size: string) =>
    refuse(
      "oversight.too_large",
      `The record is too large for a chat upload (${size}; a chat archive holds at most ${CHAT_ARCHIVE_MAX_LINES.toLocaleString("en")} lines or ${CHAT_ARCHIVE_MAX_BYTES / 1024 / 1024} MB), so nothing was sent. ${CLI_HINT}`,
      { lines },
    );
  if (lines > CHAT_ARCHIVE_MAX_LINES) return tooLarge(`${lines.toLocaleString("en")} lines`);
  const archive = createArchive({ record: tx.record, audit: tx.audit }, { exportedAt: now, exportedBy: member.id, via: platformOf(ctx) });
  let content = "";
  for await (const chunk of archive.chunks()) {
    content += chunk;
    // Characters, a cheap lower bound of the bytes; the exact count is checked at the end.
    if (content.length > CHAT_ARCHIVE_MAX_BYTES) return tooLarge(`more than ${CHAT_ARCHIVE_MAX_BYTES / 1024 / 1024} MB`);
  }
  const summary = archive.summary();
  if (summary.bytes > CHAT_ARCHIVE_MAX_BYTES) return tooLarge(`more than ${CHAT_ARCHIVE_MAX_BYTES / 1024 / 1024} MB`);
  const fileName = `ciic-oversight-${now.toISOString().slice(0, 10)}-audit-${summary.head.seq}.jsonl`;
  const described = `Oversight archive of the CIIC record up to audit entry ${summary.head.seq} (head ${summary.head.hash}); SHA-256 of the file ${summary.sha256}. Check it with \`ciic oversight verify ${fileName}\`.`;
  const files = fileToAsker(ctx, { fileName, content, summary: described });
  if (files.length === 0) return refuse("oversight.no_direct_messages", "The bot cannot reach your direct messages on this platform, so nothing was sent. " + CLI_HINT);
  await tx.outbox.enqueue(files, now);
  await tx.audit.append([exportedEvent(member.id, platformOf(ctx), summary)], now);
  const c = summary.counts;
  return message(`The oversight archive (${summary.lines} lines, up to audit entry ${summary.head.seq}) is on its way to your direct messages as ${fileName}.`, [
    { kind: "heading", text: "Oversight archive" },
    {
      kind: "paragraph",
      content: [
        `The whole record up to audit entry ${summary.head.seq} is on its way to your direct messages as `,
        { code: fileName },
        ` (${summary.lines} lines, ${(summary.bytes / 1024).toFixed(1)} kB).`,
      ],
    },
    {
      kind: "fields",
      fields: [
        { label: "Items (all versions)", value: [`${c.item}`] },
        { label: "Analyses", value: [`${c.analysis}`] },
        { label: "Disclosure requests", value: [`${c.request}`] },
        { label: "Consent asks", value: [`${c.ask}`] },
        { label: "Provisions", value: [`${c.provision}`] },
        { label: "Directory versions", value: [`${c.directory}`] },
        { label: "Steering meetings, reminders", value: [`${c.meeting}, ${c.reminder}`] },
        { label: "Agreement rounds, asks", value: [`${c.round}, ${c.roundAsk}`] },
        { label: "OM consultations, notes", value: [`${c.consultation}, ${c.consultationNote}`] },
        { label: "Audit entries", value: [`${c.audit}`] },
      ],
    },
    { kind: "paragraph", content: ["Audit head: entry ", { code: `${summary.head.seq}` }, ", hash ", { code: summary.head.hash }] },
    { kind: "paragraph", content: ["SHA-256 of the file: ", { code: summary.sha256 }, ". This export is recorded in the audit log as entry ", { code: `${summary.head.seq + 1}` }, " with the same digest."] },
    { kind: "paragraph", content: ["Check the archive on any machine with the bot's tool: ", { code: `ciic oversight verify ${fileName}` }, "."] },
  ]);
}
