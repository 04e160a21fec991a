import type { AuditEntry } from "../audit/chain.js";
import { PARTY_CODES, isPartyCode, type PartyCode } from "../covenant/parties.js";
import type { Directory, Member } from "../directory/types.js";
import type { AuditReads } from "../ports.js";
import { addMonthsInCell } from "../time/cell-zone.js";

/**
 * Art 14: a party may withdraw from the covenant with two months' written notice, stating why;
 * the covenant stays in force for the others. The notice is an entry of the audit log — the log
 * is the record of the covenant's life, tamper-evident like everything else — and the
 * withdrawal's effect follows from the notice's date alone, so every bot instance agrees on it
 * without further state.
 */
export const WITHDRAWAL_NOTICED = "covenant.withdrawal_noticed";
/** Written once when the scheduler has carried out the withdrawal's consequences. */
export const WITHDRAWAL_CARRIED_OUT = "covenant.withdrawal_effective";

/** Art 14: "met inachtneming van een opzegtermijn van twee maanden". */
export const NOTICE_MONTHS = 2;

export interface Withdrawal {
  party: PartyCode;
  noticeAt: Date;
  effectiveAt: Date;
  reason: string;
  givenBy: string;
}

/**
 * The same wall-clock time `months` calendar months later in the Netherlands, where the notice
 * is given (Art 14): a day the target month lacks becomes its last day (31 December + 2 months =
 * 28 or 29 February). Counted in UTC instead, a notice given on 31 December at 00:30 in
 * Amsterdam (30 December in UTC) would take effect a day late.
 */
export const addMonths = (date: Date, months: number): Date => addMonthsInCell(date, months);

/** Notices as recorded in the log; a party's first notice is the one that counts. */
export function withdrawalsIn(entries: readonly AuditEntry[]): Withdrawal[] {
  const byParty = new Map<PartyCode, Withdrawal>();
  for (const entry of entries) {
    const details = JSON.parse(entry.readable) as { party?: string; effectiveAt?: string; reason?: string };
    if (!details.party || !isPartyCode(details.party) || byParty.has(details.party)) continue;
    byParty.set(details.party, {
      party: details.party,
      noticeAt: entry.at,
      effectiveAt: new Date(details.effectiveAt ?? addMonths(entry.at, NOTICE_MONTHS)),
      reason: details.reason ?? "",
      givenBy: entry.actor ?? "",
    });
  }
  return PARTY_CODES.flatMap((p) => byParty.get(p) ?? []);
}

export async function withdrawals(audit: Pick<AuditReads, "withAction">): Promise<Withdrawal[]> {
  return withdrawalsIn(await audit.withAction(WITHDRAWAL_NOTICED));
}

/** Parties whose withdrawal has taken effect at `now`, with the date it did. */
export function withdrawnAt(all: readonly Withdrawal[], now: Date): Map<PartyCode, Date> {
  return new Map(all.filter((w) => w.effectiveAt.getTime() <= now.getTime()).map((w) => [w.party, w.effectiveAt]));
}

/** Members who still speak for a party in the cell: those of parties that have not withdrawn. */
export function remainingLiaisons(directory: Directory, withdrawn: ReadonlyMap<PartyCode, Date>, except?: PartyCode): Member[] {
  return directory.members.filter(
    (m) => m.roles.includes("liaison") && isPartyCode(m.party) && m.party !== except && !withdrawn.has(m.party),
  );
}
