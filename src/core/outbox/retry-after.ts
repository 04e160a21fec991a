import type { SendResult, WaitFailure } from "./outbound.js";

/** Why a call was not made: a 429's Retry-After has not passed. */
export const HELD_BACK = "rate limited: held back until the platform's Retry-After has passed";

/**
 * The rate-limit scopes a platform paused with HTTP 429, each until its Retry-After has passed
 * (ms on `now`'s clock, the outbox's). The sender keeps one for its lanes ("slack:chat.postMessage",
 * "mattermost:api"), and each port one of its own that it checks before every call, since one
 * operation (a look-up, a message of several posts) is several calls.
 */
export function retryAfterPauses(now: () => number) {
  const ends = new Map<string, number>();
  const until = (scopes: readonly string[]) => Math.max(0, ...scopes.map((scope) => ends.get(scope) ?? 0));
  return {
    /** When the last of these scopes' pauses ends (ms; 0 when none was paused). */
    until,
    /** The answer to a call in these scopes while one is paused (no call made, no attempt spent); undefined when none is. */
    held(scopes: readonly string[], method?: string): (WaitFailure & { held: true }) | undefined {
      const end = until(scopes);
      const at = now();
      if (end <= at) return undefined;
      return { ok: false, wait: true, held: true, error: HELD_BACK, retryAfterMs: end - at, notSent: true, ...(method ? { method } : {}) };
    },
    /** Learns a 429 from what a call answered: these scopes are paused for its Retry-After (1 s when it gave none). */
    learn(result: SendResult, scopes: readonly string[]) {
      if (result.ok || !result.rateLimited) return;
      const end = now() + (result.retryAfterMs ?? 1000);
      for (const scope of scopes) ends.set(scope, Math.max(ends.get(scope) ?? 0, end));
    },
  };
}
