import { screeningStatus } from "../access/policy.js";
import type { AuditEvent } from "../audit/chain.js";
import type { PartyCode } from "../covenant/parties.js";
import type { Directory } from "../directory/types.js";
import { memberById, tellMember, updateTopic } from "../disclosure/notify.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { Transaction } from "../ports.js";
import { OPEN_ASK_STATES, isOpenRound } from "../rounds/round-state.js";
import { settleRound } from "../rounds/settle-round.js";
import { formatRoundId, type RoundAsk } from "../rounds/types.js";
import { roundAskTopic, roundStatusView, settledRoundAskView } from "../rounds/views.js";

/**
 * Art 14, for the agreement rounds in progress when a party's withdrawal takes effect. The
 * covenant stays in force for the others (Art 14.2), so a communication (Art 10) now needs the
 * agreement of the remaining parties only, and an amendment (Art 13) the consent of the
 * remaining parties only: the party's open asks become WITHDRAWN, their buttons go, and each
 * round is settled again — it may clear or be adopted now. Its author is told where it stands.
 * Runs inside the withdrawal's carry-out, which happens once under the audit head's lock; each
 * ask moves by a conditional update besides.
 */
export async function withdrawFromRounds(
  tx: Transaction,
  directory: Directory,
  party: PartyCode,
  inForce: readonly PartyCode[],
  now: Date,
): Promise<{ rounds: number[]; events: AuditEvent[]; outbound: OutboundMessage[] }> {
  const events: AuditEvent[] = [];
  const outbound: OutboundMessage[] = [];
  const rounds: number[] = [];
  const open = await tx.rounds.openAsks(1000, [party]);
  for (const roundId of [...new Set(open.map((a) => a.roundId))]) {
    const round = await tx.rounds.lock(roundId);
    if (!round || !isOpenRound(round.state)) continue;
    const waiting = (await tx.rounds.asksOf(roundId, round.version)).filter((a) => a.party === party && OPEN_ASK_STATES.includes(a.state));
    const withdrawn: RoundAsk[] = [];
    for (const ask of waiting) {
      if (!(await tx.rounds.transition(ask.id, "withdraw", { at: now }))) continue;
      const settled = (await tx.rounds.ask(ask.id))!;
      withdrawn.push(settled);
      outbound.push(...updateTopic(roundAskTopic(ask.id), (t) => settledRoundAskView(t, round, settled, t.text("rounds.note.no_answer_needed"))));
      events.push({ action: "round.party_withdrawn", actor: null, subject: `round-ask:${ask.id}`, details: { round: round.id, version: round.version, party, role: ask.role } });
    }
    if (withdrawn.length === 0) continue;
    rounds.push(round.id);
    const settled = await settleRound(tx, directory, round, now, null);
    outbound.push(...settled.outbound);
    events.push(...settled.events);
    // A round that closed now was reported to its author by settleRound; one that still waits is told here.
    const author = memberById(directory, round.authorId);
    const tellable = author && inForce.some((p) => p === author.party) && screeningStatus(author, now, directory.covenant.screeningValidityYears).valid;
    if (settled.outcome === "waiting" && tellable) {
      const asks = await tx.rounds.asksOf(round.id, round.version);
      const open = asks.filter((a) => OPEN_ASK_STATES.includes(a.state));
      outbound.push(
        ...tellMember(directory, author, (t) => {
          const still = open.map((a) => (a.role === "coordination" ? t.text("rounds.who.the_coordinator") : a.party));
          const headline = t.text("rounds.headline.party_withdrew", {
            party,
            id: formatRoundId(round.kind, round.id),
            kind: round.kind,
            still: still.length > 0 ? t.text("rounds.headline.still_waiting", { parties: t.list(still) }) : "",
          });
          return roundStatusView(t, round, asks, headline);
        }),
      );
    }
  }
  return { rounds, events, outbound };
}
