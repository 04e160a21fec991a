import type { Translator } from "../i18n/translator.js";
import { itemsOfRequest } from "./request-items.js";
import type { Clock, Store } from "../ports.js";
import { askTopic, tellMember } from "./notify.js";
import { settleRequest } from "./settle.js";
import { formatRequestId } from "./types.js";
import { consentAskView } from "./views.js";
import { consentTiming, nudgeOnce, settlePastDeadline } from "../deadlines/steps.js";
import { addWorkingHours, subtractWorkingHours } from "../time/working-time.js";
import { whoDecides } from "./request-disclosure.js";

/**
 * Time-based work of the consent round, one of the steps of the deadline scheduler
 * (deadlines/run-deadlines.ts): requests past their deadline expire (silence is never consent,
 * Art 7.2), liaisons who have not answered are reminded before the deadline, and deputies are
 * asked when the liaisons stay silent too long. Both count working hours: time on weekends and
 * holidays does not count (time/working-time.ts).
 */
export async function runDisclosureDeadlines(deps: { store: Store; clock: Clock }): Promise<{ expired: number; reminded: number; escalated: number }> {
  const { store, clock } = deps;
  const counts = { expired: 0, reminded: 0, escalated: 0 };
  counts.expired = await settlePastDeadline(deps, await store.disclosures.pastDeadline(clock.now(), 100), {
    lock: (tx, id) => tx.disclosures.lock(id),
    isOpen: (request) => request.state === "PENDING",
    // settleRequest sees the deadline has passed, expires the open asks itself and writes what follows.
    settle: async (tx, directory, request, now) => ({ outcome: await settleRequest(tx, directory, request, now, null) }),
  });
  const { settings, calendar } = consentTiming((await store.directory.current())?.directory);
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
  return counts;
}

/** Sends the reminder or the escalation for one ask, once. */
function nudge(deps: { store: Store; clock: Clock }, askId: number, kind: "remind" | "escalate"): Promise<boolean> {
  return nudgeOnce(deps, {
    async load(tx) {
      const ask = await tx.disclosures.ask(askId);
      const request = ask ? await tx.disclosures.byId(ask.requestId) : undefined;
      return ask && request ? { ask, request } : undefined;
    },
    mark: (tx, now) => (kind === "remind" ? tx.disclosures.markReminded(askId, now) : tx.disclosures.markEscalated(askId, now)),
    async tell(tx, directory, { ask, request }, now) {
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
      return {
        outbound: recipients.flatMap((m) => tellMember(directory, m, viewFor, askTopic(ask.id))),
        events: [
          {
            action: kind === "remind" ? "consent.reminded" : "consent.escalated",
            actor: null,
            subject: `ask:${ask.id}`,
            details: { request: request.id, party: ask.party, notified: recipients.map((m) => m.id) },
          },
        ],
      };
    },
  });
}
