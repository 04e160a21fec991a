import { everyParty } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";
import { isPartyCode } from "../covenant/parties.js";
import { tellMember } from "../disclosure/notify.js";
import { startOfDayInCell } from "../time/cell-zone.js";
import type { CommandContext } from "../use-cases/context.js";
import type { Translator } from "../i18n/translator.js";
import { message, refusal, type Block, type MessageView, type Reply } from "../views/message.js";
import { NOTICE_MONTHS, WITHDRAWAL_NOTICED, addMonths, remainingLiaisons, withdrawals, withdrawnAt } from "./withdrawal.js";

/** The longest reason a notice takes, in characters: it goes to every other party's liaisons. */
const REASON_LIMIT = 2000;

/** `/ciic covenant`: the covenant's dates and any party's notice of withdrawal (Art 14, 15). */
export async function covenantStatus(ctx: CommandContext): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const all = await withdrawals(tx.audit);
  await tx.audit.append([{ action: "covenant.viewed", actor: member.id, details: {} }], now);
  const blocks: Block[] = [
    { kind: "heading", text: t.text("covenant.status.heading") },
    { kind: "paragraph", content: [t.text("covenant.status.in_force", { effective: t.day(startOfDayInCell(directory.covenant.effective)) })] },
  ];
  if (all.length === 0) {
    blocks.push({ kind: "paragraph", content: [t.text("covenant.status.no_notice")] });
  } else {
    blocks.push({
      kind: "list",
      items: all.map((w) =>
        t.inline("covenant.status.notice", {
          party: w.party,
          noticeAt: t.time(w.noticeAt),
          past: w.effectiveAt.getTime() <= now.getTime() ? "yes" : "no",
          effectiveAt: t.time(w.effectiveAt),
          reason: w.reason,
        }),
      ),
    });
  }
  return message(all.length === 0 ? t.text("covenant.status.no_notice") : t.text("covenant.status.summary", { count: all.length }), blocks);
}

/**
 * Art 14: a party gives notice of withdrawal, stating why. Only someone who speaks for the party
 * in the cell gives it (the access table: liaison, coordinator, steering group member); it
 * takes effect two months later, and until then nothing changes. The other parties are told at
 * once, with the reason, as the covenant's written notice would tell them.
 */
export async function giveNotice(ctx: CommandContext, reasonText: string): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "covenant.notice_refused", actor: member.id, details: { code, reason: text } }], now);
    return refusal(code, text);
  };
  const party = member.party;
  if (!isPartyCode(party)) return refuse("covenant.not_a_party", t.text("covenant.notice.not_a_party", { party }));
  const reason = reasonText.replace(/^reason:\s*/i, "").trim();
  if (reason.length < 10) {
    return refuse("covenant.reason_missing", t.text("covenant.notice.reason_missing"));
  }
  if (reason.length > REASON_LIMIT) return refuse("covenant.reason_too_long", t.text("covenant.notice.reason_too_long", { max: t.number(REASON_LIMIT) }));
  // The reason goes to every other party's liaisons: Art 7.2 holds for it as for a draft.
  const guarded = await guardText(tx, member, { what: ctx.t.text("guard.what.reason"), text: reason, audience: everyParty(member) }, ctx.t);
  if (!guarded.ok) return refuse("covenant.reason_names_data", t.text("covenant.notice.refused", { problem: guarded.problem }));
  const earlier = (await withdrawals(tx.audit)).find((w) => w.party === party);
  if (earlier) {
    return refuse("covenant.already_noticed", t.text("covenant.notice.already", { party, noticeAt: t.time(earlier.noticeAt), effectiveAt: t.time(earlier.effectiveAt) }));
  }
  const effectiveAt = addMonths(now, NOTICE_MONTHS);
  const withdrawn = withdrawnAt(await withdrawals(tx.audit), now);
  const told = remainingLiaisons(directory, withdrawn, party);
  // Each liaison told reads the notice in their own language; the reason as its party wrote it.
  const noticeView = (l: Translator): MessageView => ({
    summary: l.text("covenant.notice.told_summary", { party, effectiveAt: l.time(effectiveAt) }),
    blocks: [
      { kind: "heading", text: l.text("covenant.notice.told_heading", { party }) },
      { kind: "paragraph", content: [l.text("covenant.notice.told", { name: member.name, party, noticeAt: l.time(now), effectiveAt: l.time(effectiveAt) })] },
      { kind: "paragraph", content: [l.text("covenant.notice.reason", { reason: guarded.text })] },
    ],
    language: l.language,
  });
  await tx.outbox.enqueue(told.flatMap((m) => tellMember(directory, m, noticeView)), now);
  await tx.audit.append(
    [{ action: WITHDRAWAL_NOTICED, actor: member.id, subject: `party:${party}`, details: { party, reason: guarded.text, effectiveAt: effectiveAt.toISOString(), told: told.map((m) => m.id) } }],
    now,
  );
  const effective = t.time(effectiveAt);
  return message(t.text("covenant.notice.recorded_summary", { party, effectiveAt: effective }), [
    { kind: "paragraph", content: t.inline("covenant.notice.recorded", { party, effectiveAt: effective }) },
    { kind: "paragraph", content: [t.text("covenant.notice.from_then", { party })] },
  ]);
}
