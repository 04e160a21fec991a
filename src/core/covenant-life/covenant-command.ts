import { everyParty } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";
import { isPartyCode } from "../covenant/parties.js";
import { directMessage } from "../disclosure/notify.js";
import type { CommandContext } from "../use-cases/context.js";
import { formatTime, message, refusal, type Block, type Reply } from "../views/message.js";
import { NOTICE_MONTHS, WITHDRAWAL_NOTICED, addMonths, remainingLiaisons, withdrawals, withdrawnAt } from "./withdrawal.js";

/** `/ciic covenant`: the covenant's dates and any party's notice of withdrawal (Art 14, 15). */
export async function covenantStatus(ctx: CommandContext): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const all = await withdrawals(tx.audit);
  await tx.audit.append([{ action: "covenant.viewed", actor: member.id, details: {} }], now);
  const blocks: Block[] = [
    { kind: "heading", text: "The CIIC covenant" },
    { kind: "paragraph", content: [`In force since ${directory.covenant.effective} (Art 15), for an indefinite period.`] },
  ];
  if (all.length === 0) {
    blocks.push({ kind: "paragraph", content: ["No party has given notice of withdrawal."] });
  } else {
    blocks.push({
      kind: "list",
      items: all.map((w) => [
        { strong: w.party },
        ` gave notice of withdrawal on ${formatTime(w.noticeAt)}; ${w.effectiveAt.getTime() <= now.getTime() ? "it took effect" : "it takes effect"} on ${formatTime(w.effectiveAt)} (Art 14). Reason: ${w.reason}`,
      ]),
    });
  }
  return message(all.length === 0 ? "No party has given notice of withdrawal." : `${all.length} notice(s) of withdrawal on record.`, blocks);
}

/**
 * Art 14: a party gives notice of withdrawal, stating why. Only someone who speaks for the party
 * in the cell gives it (the access table: liaison, coordinator, steering group member); it
 * takes effect two months later, and until then nothing changes. The other parties are told at
 * once, with the reason, as the covenant's written notice would tell them.
 */
export async function giveNotice(ctx: CommandContext, reasonText: string): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "covenant.notice_refused", actor: member.id, details: { code, reason: text } }], now);
    return refusal(code, text);
  };
  const party = member.party;
  if (!isPartyCode(party)) return refuse("covenant.not_a_party", `${party} is not a party to the covenant, so it cannot withdraw from it.`);
  const reason = reasonText.replace(/^reason:\s*/i, "").trim();
  if (reason.length < 10) {
    return refuse("covenant.reason_missing", "Nothing was recorded: state why your party withdraws (Art 14 asks for the reasons), e.g. `/ciic notice reason: the task moves to another service`.");
  }
  if (reason.length > 2000) return refuse("covenant.reason_too_long", "Nothing was recorded: keep the reason under 2,000 characters.");
  // The reason goes to every other party's liaisons: Art 7.2 holds for it as for a draft.
  const guarded = await guardText(tx, member, { what: "the reason", text: reason, audience: everyParty(member) });
  if (!guarded.ok) return refuse("covenant.reason_names_data", `Nothing was recorded: ${guarded.problem}.`);
  const earlier = (await withdrawals(tx.audit)).find((w) => w.party === party);
  if (earlier) {
    return refuse(
      "covenant.already_noticed",
      `Nothing was recorded: ${party} already gave notice on ${formatTime(earlier.noticeAt)}; it takes effect on ${formatTime(earlier.effectiveAt)}.`,
    );
  }
  const effectiveAt = addMonths(now, NOTICE_MONTHS);
  const withdrawn = withdrawnAt(await withdrawals(tx.audit), now);
  const told = remainingLiaisons(directory, withdrawn, party);
  const view = {
    summary: `${party} gave notice of withdrawal from the CIIC covenant; it takes effect on ${formatTime(effectiveAt)}.`,
    blocks: [
      { kind: "heading" as const, text: `${party} withdraws from the CIIC covenant (Art 14)` },
      {
        kind: "paragraph" as const,
        content: [`${member.name} gave notice for ${party} on ${formatTime(now)}. It takes effect on ${formatTime(effectiveAt)}; the covenant stays in force for the other parties.`],
      },
      { kind: "paragraph" as const, content: [`Reason: ${guarded.text}`] },
    ],
  };
  await tx.outbox.enqueue(told.flatMap((m) => directMessage(m, view)), now);
  await tx.audit.append(
    [{ action: WITHDRAWAL_NOTICED, actor: member.id, subject: `party:${party}`, details: { party, reason: guarded.text, effectiveAt: effectiveAt.toISOString(), told: told.map((m) => m.id) } }],
    now,
  );
  return message(`${party}'s notice of withdrawal is recorded; it takes effect on ${formatTime(effectiveAt)}.`, [
    {
      kind: "paragraph",
      content: [`${party}'s notice of withdrawal is recorded and the other parties' liaisons are told (Art 14). It takes effect on `, { strong: formatTime(effectiveAt) }, "; until then nothing changes."],
    },
    {
      kind: "paragraph",
      content: [`From that date ${party}'s members no longer have access to the cell and ${party} is no longer asked or told; its earlier consents and the data it supplied stay on record.`],
    },
  ]);
}
