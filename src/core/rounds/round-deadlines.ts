import { tellMember } from "../disclosure/notify.js";
import type { Translator } from "../i18n/translator.js";
import { DEFAULT_CONSENT } from "../directory/types.js";
import { calendarOf } from "../time/holidays.js";
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
  for (const due of await store.rounds.pastDeadline(clock.now(), 100)) {
    await store.transaction(async (tx) => {
      await tx.audit.holdHead();
      const now = clock.now();
      const record = await tx.directory.current();
      const round = await tx.rounds.lock(due.id);
      if (!record || !round || !isOpenRound(round.state)) return;
      const settled = await settleRound(tx, record.directory, round, now, null);
      await tx.outbox.enqueue(settled.outbound, now);
      await tx.audit.append(settled.events, now);
      if (settled.outcome === "expired") counts.expired++;
    });
  }
  const directory = (await store.directory.current())?.directory;
  const settings = directory?.consent ?? DEFAULT_CONSENT;
  const calendar = calendarOf(directory ?? {});
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

/** Sends the reminder or the escalation of one ask, once. */
async function nudge(deps: { store: Store; clock: Clock }, askId: number, kind: "remind" | "escalate"): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    await tx.audit.holdHead();
    const now = deps.clock.now();
    const record = await tx.directory.current();
    const ask = await tx.rounds.ask(askId);
    const round = ask ? await tx.rounds.byId(ask.roundId) : undefined;
    if (!record || !ask || !round || round.state !== "OPEN" || ask.version !== round.version) return false;
    const marked = kind === "remind" ? await tx.rounds.markReminded(askId, now) : await tx.rounds.markEscalated(askId, now);
    if (!marked) return false;
    const directory = record.directory;
    const first = ask.role === "coordination" ? nctvCoordinators(directory, now, round.authorId) : whoAnswers(directory, round.kind, ask.party, round.authorId, now);
    const deputies = ask.role === "party" ? whoAnswers(directory, round.kind, ask.party, round.authorId, now, "deputy").filter((m) => !first.includes(m)) : [];
    const recipients = kind === "remind" ? first : deputies;
    // Each member reads the reminder or escalation in their own language.
    const view = (t: Translator) =>
      ask.role === "coordination"
        ? coordinationView(t, round, ask, { reminder: true })
        : roundAskView(t, round, ask, kind === "remind" ? { reminder: true } : { escalated: true });
    // An escalation with no deputy to ask is marked and logged all the same (nobody notified),
    // so that it is not tried again and the log shows it happened.
    await tx.outbox.enqueue(recipients.flatMap((m) => tellMember(directory, m, view, roundAskTopic(ask.id))), now);
    await tx.audit.append(
      [
        {
          action: kind === "remind" ? "round.reminded" : "round.escalated",
          actor: null,
          subject: `round-ask:${ask.id}`,
          details: { round: round.id, version: round.version, party: ask.party, role: ask.role, notified: recipients.map((m) => m.id) },
        },
      ],
      now,
    );
    return recipients.length > 0;
  });
}
