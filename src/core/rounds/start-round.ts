import { isPartyCode } from "../covenant/parties.js";
import { calendarOf } from "../time/holidays.js";
import { addWorkingDays } from "../time/working-time.js";
import type { CommandContext } from "../use-cases/context.js";
import { joinReasons, message, refusal, type Reply } from "../views/message.js";
import { askMessages, planAsks } from "./ask-parties.js";
import { checkRoundText } from "./check-text.js";
import { isOpenRound, type RoundKind } from "./round-state.js";
import { formatRoundId } from "./types.js";

/**
 * Puts a new round to the parties: a communication drafted for third parties (Art 10), or a
 * proposed amendment of the covenant (Art 13). Nothing counts until every party agreed.
 */
export async function startRound(ctx: CommandContext, kind: RoundKind, rawText: string): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const text = rawText.trim();
  const refused = async (code: string, problems: string[], subject?: string) => {
    await tx.audit.append([{ action: `${kind}.refused`, actor: member.id, subject: subject ?? null, details: { problems } }], now);
    return refusal(code, t.text("rounds.start.refused", { kind, problems: joinReasons(problems) }));
  };
  const checked = await checkRoundText(tx, member, kind, text, t);
  const problems = [...checked.problems];
  const plan = await planAsks(tx, directory, kind, member, now, null, t);
  problems.push(...plan.problems);
  if (problems.length > 0 || !checked.ok || !isPartyCode(member.party)) return refused(`${kind}.invalid`, problems);
  // The same text sent twice (a retyped command, a form sent twice) would ask every party twice.
  const twin = (await tx.rounds.byAuthor(member.id, 50)).find((r) => r.kind === kind && isOpenRound(r.state) && r.text === text);
  if (twin) {
    const tid = formatRoundId(kind, twin.id);
    return refused(`${kind}.duplicate`, [t.text("rounds.start.duplicate", { id: tid, command: kind === "comms" ? "comms" : "amend" })], `round:${twin.id}`);
  }
  const deadline = addWorkingDays(now, directory.consent.deadlineWorkingDays, calendarOf(directory));
  const { round, asks } = await tx.rounds.create(
    { kind, text: checked.text, authorId: member.id, authorName: member.name, authorParty: member.party, createdAt: now, startedAt: now, deadline, nctvCoordinates: plan.asks.some((a) => a.role === "coordination" && a.state === "AGREED") ? true : null },
    plan.asks,
  );
  const { outbound, events } = askMessages(directory, round, asks, plan, member.id);
  await tx.outbox.enqueue(outbound, now);
  // In the covenant's order of the parties, as the plan has them.
  const asked = plan.asks.filter((a) => a.role === "party" && a.state === "PENDING").map((a) => a.party);
  await tx.audit.append(
    [
      { action: kind === "comms" ? "comms.drafted" : "amendment.proposed", actor: member.id, subject: `round:${round.id}`, details: { version: 1, text, deadline: deadline.toISOString(), asked } },
      ...events,
    ],
    now,
  );
  const id = formatRoundId(kind, round.id);
  const coordination = asks.find((a) => a.role === "coordination");
  const parties = asked.join(", ");
  const lines = [
    t.text("rounds.start.own", { party: member.party, kind, parties }),
    coordination?.state === "PENDING" ? t.text("rounds.start.coordination") : "",
    t.text("rounds.start.deadline", { deadline: t.time(deadline), kind }),
  ];
  return message(t.text("rounds.start.summary", { id, kind, parties }), [
    { kind: "heading", text: t.text("rounds.start.heading", { id, kind }) },
    { kind: "paragraph", content: [lines.join("")] },
    { kind: "paragraph", content: t.inline("rounds.start.follow", { kind, id }) },
  ]);
}
