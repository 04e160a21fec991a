import { translator, type Translator } from "../i18n/translator.js";
import { say } from "../i18n/phrase.js";
import { classify, parseIndicators, tokenise, type IndicatorType } from "../indicators/index.js";
import { formatItemId, parseItemId } from "../items/item-id.js";
import { shownValue } from "../items/removed.js";
import type { StoredItem } from "../ports.js";
import { message, refusal, type Block, type Inline, type Reply } from "../views/message.js";
import { mayCompareAcrossParties } from "../access/policy.js";
import { BELOW_LIMIT, relatedRecords, type Related } from "../relations/related.js";
import { benignBlocks } from "../warninglists/notice.js";
import type { CommandContext } from "./context.js";

/**
 * Art 6.1: cell staff consult and compare what the parties supplied. Shows every record of one
 * indicator, every version, with its origin and labels. Every look-up is logged.
 */
export async function lookupIndicator(ctx: CommandContext, text: string): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  // An item id shows that one record: the way to see an item that was removed, whose value is gone.
  const itemId = parseItemId(text);
  if (itemId !== undefined) return lookupItem(ctx, itemId);
  // The same reading of Slack's markup, escapes and defanging as on submit, so that what was
  // submitted can be found by pasting the same text.
  const parsed = parseIndicators(text);
  const count = parsed.accepted.length + parsed.refused.length + parsed.duplicates;
  if (count !== 1) {
    // The audit log keeps the reason in English, as it always did; the member reads theirs.
    const reason = count === 0 ? "commands.lookup.give_value" : "commands.lookup.one_value";
    await tx.audit.append([{ action: "lookup.refused", actor: member.id, details: { reason: translator("en").text(reason) } }], now);
    return refusal("lookup.invalid", t.text("commands.lookup.refused", { reason: t.text(reason) }));
  }
  const stored = parsed.refused.length > 0 ? await storedDespiteRefusal(ctx, text) : undefined;
  if (parsed.refused.length > 0 && !stored) {
    const [refused] = parsed.refused;
    await tx.audit.append([{ action: "lookup.refused", actor: member.id, details: { reason: refused.code } }], now);
    return refusal(refused.code, t.text("commands.lookup.refused_value", { reason: say(t, refused.why) }));
  }
  const classified = { indicator: stored ?? parsed.accepted[0] };
  return lookupValue(ctx, classified.indicator);
}

/**
 * Every record of a value, with its related records and warninglist flags: for the value looked
 * up, or for an item's (`item`), whose id then heads them.
 */
async function lookupValue(ctx: CommandContext, { type, value }: { type: IndicatorType; value: string }, item?: number): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  // Related records are comparison across parties, the cell staff's own work (Art 6.1). Both
  // read at once: where a round trip costs (PostgreSQL), they go to the database together.
  const [records, related] = await Promise.all([
    tx.items.byValue(type, value),
    mayCompareAcrossParties(member) ? relatedRecords(tx.items, { type, value }) : { records: [], more: false },
  ]);
  const shown = { records: records.map((r) => r.id), ...(related.records.length > 0 ? { related: related.records.map((r) => r.record.id) } : {}) };
  await tx.audit.append(
    [
      item === undefined
        ? // The value is in the details, which the store keeps sealed; a subject is never sealed.
          { action: "indicator.looked_up", actor: member.id, subject: `indicator:${type}`, details: { type, value, ...shown } }
        : { action: "item.looked_up", actor: member.id, subject: `item:${item}`, details: { item, found: true, ...shown } },
    ],
    now,
  );
  const flagged = [...relatedBlocks(t, related), ...benignBlocks(t, ctx.benign, [{ type, value }])];
  if (records.length === 0) {
    return message(t.text("commands.lookup.none_summary", { value }), [{ kind: "paragraph", content: t.inline("commands.lookup.none", { value, type }) }, ...flagged]);
  }
  // Every party that ever supplied it, current or corrected since: the record is the history.
  const parties = [...new Set(records.map((r) => r.party))].sort().join(", ");
  return message(item === undefined ? t.text("commands.lookup.summary", { value, count: records.length, parties }) : `${formatItemId(item)}: ${type} ${value}`, [
    { kind: "heading", text: item === undefined ? `${type} ${value}` : `${formatItemId(item)} ${type} ${value}` },
    { kind: "paragraph", content: [t.text("commands.lookup.supplied_by", { parties, count: records.length })] },
    { kind: "list", items: records.map((r) => recordLine(t, r)) },
    ...flagged,
  ]);
}

/**
 * A record by its id (`/ciic lookup I-42`): with every record of its value, as a look-up by value
 * shows them; a removed item alone, since its value is gone.
 */
async function lookupItem(ctx: CommandContext, id: number): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  const item = await tx.items.byId(id);
  if (item && !item.removedAt) return lookupValue(ctx, item, id);
  await tx.audit.append([{ action: "item.looked_up", actor: member.id, subject: `item:${id}`, details: { item: id, found: item !== undefined } }], now);
  if (!item) return message(t.text("commands.lookup.no_item_summary", { item: formatItemId(id) }), [{ kind: "paragraph", content: [t.text("commands.lookup.no_item", { item: formatItemId(id) })] }]);
  return message(t.text("commands.lookup.item_removed_summary", { item: formatItemId(id), type: item.type }), [
    // A removed item's value is gone: its id and type head it.
    { kind: "heading", text: `${formatItemId(id)} ${item.type}` },
    { kind: "paragraph", content: [t.text("commands.lookup.item_removed", { time: t.time(item.removedAt!) })] },
    { kind: "list", items: [recordLine(t, item)] },
  ]);
}

function recordLine(t: Translator, item: StoredItem): Inline[] {
  const line: Inline[] = [
    { code: formatItemId(item.id) },
    " ",
    ...(item.removedAt ? [`${item.type} `, shownValue(item, t), " · "] : []),
    { strong: item.party },
    t.text("commands.lookup.record", {
      time: t.time(item.submittedAt),
      tlp: item.tlp,
      reliability: item.reliability,
      basis: item.legalBasis || t.text("commands.none_recorded"),
      by: item.memberName,
    }),
  ];
  if (item.supplied && !item.removedAt) line.push(t.text("commands.lookup.as_supplied"), { code: item.supplied });
  if (item.firstSeen) line.push(t.text("commands.lookup.first_seen", { time: t.time(item.firstSeen) }));
  if (item.sourceRef) line.push(t.text("commands.lookup.source", { source: item.sourceRef }));
  if (item.supersedesId) line.push(t.text("commands.lookup.corrects", { item: formatItemId(item.supersedesId) }));
  if (item.correctedById) line.push(t.text("commands.lookup.superseded", { item: formatItemId(item.correctedById) }));
  if (item.note) line.push(t.text("commands.lookup.note", { note: item.note }));
  return line;
}

/** Related records below the identical ones, each with how it relates. */
function relatedBlocks(t: Translator, related: Related): Block[] {
  if (related.records.length === 0) return [];
  return [
    { kind: "heading", text: t.text("relations.lookup.heading") },
    {
      kind: "list",
      items: related.records.map(({ record, relation }): Inline[] => [
        { code: formatItemId(record.id) },
        " ",
        { strong: record.party },
        ` ${record.type} `,
        { code: record.value },
        t.text("relations.lookup.line", { relation: t.text("relations.kind", { relation }) }),
      ]),
    },
    ...(related.more ? [{ kind: "paragraph" as const, content: t.inline("relations.lookup.more", { limit: BELOW_LIMIT }) }] : []),
  ];
}

/**
 * A name whose top-level label is in no use ("payload.exe") is refused when typed, but records
 * stored before that check may hold one: looked up, they are shown rather than refused.
 */
async function storedDespiteRefusal(ctx: CommandContext, text: string): Promise<{ type: IndicatorType; value: string } | undefined> {
  const tokens = tokenise(text);
  if (tokens.length !== 1) return undefined;
  const read = classify(tokens[0], { anyTopLevel: true });
  if (!read.ok) return undefined;
  const records = await ctx.tx.items.byValue(read.indicator.type, read.indicator.value);
  return records.length > 0 ? { type: read.indicator.type, value: read.indicator.value } : undefined;
}
