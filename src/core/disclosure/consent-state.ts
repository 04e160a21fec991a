/**
 * The consent state machine (Art 7.2). Each originating party's consent to one request is an
 * ask; the request's state follows from its asks. Every transition is one function here, and
 * the storage applies it as a conditional update, so a decision happens exactly once.
 *
 *   ask:      PENDING ──approve──▶ APPROVED ──revoke (before release)──▶ REVOKED
 *                 │ ──deny──────▶ DENIED          │
 *                 │ ──deadline──▶ EXPIRED         │  (silence is never consent)
 *                 └ ──close──▶ CLOSED ◀──close────┘
 *
 *   REVOKED: the ask's own party took its consent back (`/ciic revoke`).
 *   CLOSED:  someone else ended the request while the ask was open or approved — another party
 *            denied or revoked, the requester withdrew it, an item in it was removed. The party
 *            did nothing, and no decision of it is needed any more. One word, one meaning: its
 *            messages never say the party withdrew or was withdrawn.
 *
 *   request:  PENDING ──all approved──▶ RELEASED
 *                 │ ──any denied or consent revoked (or an item corrected or removed)──▶ DENIED
 *                 │ ──deadline──▶ EXPIRED
 *                 └ ──requester withdraws──▶ WITHDRAWN
 */
export const ASK_STATES = ["PENDING", "APPROVED", "DENIED", "EXPIRED", "REVOKED", "CLOSED"] as const;
export type AskState = (typeof ASK_STATES)[number];

export const REQUEST_STATES = ["PENDING", "RELEASED", "DENIED", "EXPIRED", "WITHDRAWN"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export type AskEvent = "approve" | "deny" | "expire" | "revoke" | "close";

/** Which ask states each event may leave from, and where it leads. */
export const ASK_TRANSITIONS: Record<AskEvent, { from: readonly AskState[]; to: AskState }> = {
  approve: { from: ["PENDING"], to: "APPROVED" },
  deny: { from: ["PENDING"], to: "DENIED" },
  expire: { from: ["PENDING"], to: "EXPIRED" },
  revoke: { from: ["APPROVED"], to: "REVOKED" },
  close: { from: ["PENDING", "APPROVED"], to: "CLOSED" },
};

/**
 * The request's state as its asks make it, before release. "READY" means every originating
 * party approved: the request may now be released, once. "CLOSED" means the request was already
 * ended by something other than its asks (its own state says what): nothing follows from them.
 */
export function deriveRequestState(asks: readonly { state: AskState }[]): "PENDING" | "READY" | "DENIED" | "EXPIRED" | "CLOSED" {
  if (asks.some((a) => a.state === "DENIED" || a.state === "REVOKED")) return "DENIED";
  if (asks.some((a) => a.state === "EXPIRED")) return "EXPIRED";
  if (asks.some((a) => a.state === "CLOSED")) return "CLOSED";
  if (asks.length > 0 && asks.every((a) => a.state === "APPROVED")) return "READY";
  return "PENDING";
}

export const isClosed = (state: RequestState) => state !== "PENDING";
