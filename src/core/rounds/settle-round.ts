import { screeningStatus } from "../access/policy.js";
import type { AuditEvent } from "../audit/chain.js";
import type { Directory } from "../directory/types.js";
import { memberById, tellMember, updateTopic } from "../disclosure/notify.js";
import type { Translator } from "../i18n/translator.js";
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
  /** The author's status, in the author's language. */
  const tell = (closed: Round, headline: (t: Translator) => string, after: readonly RoundAsk[]) => {
    if (author && inForce.some((p) => p === author.party) && screeningStatus(author, now, directory.covenant.screeningValidityYears).valid) {
      outbound.push(...tellMember(directory, author, (t) => roundStatusView(t, closed, after, headline(t))));
    }
  };
  /** Closes the asks still open, each message replaced by the outcome in its own language (no stale buttons). */
  const closeOpenAsks = async (closed: Round, event: RoundAskEvent, note: (t: Translator) => string) => {
    for (const ask of asks.filter((a) => OPEN_ASK_STATES.includes(a.state))) {
      if (!(await tx.rounds.transition(ask.id, event, { at: now }))) continue;
      const settled = (await tx.rounds.ask(ask.id))!;
      outbound.push(...updateTopic(roundAskTopic(ask.id), (t) => settledRoundAskView(t, closed, settled, note(t))));
    }
  };

  if (derived === "WAITING" || (derived === "CHANGES_REQUESTED" && round.state === "CHANGES_REQUESTED")) {
    return { outcome: "waiting", events, outbound };
  }
  if (derived === "EXPIRED") {
    if (!(await tx.rounds.move(round.id, "expire", now))) return { outcome: "waiting", events, outbound };
    const closed = { ...round, state: "EXPIRED" as const, closedAt: now };
    const waitingFor = asks.filter((a) => OPEN_ASK_STATES.includes(a.state)).map((a) => (a.role === "coordination" ? "NCTV coordinator" : a.party));
    await closeOpenAsks(closed, "expire", (t) => t.text("rounds.note.expired"));
    events.push({ action: `${round.kind}.expired`, actor, subject: `round:${round.id}`, details: { version: round.version, waitingFor } });
    tell(closed, (t) => t.text("rounds.headline.expired", { kind: round.kind }), await tx.rounds.asksOf(round.id, round.version));
    return { outcome: "expired", events, outbound };
  }
  if (derived === "BLOCKED") {
    if (!(await tx.rounds.move(round.id, "block", now))) return { outcome: "waiting", events, outbound };
    const closed = { ...round, state: "BLOCKED" as const, closedAt: now };
    // The other parties learn only that no answer is needed any more.
    await closeOpenAsks(closed, "retire", (t) => t.text("rounds.note.closed", { id }));
    const blockers = asks.filter((a) => a.state === "OBJECTED");
    const reasons = (t: Translator) =>
      t.list(blockers.map((a) => t.text("rounds.headline.blocker", { party: a.party, reason: a.note ? t.text("rounds.headline.blocker_reason", { note: a.note }) : "" })));
    events.push({ action: `${round.kind}.blocked`, actor, subject: `round:${round.id}`, details: { version: round.version, by: blockers.map((a) => a.party) } });
    tell(closed, (t) => t.text("rounds.headline.blocked", { blockers: reasons(t), kind: round.kind }), await tx.rounds.asksOf(round.id, round.version));
    return { outcome: "blocked", events, outbound };
  }
  if (derived === "CHANGES_REQUESTED") {
    if (!(await tx.rounds.move(round.id, "request_changes", now))) return { outcome: "waiting", events, outbound };
    const changed = { ...round, state: "CHANGES_REQUESTED" as const };
    // Answers on a draft that will be replaced would not count: the parties are asked again on the changed draft.
    await closeOpenAsks(changed, "retire", (t) => t.text("rounds.note.changes_requested"));
    const request = asks.find((a) => a.role === "coordination")!;
    events.push({ action: "comms.changes_requested", actor, subject: `round:${round.id}`, details: { version: round.version, by: request.decidedById, note: request.note } });
    tell(
      changed,
      (t) => t.text("rounds.headline.changes_requested", { note: request.note ?? "", name: request.decidedByName ?? t.text("rounds.its_coordinator"), id }),
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
    tell(closed, (t) => t.text("rounds.headline.cleared", { withdrawn: withdrawnNote(t, asks) }), asks);
    return { outcome: "cleared", events, outbound };
  }
  // Art 13: the adoption is recorded with every party's consent, and announced to everyone who
  // speaks for a party.
  events.push({ action: "amendment.adopted", actor, subject: `round:${round.id}`, details: record });
  const told = allAnswerers(directory, round.kind, [...new Set(asks.map((a) => a.party))].filter((p) => inForce.includes(p)), now);
  const everyone = author && inForce.some((p) => p === author.party) && !told.some((m) => m.id === author.id) ? [...told, author] : told;
  for (const m of everyone) outbound.push(...tellMember(directory, m, (t) => adoptionView(t, closed, asks)));
  return { outcome: "adopted", events, outbound };
}

/** ", save NCSC, which withdrew from the covenant (Art 14)" when a party left while asked. */
function withdrawnNote(t: Translator, asks: readonly RoundAsk[]): string {
  const gone = [...new Set(asks.filter((a) => a.state === "WITHDRAWN").map((a) => a.party))];
  return gone.length === 0 ? "" : t.text("rounds.headline.save_withdrawn", { parties: t.list(gone) });
}
