import { screeningStatus } from "../access/policy.js";
import { directMessage, memberById, updateTopic } from "../disclosure/notify.js";
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

const PAST: Record<RoundAnswer["event"], string> = {
  agree: "agreed to",
  object: "objected to",
  coordinate: "took on the NCTV's coordination of",
  not_concerned: "found the Cybersecurity Agenda not concerned by",
  request_changes: "asked for changes to",
};

/**
 * A party's liaison (or deputy), or the NCTV's coordinator, answers an ask by button. The ask
 * changes by a conditional update under the round's row lock: a double click, a retried
 * delivery or two members clicking at once (even on two bot instances) make one answer, and the
 * round closes at most once.
 */
export async function answerRound(ctx: CommandContext, askId: number, answer: RoundAnswer): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const first = await tx.rounds.ask(askId);
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "round.refused", actor: member.id, subject: `round-ask:${askId}`, details: { code, event: answer.event, reason: text } }], now);
    return refusal(code, text);
  };
  // The ask is read again under the round's lock: a concurrent answer may have changed it.
  const round = first ? await tx.rounds.lock(first.roundId) : undefined;
  const ask = round ? await tx.rounds.ask(askId) : undefined;
  if (!ask || !round) return refuse("round.not_found", "This question does not exist (any more); nothing was changed.");
  if (!mayAnswer(member, round.kind, ask)) {
    const whose = ask.role === "coordination" ? "the NCTV's coordinator" : `${ask.party}'s liaisons and deputies${round.kind === "amendment" && (ask.party === "NCTV" || ask.party === "OM") ? " (and its coordinator)" : ""}`;
    return refuse("round.not_yours", `This question is for ${whose}; nothing was changed.`);
  }
  const title = roundTitle({ ...round, version: ask.version });
  if (ask.version !== round.version) {
    return refuse("round.replaced", `Draft ${ask.version} of ${formatRoundId(round.kind, round.id)} was replaced by draft ${round.version}; answer the message about the new draft. Nothing was changed.`);
  }
  if (isOpenRound(round.state) && now.getTime() >= round.deadline.getTime()) {
    // Past its deadline, before the scheduler came by: an answer that comes late does not count.
    const settled = await settleRound(tx, directory, round, now, null);
    await tx.outbox.enqueue(settled.outbound, now);
    await tx.audit.append(settled.events, now);
    return refuse("round.expired", `${title} expired at its deadline; no answer is needed any more.`);
  }
  const note = answer.note?.trim().slice(0, 1000) ?? "";
  if (NEEDS_NOTE.includes(answer.event) && !note) {
    return refuse("round.note_missing", answer.event === "object" ? "Say why your party does not agree: the author needs the reason." : "Say which changes the NCTV asks for: the author needs them.");
  }
  // The note goes to the author, of another party: it may carry no data supplied to the cell.
  const checkedNote = note ? await checkRoundNote(tx, member, "the note", note) : undefined;
  if (checkedNote && !checkedNote.ok) return refuse("round.note_invalid", `Nothing was changed: ${joinReasons(checkedNote.problems)}.`);
  if (askSourceStates(answer.event, ask.role).length === 0 || (ask.state === "PENDING" && !askEventAllowed(answer.event, ask))) {
    return refuse("round.not_possible", "This answer is not possible on this question; nothing was changed.");
  }
  const done = await tx.rounds.transition(askId, answer.event, { at: now, byId: member.id, byName: member.name, note: NEEDS_NOTE.includes(answer.event) && checkedNote?.ok ? checkedNote.text : null });
  if (!done) {
    const current = (await tx.rounds.ask(askId))!;
    await tx.audit.append([{ action: "round.already_decided", actor: member.id, subject: `round-ask:${askId}`, details: { state: current.state } }], now);
    return refusal("round.already_decided", `Already decided: ${settledRoundAskView(round, current).summary}`);
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
      const headline =
        answer.event === "coordinate"
          ? `The NCTV coordinates this communication: it concerns the Dutch Cybersecurity Agenda (Art 10). It is cleared only with the NCTV's agreement (${member.name}).`
          : `The NCTV's coordinator (${member.name}) found that it does not concern the Dutch Cybersecurity Agenda; the NCTV agrees as a party like the others.`;
      outbound.push(...directMessage(author, roundStatusView(current, await tx.rounds.asksOf(round.id, round.version), headline)));
    }
  }
  // The coordinator who takes on the coordination gets the next buttons (agree, request changes)
  // in place of the first; every other answer replaces the message by its outcome.
  const replaced = decided.state === "COORDINATING" ? coordinationView(current, decided) : settledRoundAskView(current, decided);
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
  const outcome: Record<string, string> = {
    cleared: " Every party agreed: it is cleared.",
    adopted: " Every party consented: the amendment is adopted and announced.",
    blocked: " It is blocked; the author is told why.",
    changes_requested: " The author is asked for a changed draft.",
  };
  const who = ask.role === "coordination" ? "the NCTV" : ask.party;
  const text = `You ${PAST[answer.event]} ${title} for ${who}.${outcome[settled.outcome] ?? ""}`;
  return message(text, [{ kind: "paragraph", content: [text] }]);
}
