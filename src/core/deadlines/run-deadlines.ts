import { runDisclosureDeadlines } from "../disclosure/run-deadlines.js";
import type { Clock, Store } from "../ports.js";
import { runRetentionReviews } from "../retention/run-reviews.js";
import { runRoundDeadlines } from "../rounds/round-deadlines.js";
import { runSteeringReminders } from "../steering/reminders.js";

/**
 * The deadline scheduler's one run (every instance runs it now and then; each step happens once,
 * steps.ts): each domain's own deadline step, in turn.
 * - disclosures: requests past their deadline expire, liaisons are reminded, deputies asked (Art 7.2);
 * - the steering group's evaluation and meeting reminders (Art 9);
 * - agreement rounds on communications and amendments: expiry, reminders, escalation (Art 10, 13);
 * - retention review: items past their review date are put to their party, reminded, escalated (Wiv 2017).
 * Returns what each step did.
 */
export async function runDeadlines(deps: { store: Store; clock: Clock }) {
  return {
    disclosures: await runDisclosureDeadlines(deps),
    steering: await runSteeringReminders(deps),
    rounds: await runRoundDeadlines(deps),
    retention: await runRetentionReviews(deps),
  };
}
