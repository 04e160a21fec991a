/**
 * The agreement rounds' state machine: one place for every state and transition, each with the
 * covenant article it comes from. The storage applies each transition as a conditional update on
 * the current state, so a decision, a clearance or an expiry happens exactly once, also with two
 * bot instances.
 *
 *   round (comms, Art 10):
 *     OPEN ──every party agreed, NCTV coordination settled──▶ CLEARED
 *       │ ──a party objected──▶ BLOCKED
 *       │ ──the coordinating NCTV requested changes──▶ CHANGES_REQUESTED ──revise──▶ OPEN (next draft)
 *       │ ──revise (a changed draft)──▶ OPEN (next draft)
 *       └ ──deadline──▶ EXPIRED  (also from CHANGES_REQUESTED: silence is never agreement)
 *
 *   round (amendment, Art 13):
 *     OPEN ──every party consented──▶ ADOPTED
 *       │ ──a party denied──▶ BLOCKED
 *       └ ──deadline──▶ EXPIRED
 *
 *   party ask:         PENDING ──agree──▶ AGREED
 *                        │ ──object──▶ OBJECTED
 *                        │ ──deadline──▶ EXPIRED
 *                        │ ──the party's withdrawal took effect (Art 14)──▶ WITHDRAWN
 *                        └ ──draft replaced, or round closed by another──▶ RETIRED
 *
 *   coordination ask (the NCTV coordinator, comms only, Art 10):
 *                      PENDING ──not the Agenda──▶ NOT_CONCERNED
 *                        │ ──coordinate──▶ COORDINATING ──agree──▶ AGREED
 *                        │                    └ ──request changes──▶ CHANGES_REQUESTED
 *                        └ (deadline ▶ EXPIRED, replaced or closed ▶ RETIRED, the NCTV's withdrawal
 *                           ▶ WITHDRAWN, from either open state)
 *
 *   A WITHDRAWN ask is no longer needed: the round goes on with the remaining parties (Art 14.2:
 *   the covenant stays in force for the others), and may clear or be adopted without it.
 */
import type { AskRole } from "./types.js";

export const ROUND_KINDS = ["comms", "amendment"] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const ROUND_STATES = ["OPEN", "CHANGES_REQUESTED", "CLEARED", "ADOPTED", "BLOCKED", "EXPIRED"] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export type RoundEvent = "clear" | "adopt" | "block" | "request_changes" | "revise" | "expire";

/** Which round states each event may leave from, where it leads, and for which kinds. */
export const ROUND_TRANSITIONS: Record<RoundEvent, { from: readonly RoundState[]; to: RoundState; kinds: readonly RoundKind[]; article: string }> = {
  clear: { from: ["OPEN"], to: "CLEARED", kinds: ["comms"], article: "Art 10" },
  adopt: { from: ["OPEN"], to: "ADOPTED", kinds: ["amendment"], article: "Art 13" },
  block: { from: ["OPEN"], to: "BLOCKED", kinds: ["comms", "amendment"], article: "Art 10, 13" },
  request_changes: { from: ["OPEN"], to: "CHANGES_REQUESTED", kinds: ["comms"], article: "Art 10" },
  revise: { from: ["OPEN", "CHANGES_REQUESTED"], to: "OPEN", kinds: ["comms"], article: "Art 10" },
  expire: { from: ["OPEN", "CHANGES_REQUESTED"], to: "EXPIRED", kinds: ["comms", "amendment"], article: "Art 10, 13" },
};

export const ROUND_ASK_STATES = ["PENDING", "COORDINATING", "AGREED", "OBJECTED", "NOT_CONCERNED", "CHANGES_REQUESTED", "EXPIRED", "RETIRED", "WITHDRAWN"] as const;
export type RoundAskState = (typeof ROUND_ASK_STATES)[number];

export type RoundAskEvent = "agree" | "object" | "coordinate" | "not_concerned" | "request_changes" | "expire" | "retire" | "withdraw";

/**
 * Which ask states each event may leave from, per role of ask, and where it leads. An event with
 * no source states for a role is refused for asks of that role.
 */
export const ROUND_ASK_TRANSITIONS: Record<RoundAskEvent, { from: Partial<Record<AskRole, readonly RoundAskState[]>>; to: RoundAskState }> = {
  // A party agrees (Art 10, 13); the NCTV coordinator agrees only once the NCTV coordinates.
  agree: { from: { party: ["PENDING"], coordination: ["COORDINATING"] }, to: "AGREED" },
  // One objection blocks the round (Art 10: communication only after the parties agreed; Art 13).
  object: { from: { party: ["PENDING"] }, to: "OBJECTED" },
  // Art 10: the coordinator says whether the draft concerns the Dutch Cybersecurity Agenda.
  coordinate: { from: { coordination: ["PENDING"] }, to: "COORDINATING" },
  not_concerned: { from: { coordination: ["PENDING"] }, to: "NOT_CONCERNED" },
  // Art 10: the coordinating NCTV may ask the author for changes.
  request_changes: { from: { coordination: ["COORDINATING"] }, to: "CHANGES_REQUESTED" },
  // Silence is never agreement: an open ask expires at the deadline.
  expire: { from: { party: ["PENDING"], coordination: ["PENDING", "COORDINATING"] }, to: "EXPIRED" },
  // The draft was replaced, or the round closed on another's answer: no answer is needed any more.
  retire: { from: { party: ["PENDING"], coordination: ["PENDING", "COORDINATING"] }, to: "RETIRED" },
  // Art 14: the party withdrew from the covenant while it was asked. It can no longer answer, and
  // the round no longer waits for it (see deriveRound). Only the scheduler takes this step.
  withdraw: { from: { party: ["PENDING"], coordination: ["PENDING", "COORDINATING"] }, to: "WITHDRAWN" },
};

/** The states an ask of this role may leave by this event; none means the event is not for it. */
export const askSourceStates = (event: RoundAskEvent, role: AskRole): readonly RoundAskState[] => ROUND_ASK_TRANSITIONS[event].from[role] ?? [];

export const askEventAllowed = (event: RoundAskEvent, ask: { role: AskRole; state: RoundAskState }): boolean => askSourceStates(event, ask.role).includes(ask.state);

/** The states each kind of round can be in: only a communication goes back to its author (Art 10). */
export const ROUND_KIND_STATES: Record<RoundKind, readonly RoundState[]> = {
  comms: ["OPEN", "CHANGES_REQUESTED", "CLEARED", "BLOCKED", "EXPIRED"],
  amendment: ["OPEN", "ADOPTED", "BLOCKED", "EXPIRED"],
};

export function roundEventAllowed(event: RoundEvent, round: { kind: RoundKind; state: RoundState }): boolean {
  const t = ROUND_TRANSITIONS[event];
  return t.kinds.includes(round.kind) && t.from.includes(round.state) && ROUND_KIND_STATES[round.kind].includes(round.state);
}

/** Open asks are the ones still waiting for someone: reminders and escalation go to them. */
export const OPEN_ASK_STATES: readonly RoundAskState[] = ["PENDING", "COORDINATING"];
export const isOpenRound = (state: RoundState) => state === "OPEN" || state === "CHANGES_REQUESTED";

/**
 * Where the current version's asks leave the round: every party must have agreed (Art 10, 13),
 * save those that withdrew from the covenant meanwhile (Art 14),
 * and in a communication the NCTV coordinator must have either agreed as coordinator or said the
 * draft does not concern the Cybersecurity Agenda. One objection blocks; a change the
 * coordinating NCTV asks for sends the draft back to its author.
 */
export function deriveRound(asks: readonly { role: AskRole; state: RoundAskState }[]): "WAITING" | "AGREED" | "BLOCKED" | "CHANGES_REQUESTED" {
  if (asks.some((a) => a.state === "OBJECTED")) return "BLOCKED";
  if (asks.some((a) => a.role === "coordination" && a.state === "CHANGES_REQUESTED")) return "CHANGES_REQUESTED";
  // Art 14: a party whose withdrawal took effect while it was asked is no longer one whose
  // agreement is needed; a withdrawn NCTV no longer coordinates.
  const parties = asks.filter((a) => a.role === "party" && a.state !== "WITHDRAWN");
  const coordinationSettled = asks.filter((a) => a.role === "coordination").every((a) => a.state === "AGREED" || a.state === "NOT_CONCERNED" || a.state === "WITHDRAWN");
  if (parties.length > 0 && parties.every((a) => a.state === "AGREED") && coordinationSettled) return "AGREED";
  return "WAITING";
}
