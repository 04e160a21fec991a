import type { AuditEvent } from "../audit/chain.js";
import { DEFAULT_CONSENT, type Directory } from "../directory/types.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { Clock, Store, Transaction } from "../ports.js";
import { calendarOf } from "../time/holidays.js";

/**
 * The steps every domain's deadlines are made of, written once (run-deadlines.ts runs the
 * domains). Each step is one transaction that holds the audit head first and writes only if its
 * conditional update succeeds, so it happens once however many instances run it.
 */

type Deps = { store: Store; clock: Clock };

/** What a step leaves behind: messages to send and the audit entries that say so. */
export interface Effects {
  outbound: OutboundMessage[];
  events: AuditEvent[];
}

/**
 * Settles each of `due` (past its deadline) that is still open: `settle` sees the deadline has
 * passed and expires what is unanswered (silence is never consent, Art 7.2). Returns how many
 * expired.
 */
export async function settlePastDeadline<T>(
  deps: Deps,
  due: readonly { id: number }[],
  step: {
    lock(tx: Transaction, id: number): Promise<T | undefined>;
    isOpen(subject: T): boolean;
    /** Settles it; what it returns as effects is written here (a step that writes its own returns none). */
    settle(tx: Transaction, directory: Directory, subject: T, now: Date): Promise<Partial<Effects> & { outcome: string }>;
  },
): Promise<number> {
  let expired = 0;
  for (const { id } of due) {
    // Counted once committed: a transaction run again after a conflict is not counted twice.
    const outcome = await deps.store.transaction(async (tx) => {
      await tx.audit.holdHead();
      const now = deps.clock.now();
      const record = await tx.directory.current();
      const subject = await step.lock(tx, id);
      if (!record || subject === undefined || !step.isOpen(subject)) return undefined;
      const settled = await step.settle(tx, record.directory, subject, now);
      await tx.outbox.enqueue(settled.outbound ?? [], now);
      await tx.audit.append(settled.events ?? [], now);
      return settled.outcome;
    });
    if (outcome === "expired") expired++;
  }
  return expired;
}

/**
 * A reminder or an escalation, once: `load` reads what it is about (undefined when it no longer
 * waits), `mark` records that it was sent (false when another instance did first), `tell` says
 * whom to tell and what to log, and whether it counts as sent. It is marked and logged even
 * when there is nobody to tell, so that it is not tried again at every run and the log shows it
 * happened.
 */
export async function nudgeOnce<T>(
  deps: Deps,
  step: {
    load(tx: Transaction, now: Date): Promise<T | undefined>;
    mark(tx: Transaction, now: Date): Promise<boolean>;
    tell(tx: Transaction, directory: Directory, subject: T, now: Date): Promise<Effects & { counts?: boolean }>;
  },
): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    await tx.audit.holdHead();
    const now = deps.clock.now();
    const record = await tx.directory.current();
    const subject = record ? await step.load(tx, now) : undefined;
    if (!record || subject === undefined || !(await step.mark(tx, now))) return false;
    const { outbound, events, counts = true } = await step.tell(tx, record.directory, subject, now);
    await tx.outbox.enqueue(outbound, now);
    await tx.audit.append(events, now);
    return counts;
  });
}

/** The directory's consent timing (its defaults where it says none) and its working-day calendar. */
export function consentTiming(directory: Directory | undefined) {
  return { settings: directory?.consent ?? DEFAULT_CONSENT, calendar: calendarOf(directory ?? {}) };
}
