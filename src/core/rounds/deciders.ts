import { screeningStatus } from "../access/policy.js";
import { PARTY_CODES, type PartyCode } from "../covenant/parties.js";
import { withdrawals, withdrawnAt } from "../covenant-life/withdrawal.js";
import type { Directory, Member } from "../directory/types.js";
import type { AuditReads } from "../ports.js";
import type { RoundKind } from "./round-state.js";
import type { RoundAsk } from "./types.js";

/**
 * Who speaks for a party in an agreement round. A party's liaisons answer for it; for an
 * amendment (Art 13) the NCTV and the OM answer through their coordinators as well, as the
 * directory names them (the NCTV's coordinator coordinates for it, Art 10; the OM's is its
 * contact, Art 4.5). Deputies stand in for the liaisons (see README, "The directory file").
 */
const speaksFor = (kind: RoundKind, party: PartyCode, m: Member, which: "first" | "deputy") => {
  if (which === "deputy") return m.roles.includes("deputy");
  return m.roles.includes("liaison") || (kind === "amendment" && (party === "NCTV" || party === "OM") && m.roles.includes("coordinator"));
};

const screened = (directory: Directory, now: Date) => (m: Member) => screeningStatus(m, now, directory.covenant.screeningValidityYears).valid;

/**
 * Who is asked for a party's answer: its liaisons (and coordinators, see above), or its deputies
 * when it has none besides the author; with `deputy`, its deputies only (on escalation). Only
 * members with a valid A-level screening are shown the round (Art 4.6).
 */
export function whoAnswers(directory: Directory, kind: RoundKind, party: PartyCode, authorId: string, now: Date, which: "first" | "deputy" = "first"): Member[] {
  const eligible = (w: "first" | "deputy") =>
    directory.members.filter((m) => m.party === party && m.id !== authorId && speaksFor(kind, party, m, w) && screened(directory, now)(m));
  if (which === "deputy") return eligible("deputy");
  const first = eligible("first");
  return first.length > 0 ? first : eligible("deputy");
}

/** The NCTV's coordinators, who say whether the NCTV coordinates a communication (Art 10). */
export function nctvCoordinators(directory: Directory, now: Date, authorId?: string): Member[] {
  return directory.members.filter((m) => m.party === "NCTV" && m.roles.includes("coordinator") && m.id !== authorId && screened(directory, now)(m));
}

/** May this member answer this ask? (Screening is checked by the access policy before.) */
export function mayAnswer(member: Member, kind: RoundKind, ask: Pick<RoundAsk, "party" | "role">): boolean {
  if (ask.role === "coordination") return member.party === "NCTV" && member.roles.includes("coordinator");
  return member.party === ask.party && (speaksFor(kind, ask.party, member, "first") || speaksFor(kind, ask.party, member, "deputy"));
}

/** Everyone who speaks for a party in rounds of this kind, for announcements (Art 13: an adoption is told to all). */
export function allAnswerers(directory: Directory, kind: RoundKind, parties: readonly PartyCode[], now: Date): Member[] {
  return directory.members.filter((m) => parties.some((p) => p === m.party && speaksFor(kind, p, m, "first")) && screened(directory, now)(m));
}

/**
 * The parties a round asks: all six, but a party whose withdrawal took effect (Art 14) is no
 * longer asked — the covenant stays in force for the others.
 */
export async function partiesInForce(audit: Pick<AuditReads, "withAction">, now: Date): Promise<PartyCode[]> {
  const gone = withdrawnAt(await withdrawals(audit), now);
  return PARTY_CODES.filter((p) => !gone.has(p));
}
