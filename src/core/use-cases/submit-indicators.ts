import { mayCompareAcrossParties } from "../access/policy.js";
import type { PartyCode } from "../covenant/parties.js";
import { parseIndicators, type Indicator, type ParsedIndicator } from "../indicators/index.js";
import { formatItemId } from "../items/item-id.js";
import { checkLabels, type LabelInput } from "../items/provenance.js";
import type { NewItem, StoredItem } from "../ports.js";
import { formatDay, joinReasons, message, refusal, type Block, type Inline, type Reply } from "../views/message.js";
import type { CommandContext } from "./context.js";
import { labelProblems } from "../items/guard-labels.js";

/** More than this in one chat command is a file's worth: it belongs in an import. */
export const MAX_VALUES_PER_SUBMISSION = 1000;

export interface SubmissionInput extends LabelInput {
  indicatorsText: string;
}

/**
 * Art 5.1 and 5.3: a member of a supplying party hands indicators to the cell; each is stored
 * with its origin, or reported back as already known or refused with a reason.
 */
export async function submitIndicators(ctx: CommandContext, input: SubmissionInput): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const party = member.party as PartyCode; // access policy admits supplying parties only
  const parsed = parseIndicators(input.indicatorsText);
  const { labels, problems } = checkLabels(input);
  const total = parsed.accepted.length + parsed.refused.length;
  // Labels too long to take are not read either.
  if (problems.length === 0) problems.push(...(await labelProblems(tx, member, input, parsed.accepted.map((i) => i.value))));

  if (total > MAX_VALUES_PER_SUBMISSION) {
    problems.push(
      `${total} values are more than the ${MAX_VALUES_PER_SUBMISSION} one command takes; split them over several submissions`,
    );
  }
  if (total === 0 && problems.length === 0) {
    problems.push("no indicators were given: paste them after `/ciic submit`, or type `/ciic submit` alone to open the form");
  }
  if (problems.length > 0 || parsed.accepted.length === 0) {
    const reasons = problems.length > 0 ? problems : ["none of the values is an indicator the cell takes"];
    await tx.audit.append(
      [{ action: "submission.refused", actor: member.id, details: { reasons, refused: parsed.refused.slice(0, 50), via: ctx.via } }],
      now,
    );
    const reply = refusal("submission.invalid", `Nothing was stored: ${joinReasons(reasons)}.`);
    if (reply.kind === "message" && parsed.refused.length > 0) reply.view.blocks.push(...refusedBlocks(parsed.refused));
    return reply;
  }

  const existing = await tx.items.currentOf(party, parsed.accepted);
  const known = new Map(existing.map((item) => [key(item), item]));
  const fresh = parsed.accepted.filter((ind) => !known.has(key(ind)));
  const legalBasis = labels.legalBasis ?? directory.legalBasis[party];
  const stored = await tx.items.insert(
    fresh.map(
      (ind): NewItem => ({
        type: ind.type,
        value: ind.value,
        party,
        memberId: member.id,
        memberName: member.name,
        submittedAt: now,
        legalBasis,
        reliability: labels.reliability,
        tlp: labels.tlp,
        sourceRef: labels.sourceRef,
        note: labels.note,
        via: ctx.via,
        supersedesId: null,
      }),
    ),
  );
  const alreadyKnown = parsed.accepted.filter((ind) => known.has(key(ind))).map((ind) => known.get(key(ind))!);
  const overlaps = mayCompareAcrossParties(member) ? await otherSuppliers(ctx, party, parsed.accepted) : new Map();

  await tx.audit.append(
    [
      {
        action: "indicators.submitted",
        actor: member.id,
        subject: `party:${party}`,
        details: {
          via: ctx.via,
          tlp: labels.tlp,
          reliability: labels.reliability,
          legalBasis,
          sourceRef: labels.sourceRef,
          note: labels.note,
          stored: stored.map((i) => ({ id: i.id, type: i.type, value: i.value })),
          alreadyKnown: alreadyKnown.map((i) => i.id),
          duplicatesInInput: parsed.duplicates,
          refused: parsed.refused.map((r) => ({ raw: r.raw, code: r.code })),
          overlapsShown: overlaps.size,
        },
      },
    ],
    now,
  );
  return submissionReply({ stored, alreadyKnown, refused: parsed.refused, overlaps, duplicates: parsed.duplicates, labels, legalBasis });
}

const key = (i: Indicator) => `${i.type}|${i.value}`;

async function otherSuppliers(ctx: CommandContext, party: PartyCode, indicators: readonly ParsedIndicator[]) {
  const rows = await ctx.tx.items.suppliersOf(indicators, party);
  const byIndicator = new Map<string, Set<PartyCode>>();
  for (const row of rows) {
    const set = byIndicator.get(key(row)) ?? new Set<PartyCode>();
    set.add(row.party);
    byIndicator.set(key(row), set);
  }
  return byIndicator;
}

function submissionReply(r: {
  stored: StoredItem[];
  alreadyKnown: StoredItem[];
  refused: ReturnType<typeof parseIndicators>["refused"];
  overlaps: Map<string, Set<PartyCode>>;
  duplicates: number;
  labels: ReturnType<typeof checkLabels>["labels"];
  legalBasis: string;
}): Reply {
  const blocks: Block[] = [];
  const summary = `Stored ${r.stored.length}, already known ${r.alreadyKnown.length}, refused ${r.refused.length}.`;
  blocks.push({ kind: "heading", text: "Submission recorded" });
  blocks.push({
    kind: "fields",
    fields: [
      { label: "Stored", value: [String(r.stored.length)] },
      { label: "Already known from your party", value: [String(r.alreadyKnown.length)] },
      { label: "Refused", value: [String(r.refused.length)] },
      { label: "Labels", value: [`TLP:${r.labels.tlp}, reliability ${r.labels.reliability}, basis ${r.legalBasis || "none recorded"}`] },
    ],
  });
  if (r.stored.length > 0) {
    blocks.push({ kind: "paragraph", content: [{ strong: "Stored" }] });
    blocks.push({ kind: "list", items: r.stored.map((i) => itemLine(i, r.overlaps)) });
  }
  if (r.alreadyKnown.length > 0) {
    blocks.push({ kind: "paragraph", content: [{ strong: "Already known from your party" }, " (nothing new stored)"] });
    blocks.push({
      kind: "list",
      items: r.alreadyKnown.map((i) => [...itemLine(i, r.overlaps), ` since ${formatDay(i.submittedAt)}`]),
    });
  }
  if (r.overlaps.size > 0) {
    blocks.push({
      kind: "notice",
      tone: "info",
      content: [
        `${r.overlaps.size} of these indicators were also supplied by another party (covenant Art 6.1). `,
        "Use `/ciic lookup <value>` for their records.",
      ],
    });
  }
  if (r.duplicates > 0) {
    blocks.push({ kind: "paragraph", content: [`${r.duplicates} repeated value(s) in your input were counted once.`] });
  }
  blocks.push(...refusedBlocks(r.refused));
  return message(summary, blocks);
}

function itemLine(item: StoredItem, overlaps: Map<string, Set<PartyCode>>): Inline[] {
  const line: Inline[] = [{ code: formatItemId(item.id) }, ` ${item.type} `, { code: item.value }];
  const others = overlaps.get(key(item));
  if (others && others.size > 0) line.push(` — also supplied by ${[...others].sort().join(", ")}`);
  return line;
}

function refusedBlocks(refused: ReturnType<typeof parseIndicators>["refused"]): Block[] {
  if (refused.length === 0) return [];
  return [
    { kind: "paragraph", content: [{ strong: "Refused" }, " (not stored)"] },
    { kind: "list", items: refused.map((r) => [{ code: r.raw }, ` — ${r.reason}`]) },
  ];
}
