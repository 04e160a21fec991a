import { fileToAsker } from "../use-cases/asker-file.js";
import type { CommandContext } from "../use-cases/context.js";
import { message, refusal, type Reply } from "../views/message.js";
import { createArchive, exportedEvent } from "./export-archive.js";

/**
 * A chat upload has to fit in one outbox row and one upload: the whole record goes by chat only
 * while it is small. Larger records are for `ciic oversight export`, which streams to a file.
 */
export const CHAT_ARCHIVE_MAX_LINES = 20_000;
export const CHAT_ARCHIVE_MAX_BYTES = 8 * 1024 * 1024;

/**
 * `/ciic oversight export`: the oversight committee's auditor gets the whole record — items with
 * every version, analyses, requests, consents, provisions, directory versions, steering records,
 * agreement rounds, OM consultations and the audit log — as a sealed archive in their direct
 * messages (Wiv 2017: the CTIVD sees all data and all logs). Built inside the command's transaction, so it is one consistent view up to
 * the audit head it carries; the export itself is one audit entry.
 */
export async function oversightCommand(ctx: CommandContext, action: string): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  const hint = t.text("oversight.cli_hint");
  const refuse = async (code: string, text: string, details: Record<string, unknown> = {}) => {
    await tx.audit.append([{ action: "oversight.export_refused", actor: member.id, details: { code, ...details } }], now);
    return refusal(code, text);
  };
  if (action.trim().toLowerCase() !== "export") {
    // Without a word after it, the command is asked what it does: no word to call unknown.
    const text = action.trim() === "" ? t.text("oversight.usage", { hint }) : t.text("oversight.unknown_action", { action: action.trim().slice(0, 30), hint });
    return refuse("oversight.unknown_action", text);
  }
  const extent = await tx.record.extent();
  const head = await tx.audit.head();
  const lines = Object.values(extent).reduce((n, t) => n + t.count, 0) + head.seq + 2;
  const megabytes = CHAT_ARCHIVE_MAX_BYTES / 1024 / 1024;
  const tooLarge = (size: string) =>
    refuse("oversight.too_large", t.text("oversight.too_large", { size, maxLines: t.number(CHAT_ARCHIVE_MAX_LINES), maxMegabytes: megabytes, hint }), { lines });
  if (lines > CHAT_ARCHIVE_MAX_LINES) return tooLarge(t.text("oversight.lines", { count: lines }));
  const archive = createArchive({ record: tx.record, audit: tx.audit }, { exportedAt: now, exportedBy: member.id, via: ctx.platform });
  let content = "";
  for await (const chunk of archive.chunks()) {
    content += chunk;
    // Characters, a cheap lower bound of the bytes; the exact count is checked at the end.
    if (content.length > CHAT_ARCHIVE_MAX_BYTES) return tooLarge(t.text("oversight.more_than", { megabytes }));
  }
  const summary = archive.summary();
  if (summary.bytes > CHAT_ARCHIVE_MAX_BYTES) return tooLarge(t.text("oversight.more_than", { megabytes }));
  const fileName = `ciic-oversight-${now.toISOString().slice(0, 10)}-audit-${summary.head.seq}.jsonl`;
  const described = t.text("oversight.file_summary", { seq: summary.head.seq, hash: summary.head.hash, sha256: summary.sha256, file: fileName });
  const files = fileToAsker(ctx, { fileName, content, summary: described });
  if (files.length === 0) return refuse("oversight.no_direct_messages", t.text("oversight.no_direct_messages", { hint }));
  await tx.outbox.enqueue(files, now);
  await tx.audit.append([exportedEvent(member.id, ctx.platform, summary)], now);
  const c = summary.counts;
  const seq = summary.head.seq;
  const field = (label: Parameters<typeof t.text>[0], ...counts: number[]) => ({ label: t.text(label), value: [counts.map((n) => t.number(n)).join(", ")] });
  const kilobytes = (summary.bytes / 1024).toLocaleString(t.language === "nl" ? "nl-NL" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return message(t.text("oversight.summary", { lines: summary.lines, seq, file: fileName }), [
    { kind: "heading", text: t.text("oversight.heading") },
    { kind: "paragraph", content: t.inline("oversight.on_its_way", { seq, file: fileName, lines: summary.lines, kilobytes }) },
    {
      kind: "fields",
      fields: [
        field("oversight.field.items", c.item),
        field("oversight.field.analyses", c.analysis),
        field("oversight.field.requests", c.request),
        field("oversight.field.asks", c.ask),
        field("oversight.field.provisions", c.provision),
        field("oversight.field.directories", c.directory),
        field("oversight.field.steering", c.meeting, c.reminder),
        field("oversight.field.rounds", c.round, c.roundAsk),
        field("oversight.field.consultations", c.consultation, c.consultationNote),
        field("oversight.field.audit", c.audit),
      ],
    },
    { kind: "paragraph", content: t.inline("oversight.head", { seq, hash: summary.head.hash }) },
    { kind: "paragraph", content: t.inline("oversight.digest", { sha256: summary.sha256, next: seq + 1 }) },
    { kind: "paragraph", content: t.inline("oversight.verify", { file: fileName }) },
  ]);
}
