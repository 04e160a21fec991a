import type { Clock, Store } from "../core/ports.js";
import { unavailableReason } from "../storage/unavailable.js";

/** What GET /readyz answers: 200 when `ready`, 503 with the `reason` otherwise. */
export interface Readiness {
  ready: boolean;
  /** Why not ready, in words for the operator; absent when ready. */
  reason?: string;
  database: { ok: boolean; latencyMs?: number; error?: string };
  outbox: {
    /** Messages not yet sent; null when the database did not tell. */
    pending: number | null;
    /** Seconds the longest-waiting message has been due; 0 when none is due, null when unknown. */
    oldestPendingAgeSeconds: number | null;
    maxAgeSeconds: number;
  };
}

/** ms the database gets to answer the check's reads. */
const DATABASE_CHECK_MS = 1000;

/**
 * The readiness check behind /readyz: the database answers a trivial read quickly, and the outbox
 * is not stuck — no message has been due for sending longer than `maxOutboxAgeS`. One check runs
 * at a time; callers that come meanwhile share its answer, so a hanging database is not asked
 * again by every probe.
 */
export function createReadinessCheck(deps: {
  store: Store;
  clock: Clock;
  maxOutboxAgeS: number;
  stopping: () => boolean;
  /** Told of a failed read in full (the answer, which anyone reaching the port may read, says less). */
  onError?: (error: unknown) => void;
}) {
  let running: Promise<Readiness> | undefined;

  async function check(): Promise<Readiness> {
    const outbox = { pending: null as number | null, oldestPendingAgeSeconds: null as number | null, maxAgeSeconds: deps.maxOutboxAgeS };
    if (deps.stopping()) return { ready: false, reason: "the bot is stopping", database: { ok: false }, outbox };
    const started = performance.now();
    const now = deps.clock.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_CHECK_MS} ms`)), DATABASE_CHECK_MS);
    });
    try {
      const [pending, oldest] = await Promise.race([Promise.all([deps.store.outbox.pendingCount(), deps.store.outbox.oldestPending(now)]), late]);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      outbox.pending = pending;
      outbox.oldestPendingAgeSeconds = oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : 0;
      const stuck = outbox.oldestPendingAgeSeconds > deps.maxOutboxAgeS;
      return {
        ready: !stuck,
        ...(stuck ? { reason: `the outbox is stuck: a message has been due for ${outbox.oldestPendingAgeSeconds} s (more than ${deps.maxOutboxAgeS} s)` } : {}),
        database: { ok: true, latencyMs },
        outbox,
      };
    } catch (error) {
      deps.onError?.(error);
      const message = error instanceof Error && error.message.startsWith("no answer within") ? error.message : (unavailableReason(error) ?? "it answered with an error (see the log)");
      return { ready: false, reason: `the database did not answer: ${message}`, database: { ok: false, error: message }, outbox };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    check(): Promise<Readiness> {
      running ??= check().finally(() => (running = undefined));
      return running;
    },
  };
}
