import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CommandOutcome } from "../core/command-service.js";
import type { OutboxEvent } from "../core/outbox/outbound.js";
import { StoreUnavailableError, type Clock, type Store } from "../core/ports.js";

/**
 * The operators' Prometheus metrics (README, "Health and metrics"). Figures only: command names,
 * outcomes and refusal code families, never who asked or what. The core reports through plain
 * callbacks (the command service's observer, the outbox's events hook); only this module knows
 * prom-client.
 */
export interface Metrics {
  registry: Registry;
  command(outcome: CommandOutcome): void;
  outboxEvent(event: OutboxEvent): void;
  /** One round of the deadline scheduler: how long it took (s) and whether it failed. */
  deadlineRun(seconds: number, failed: boolean): void;
  /** The store with its transactions timed. */
  timed(store: Store): Store;
}

/** Seconds; around Slack's limits: 2 s ("Working on it…") and 3 s (Slack gives up). */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5, 10, 30];
const TRANSACTION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** ms a scrape waits for each database read. */
const SCRAPE_READ_MS = 1000;

/** The promise's value if it settles well within `ms`; undefined if it fails or is late. */
async function withinMs<T>(ms: number, promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** "access" of "access.unknown_user": few values, so a label Prometheus can keep. */
const family = (code: string | undefined) => code?.split(".")[0] ?? "";

export function createMetrics(deps: { store: Store; clock: Clock }): Metrics {
  const registry = new Registry();
  const registers = [registry];
  // The process's own figures (CPU, memory, event loop lag, handles), collected at scrape time.
  collectDefaultMetrics({ register: registry });

  const commands = new Counter({
    name: "ciic_commands_total",
    help: "Commands, buttons and forms handled, by command name and outcome (done, refused, unavailable: the database did not answer in time, error: a bug), with the refusal code's family",
    labelNames: ["command", "outcome", "code_family"] as const,
    registers,
  });
  const commandSeconds = new Histogram({
    name: "ciic_command_duration_seconds",
    help: "Time from a command reaching the core to its answer, by command name and outcome",
    labelNames: ["command", "outcome"] as const,
    buckets: COMMAND_BUCKETS,
    registers,
  });
  const outboxEvents = new Counter({
    name: "ciic_outbox_events_total",
    help: "Outbox sends by outcome: sent, failed (retried), server_error (HTTP 5xx, retried), rate_limited (HTTP 429), gave_up, reconciled (found delivered, not sent again)",
    labelNames: ["kind", "platform"] as const,
    registers,
  });
  const outboxRetries = new Counter({
    name: "ciic_outbox_retries_total",
    help: "Failed sends that the outbox will try again (failed and server_error events)",
    labelNames: ["platform"] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: "ciic_outbox_rate_limited_total",
    help: "Sends the platform answered with HTTP 429, by API method",
    labelNames: ["platform", "method"] as const,
    registers,
  });
  // Read at scrape time. A database that does not answer within a second gives NaN (unknown)
  // rather than a failed or hanging scrape: the other figures matter most just then.
  new Gauge({
    name: "ciic_outbox_pending_messages",
    help: "Messages in the outbox not yet sent (read at scrape time; NaN when the database did not answer)",
    registers,
    async collect() {
      this.set((await withinMs(SCRAPE_READ_MS, deps.store.outbox.pendingCount())) ?? Number.NaN);
    },
  });
  new Gauge({
    name: "ciic_outbox_oldest_pending_age_seconds",
    help: "How long the longest-waiting message has been due for sending; 0 when none is due (read at scrape time; NaN when the database did not answer)",
    registers,
    async collect() {
      const now = deps.clock.now();
      const oldest = await withinMs(SCRAPE_READ_MS, deps.store.outbox.oldestPending(now).then((d) => ({ d })));
      this.set(!oldest ? Number.NaN : oldest.d ? Math.max(0, (now.getTime() - oldest.d.getTime()) / 1000) : 0);
    },
  });
  const deadlineRuns = new Counter({
    name: "ciic_deadline_runs_total",
    help: "Rounds of the deadline scheduler (expiry, reminders, escalation, withdrawals), by outcome",
    labelNames: ["outcome"] as const,
    registers,
  });
  const deadlineSeconds = new Histogram({
    name: "ciic_deadline_run_duration_seconds",
    help: "Time one round of the deadline scheduler took",
    buckets: TRANSACTION_BUCKETS,
    registers,
  });
  const transactionSeconds = new Histogram({
    name: "ciic_db_transaction_duration_seconds",
    help: "Database transactions, by outcome (ok, unavailable: timed out or unreachable, disk_full: no room to write, error)",
    labelNames: ["outcome"] as const,
    buckets: TRANSACTION_BUCKETS,
    registers,
  });

  return {
    registry,
    command(o) {
      commands.inc({ command: o.command, outcome: o.outcome, code_family: family(o.code) });
      commandSeconds.observe({ command: o.command, outcome: o.outcome }, o.ms / 1000);
    },
    outboxEvent(e) {
      outboxEvents.inc({ kind: e.kind, platform: e.platform });
      if (e.kind === "failed" || e.kind === "server_error") outboxRetries.inc({ platform: e.platform });
      if (e.kind === "rate_limited") rateLimited.inc({ platform: e.platform, method: e.method ?? "" });
    },
    deadlineRun(seconds, failed) {
      deadlineRuns.inc({ outcome: failed ? "failed" : "ok" });
      deadlineSeconds.observe(seconds);
    },
    timed(store) {
      return {
        ...store,
        async transaction(work, options) {
          const end = transactionSeconds.startTimer();
          try {
            const result = await store.transaction(work, options);
            end({ outcome: "ok" });
            return result;
          } catch (error) {
            end({ outcome: error instanceof StoreUnavailableError ? (error.diskFull ? "disk_full" : "unavailable") : "error" });
            throw error;
          }
        },
      };
    },
  };
}
