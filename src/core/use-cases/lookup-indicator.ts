import { untranslated } from "../i18n/translator.js";
import { parseIndicators } from "../indicators/index.js";
import { formatTime } from "../views/message.js";
import { formatItemId, parseItemId } from "../items/item-id.js";
import { shownValue } from "../items/removed.js";
import type { StoredItem } from "../ports.js";
import { message, refusal, type Inline, type Reply } from "../views/message.js";
import type { CommandContext } from "./context.js";

/**
 * Art 6.1: cell staff consult and compare what the parties supplied. Shows every record of one
 * indicator, every version, with its origin and labels. Every look-up is logged.
 */
export async function lookupIndicator(ctx: CommandContext, text: string): Promise<Reply> {
  const { tx, member, now } = ctx;
  // An item id shows that one record: the way to see an item that was removed, whose value is gone.
  const itemId = parseItemId(text);
  if (itemId !== undefined) return lookupItem(ctx, itemId);
  // The same reading of Slack's markup, escapes and defanging as on submit, so that what was
  // submitted can be found by pasting the same text.
  const parsed = parseIndicators(text);
  const count = parsed.accepted.length + parsed.refused.length + parsed.duplicates;
  if (count !== 1) {
    const reason = count === 0 ? "give the value to look up" : "look up one value at a time";
    await tx.audit.append([{ action: "lookup.refused", actor: member.id, details: { reason } }], now);
    return refusal("lookup.invalid", `Nothing was looked up: ${reason}, e.g. \`/ciic lookup 198.51.100.7\`.`);
  }
  if (parsed.refused.length > 0) {
    const [refused] = parsed.refused;
    await tx.audit.append([{ action: "lookup.refused", actor: member.id, details: { reason: refused.code } }], now);
    return refusal(refused.code, `Nothing was looked up: ${refused.reason}`);
  }
  const classified = { indicator: parsed.accepted[0] };
  const { type, value } = classified.indicator;
  const records = await tx.items.byValue(type, value);
  await tx.audit.append(
    [
      {
        action: "indicator.looked_up",
        actor: member.id,
        subject: `${type}:${value}`,
        details: { type, value, records: records.map((r) => r.id) },
      },
    ],
    now,
  );
  if (records.length === 0) {
    return message(`No party has supplied ${value} to the cell.`, [
      { kind: "paragraph", content: ["No party has supplied ", { code: value }, ` (${type}) to the cell.`] },
    ]);
  }
  // Every party that ever supplied it, current or corrected since: the record is the history.
  const parties = [...new Set(records.map((r) => r.party))].sort();
  return message(`${value}: ${records.length} record(s) from ${parties.join(", ")}.`, [
    { kind: "heading", text: `${type} ${value}` },
    {
      kind: "paragraph",
      content: [`Supplied by ${parties.join(", ")} — ${records.length} record(s), oldest first.`],
    },
    { kind: "list", items: records.map(recordLine) },
  ]);
}

/** One record by its id (`/ciic lookup I-42`), removed or not. */
async function lookupItem(ctx: CommandContext, id: number): Promise<Reply> {
  const { tx, member, now } = ctx;
  const item = await tx.items.byId(id);
  await tx.audit.append([{ action: "item.looked_up", actor: member.id, subject: `item:${id}`, details: { item: id, found: item !== undefined } }], now);
  if (!item) return message(`There is no item ${formatItemId(id)}.`, [{ kind: "paragraph", content: [`There is no item ${formatItemId(id)} in the cell.`] }]);
  const what = item.removedAt ? `${formatItemId(id)} (${item.type}) was removed` : `${formatItemId(id)}: ${item.type} ${item.value}`;
  return message(what, [
    { kind: "heading", text: `${formatItemId(id)} ${item.type}` },
    ...(item.removedAt
      ? [{ kind: "paragraph" as const, content: [`Its party let it go at a retention review on ${formatTime(item.removedAt)} (Wiv 2017: data that lost their relevance are removed). Its value, source and note were destroyed; this record of it remains.`] }]
      : []),
    { kind: "list", items: [recordLine(item)] },
  ]);
}

function recordLine(item: StoredItem): Inline[] {
  const line: Inline[] = [
    { code: formatItemId(item.id) },
    " ",
    ...(item.removedAt ? [`${item.type} `, shownValue(item, untranslated), " · "] : []),
    { strong: item.party },
    ` · ${formatTime(item.submittedAt)} · TLP:${item.tlp} · reliability ${item.reliability}`,
    ` · basis ${item.legalBasis || "none recorded"} · by ${item.memberName}`,
  ];
  if (item.sourceRef) line.push(` · source ${item.sourceRef}`);
  if (item.supersedesId) line.push(` · corrects ${formatItemId(item.supersedesId)}`);
  if (item.correctedById) line.push(` · superseded by ${formatItemId(item.correctedById)}`);
  if (item.note) line.push(` · note: ${item.note}`);
  return line;
}
