import type { AuditEvent } from "../audit/chain.js";
import type { Translator } from "../i18n/translator.js";
import { itemsOfRequest } from "./request-items.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { Clock, Store } from "../ports.js";
import { askTopic, tellMember } from "./notify.js";
import { settleRequest } from "./settle.js";
import { formatRequestId } from "./types.js";
import { consentAskView } from "./views.js";
import { DEFAULT_CONSENT } from "../directory/types.js";
import { calendarOf } from "../time/holidays.js";
import { addWorkingHours, subtractWorkingHours } from "../time/working-time.js";
import { whoDecides } from "./request-disclosure.js";
import { runSteeringReminders } from "../steering/reminders.js";
import { runRoundDeadlines } from "../rounds/round-deadlines.js";
import { runRetentionReviews } from "../retention/run-reviews.js";

/**
 * Time-based work of the consent round, run by a scheduler (every instance may run it; each
 * step is a conditional update, so it happens once): requests past their deadline expire
 * (silence is never consent, Art 7.2), liaisons who have not answered are reminded before the
 * deadline, and deputies are asked when the liaisons stay silent too long. Both count working
 * hours: time on weekends and holidays does not count (time/working-time.ts).
 */
export async function runDeadlines(deps: { store: Store; clock: Clock }): Promise<{ expired: number; reminded: number; escalated: number }> {
  const { store, clock } = deps;
  const counts = { expired: 0, reminded: 0, escalated: 0 };
  for (const due of await store.disclosures.pastDeadline(clock.now(), 100)) {
    await store.transaction(async (tx) => {
      await tx.audit.holdHead();
      const now = clock.now();
      const record = await tx.directory.current();
      const request = await tx.disclosures.lock(due.id);
      if (!record || !request || request.state !== "PENDING") return;
      // settleRequest sees the deadline has passed and expires the open asks itself.
      const settled = await settleRequest(tx, record.directory, request, now, null);
      await tx.outbox.enqueue(settled.outbound, now);
      await tx.audit.append(settled.events, now);
      if (settled.outcome === "expired") counts.expired++;
    });
  }
  const directory = (await store.directory.current())?.directory;
  const settings = directory?.consent ?? DEFAULT_CONSENT;
  const calendar = calendarOf(directory ?? {});
  for (const ask of await store.disclosures.pendingAsks(500)) {
    const now = clock.now();
    const remindAt = subtractWorkingHours(ask.deadline, settings.remindHoursBefore, calendar).getTime();
    const escalateAt = addWorkingHours(ask.createdAt, settings.escalateAfterHours, calendar).getTime();
    if (!ask.remindedAt && now.getTime() >= remindAt && now.getTime() < ask.deadline.getTime()) {
      if (await nudge(deps, ask.id, "remind")) counts.reminded++;
    }
    if (!ask.escalatedAt && now.getTime() >= escalateAt && now.getTime() < ask.deadline.getTime()) {
      if (await nudge(deps, ask.id, "escalate")) counts.escalated++;
    }
  }
  // The steering group's evaluation and meeting reminders (Art 9), each sent once.
  await runSteeringReminders(deps);
  // The agreement rounds on communications and amendments (Art 10, 13): expiry, reminders, escalation.
  await runRoundDeadlines(deps);
  // Retention review (Wiv 2017): ask about items past their review date, remind, escalate.
  await runRetentionReviews(deps);
  return counts;
}

/** Sends the reminder or the escalation for one ask, once. */
async function nudge(deps: { store: Store; clock: Clock }, askId: number, kind: "remind" | "escalate"): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    await tx.audit.holdHead();
    const now = deps.clock.now();
    const record = await tx.directory.current();
    const ask = await tx.disclosures.ask(askId);
    const request = ask ? await tx.disclosures.byId(ask.requestId) : undefined;
    if (!record || !ask || !request) return false;
    const marked = kind === "remind" ? await tx.disclosures.markReminded(askId, now) : await tx.disclosures.markEscalated(askId, now);
    if (!marked) return false;
    const directory = record.directory;
    const liaisons = whoDecides(directory, ask.party, request.requesterId, now);
    const deputies = whoDecides(directory, ask.party, request.requesterId, now, "deputy").filter((m) => !liaisons.includes(m));
    const recipients = kind === "remind" ? liaisons : deputies;
    const items = await itemsOfRequest(tx.items, request, ask.party);
    const analysis = request.analysisId ? await tx.analyses.byId(request.analysisId) : undefined;
    const viewFor = (t: Translator) => {
      const view = consentAskView(t, { request, ask, requester: { name: request.requesterName }, partyItems: items, analysis, escalated: kind === "escalate" });
      if (kind === "remind") {
        view.summary = t.text("disclosure.reminder.summary", { summary: view.summary });
        view.blocks.unshift({ kind: "notice", tone: "warning", content: [t.text("disclosure.reminder", { request: formatRequestId(request.id), deadline: t.time(request.deadline) })] });
      }
      return view;
    };
    const outbound: OutboundMessage[] = recipients.flatMap((m) => tellMember(directory, m, viewFor, askTopic(ask.id)));
    await tx.outbox.enqueue(outbound, now);
    const event: AuditEvent = {
      action: kind === "remind" ? "consent.reminded" : "consent.escalated",
      actor: null,
      subject: `ask:${ask.id}`,
      details: { request: request.id, party: ask.party, notified: recipients.map((m) => m.id) },
    };
    await tx.audit.append([event], now);
    return true;
  });
}
