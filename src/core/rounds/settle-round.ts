import { screeningStatus } from "../access/policy.js";
import type { AuditEvent } from "../audit/chain.js";
import type { Directory } from "../directory/types.js";
import { directMessage, memberById, updateTopic } from "../disclosure/notify.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { Transaction } from "../ports.js";
import { allAnswerers, partiesInForce } from "./deciders.js";
import { OPEN_ASK_STATES, deriveRound, isOpenRound, type RoundAskEvent } from "./round-state.js";
import { formatRoundId, type Round, type RoundAsk } from "./types.js";
import { adoptionView, roundAskTopic, roundStatusView, settledRoundAskView } from "./views.js";

export type RoundOutcome = "waiting" | "cleared" | "adopted" | "blocked" | "changes_requested" | "expired";

/**
 * After an answer: close the round when its current asks say so — clear a communication or
 * adopt an amendment once every party agreed, block it on one objection, send a communication
 * back to its author when the coordinating NCTV asks for changes, expire it at its deadline — and
 * queue the messages that follow. Runs under the round's row lock, in the transaction that
 * changed the ask, so concurrent answers see each other and the round closes once.
 */
export async function settleRound(
  tx: Transaction,
  directory: Directory,
  round: Round,
  now: Date,
  actor: string | null,
): Promise<{ outcome: RoundOutcome; events: AuditEvent[]; outbound: OutboundMessage[] }> {
  const events: AuditEvent[] = [];
  const outbound: OutboundMessage[] = [];
  if (!isOpenRound(round.state)) return { outcome: "waiting", events, outbound };
  const asks = await tx.rounds.asksOf(round.id, round.version);
  const byAsks = deriveRound(asks);
  // Past the deadline an open round expires, whatever answers came in: silence is never
  // agreement, and an agreement that comes late does not count.
  const derived = byAsks !== "BLOCKED" && now.getTime() >= round.deadline.getTime() ? "EXPIRED" : byAsks;
  const id = formatRoundId(round.kind, round.id);
  const author = memberById(directory, round.authorId);
  // Art 14: a party whose withdrawal took effect is no longer told, not even its author of a round.
  const inForce = await partiesInForce(tx.audit, now);
  const tell = (closed: Round, headline: string, after: readonly RoundAsk[]) => {
    if (author && inForce.some((p) => p === author.party) && screeningStatus(author, now, directory.covenant.screeningValidityYears).valid) {
      outbound.push(...directMessage(author, roundStatusView(closed, after, headline)));
    }
  };
  /** Closes the asks still open, each message replaced by the outcome (no stale buttons). */
  const closeOpenAsks = async (closed: Round, event: RoundAskEvent, note?: string) => {
    for (const ask of asks.filter((a) => OPEN_ASK_STATES.includes(a.state))) {
      if (!(await tx.rounds.transition(ask.id, event, { at: now }))) continue;
      const settled = (await tx.rounds.ask(ask.id))!;
      outbound.push(...updateTopic(roundAskTopic(ask.id), settledRoundAskView(closed, settled, note)));
    }
  };

  if (derived === "WAITING" || (derived === "CHANGES_REQUESTED" && round.state === "CHANGES_REQUESTED")) {
    return { outcome: "waiting", events, outbound };
  }
  if (derived === "EXPIRED") {
    if (!(await tx.rounds.move(round.id, "expire", now))) return { outcome: "waiting", events, outbound };
    const closed = { ...round, state: "EXPIRED" as const, closedAt: now };
    const waitingFor = asks.filter((a) => OPEN_ASK_STATES.includes(a.state)).map((a) => (a.role === "coordination" ? "NCTV coordinator" : a.party));
    await closeOpenAsks(closed, "expire", "Nothing was agreed by the deadline, so no answer is needed any more.");
    events.push({ action: `${round.kind}.expired`, actor, subject: `round:${round.id}`, details: { version: round.version, waitingFor } });
    const what = round.kind === "comms" ? "it is not cleared and may not go out" : "the amendment is not adopted";
    tell(closed, `Expired at its deadline without every party's agreement: ${what} (silence is never agreement).`, await tx.rounds.asksOf(round.id, round.version));
    return { outcome: "expired", events, outbound };
  }
  if (derived === "BLOCKED") {
    if (!(await tx.rounds.move(round.id, "block", now))) return { outcome: "waiting", events, outbound };
    const closed = { ...round, state: "BLOCKED" as const, closedAt: now };
    // The other parties learn only that no answer is needed any more.
    await closeOpenAsks(closed, "retire", `${id} is closed: no answer of yours is needed any more.`);
    const blockers = asks.filter((a) => a.state === "OBJECTED");
    const reasons = blockers.map((a) => `${a.party}${a.note ? ` (“${a.note}”)` : ""}`).join(", ");
    events.push({ action: `${round.kind}.blocked`, actor, subject: `round:${round.id}`, details: { version: round.version, by: blockers.map((a) => a.party) } });
    const what = round.kind === "comms" ? "The communication may not go out. You may draft a new one." : "The amendment is not adopted (Art 13: it needs every party's consent).";
    tell(closed, `Blocked: ${reasons} did not agree. ${what}`, await tx.rounds.asksOf(round.id, round.version));
    return { outcome: "blocked", events, outbound };
  }
  if (derived === "CHANGES_REQUESTED") {
    if (!(await tx.rounds.move(round.id, "request_changes", now))) return { outcome: "waiting", events, outbound };
    const changed = { ...round, state: "CHANGES_REQUESTED" as const };
    // Answers on a draft that will be replaced would not count: the parties are asked again on the changed draft.
    await closeOpenAsks(changed, "retire", `The NCTV asked the author for changes (Art 10); the changed draft will be put to your party anew.`);
    const request = asks.find((a) => a.role === "coordination")!;
    events.push({ action: "comms.changes_requested", actor, subject: `round:${round.id}`, details: { version: round.version, by: request.decidedById, note: request.note } });
    tell(
      changed,
      `The NCTV coordinates this communication and asks for changes: “${request.note ?? ""}” (${request.decidedByName ?? "its coordinator"}). Send a changed draft with /ciic comms revise ${id} <text>; the round then starts again.`,
      await tx.rounds.asksOf(round.id, round.version),
    );
    return { outcome: "changes_requested", events, outbound };
  }
  // Every party agreed (and the NCTV's coordination, if any, is settled).
  const event = round.kind === "comms" ? "clear" : "adopt";
  if (!(await tx.rounds.move(round.id, event, now))) return { outcome: "waiting", events, outbound };
  const closed = { ...round, state: round.kind === "comms" ? ("CLEARED" as const) : ("ADOPTED" as const), closedAt: now };
  const record = {
    version: round.version,
    text: round.text,
    author: round.authorId,
    answers: asks.map((a) => ({ party: a.party, role: a.role, state: a.state, by: a.decidedById, at: a.decidedAt?.toISOString() ?? null })),
    nctvCoordinates: round.nctvCoordinates,
  };
  if (round.kind === "comms") {
    events.push({ action: "comms.cleared", actor, subject: `round:${round.id}`, details: record });
    tell(closed, `Cleared: every party agreed (covenant Art 10)${withdrawnNote(asks)}. It may now go out as agreed, in this wording.`, asks);
    return { outcome: "cleared", events, outbound };
  }
  // Art 13: the adoption is recorded with every party's consent, and announced to everyone who
  // speaks for a party.
  events.push({ action: "amendment.adopted", actor, subject: `round:${round.id}`, details: record });
  const told = allAnswerers(directory, round.kind, [...new Set(asks.map((a) => a.party))].filter((p) => inForce.includes(p)), now);
  const everyone = author && inForce.some((p) => p === author.party) && !told.some((m) => m.id === author.id) ? [...told, author] : told;
  for (const m of everyone) outbound.push(...directMessage(m, adoptionView(closed, asks)));
  return { outcome: "adopted", events, outbound };
}

/** ", save NCSC, which withdrew from the covenant (Art 14)" when a party left while asked. */
function withdrawnNote(asks: readonly RoundAsk[]): string {
  const gone = [...new Set(asks.filter((a) => a.state === "WITHDRAWN").map((a) => a.party))];
  return gone.length === 0 ? "" : `, save ${gone.join(", ")}, which withdrew from the covenant (Art 14)`;
}
