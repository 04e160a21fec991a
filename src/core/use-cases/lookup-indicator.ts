import { classify, refang } from "../indicators/index.js";
import { formatItemId } from "../items/item-id.js";
import type { StoredItem } from "../ports.js";
import { message, refusal, type Inline, type Reply } from "../views/message.js";
import type { CommandContext } from "./context.js";

/**
 * Art 6.1: cell staff consult and compare what the parties supplied. Shows every record of one
 * indicator, every version, with its origin and labels. Every look-up is logged.
 */
export async function lookupIndicator(ctx: CommandContext, text: string): Promise<Reply> {
  const { tx, member, now } = ctx;
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length !== 1) {
    const reason = tokens.length === 0 ? "give the value to look up" : "look up one value at a time";
    await tx.audit.append([{ action: "lookup.refused", actor: member.id, details: { reason } }], now);
    return refusal("lookup.invalid", `Nothing was looked up: ${reason}, e.g. \`/ciic lookup 198.51.100.7\`.`);
  }
  const classified = classify(refang(unwrapSlackLink(tokens[0])));
  if (!classified.ok) {
    await tx.audit.append([{ action: "lookup.refused", actor: member.id, details: { reason: classified.code } }], now);
    return refusal(classified.code, `Nothing was looked up: ${classified.reason}`);
  }
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
  const parties = [...new Set(records.filter((r) => r.correctedById === null).map((r) => r.party))].sort();
  return message(`${value}: ${records.length} record(s) from ${parties.join(", ")}.`, [
    { kind: "heading", text: `${type} ${value}` },
    {
      kind: "paragraph",
      content: [`Supplied by ${parties.join(", ")} — ${records.length} record(s), oldest first.`],
    },
    { kind: "list", items: records.map(recordLine) },
  ]);
}

function recordLine(item: StoredItem): Inline[] {
  const line: Inline[] = [
    { code: formatItemId(item.id) },
    " ",
    { strong: item.party },
    ` · ${item.submittedAt.toISOString().slice(0, 16).replace("T", " ")} UTC · TLP:${item.tlp} · reliability ${item.reliability}`,
    ` · basis ${item.legalBasis || "none recorded"} · by ${item.memberName}`,
  ];
  if (item.sourceRef) line.push(` · source ${item.sourceRef}`);
  if (item.supersedesId) line.push(` · corrects ${formatItemId(item.supersedesId)}`);
  if (item.correctedById) line.push(` · superseded by ${formatItemId(item.correctedById)}`);
  if (item.note) line.push(` · note: ${item.note}`);
  return line;
}

/** Slack may wrap a pasted link as <http://x|label>; look-ups take the link, not the label. */
function unwrapSlackLink(token: string): string {
  const match = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(token);
  return match ? match[1].replace(/^mailto:/, "") : token;
}
