import type { Platform } from "../directory/types.js";
import type { Clock, Store } from "../ports.js";
import type { ChatPort, OutboxEntry, OutboxEvent, SendResult } from "./outbound.js";

/**
 * After this many failed attempts a message is given up on (and that is audited). With the
 * back-off below that is about an hour of trying; rate limits cost no attempt.
 */
export const MAX_ATTEMPTS = 20;
/**
 * How long a claimed message is reserved for the sender that claimed it. Longer than a send may
 * take (the Slack port times out after 10 s), so that no other instance sends it meanwhile;
 * short, so that a message claimed by a process that died goes out soon after.
 */
export const LEASE_MS = 15_000;

/** Exponential back-off: 1 s, 2 s, 4 s … capped at 5 minutes. */
export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);

/**
 * Sends what the outbox holds. Messages were written in the transaction of the change that
 * caused them; this sends them afterwards, retries on failure with back-off (honouring a
 * platform's Retry-After), and records delivery of disclosures and every final failure in the
 * audit log. Several instances may run it: claiming a message is a conditional update.
 */
export function createOutboxDispatcher(deps: {
  store: Store;
  clock: Clock;
  ports: Partial<Record<Platform, ChatPort>>;
  /** Told of every outcome (for metrics); must not throw. */
  events?: (event: OutboxEvent) => void;
}) {
  const { store, clock, ports } = deps;
  // Called only after the outcome is committed, so that a listener cannot undo a record.
  const emit = (event: OutboxEvent) => deps.events?.(event);

  async function send(entry: OutboxEntry): Promise<SendResult> {
    const message = entry.message;
    const noPort: SendResult = { ok: false, error: "no adapter for this platform is running", retryAfterMs: 60_000 };
    if (message.kind === "post") {
      const port = ports[message.to.platform];
      // A member's copy on a platform this deployment does not serve: they get it where it
      // does (notify.ts writes one per account). Channels have no such copy, so they wait.
      if (!port && message.to.kind === "user") return { ok: true, ref: "" };
      return port ? port.post(message.to, message.view) : noPort;
    }
    if (message.kind === "file") {
      const port = ports[message.to.platform];
      if (!port && message.to.kind === "user") return { ok: true, ref: "" };
      return port ? port.upload(message.to, { fileName: message.fileName, content: message.content }, message.view) : noPort;
    }
    const { sent, pending } = await store.outbox.sentRefs(message.topic);
    // Updates wait until the messages they replace have gone out, so none is left stale.
    if (pending > 0) return { ok: false, wait: true, error: `waiting for ${pending} message(s) of ${message.topic}`, retryAfterMs: 1000 };
    for (const { platform, ref } of sent) {
      const port = ports[platform];
      const result = port ? await port.update(ref, message.view) : noPort;
      if (!result.ok) return result;
    }
    return { ok: true, ref: "" };
  }

  /**
   * Sends the messages due now, up to `limit`; returns how many went out. Each message is
   * claimed just before it is sent, so that its lease covers only its own send.
   */
  async function dispatchOnce(limit = 25): Promise<number> {
    let sent = 0;
    for (let n = 0; n < limit; n++) {
      const [entry] = await store.outbox.claimDue(clock.now(), LEASE_MS, 1);
      if (!entry) break;
      let result: SendResult;
      try {
        result = await send(entry);
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      const platform: Platform = entry.message.kind === "update" ? "slack" : entry.message.to.platform;
      let outcome: OutboxEvent["kind"] | undefined;
      const delivery = entry.message.kind !== "update" && entry.message.topic?.startsWith("delivery:") ? entry.message.topic : undefined;
      await store.transaction(async (tx) => {
        const now = clock.now();
        if (result.ok) {
          // A sender whose lease ran out leaves the row to the one that took it over.
          if (!(await tx.outbox.markSent(entry.id, entry.lease, result.ref || null, now))) return;
          if (delivery) {
            await tx.audit.append([{ action: "disclosure.delivered", actor: null, subject: delivery.replace("delivery:", "request:"), details: { ref: result.ref } }], now);
          }
          sent++;
          outcome = "sent";
          return;
        }
        if ("wait" in result) {
          if (await tx.outbox.postpone(entry.id, entry.lease, new Date(now.getTime() + result.retryAfterMs), result.error)) {
            outcome = result.error.includes("429") ? "rate_limited" : undefined;
          }
          return;
        }
        const giveUp = result.permanent || entry.attempts + 1 >= MAX_ATTEMPTS;
        const next = giveUp ? null : new Date(now.getTime() + (result.retryAfterMs ?? backoffMs(entry.attempts + 1)));
        if (!(await tx.outbox.markFailed(entry.id, entry.lease, result.error, next))) return;
        outcome = giveUp ? "gave_up" : / 5\d\d\b/.test(result.error) ? "server_error" : "failed";
        if (delivery || giveUp) {
          await tx.audit.append(
            [
              {
                action: delivery ? "disclosure.delivery_failed" : "message.failed",
                actor: null,
                subject: delivery?.replace("delivery:", "request:") ?? `outbox:${entry.id}`,
                details: { error: result.error.slice(0, 300), attempt: entry.attempts + 1, finalAttempt: giveUp, nextAttemptAt: next?.toISOString() ?? null },
              },
            ],
            now,
          );
        }
      });
      if (outcome) emit({ kind: outcome, platform });
    }
    return sent;
  }

  return { dispatchOnce };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
