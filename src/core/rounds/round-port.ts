import type { PartyCode } from "../covenant/parties.js";
import type { RoundAskEvent, RoundEvent } from "./round-state.js";
import type { NewRound, NewRoundAsk, Round, RoundAsk } from "./types.js";
import type { CheckedText } from "../guard/checked-text.js";

/**
 * What the agreement rounds (Art 10, 13) need from storage. Every change is a conditional update
 * on the current state (ROUND_TRANSITIONS, ROUND_ASK_TRANSITIONS): false means another
 * transaction got there first, and the caller answers "already decided".
 */
export interface RoundReads {
  byId(id: number): Promise<Round | undefined>;
  /** A round's asks, of one version or of every version, by version, role and party. */
  asksOf(roundId: number, version?: number): Promise<RoundAsk[]>;
  ask(askId: number): Promise<RoundAsk | undefined>;
  /** A member's own rounds, newest first. */
  byAuthor(memberId: string, limit: number): Promise<Round[]>;
  /** Open asks (PENDING, COORDINATING) of OPEN rounds, oldest first; only these parties' when given. */
  openAsks(limit: number, parties?: readonly PartyCode[]): Promise<RoundAsk[]>;
  /** Open rounds (OPEN, CHANGES_REQUESTED) whose deadline has passed. */
  pastDeadline(now: Date, limit: number): Promise<Round[]>;
}

export interface RoundWrites {
  /** A round at version 1, with its asks (all of version 1). */
  create(round: NewRound, asks: readonly NewRoundAsk[]): Promise<{ round: Round; asks: RoundAsk[] }>;
  /**
   * Takes the round's row lock for the rest of the transaction, so that concurrent answers to one
   * round are settled one after the other and the last one sees every other.
   */
  lock(roundId: number): Promise<Round | undefined>;
  /** Applies an ask transition if the ask is still in one of the event's source states. */
  transition(askId: number, event: RoundAskEvent, fields: { at: Date; byId?: string; byName?: string; note?: CheckedText | null }): Promise<boolean>;
  /** Moves the round out of one of the event's source states (not `revise`: see below); sets closedAt when it closes. */
  move(roundId: number, event: Exclude<RoundEvent, "revise">, at: Date): Promise<boolean>;
  /**
   * Art 10: a changed draft becomes the next version, with new asks, if the round is still open
   * and still at `fromVersion` (two revisions at once make one new version).
   */
  revise(roundId: number, fromVersion: number, change: { text: CheckedText; startedAt: Date; deadline: Date }, asks: readonly NewRoundAsk[]): Promise<{ round: Round; asks: RoundAsk[] } | undefined>;
  /** Records the NCTV coordinator's answer on the round, for the drafts that follow (Art 10). */
  setCoordination(roundId: number, coordinates: boolean): Promise<void>;
  markReminded(askId: number, at: Date): Promise<boolean>;
  markEscalated(askId: number, at: Date): Promise<boolean>;
}
