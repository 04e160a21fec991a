import { updateTopic } from "../disclosure/notify.js";
import { calendarOf } from "../time/holidays.js";
import { addWorkingDays } from "../time/working-time.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { CommandContext } from "../use-cases/context.js";
import { formatTime, joinReasons, message, refusal, type Reply } from "../views/message.js";
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
  const { tx, member, directory, now } = ctx;
  const id = parseRoundId("comms", ref);
  const round = id ? await tx.rounds.lock(id) : undefined;
  const refused = async (code: string, text: string, details: Record<string, unknown> = {}) => {
    await tx.audit.append([{ action: "comms.revise_refused", actor: member.id, subject: round ? `round:${round.id}` : null, details: { code, ...details } }], now);
    return refusal(code, `Nothing was changed: ${text}.`);
  };
  if (!round || round.kind !== "comms" || round.authorId !== member.id) {
    return refused("comms.not_found", `you have no communication draft ${ref.slice(0, 20) || "(none given)"}; only its author changes a draft`, { ref: ref.slice(0, 40) });
  }
  const rid = formatRoundId(round.kind, round.id);
  if (roundEventAllowed("revise", round) && now.getTime() >= round.deadline.getTime()) {
    // Past its deadline it has expired, whether or not the scheduler has come by yet.
    const settled = await settleRound(tx, directory, round, now, null);
    await tx.outbox.enqueue(settled.outbound, now);
    await tx.audit.append(settled.events, now);
    return refused("comms.closed", `${rid} expired at its deadline; draft the communication anew with \`/ciic comms <text>\``);
  }
  if (!roundEventAllowed("revise", round)) {
    return refused("comms.closed", `${rid} is ${roundStateText(round.state)}; draft a new communication with \`/ciic comms <text>\``, { state: round.state });
  }
  if (rawText === undefined) return { kind: "form", form: roundDraftForm({ revise: round.id, text: round.text }) };
  const text = rawText.trim();
  const checked = await checkRoundText(tx, member, "comms", text);
  const problems = [...checked.problems];
  if (text === round.text) problems.push(`the text is the same as draft ${round.version}`);
  const plan = await planAsks(tx, directory, "comms", member, now, round.nctvCoordinates);
  problems.push(...plan.problems);
  if (problems.length > 0 || !checked.ok) return refused("comms.invalid", joinReasons(problems), { problems });

  // The old draft's messages are replaced: the open ones lose their buttons, and those who
  // agreed learn that their agreement was to words that changed.
  const outbound: OutboundMessage[] = [];
  const next = round.version + 1;
  for (const ask of await tx.rounds.asksOf(round.id, round.version)) {
    if (ask.decidedById === round.authorId) continue; // the author's own party: no message was sent
    const retired = (await tx.rounds.transition(ask.id, "retire", { at: now })) ? (await tx.rounds.ask(ask.id))! : ask;
    outbound.push(...updateTopic(roundAskTopic(ask.id), settledRoundAskView(round, retired, `Draft ${round.version} was replaced by draft ${next}: earlier answers no longer count, and your party is asked anew on the new draft.`)));
  }
  const deadline = addWorkingDays(now, directory.consent.deadlineWorkingDays, calendarOf(directory));
  const revised = await tx.rounds.revise(round.id, round.version, { text: checked.text, startedAt: now, deadline }, plan.asks);
  if (!revised) return refused("comms.closed", `${rid} changed meanwhile; look at it with \`/ciic comms ${rid}\``);
  const asked = askMessages(revised.round, revised.asks, plan, member.id);
  await tx.outbox.enqueue([...outbound, ...asked.outbound], now);
  await tx.audit.append(
    [
      { action: "comms.revised", actor: member.id, subject: `round:${round.id}`, details: { version: next, previous: round.version, text, deadline: deadline.toISOString() } },
      ...asked.events,
    ],
    now,
  );
  const parties = plan.asks.filter((a) => a.role === "party" && a.state === "PENDING").map((a) => a.party);
  const coordination = revised.asks.find((a) => a.role === "coordination");
  return message(`${rid} draft ${next} put to the parties: agreement asked of ${parties.join(", ")}.`, [
    { kind: "heading", text: `${rid}: draft ${next}, agreement asked anew (Art 10)` },
    {
      kind: "paragraph",
      content: [
        `Earlier answers no longer count. Asked: ${parties.join(", ")}.`,
        coordination?.state === "COORDINATING" ? " The NCTV coordinates this communication; its coordinator is asked to agree to the new draft." : "",
        coordination?.state === "PENDING" ? " The NCTV's coordinator is asked again whether it concerns the Cybersecurity Agenda." : "",
        ` Deadline ${formatTime(deadline)}.`,
      ],
    },
  ]);
}
