import { PARTY_CODES, type PartyCode } from "../covenant/parties.js";
import type { RequestState } from "../disclosure/consent-state.js";
import type { Directory } from "../directory/types.js";
import type { Round } from "../rounds/types.js";
import { addDays, cellDay, evaluationDates, nextEvaluation } from "./calendar.js";
import type { Period } from "./period.js";
import type { OverlapCounts, SteeringReads } from "./types.js";
import { countRelatedOverlaps } from "./related-overlaps.js";
import { withholdData } from "../guard/withhold.js";
import type { GuardReads } from "../guard/find-data.js";
import type { Translator } from "../i18n/translator.js";

/** Request outcomes as the steering group reads them, in the order they are shown. */
export const OUTCOMES = ["released", "denied", "expired", "withdrawn", "pending"] as const;
export type Outcome = (typeof OUTCOMES)[number];
const OUTCOME_OF: Record<RequestState, Outcome> = { RELEASED: "released", DENIED: "denied", EXPIRED: "expired", WITHDRAWN: "withdrawn", PENDING: "pending" };

/** What the report counts of communications (Art 10) and amendments (Art 13), in the order shown. */
export const COMMS_COUNTS = ["drafted", "cleared", "blocked", "expired"] as const;
export type CommsCount = (typeof COMMS_COUNTS)[number];
export const AMENDMENT_COUNTS = ["proposed", "adopted", "blocked", "expired"] as const;
export type AmendmentCount = (typeof AMENDMENT_COUNTS)[number];

export interface Turnaround {
  decisions: number;
  medianHours: number | null;
  slowestHours: number | null;
}

/**
 * The figures the steering group needs to evaluate the cell (Art 9): counts per party, which its
 * oversight of the covenant allows, and never an indicator value or an analysis's text (Art 7.2).
 */
export interface SteeringReport {
  period: Period;
  generatedAt: Date;
  supplied: { party: PartyCode; total: number; corrections: number; byType: { type: string; items: number }[] }[];
  /** Indicators of the period that two or more parties supplied: the same value. */
  overlaps: OverlapCounts;
  /** Indicators of the period related to another party's record, not the same value (related-overlaps.ts). */
  relatedOverlaps: OverlapCounts;
  /** Requests made in the period, with their outcome as it stands now. */
  requests: { total: number; outcomes: Record<Outcome, number> };
  /** From the consent ask to the liaison's decision (approve or deny), in hours. */
  // No request ids, here or in the denials: a steering member who is also a liaison, or who asks
  // one, would learn which party's data a request held that their own party was asked about (Art 7.2).
  turnaround: Turnaround & { slowest: { party: PartyCode } | null; byParty: ({ party: PartyCode } & Turnaround)[] };
  denials: { party: PartyCode; decidedAt: Date | null; reason: string }[];
  expiries: { requests: number; unansweredByParty: { party: PartyCode; asks: number }[] };
  meetings: { dates: string[] };
  /**
   * Agreement rounds (Art 10, 13): those started in the period, and those that closed in it by
   * their outcome. A changed draft is the same communication, not a new one.
   */
  rounds: { comms: Record<CommsCount, number>; amendments: Record<AmendmentCount, number> };
  evaluations: { inPeriod: string[]; next: string };
}

const HOUR = 3_600_000;

export async function buildReport(reads: SteeringReads, directory: Directory, period: Period, now: Date, records: GuardReads, t: Translator): Promise<SteeringReport> {
  const supplied = new Map<PartyCode, SteeringReport["supplied"][number]>();
  for (const row of await reads.suppliedCounts(period.from, period.to)) {
    const entry = supplied.get(row.party) ?? { party: row.party, total: 0, corrections: 0, byType: [] };
    entry.total += row.items;
    entry.corrections += row.corrections;
    if (row.items > 0) entry.byType.push({ type: row.type, items: row.items });
    supplied.set(row.party, entry);
  }
  for (const entry of supplied.values()) entry.byType.sort((a, b) => b.items - a.items || (a.type < b.type ? -1 : 1));

  const requests = await reads.requestsBetween(period.from, period.to);
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const decided: { party: PartyCode; hours: number }[] = [];
  const denials: SteeringReport["denials"] = [];
  const unanswered = new Map<PartyCode, number>();
  for (const { request, asks } of requests) {
    outcomes[OUTCOME_OF[request.state]]++;
    for (const ask of asks) {
      // decidedAt also moves when a consent is revoked, expires or is closed by someone else;
      // only the party's own approval or denial counts here.
      if ((ask.state === "APPROVED" || ask.state === "DENIED") && ask.decidedAt) {
        decided.push({ party: ask.party, hours: (ask.decidedAt.getTime() - request.createdAt.getTime()) / HOUR });
      }
      if (ask.state === "DENIED") {
        denials.push({ party: ask.party, decidedAt: ask.decidedAt, reason: await withholdData(records, ask.reason ?? "", t) });
      }
      if (ask.state === "EXPIRED") unanswered.set(ask.party, (unanswered.get(ask.party) ?? 0) + 1);
    }
  }
  const slowest = decided.reduce<(typeof decided)[number] | null>((worst, d) => (!worst || d.hours > worst.hours ? d : worst), null);
  const byParty = PARTY_CODES.filter((p) => decided.some((d) => d.party === p)).map((party) => ({ party, ...turnaround(decided.filter((d) => d.party === party).map((d) => d.hours)) }));

  const today = cellDay(now);
  const lastDay = addDays(period.toDay, -1);
  return {
    period,
    generatedAt: now,
    supplied: PARTY_CODES.flatMap((p) => (supplied.has(p) ? [supplied.get(p)!] : [])),
    overlaps: await reads.overlaps(period.from, period.to),
    relatedOverlaps: await countRelatedOverlaps(reads, records.items, period.from, period.to),
    requests: { total: requests.length, outcomes },
    turnaround: { ...turnaround(decided.map((d) => d.hours)), slowest: slowest && { party: slowest.party }, byParty },
    denials,
    expiries: { requests: outcomes.expired, unansweredByParty: PARTY_CODES.flatMap((party) => (unanswered.has(party) ? [{ party, asks: unanswered.get(party)! }] : [])) },
    meetings: { dates: (await reads.meetingsBetween(period.fromDay, period.toDay)).map((m) => m.date) },
    rounds: countRounds(await reads.roundsBetween(period.from, period.to), period),
    evaluations: {
      inPeriod: evaluationDates(directory.covenant.effective, lastDay).filter((d) => d >= period.fromDay),
      next: nextEvaluation(directory.covenant.effective, today),
    },
  };
}

function countRounds(rounds: readonly Round[], period: Period): SteeringReport["rounds"] {
  const comms = Object.fromEntries(COMMS_COUNTS.map((c) => [c, 0])) as Record<CommsCount, number>;
  const amendments = Object.fromEntries(AMENDMENT_COUNTS.map((c) => [c, 0])) as Record<AmendmentCount, number>;
  const inPeriod = (d: Date | null) => d !== null && d.getTime() >= period.from.getTime() && d.getTime() < period.to.getTime();
  for (const r of rounds) {
    if (r.kind === "comms") {
      if (inPeriod(r.createdAt)) comms.drafted++;
      if (inPeriod(r.closedAt) && (r.state === "CLEARED" || r.state === "BLOCKED" || r.state === "EXPIRED")) comms[CLOSED_AS[r.state]]++;
    } else {
      if (inPeriod(r.createdAt)) amendments.proposed++;
      if (inPeriod(r.closedAt) && (r.state === "ADOPTED" || r.state === "BLOCKED" || r.state === "EXPIRED")) amendments[CLOSED_AS[r.state]]++;
    }
  }
  return { comms, amendments };
}

const CLOSED_AS = { CLEARED: "cleared", ADOPTED: "adopted", BLOCKED: "blocked", EXPIRED: "expired" } as const;

function turnaround(hours: number[]): Turnaround {
  if (hours.length === 0) return { decisions: 0, medianHours: null, slowestHours: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { decisions: sorted.length, medianHours: round(median), slowestHours: round(sorted[sorted.length - 1]) };
}

const round = (n: number) => Math.round(n * 10) / 10;
