/**
 * The consent state machine (Art 7.2). Each originating party's consent to one request is an
 * ask; the request's state follows from its asks. Every transition is one function here, and
 * the storage applies it as a conditional update, so a decision happens exactly once.
 *
 *   ask:      PENDING ──approve──▶ APPROVED ──revoke (before release)──▶ WITHDRAWN
 *                 │ ──deny──────▶ DENIED
 *                 │ ──deadline──▶ EXPIRED        (silence is never consent)
 *                 └ ──request withdrawn──▶ WITHDRAWN
 *
 *   request:  PENDING ──all approved──▶ RELEASED
 *                 │ ──any denied or consent revoked──▶ DENIED
 *                 │ ──deadline──▶ EXPIRED
 *                 └ ──requester withdraws──▶ WITHDRAWN
 */
export const ASK_STATES = ["PENDING", "APPROVED", "DENIED", "EXPIRED", "WITHDRAWN"] as const;
export type AskState = (typeof ASK_STATES)[number];

export const REQUEST_STATES = ["PENDING", "RELEASED", "DENIED", "EXPIRED", "WITHDRAWN"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export type AskEvent = "approve" | "deny" | "expire" | "revoke" | "withdraw_request";

/** Which ask states each event may leave from, and where it leads. */
export const ASK_TRANSITIONS: Record<AskEvent, { from: readonly AskState[]; to: AskState }> = {
  approve: { from: ["PENDING"], to: "APPROVED" },
  deny: { from: ["PENDING"], to: "DENIED" },
  expire: { from: ["PENDING"], to: "EXPIRED" },
  revoke: { from: ["APPROVED"], to: "WITHDRAWN" },
  withdraw_request: { from: ["PENDING", "APPROVED"], to: "WITHDRAWN" },
};

/**
 * The request's state as its asks make it, before release. "READY" means every originating
 * party approved: the request may now be released, once.
 */
export function deriveRequestState(asks: readonly { state: AskState }[]): "PENDING" | "READY" | "DENIED" | "EXPIRED" {
  if (asks.some((a) => a.state === "DENIED" || a.state === "WITHDRAWN")) return "DENIED";
  if (asks.some((a) => a.state === "EXPIRED")) return "EXPIRED";
  if (asks.length > 0 && asks.every((a) => a.state === "APPROVED")) return "READY";
  return "PENDING";
}

export const isClosed = (state: RequestState) => state !== "PENDING";
