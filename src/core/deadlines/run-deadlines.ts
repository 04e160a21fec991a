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
 * Returns what each step did; where a step failed, the others still ran, and the failure is thrown.
 */
export async function runDeadlines(deps: { store: Store; clock: Clock }) {
  // Each step runs whatever the others did: one that fails (a damaged row, a bug) does not hold
  // back the others' deadlines. Its failure is thrown once all have run, for the scheduler to log.
  const failures: unknown[] = [];
  const step = async <T>(run: (d: typeof deps) => Promise<T>): Promise<T> => {
    try {
      return await run(deps);
    } catch (error) {
      failures.push(error);
      return undefined as T;
    }
  };
  const done = {
    disclosures: await step(runDisclosureDeadlines),
    steering: await step(runSteeringReminders),
    rounds: await step(runRoundDeadlines),
    retention: await step(runRetentionReviews),
  };
  if (failures.length > 0) throw failures.length === 1 ? failures[0] : new AggregateError(failures, `${failures.length} deadline steps failed`);
  return done;
}
