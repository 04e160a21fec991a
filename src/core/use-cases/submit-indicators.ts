import { mayCompareAcrossParties } from "../access/policy.js";
import type { PartyCode } from "../covenant/parties.js";
import { parseIndicators, type Indicator, type ParsedIndicator } from "../indicators/index.js";
import { formatItemId } from "../items/item-id.js";
import { say } from "../i18n/phrase.js";
import type { Translator } from "../i18n/translator.js";
import { checkLabels, type LabelInput } from "../items/provenance.js";
import type { NewItem, StoredItem } from "../ports.js";
import { joinReasons, message, refusal, type Block, type Inline, type Reply } from "../views/message.js";
import { relatedOfEach, type Related, type RelatedRecord } from "../relations/related.js";
import { benignBlocks } from "../warninglists/notice.js";
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
  const { tx, member, directory, now, t } = ctx;
  const party = member.party as PartyCode; // access policy admits supplying parties only
  const parsed = parseIndicators(input.indicatorsText);
  const { labels, problems } = checkLabels(t, input);
  const total = parsed.accepted.length + parsed.refused.length;
  // Labels too long to take are not read either; nor those of a submission that stores nothing
  // anyway, whose answer would otherwise tell a member who may not compare (a liaison) whether a
  // value in the note is on another party's record (Art 7.2).
  if (problems.length === 0 && parsed.accepted.length > 0 && total <= MAX_VALUES_PER_SUBMISSION) {
    problems.push(...(await labelProblems(t, tx, member, input, parsed.accepted.map((i) => i.value))));
  }

  if (total > MAX_VALUES_PER_SUBMISSION) {
    problems.push(t.text("commands.submit.too_many", { count: total, max: MAX_VALUES_PER_SUBMISSION }));
  }
  if (total === 0 && problems.length === 0) {
    problems.push(t.text("commands.submit.none_given"));
  }
  if (problems.length > 0 || parsed.accepted.length === 0) {
    const reasons = problems.length > 0 ? problems : [t.text("commands.submit.none_taken")];
    await tx.audit.append(
      [{ action: "submission.refused", actor: member.id, details: { reasons, refused: parsed.refused.slice(0, 50), via: ctx.via } }],
      now,
    );
    const reply = refusal("submission.invalid", t.text("commands.submit.refused", { problems: joinReasons(reasons) }));
    if (reply.kind === "message" && parsed.refused.length > 0) reply.view.blocks.push(...refusedBlocks(t, parsed.refused));
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
        ...(ind.supplied ? { supplied: ind.supplied } : {}),
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
  // Holding the log's head, the comparison sees every submission committed before this one: of
  // two parties submitting one value at once, the later learns of the earlier (see command-service).
  // And the records of other parties that relate to these without being the same (Art 6.1). The
  // head is asked for first and the reads after it, all at once: the database runs a
  // transaction's statements in the order they were sent, each read seeing what was committed
  // when it starts, so the reads come after the lock as before, in one round trip where one costs.
  const [, overlaps, related] = mayCompareAcrossParties(member)
    ? await Promise.all([tx.audit.holdHead(), otherSuppliers(ctx, party, parsed.accepted), relatedOfEach(tx.items, parsed.accepted, { otherThan: party }).then(othersRelated)])
    : [undefined, new Map<string, Set<PartyCode>>(), []];

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
          relatedShown: related.length,
        },
      },
    ],
    now,
  );
  const reply = submissionReply(t, { stored, alreadyKnown, refused: parsed.refused, overlaps, duplicates: parsed.duplicates, labels, legalBasis });
  // Taken all the same: a warninglist flags a value, it never refuses one.
  if (reply.kind === "message") reply.view.blocks.push(...relatedBlocks(t, related), ...benignBlocks(t, ctx.benign, parsed.accepted));
  return reply;
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

function submissionReply(t: Translator, r: {
  stored: StoredItem[];
  alreadyKnown: StoredItem[];
  refused: ReturnType<typeof parseIndicators>["refused"];
  overlaps: Map<string, Set<PartyCode>>;
  duplicates: number;
  labels: ReturnType<typeof checkLabels>["labels"];
  legalBasis: string;
}): Reply {
  const blocks: Block[] = [];
  const summary = t.text("commands.submit.summary", { stored: r.stored.length, known: r.alreadyKnown.length, refused: r.refused.length });
  blocks.push({ kind: "heading", text: t.text("commands.submit.heading") });
  blocks.push({
    kind: "fields",
    fields: [
      { label: t.text("commands.submit.stored"), value: [String(r.stored.length)] },
      { label: t.text("commands.submit.known"), value: [String(r.alreadyKnown.length)] },
      { label: t.text("commands.submit.refused_label"), value: [String(r.refused.length)] },
      {
        label: t.text("commands.submit.labels"),
        value: [t.text("commands.submit.labels_value", { tlp: r.labels.tlp, reliability: r.labels.reliability, basis: r.legalBasis || t.text("commands.none_recorded") })],
      },
    ],
  });
  if (r.stored.length > 0) {
    blocks.push({ kind: "paragraph", content: [{ strong: t.text("commands.submit.stored") }] });
    blocks.push({ kind: "list", items: r.stored.map((i) => itemLine(t, i, r.overlaps)) });
  }
  if (r.alreadyKnown.length > 0) {
    blocks.push({ kind: "paragraph", content: [{ strong: t.text("commands.submit.known") }, t.text("commands.submit.known_note")] });
    blocks.push({
      kind: "list",
      items: r.alreadyKnown.map((i) => [...itemLine(t, i, r.overlaps), t.text("commands.submit.since", { day: t.day(i.submittedAt) })]),
    });
  }
  if (r.overlaps.size > 0) {
    blocks.push({
      kind: "notice",
      tone: "info",
      content: [t.text("commands.submit.overlaps", { count: r.overlaps.size }), t.text("commands.submit.overlaps_lookup")],
    });
  }
  if (r.duplicates > 0) {
    blocks.push({ kind: "paragraph", content: [t.text("commands.submit.duplicates", { count: r.duplicates })] });
  }
  blocks.push(...refusedBlocks(t, r.refused));
  return message(summary, blocks);
}

function itemLine(t: Translator, item: StoredItem, overlaps: Map<string, Set<PartyCode>>): Inline[] {
  const line: Inline[] = [{ code: formatItemId(item.id) }, ` ${item.type} `, { code: item.value }];
  const others = overlaps.get(key(item));
  if (others && others.size > 0) line.push(t.text("commands.submit.also_by", { parties: [...others].sort().join(", ") }));
  return line;
}

function refusedBlocks(t: Translator, refused: ReturnType<typeof parseIndicators>["refused"]): Block[] {
  if (refused.length === 0) return [];
  return [
    { kind: "paragraph", content: [{ strong: t.text("commands.submit.refused_label") }, t.text("commands.submit.refused_note")] },
    { kind: "list", items: refused.map((r) => [{ code: r.raw }, ` — ${say(t, r.why)}`]) },
  ];
}

/** Each submitted value with the other parties' records related to it (asked for with `otherThan`). */
function othersRelated(byIndicator: Map<string, Related>): { value: string; related: RelatedRecord[]; more: boolean }[] {
  return [...byIndicator].flatMap(([key, related]) => (related.records.length > 0 ? [{ value: key.slice(key.indexOf("|") + 1), related: related.records, more: related.more }] : []));
}

/** Related records named on a submission's reply, per value; the look-up shows them all. */
const HOLDERS_SHOWN = 3;

function relatedBlocks(t: Translator, related: readonly { value: string; related: RelatedRecord[]; more: boolean }[]): Block[] {
  if (related.length === 0) return [];
  return [
    { kind: "paragraph", content: t.inline("relations.submit.intro", { count: related.length }) },
    {
      kind: "list",
      items: related.map((r): Inline[] => {
        const holders = r.related
          .slice(0, HOLDERS_SHOWN)
          .map(({ record, relation }) => t.text("relations.submit.holder", { party: record.party, relation: t.text("relations.kind", { relation }), value: record.value }));
        const unnamed = r.related.length - HOLDERS_SHOWN;
        if (unnamed > 0 || r.more) holders.push(t.text("relations.submit.more", { count: Math.max(unnamed, 0), atLeast: r.more ? "yes" : "no" }));
        return [{ code: r.value }, t.text("relations.submit.line", { holders: t.list(holders) })];
      }),
    },
  ];
}
