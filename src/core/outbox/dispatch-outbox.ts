import { updateViewFor } from "./payload.js";
import type { Platform } from "../directory/types.js";
import type { AuditEvent } from "../audit/chain.js";
import type { Clock, Store } from "../ports.js";
import type { ChatOperation, ChatPort, FindResult, OutboxEntry, OutboxEvent, SendFailure, SendResult } from "./outbound.js";
import { HELD_BACK, retryAfterPauses } from "./retry-after.js";

/**
 * After this many failed attempts a message is given up on (and that is audited). With the
 * back-off below that is about an hour of trying; rate limits cost no attempt.
 */
export const MAX_ATTEMPTS = 20;
/**
 * How long (ms) one call to a platform may take: the chat ports' own time limit per call. A
 * platform may still carry out a call for that long after it was sent, even when the bot gave up
 * on it sooner (the attempt's time ran out, the connection dropped, the process died): a message
 * in doubt is looked for only once that time has passed, so that such a post is found rather than
 * sent a second time.
 */
export const CALL_TIMEOUT_MS = 10_000;
/**
 * How long (ms) one attempt may take, look-up and every call included, for a platform whose calls
 * may take `callTimeoutMs`: half as long again. When it passes, the call under way is aborted (the
 * ports take an AbortSignal) and the attempt counts as failed, its outcome in doubt; its lane's
 * slot is free for the next message.
 */
export const attemptTimeoutFor = (callTimeoutMs: number) => Math.round(callTimeoutMs * 1.5);
/** An attempt's time limit for the default call limit: 15 s. */
export const ATTEMPT_TIMEOUT_MS = attemptTimeoutFor(CALL_TIMEOUT_MS);
/**
 * How long a claimed message is reserved for the sender that claimed it: longer than an attempt
 * may take (ATTEMPT_TIMEOUT_MS, after which its calls are aborted) and than the platform may then
 * still work on its last call (CALL_TIMEOUT_MS), so that no other instance sends it, or looks for
 * it, meanwhile; short, so that a message claimed by a process that died goes out soon after.
 */
export const leaseFor = (attemptTimeoutMs: number, callTimeoutMs: number) => attemptTimeoutMs + callTimeoutMs + 1_000;
export const LEASE_MS = leaseFor(ATTEMPT_TIMEOUT_MS, CALL_TIMEOUT_MS);
/** How many lanes (destinations, topics) are sent to at once. */
export const CONCURRENCY = 8;
/**
 * A message in doubt is looked for from this long (ms) before its first attempt, so that a
 * platform whose clock runs behind the bot's still shows it.
 */
export const LOOKUP_MARGIN_MS = 2 * 60_000;
/** While sends are under way, how often (ms) the sender looks for newly due messages. */
const POLL_MS = 200;
/**
 * How long (ms) a round claims and waits for its attempts. The scheduler's deadline loop waits for
 * the outbox's round, and the next round waits for this one: a round must not last as long as a
 * hung call.
 */
export const ROUND_MS = 2_000;

/** Exponential back-off: 1 s, 2 s, 4 s … capped at 5 minutes. */
export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);

/** The part of the operators' log the sender writes to (pino's signature). */
export interface OutboxLog {
  warn(details: object, message: string): void;
}

/** What one attempt came to, for the round's summary. */
type Outcome = "sent" | "reconciled" | "rate_limited" | "held" | "waiting" | "failed" | "gave_up" | "lost";

/**
 * Sends what the outbox holds. Messages were written in the transaction of the change that
 * caused them; this sends them afterwards and records each outcome:
 * - messages of different lanes (destinations, an update's topic) go out in parallel, up to
 *   `concurrency` at once; those of one lane one at a time and in order (the store hands out only
 *   the oldest unsent message of each lane, on every instance);
 * - before the first call that could deliver a post or file, the row records that a send may
 *   have happened (`markAttempting`); an attempt on a message in doubt first asks the platform
 *   whether it arrived, and records it sent (audited `message.reconciled`) instead of sending a
 *   second copy;
 * - each attempt has a time limit, so that a hung call holds up only its own lane;
 * - an HTTP 429 pauses that scope (a Slack API method, all of Mattermost) for every message for
 *   Retry-After, at no cost of an attempt; other failures are retried with back-off;
 * - rate limits, server errors and give-ups are counted into one warning per round, and each
 *   give-up has a warning of its own.
 * Several instances may run it: claiming a message is a conditional update.
 */
export function createOutboxDispatcher(deps: {
  store: Store;
  clock: Clock;
  ports: Partial<Record<Platform, ChatPort>>;
  /** Told of every outcome, after it is committed (for metrics). */
  events?: (event: OutboxEvent) => void;
  log?: OutboxLog;
  /** Lanes sent to at once; default CONCURRENCY. */
  concurrency?: number;
  /** ms an attempt may take; default ATTEMPT_TIMEOUT_MS. */
  attemptTimeoutMs?: number;
  /** ms a round claims and waits for its attempts; default ROUND_MS. */
  roundMs?: number;
  /**
   * ms the platform may still carry out a call after it was sent (the ports' time limit per
   * call); default CALL_TIMEOUT_MS. A message in doubt is looked for no sooner than this after
   * the attempt that left it in doubt.
   */
  callTimeoutMs?: number;
  /**
   * For fault tests: called after the platform answered and before the outcome is recorded. An
   * error thrown here leaves the attempt unrecorded, as a crash at that moment would, and ends
   * the round with it.
   */
  afterSend?: (entry: OutboxEntry, result: SendResult) => void | Promise<void>;
}) {
  const { store, clock, ports } = deps;
  const concurrency = deps.concurrency ?? CONCURRENCY;
  const attemptTimeoutMs = deps.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const roundMs = deps.roundMs ?? ROUND_MS;
  const callTimeoutMs = deps.callTimeoutMs ?? CALL_TIMEOUT_MS;
  const leaseMs = leaseFor(attemptTimeoutMs, callTimeoutMs);
  /** Rate-limit scopes ("slack:chat.postMessage", "mattermost:api") paused by a 429. */
  const paused = retryAfterPauses(() => clock.now().getTime());
  const emit = (event: OutboxEvent) => deps.events?.(event);

  const platformsOf = async (entry: OutboxEntry): Promise<Platform[]> => {
    const message = entry.message;
    if (message.kind !== "update") return [message.to.platform];
    const { sent } = await store.outbox.sentRefs(message.topic);
    return [...new Set(sent.map((s) => s.platform))];
  };
  const scopesOf = (platform: Platform, operations: ChatOperation[]) => operations.flatMap((op) => ports[platform]?.scopes?.(op) ?? []).map((scope) => `${platform}:${scope}`);

  /**
   * Holds a call back while its scope is paused by a 429 (learnt meanwhile, perhaps from another
   * lane): nothing is called, and the message waits at no cost of an attempt.
   */
  const held = (platform: Platform, operation: ChatOperation) => paused.held(scopesOf(platform, [operation]));

  /** The calls an attempt makes; `signal` aborts when the attempt's time is up. */
  async function send(entry: OutboxEntry, signal: AbortSignal): Promise<SendResult & { reconciled?: boolean; lookedUp?: boolean; held?: true; passedOver?: string[] }> {
    const message = entry.message;
    const noPort: SendResult = { ok: false, error: "no adapter for this platform is running", retryAfterMs: 60_000, notSent: true };
    if (message.kind === "update") {
      const { sent, pending } = await store.outbox.sentRefs(message.topic);
      // Updates wait until the messages they replace have gone out, so none is left stale.
      if (pending > 0) return { ok: false, wait: true, error: `waiting for ${pending} message(s) of ${message.topic}`, retryAfterMs: 1000, notSent: true };
      // Replacing a view twice shows the same: an update needs no look-up when it is repeated.
      const gone: string[] = [];
      let refused: SendResult | undefined;
      for (const { id, platform, ref, language } of sent) {
        const port = ports[platform];
        const result = (port && held(platform, "update")) || (port ? await port.update(ref, updateViewFor(message, language), { signal }) : noPort);
        if (result.ok) {
          // A message that now takes more or fewer posts lives somewhere else: the next update
          // (a revocation after an approval) must replace these posts, not the ones taken away.
          if (result.ref && result.ref !== ref) await store.transaction((tx) => tx.outbox.replaceRef(id, ref, result.ref));
          continue;
        }
        if (!result.permanent) return result;
        // A copy that can never be replaced (deleted, its conversation gone) keeps no other
        // copy's buttons: it is passed over, and the record says so.
        gone.push(`${platform}:${ref}`);
        refused ??= result;
      }
      // Refused for every copy, the update itself is at fault (a revoked token, a view refused).
      if (refused && gone.length === sent.length) return refused;
      return { ok: true, ref: "", ...(gone.length > 0 ? { passedOver: gone } : {}) };
    }
    const platform = message.to.platform;
    const port = ports[platform];
    // A member's copy on a platform this deployment does not serve: they get it where it
    // does (notify.ts writes one per account). Channels have no such copy, so they wait.
    if (!port) return message.to.kind === "user" ? { ok: true, ref: "" } : noPort;
    const file = message.kind === "file" ? { fileName: message.fileName, content: message.content } : undefined;
    let lookedUp = false;
    if (entry.inDoubtSince && port.find) {
      const wait = held(platform, file ? "findFile" : "findPost");
      if (wait) return wait;
      const found: FindResult = await port.find(message.to, { view: message.view, file }, entry.tag, new Date(entry.inDoubtSince.getTime() - LOOKUP_MARGIN_MS), { signal, attempts: entry.attempts });
      if (!found.ok) return found;
      if (found.ref !== null) return { ok: true, ref: found.ref, reconciled: true };
      lookedUp = true;
    }
    if (signal.aborted) return timedOut();
    const wait = held(platform, file ? "upload" : "post");
    if (wait) return { ...wait, lookedUp };
    const result = file ? await port.upload(message.to, file, message.view, { tag: entry.tag, signal }) : await port.post(message.to, message.view, { tag: entry.tag, signal });
    return { ...result, lookedUp };
  }

  /** Learns a 429 at once, before it is recorded, so that no other lane calls that scope meanwhile. */
  const pauseFor = (result: SendResult, platforms: Platform[]) => {
    if (result.ok || !result.rateLimited) return;
    const scope = result.rateLimited.scope;
    paused.learn(result, platforms.map((platform) => `${platform}:${scope}`));
  };

  const timedOut = (): SendFailure => ({ ok: false, error: `no answer within ${attemptTimeoutMs / 1000} s` });

  /** One attempt: checks that cost nothing, the durable mark, the calls, and the record of the outcome. */
  async function attempt(entry: OutboxEntry, tally: (outcome: Outcome, result?: SendResult, platforms?: Platform[]) => void): Promise<number> {
    const message = entry.message;
    const platforms = await platformsOf(entry);
    const operations: ChatOperation[] =
      message.kind === "update" ? ["update"] : [message.kind === "file" ? "upload" : "post", ...(entry.inDoubtSince ? [message.kind === "file" ? ("findFile" as const) : ("findPost" as const)] : [])];
    const holdUntil = paused.until(platforms.flatMap((p) => scopesOf(p, operations)));
    if (holdUntil > clock.now().getTime()) {
      // A scope is paused by a 429: no call until it passes, and the message keeps its place.
      const held = await store.transaction((tx) => tx.outbox.postpone(entry.id, entry.lease, new Date(holdUntil), HELD_BACK));
      tally(held ? "held" : "lost");
      return 0;
    }
    const port = message.kind === "update" ? undefined : ports[message.to.platform];
    // Only a send that the platform can be asked about later is marked; the others (the local
    // workspace) deliver by the record below, and repeating them is harmless.
    const reconcilable = port?.find !== undefined;
    if (reconcilable && !entry.inDoubtSince) {
      const marked = await store.transaction((tx) => tx.outbox.markAttempting(entry.id, entry.lease, clock.now()));
      if (!marked) {
        tally("lost");
        return 0;
      }
    }

    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<SendResult>((resolve) => {
      timer = setTimeout(() => {
        // A TimeoutError, as a call's own time-out: the ports treat both alike (outcome unknown).
        controller.abort(new DOMException("the outbox's time for this attempt ran out", "TimeoutError"));
        resolve(timedOut());
      }, attemptTimeoutMs);
    });
    let result: SendResult & { reconciled?: boolean; lookedUp?: boolean; held?: true; passedOver?: string[] };
    try {
      result = await Promise.race([
        send(entry, controller.signal).catch((error: unknown): SendResult => ({ ok: false, error: error instanceof Error ? error.message : String(error) })),
        deadline,
      ]);
    } finally {
      clearTimeout(timer);
    }
    pauseFor(result, platforms);
    await deps.afterSend?.(entry, result);

    // A release's post or file: its delivery (or failure) is recorded against its request.
    const releaseOf = message.kind === "update" ? undefined : message.releaseOf;
    const release = releaseOf === undefined ? undefined : `request:${releaseOf}`;
    const where = message.kind === "update" ? { topic: message.topic } : { platform: message.to.platform, to: `${message.to.kind}:${message.to.id}` };
    // Whether this attempt may have delivered a copy: then the row stays in doubt.
    const settled = !reconcilable || (!entry.inDoubtSince && !result.ok && result.notSent === true);
    let outcome = "lost" as Outcome;
    let sent = 0;
    await store.transaction(async (tx) => {
      const now = clock.now();
      if (result.ok) {
        // A sender whose lease ran out leaves the row to the one that took it over.
        if (!(await tx.outbox.markSent(entry.id, entry.lease, result.ref || null, now))) return;
        const events: AuditEvent[] = [];
        if (result.reconciled) {
          events.push({ action: "message.reconciled", actor: null, subject: `outbox:${entry.id}`, details: { ...where, ref: result.ref, inDoubtSince: entry.inDoubtSince?.toISOString() ?? null, attempt: entry.attempts + 1 } });
        } else if (result.lookedUp) {
          // Looked for and not found: this is the one copy, and the record says it was looked for.
          events.push({ action: "message.resent", actor: null, subject: `outbox:${entry.id}`, details: { ...where, ref: result.ref, inDoubtSince: entry.inDoubtSince?.toISOString() ?? null, attempt: entry.attempts + 1 } });
        }
        if (release) events.push({ action: "disclosure.delivered", actor: null, subject: release, details: { ref: result.ref, ...(result.reconciled ? { reconciled: true } : {}) } });
        if (result.passedOver) events.push({ action: "message.copies_not_updated", actor: null, subject: `outbox:${entry.id}`, details: { ...where, copies: result.passedOver } });
        if (events.length) await tx.audit.append(events, now);
        outcome = result.reconciled ? "reconciled" : "sent";
        sent = 1;
        return;
      }
      const detailsOf = (giveUp: boolean, next: Date | null) => ({ error: result.error.slice(0, 300), attempt: entry.attempts + 1, finalAttempt: giveUp, nextAttemptAt: next?.toISOString() ?? null, ...(!settled ? { inDoubt: true } : {}) });
      if ("wait" in result) {
        const next = new Date(now.getTime() + result.retryAfterMs);
        if (!(await tx.outbox.postpone(entry.id, entry.lease, next, result.error, { settled }))) return;
        outcome = result.rateLimited ? "rate_limited" : result.held ? "held" : "waiting";
        // Told to wait after part of the message was posted (a message of several posts whose
        // posted parts could not be taken back inside the Retry-After): said as for a failure.
        if (!settled && result.notSent !== true) {
          const details = detailsOf(false, next);
          await tx.audit.append([release ? { action: "disclosure.delivery_failed", actor: null, subject: release, details } : { action: "message.in_doubt", actor: null, subject: `outbox:${entry.id}`, details: { ...details, ...where } }], now);
        }
        return;
      }
      const giveUp = result.permanent === true || entry.attempts + 1 >= MAX_ATTEMPTS;
      // In doubt: not looked for before the platform is done with the call it may be carrying out.
      const wait = result.retryAfterMs ?? backoffMs(entry.attempts + 1);
      const next = giveUp ? null : new Date(now.getTime() + (settled ? wait : Math.max(wait, callTimeoutMs)));
      if (!(await tx.outbox.markFailed(entry.id, entry.lease, result.error, next, { settled }))) return;
      outcome = giveUp ? "gave_up" : "failed";
      const details = detailsOf(giveUp, next);
      const events: AuditEvent[] = [];
      if (release) events.push({ action: "disclosure.delivery_failed", actor: null, subject: release, details });
      if (giveUp && !release) events.push({ action: "message.failed", actor: null, subject: `outbox:${entry.id}`, details });
      // A copy may be on the platform without any record of it: say so now. The next attempt
      // looks for it and records what it finds.
      else if (!settled && !release) events.push({ action: "message.in_doubt", actor: null, subject: `outbox:${entry.id}`, details: { ...details, ...where } });
      if (events.length) await tx.audit.append(events, now);
    });
    // A copy passed over (its platform not served here) is no send to count.
    tally(outcome, result, platforms.filter((p) => ports[p] !== undefined));
    if (outcome === "gave_up") {
      deps.log?.warn({ outboxId: entry.id, ...where, attempts: entry.attempts + 1, error: result.ok ? undefined : result.error.slice(0, 300) }, "outbox: gave up on a message (audited as message.failed)");
    }
    return sent;
  }

  // Attempts under way, across rounds: a round does not wait for a slow one beyond `roundMs`, and
  // the next round counts it against `concurrency`.
  const inflight = new Set<Promise<void>>();
  let wake: () => void = () => undefined;
  // What finished since the last round's warning.
  let counts: Partial<Record<Outcome | "server_error", number>> = {};
  let rateLimitedMethods: Record<string, number> = {};

  const tally = (outcome: Outcome, result?: SendResult, platforms: Platform[] = []) => {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    const failure = result && !result.ok ? result : undefined;
    if (failure?.serverError) counts.server_error = (counts.server_error ?? 0) + 1;
    if (outcome === "rate_limited" && failure?.rateLimited) {
      const key = `${platforms.join(",")}:${failure.rateLimited.scope}`;
      rateLimitedMethods[key] = (rateLimitedMethods[key] ?? 0) + 1;
    }
    for (const platform of platforms) {
      if (outcome === "sent" || outcome === "reconciled" || outcome === "rate_limited" || outcome === "failed" || outcome === "gave_up") {
        emit({ kind: outcome, platform, ...(failure?.method ? { method: failure.method } : {}) });
      }
      if (failure?.serverError) emit({ kind: "server_error", platform, ...(failure.method ? { method: failure.method } : {}) });
    }
  };

  /** One warning for what went wrong since the last one, with counts. */
  const summarise = () => {
    const c = counts;
    const warned = (c.rate_limited ?? 0) + (c.server_error ?? 0) + (c.failed ?? 0) + (c.gave_up ?? 0);
    if (warned > 0) {
      deps.log?.warn(
        { outbox: { sent: c.sent ?? 0, reconciled: c.reconciled ?? 0, rateLimited: c.rate_limited ?? 0, serverErrors: c.server_error ?? 0, failed: c.failed ?? 0, gaveUp: c.gave_up ?? 0, heldBack: c.held ?? 0 }, rateLimitedMethods },
        `outbox: ${c.rate_limited ?? 0} rate limited (429), ${c.server_error ?? 0} server errors (5xx), ${c.failed ?? 0} failed and retried, ${c.gave_up ?? 0} given up`,
      );
    }
    counts = {};
    rateLimitedMethods = {};
  };

  /**
   * Sends the messages due now (at most `limit` of them; no limit by default) and returns how many
   * went out within the round. A lane's next message is claimed as soon as the one before it is
   * recorded, within the same round. The round ends when nothing due is left and every attempt it
   * started has ended, or after `roundMs`: an attempt still under way then (a hung call) goes on
   * by itself, holding only its lane and its slot, so that neither the next round nor the
   * scheduler that waits for this one waits for it.
   */
  async function dispatchOnce(limit = Number.POSITIVE_INFINITY): Promise<number> {
    const started = Date.now();
    const mine = new Set<Promise<void>>();
    let claimed = 0;
    let sent = 0;
    let crash: { error: unknown } | undefined;
    const within = () => Date.now() - started < roundMs;

    for (;;) {
      const free = concurrency - inflight.size;
      if (!crash && free > 0 && claimed < limit && within()) {
        const entries = await store.transaction((tx) => tx.outbox.claimDue(clock.now(), leaseMs, Math.min(free, limit - claimed)));
        claimed += entries.length;
        for (const entry of entries) {
          const run: Promise<void> = attempt(entry, tally)
            .then(
              (n) => {
                if (mine.has(run)) sent += n;
              },
              (error: unknown) => {
                if (mine.has(run)) crash ??= { error };
                // Its round has ended: nobody to hand the error to but the operators.
                else deps.log?.warn({ err: error, outboxId: entry.id }, "outbox: an attempt failed after its round had ended; the message is sent again or found after its lease");
              },
            )
            .finally(() => {
              inflight.delete(run);
              mine.delete(run);
              wake();
            });
          inflight.add(run);
          mine.add(run);
        }
        if (entries.length > 0) continue;
      }
      if (mine.size === 0 || !within()) break;
      // A finished attempt frees a slot and may have made the next message of its lane the
      // head; the poll picks up messages written meanwhile.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(POLL_MS, Math.max(1, roundMs - (Date.now() - started))));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    // Attempts left under way are no longer this round's.
    mine.clear();
    summarise();
    if (crash) throw crash.error;
    return sent;
  }

  /**
   * Waits up to `withinMs` (ms) for the attempts under way, which a round may have left running
   * (a hung call); true when none is left. For a clean stop: one still running after that is
   * found on the platform by the next attempt, once its lease has passed.
   */
  async function settle(withinMs: number): Promise<boolean> {
    if (inflight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(inflight.size === 0), withinMs)));
    try {
      return await Promise.race([Promise.allSettled([...inflight]).then(() => true), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  return { dispatchOnce, settle };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
