import type { PartyCode } from "../covenant/parties.js";
import type { RoundAskState, RoundKind, RoundState } from "./round-state.js";
import type { CheckedText } from "../guard/checked-text.js";
import { parsePrefixedNumber } from "../prefixed-id.js";

/**
 * An agreement round: something that counts only once every party agreed. A communication to
 * third parties about the cooperation (Art 10) or an amendment of the covenant (Art 13).
 */
export interface Round {
  id: number;
  kind: RoundKind;
  /** The draft's number. A changed draft (Art 10) starts a new version: earlier answers no longer count. */
  version: number;
  /** Passed the Art 7.2 guard for every party's liaisons. */
  text: CheckedText;
  authorId: string;
  authorName: string;
  authorParty: PartyCode;
  state: RoundState;
  createdAt: Date;
  /** When the current version was put to the parties. */
  startedAt: Date;
  deadline: Date;
  /**
   * Art 10: whether the NCTV coordinates this communication (it concerns the execution of the
   * Dutch Cybersecurity Agenda); null until its coordinator said. Always null for amendments.
   */
  nctvCoordinates: boolean | null;
  closedAt: Date | null;
}

/**
 * What one party is asked on one version of a round. `role` "party" is the party's agreement,
 * given by its liaisons (deputies on escalation); "coordination" is the NCTV coordinator's part
 * in a communication round (Art 10).
 */
export type AskRole = "party" | "coordination";

export interface RoundAsk {
  id: number;
  roundId: number;
  version: number;
  party: PartyCode;
  role: AskRole;
  state: RoundAskState;
  askedAt: Date;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  /** The reason of an objection, or the changes the NCTV asks for; shown to the author. */
  note: CheckedText | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}

export type NewRound = Omit<Round, "id" | "version" | "state" | "closedAt">;
/** An ask as created; one the author's own drafting settles starts decided. */
export type NewRoundAsk = Pick<RoundAsk, "party" | "role" | "state" | "decidedById" | "decidedByName" | "decidedAt" | "note">;

/**
 * Rounds are shown as CM-7 (communication) and AM-8 (amendment); both kinds share one numbering.
 * Communications were shown as C-7 before, which consultations of the OM are too (C-3): a member
 * who types a communication's old id where a round is meant is still understood.
 */
const PREFIX: Record<RoundKind, string> = { comms: "CM", amendment: "AM" };
const FORMER_PREFIX: Partial<Record<RoundKind, string>> = { comms: "C" };

export const formatRoundId = (kind: RoundKind, id: number) => `${PREFIX[kind]}-${id}`;

/** "CM-7", "cm7" (or the former "C-7") for a communication; undefined when the text is no id of that kind. */
export const parseRoundId = (kind: RoundKind, text: string): number | undefined => {
  const former = FORMER_PREFIX[kind];
  return parsePrefixedNumber(PREFIX[kind], text) ?? (former === undefined ? undefined : parsePrefixedNumber(former, text));
};
