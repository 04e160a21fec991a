import { screeningStatus } from "../access/policy.js";
import { memberById, tellMember, updateTopic } from "../disclosure/notify.js";
import type { Translator } from "../i18n/translator.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { CommandContext } from "../use-cases/context.js";
import { joinReasons, message, refusal, type Reply } from "../views/message.js";
import { checkRoundNote } from "./check-text.js";
import { mayAnswer, partiesInForce } from "./deciders.js";
import { askEventAllowed, askSourceStates, isOpenRound, type RoundAskEvent } from "./round-state.js";
import { settleRound } from "./settle-round.js";
import { formatRoundId } from "./types.js";
import { coordinationView, roundAskTopic, roundStatusView, roundTitle, settledRoundAskView } from "./views.js";

/** An answer given with a round's buttons; objections and requested changes carry a note. */
export interface RoundAnswer {
  event: Exclude<RoundAskEvent, "expire" | "retire" | "withdraw">;
  note?: string;
}

const NEEDS_NOTE: readonly RoundAskEvent[] = ["object", "request_changes"];

/**
 * A party's liaison (or deputy), or the NCTV's coordinator, answers an ask by button. The ask
 * changes by a conditional update under the round's row lock: a double click, a retried
 * delivery or two members clicking at once (even on two bot instances) make one answer, and the
 * round closes at most once.
 */
export async function answerRound(ctx: CommandContext, askId: number, answer: RoundAnswer): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const first = await tx.rounds.ask(askId);
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "round.refused", actor: member.id, subject: `round-ask:${askId}`, details: { code, event: answer.event, reason: text } }], now);
    return refusal(code, text);
  };
  // The ask is read again under the round's lock: a concurrent answer may have changed it.
  const round = first ? await tx.rounds.lock(first.roundId) : undefined;
  const ask = round ? await tx.rounds.ask(askId) : undefined;
  if (!ask || !round) return refuse("round.not_found", t.text("rounds.refused.not_found"));
  if (!mayAnswer(member, round.kind, ask)) {
    const whose =
      ask.role === "coordination"
        ? t.text("rounds.whose.coordinator")
        : t.text("rounds.whose.party", { party: ask.party, coordinator: round.kind === "amendment" && (ask.party === "NCTV" || ask.party === "OM") ? "yes" : "no" });
    return refuse("round.not_yours", t.text("rounds.refused.not_yours", { whose }));
  }
  const title = roundTitle(t, { ...round, version: ask.version });
  if (ask.version !== round.version) {
    return refuse("round.replaced", t.text("rounds.refused.replaced", { old: ask.version, id: formatRoundId(round.kind, round.id), current: round.version }));
  }
  if (isOpenRound(round.state) && now.getTime() >= round.deadline.getTime()) {
    // Past its deadline, before the scheduler came by: an answer that comes late does not count.
    const settled = await settleRound(tx, directory, round, now, null);
    await tx.outbox.enqueue(settled.outbound, now);
    await tx.audit.append(settled.events, now);
    return refuse("round.expired", t.text("rounds.refused.expired", { title }));
  }
  const note = answer.note?.trim().slice(0, 1000) ?? "";
  if (NEEDS_NOTE.includes(answer.event) && !note) {
    return refuse("round.note_missing", t.text("rounds.refused.note_missing", { event: answer.event }));
  }
  // The note goes to the author, of another party: it may carry no data supplied to the cell.
  const checkedNote = note ? await checkRoundNote(tx, member, t.text("guard.what.note"), note, t) : undefined;
  if (checkedNote && !checkedNote.ok) return refuse("round.note_invalid", t.text("rounds.refused.note_invalid", { problems: joinReasons(checkedNote.problems) }));
  if (askSourceStates(answer.event, ask.role).length === 0 || (ask.state === "PENDING" && !askEventAllowed(answer.event, ask))) {
    return refuse("round.not_possible", t.text("rounds.refused.not_possible"));
  }
  const done = await tx.rounds.transition(askId, answer.event, { at: now, byId: member.id, byName: member.name, note: NEEDS_NOTE.includes(answer.event) && checkedNote?.ok ? checkedNote.text : null });
  if (!done) {
    const current = (await tx.rounds.ask(askId))!;
    await tx.audit.append([{ action: "round.already_decided", actor: member.id, subject: `round-ask:${askId}`, details: { state: current.state } }], now);
    return refusal("round.already_decided", t.text("rounds.refused.already_decided", { settled: settledRoundAskView(t, round, current).summary }));
  }
  const decided = (await tx.rounds.ask(askId))!;
  const outbound: OutboundMessage[] = [];
  let current = round;
  if (answer.event === "coordinate" || answer.event === "not_concerned") {
    // Art 10: recorded on the round, so that the NCTV keeps coordinating the later drafts.
    await tx.rounds.setCoordination(round.id, answer.event === "coordinate");
    current = { ...round, nctvCoordinates: answer.event === "coordinate" };
    const author = memberById(directory, round.authorId);
    // As in settle-round.ts: an author whose party withdrew is no longer told (Art 14).
    const inForce = await partiesInForce(tx.audit, now);
    if (author && inForce.some((p) => p === author.party) && screeningStatus(author, now, directory.covenant.screeningValidityYears).valid) {
      const asks = await tx.rounds.asksOf(round.id, round.version);
      const headline = answer.event === "coordinate" ? "rounds.headline.coordinates" : "rounds.headline.not_concerned";
      outbound.push(...tellMember(directory, author, (l) => roundStatusView(l, current, asks, l.text(headline, { name: member.name }))));
    }
  }
  // The coordinator who takes on the coordination gets the next buttons (agree, request changes)
  // in place of the first; every other answer replaces the message by its outcome.
  const replaced = (l: Translator) => (decided.state === "COORDINATING" ? coordinationView(l, current, decided) : settledRoundAskView(l, current, decided));
  outbound.push(...updateTopic(roundAskTopic(askId), replaced));
  const settled = await settleRound(tx, directory, current, now, member.id);
  await tx.outbox.enqueue([...outbound, ...settled.outbound], now);
  await tx.audit.append(
    [
      {
        action: `round.${answer.event}`,
        actor: member.id,
        subject: `round-ask:${askId}`,
        details: { round: round.id, kind: round.kind, version: round.version, party: ask.party, role: ask.role, note: decided.note },
      },
      ...settled.events,
    ],
    now,
  );
  const who = ask.role === "coordination" ? t.text("rounds.the_nctv") : ask.party;
  const text = t.text("rounds.answered", { event: answer.event, title, who, outcome: t.text("rounds.answered.outcome", { outcome: settled.outcome }) });
  return message(text, [{ kind: "paragraph", content: [text] }]);
}
