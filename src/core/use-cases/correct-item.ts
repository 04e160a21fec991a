import { parseIndicators, type IndicatorType } from "../indicators/index.js";
import { formatItemId, parseItemId } from "../items/item-id.js";
import { say } from "../i18n/phrase.js";
import { checkLabels, type LabelInput } from "../items/provenance.js";
import { joinReasons, message, refusal, type Reply } from "../views/message.js";
import type { CommandContext } from "./context.js";
import { correctionNotices } from "../disclosure/correction-notice.js";
import { formatRequestId } from "../disclosure/types.js";
import { labelProblems } from "../items/guard-labels.js";

export interface CorrectionInput extends LabelInput {
  itemRef: string;
  value?: string;
}

/**
 * Art 5.3: items are immutable once recorded. A correction is a new version that points at the
 * one it replaces; the old version stays on record. Only the supplying party corrects its items.
 */
export async function correctItem(ctx: CommandContext, input: CorrectionInput): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "correction.refused", actor: member.id, subject: null, details: { code, item: input.itemRef.slice(0, 40), reason: text } }], now);
    return refusal(code, text);
  };
  const id = parseItemId(input.itemRef);
  if (id === undefined) return refuse("correction.invalid", t.text("commands.correct.no_id"));
  const old = await tx.items.byId(id);
  // An item of another party is answered exactly as a missing one: the refusal must not tell
  // a non-analyst that another party supplied something (Art 7.2).
  if (!old || old.party !== member.party) {
    return refuse("correction.not_found", t.text("commands.correct.not_found", { item: formatItemId(id) }));
  }
  if (old.removedAt) {
    // Wiv 2017: its value was destroyed at a retention review; there is nothing left to correct.
    return refuse("correction.removed", t.text("commands.correct.removed", { item: formatItemId(id) }));
  }
  if (old.correctedById !== null) {
    return refuse("correction.superseded", t.text("commands.correct.superseded", { item: formatItemId(id), current: formatItemId(old.correctedById) }));
  }
  const { labels, problems } = checkLabels(t, input, {
    tlp: old.tlp,
    reliability: old.reliability,
    sourceRef: old.sourceRef,
    legalBasis: old.legalBasis,
    note: old.note,
  });
  // A correction of the labels keeps what the value came with: the form it was supplied in, its
  // file, when its source first saw it. A new value comes without them.
  let indicator: { type: IndicatorType; value: string; supplied?: string | null; sameFile?: string | null; firstSeen?: Date | null } = {
    type: old.type,
    value: old.value,
    ...(old.supplied ? { supplied: old.supplied } : {}),
    ...(old.sameFile ? { sameFile: old.sameFile } : {}),
    ...(old.firstSeen ? { firstSeen: old.firstSeen } : {}),
  };
  if (input.value) {
    const parsed = parseIndicators(input.value);
    if (parsed.accepted.length + parsed.refused.length !== 1) problems.push(t.text("commands.correct.one_value"));
    else if (parsed.refused.length > 0) problems.push(say(t, parsed.refused[0].why));
    else {
      const { type, value, supplied } = parsed.accepted[0];
      indicator = { type, value, ...(supplied ? { supplied } : {}) };
    }
  }
  if (problems.length === 0) problems.push(...(await labelProblems(t, tx, member, input, [indicator.value, old.value])));
  if (problems.length > 0) return refuse("correction.invalid", t.text("commands.correct.invalid", { problems: joinReasons(problems) }));
  const unchanged =
    indicator.type === old.type &&
    indicator.value === old.value &&
    labels.tlp === old.tlp &&
    labels.reliability === old.reliability &&
    labels.sourceRef === old.sourceRef &&
    labels.legalBasis === old.legalBasis &&
    labels.note === old.note;
  if (unchanged) return refuse("correction.unchanged", t.text("commands.correct.unchanged", { item: formatItemId(id) }));
  if (indicator.value !== old.value || indicator.type !== old.type) {
    const [clash] = await tx.items.currentOf(old.party, [indicator]);
    if (clash) {
      return refuse("correction.duplicate", t.text("commands.correct.duplicate", { value: indicator.value, item: formatItemId(clash.id) }));
    }
  }
  const [stored] = await tx.items.insert([
    {
      ...indicator,
      party: old.party,
      memberId: member.id,
      memberName: member.name,
      submittedAt: now,
      legalBasis: labels.legalBasis ?? old.legalBasis,
      reliability: labels.reliability,
      tlp: labels.tlp,
      sourceRef: labels.sourceRef,
      note: labels.note,
      via: ctx.via,
      supersedesId: old.id,
    },
  ]);
  await tx.audit.append(
    [
      {
        action: "item.corrected",
        actor: member.id,
        subject: `item:${stored.id}`,
        details: { supersedes: old.id, type: stored.type, value: stored.value, tlp: stored.tlp, reliability: stored.reliability },
      },
    ],
    now,
  );
  // Earlier recipients of the old version are told (Wiv 2017), in this transaction's outbox.
  const earlier = await tx.disclosures.releasedContaining(old.id);
  if (earlier.length > 0) {
    await tx.outbox.enqueue(correctionNotices(ctx.directory, earlier, old, now), now);
    await tx.audit.append(
      [{ action: "correction.recipients_told", actor: member.id, subject: `item:${old.id}`, details: { correctedBy: stored.id, requests: earlier.map((r) => r.id) } }],
      now,
    );
  }
  const told = earlier.map((r) => formatRequestId(r.id)).join(", ");
  return message(t.text("commands.correct.summary", { item: formatItemId(stored.id), old: formatItemId(old.id) }), [
    {
      kind: "paragraph",
      content: t.inline("commands.correct.done", { item: formatItemId(stored.id), value: stored.value, tlp: stored.tlp, reliability: stored.reliability, old: formatItemId(old.id) }),
    },
    ...(earlier.length > 0
      ? [{ kind: "paragraph" as const, content: [t.text("commands.correct.recipients_told", { old: formatItemId(old.id), requests: told, count: earlier.length })] }]
      : []),
  ]);
}
