import { tellMember } from "../disclosure/notify.js";
import type { Translator } from "../i18n/translator.js";
import { consentTiming, nudgeOnce, settlePastDeadline } from "../deadlines/steps.js";
import { addWorkingHours, subtractWorkingHours } from "../time/working-time.js";
import type { Clock, Store } from "../ports.js";
import { nctvCoordinators, whoAnswers } from "./deciders.js";
import { isOpenRound } from "./round-state.js";
import { settleRound } from "./settle-round.js";
import { coordinationView, roundAskTopic, roundAskView } from "./views.js";

/**
 * Time-based work of the agreement rounds, run by the same scheduler as the disclosures' (every
 * instance may run it; each step is a conditional update, so it happens once): rounds past their
 * deadline expire (silence is never agreement), members who have not answered are reminded
 * before the deadline, and a party's deputies are asked when its liaisons stay silent too long.
 * The directory's `consent` settings time both kinds of round, in working hours (time/working-time.ts).
 */
export async function runRoundDeadlines(deps: { store: Store; clock: Clock }): Promise<{ expired: number; reminded: number; escalated: number }> {
  const { store, clock } = deps;
  const counts = { expired: 0, reminded: 0, escalated: 0 };
  counts.expired = await settlePastDeadline(deps, await store.rounds.pastDeadline(clock.now(), 100), {
    lock: (tx, id) => tx.rounds.lock(id),
    isOpen: (round) => isOpenRound(round.state),
    settle: (tx, directory, round, now) => settleRound(tx, directory, round, now, null),
  });
  const { settings, calendar } = consentTiming((await store.directory.current())?.directory);
  const deadlines = new Map<number, Date | undefined>();
  for (const ask of await store.rounds.openAsks(500)) {
    if (!deadlines.has(ask.roundId)) deadlines.set(ask.roundId, (await store.rounds.byId(ask.roundId))?.deadline);
    const deadline = deadlines.get(ask.roundId);
    const now = clock.now().getTime();
    if (!deadline || now >= deadline.getTime()) continue;
    if (!ask.remindedAt && now >= subtractWorkingHours(deadline, settings.remindHoursBefore, calendar).getTime()) {
      if (await nudge(deps, ask.id, "remind")) counts.reminded++;
    }
    if (ask.role === "party" && !ask.escalatedAt && now >= addWorkingHours(ask.askedAt, settings.escalateAfterHours, calendar).getTime()) {
      if (await nudge(deps, ask.id, "escalate")) counts.escalated++;
    }
  }
  return counts;
}

/** Sends the reminder or the escalation of one ask, once; it counts when someone was told. */
function nudge(deps: { store: Store; clock: Clock }, askId: number, kind: "remind" | "escalate"): Promise<boolean> {
  return nudgeOnce(deps, {
    async load(tx) {
      const ask = await tx.rounds.ask(askId);
      const round = ask ? await tx.rounds.byId(ask.roundId) : undefined;
      return ask && round && round.state === "OPEN" && ask.version === round.version ? { ask, round } : undefined;
    },
    mark: (tx, now) => (kind === "remind" ? tx.rounds.markReminded(askId, now) : tx.rounds.markEscalated(askId, now)),
    async tell(_tx, directory, { ask, round }, now) {
      const first = ask.role === "coordination" ? nctvCoordinators(directory, now, round.authorId) : whoAnswers(directory, round.kind, ask.party, round.authorId, now);
      const deputies = ask.role === "party" ? whoAnswers(directory, round.kind, ask.party, round.authorId, now, "deputy").filter((m) => !first.includes(m)) : [];
      const recipients = kind === "remind" ? first : deputies;
      // Each member reads the reminder or escalation in their own language.
      const view = (t: Translator) =>
        ask.role === "coordination"
          ? coordinationView(t, round, ask, { reminder: true })
          : roundAskView(t, round, ask, kind === "remind" ? { reminder: true } : { escalated: true });
      return {
        outbound: recipients.flatMap((m) => tellMember(directory, m, view, roundAskTopic(ask.id))),
        events: [
          {
            action: kind === "remind" ? "round.reminded" : "round.escalated",
            actor: null,
            subject: `round-ask:${ask.id}`,
            details: { round: round.id, version: round.version, party: ask.party, role: ask.role, notified: recipients.map((m) => m.id) },
          },
        ],
        counts: recipients.length > 0,
      };
    },
  });
}
