import { updateTopic } from "../disclosure/notify.js";
import { calendarOf } from "../time/holidays.js";
import { addWorkingDays } from "../time/working-time.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { CommandContext } from "../use-cases/context.js";
import { joinReasons, message, refusal, type Reply } from "../views/message.js";
import { askMessages, planAsks } from "./ask-parties.js";
import { checkRoundText } from "./check-text.js";
import { roundDraftForm } from "./forms.js";
import { roundEventAllowed } from "./round-state.js";
import { settleRound } from "./settle-round.js";
import { formatRoundId, parseRoundId } from "./types.js";
import { roundAskTopic, roundStateText, settledRoundAskView } from "./views.js";

/**
 * Art 10: the author sends a changed draft. It restarts the round: the earlier answers were
 * given on other words and no longer count, every party is asked anew, and the old messages lose
 * their buttons. Without a text, a form opens with the current draft to edit.
 */
export async function reviseDraft(ctx: CommandContext, ref: string, rawText: string | undefined): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const id = parseRoundId("comms", ref);
  const round = id ? await tx.rounds.lock(id) : undefined;
  const refused = async (code: string, text: string, details: Record<string, unknown> = {}) => {
    await tx.audit.append([{ action: "comms.revise_refused", actor: member.id, subject: round ? `round:${round.id}` : null, details: { code, ...details } }], now);
    return refusal(code, t.text("rounds.revise.refused", { problems: text }));
  };
  if (!round || round.kind !== "comms" || round.authorId !== member.id) {
    return refused("comms.not_found", t.text("rounds.revise.not_found", { ref: ref.slice(0, 20) || t.text("rounds.none_given") }), { ref: ref.slice(0, 40) });
  }
  const rid = formatRoundId(round.kind, round.id);
  if (roundEventAllowed("revise", round) && now.getTime() >= round.deadline.getTime()) {
    // Past its deadline it has expired, whether or not the scheduler has come by yet.
    const settled = await settleRound(tx, directory, round, now, null);
    await tx.outbox.enqueue(settled.outbound, now);
    await tx.audit.append(settled.events, now);
    return refused("comms.closed", t.text("rounds.revise.expired", { id: rid }));
  }
  if (!roundEventAllowed("revise", round)) {
    return refused("comms.closed", t.text("rounds.revise.closed", { id: rid, state: roundStateText(t, round.state) }), { state: round.state });
  }
  if (rawText === undefined) return { kind: "form", form: roundDraftForm(t, { revise: round.id, text: round.text }) };
  const text = rawText.trim();
  const checked = await checkRoundText(tx, member, "comms", text, t);
  const problems = [...checked.problems];
  if (text === round.text) problems.push(t.text("rounds.revise.same", { version: round.version }));
  const plan = await planAsks(tx, directory, "comms", member, now, round.nctvCoordinates, t);
  problems.push(...plan.problems);
  if (problems.length > 0 || !checked.ok) return refused("comms.invalid", joinReasons(problems), { problems });

  // The old draft's messages are replaced: the open ones lose their buttons, and those who
  // agreed learn that their agreement was to words that changed.
  const outbound: OutboundMessage[] = [];
  const next = round.version + 1;
  for (const ask of await tx.rounds.asksOf(round.id, round.version)) {
    if (ask.decidedById === round.authorId) continue; // the author's own party: no message was sent
    const retired = (await tx.rounds.transition(ask.id, "retire", { at: now })) ? (await tx.rounds.ask(ask.id))! : ask;
    outbound.push(...updateTopic(roundAskTopic(ask.id), (l) => settledRoundAskView(l, round, retired, l.text("rounds.revise.retired", { old: round.version, current: next }))));
  }
  const deadline = addWorkingDays(now, directory.consent.deadlineWorkingDays, calendarOf(directory));
  const revised = await tx.rounds.revise(round.id, round.version, { text: checked.text, startedAt: now, deadline }, plan.asks);
  if (!revised) return refused("comms.closed", t.text("rounds.revise.changed_meanwhile", { id: rid }));
  const asked = askMessages(directory, revised.round, revised.asks, plan, member.id);
  await tx.outbox.enqueue([...outbound, ...asked.outbound], now);
  await tx.audit.append(
    [
      { action: "comms.revised", actor: member.id, subject: `round:${round.id}`, details: { version: next, previous: round.version, text, deadline: deadline.toISOString() } },
      ...asked.events,
    ],
    now,
  );
  const parties = plan.asks
    .filter((a) => a.role === "party" && a.state === "PENDING")
    .map((a) => a.party)
    .join(", ");
  const coordination = revised.asks.find((a) => a.role === "coordination");
  return message(t.text("rounds.revise.summary", { id: rid, version: next, parties }), [
    { kind: "heading", text: t.text("rounds.revise.heading", { id: rid, version: next }) },
    {
      kind: "paragraph",
      content: [
        t.text("rounds.revise.asked", { parties }) +
          (coordination?.state === "COORDINATING" ? t.text("rounds.revise.coordinating") : "") +
          (coordination?.state === "PENDING" ? t.text("rounds.revise.coordination_pending") : "") +
          t.text("rounds.revise.deadline", { deadline: t.time(deadline) }),
      ],
    },
  ]);
}
