import type { OutboundMessage } from "../outbox/outbound.js";
import type { MessageView } from "../views/message.js";
import type { ConsentAsk, DisclosureRequest } from "./types.js";

/**
 * The requester's status cards of a request. Each decision while the request is pending sends a
 * new card ("Waiting for NCSC"), and the outcome one more ("released"), so that the requester
 * is told each time. An earlier card would otherwise stay as it was: a "pending" card under the
 * "released" one, which reads as if the request were still open. So every new card replaces the
 * earlier ones with the gist of the new status (its heading, e.g. "R-1: released").
 *
 * An update replaces every message of its topic (dispatch-outbox.ts), so each card has a topic of
 * its own: one per number of decided asks while pending, and one for the outcome, which follows
 * them all. Updating a step's topic that carried no card (the requester was not told then)
 * replaces nothing.
 */
export const statusTopic = (requestId: number, step: number | "outcome") => `status:${requestId}:${step}`;

/**
 * The messages of a new status card and the updates of the earlier ones. `asks` are the request's
 * asks as the card shows them, `state` the request's state it shows; `card(topic)` writes the new
 * card's messages (one per platform of the requester, all with one view) under `topic`.
 */
export function statusCard(
  requestId: number,
  asks: readonly ConsentAsk[],
  state: DisclosureRequest["state"],
  card: (topic: string) => OutboundMessage[],
): OutboundMessage[] {
  const decided = asks.filter((a) => a.state !== "PENDING").length;
  // The outcome's card comes after every step's, even when the asks it shows were read before
  // the others were closed; a pending card after the steps with fewer decisions.
  const step = state === "PENDING" ? decided : asks.length + 1;
  const posts = card(state === "PENDING" ? statusTopic(requestId, decided) : statusTopic(requestId, "outcome"));
  const view = posts.find((m) => m.kind === "post")?.view;
  const gist = view && gistOf(view);
  if (!gist) return posts;
  const earlier: OutboundMessage[] = [];
  for (let s = 0; s < step; s++) earlier.push({ kind: "update", topic: statusTopic(requestId, s), view: gist });
  return [...earlier, ...posts];
}

/**
 * A status card's heading ("R-1: released"): what an earlier card says once a newer one came.
 * Only the heading, which the core writes itself: the headline may quote a party's reason, and an
 * update's row does not name its readers as a post's does, so it carries no text a person wrote.
 */
function gistOf(view: MessageView): MessageView | undefined {
  const heading = view.blocks.find((b) => b.kind === "heading");
  return heading && { summary: heading.text, blocks: [heading] };
}
