import { mayCompareAcrossParties, screeningStatus } from "../access/policy.js";
import type { AuditEvent } from "../audit/chain.js";
import type { Directory } from "../directory/types.js";
import { askTopic, memberById, tellMember, updateTopic } from "../disclosure/notify.js";
import { settledAskView, requestStatusView } from "../disclosure/views.js";
import { statusCard } from "../disclosure/status-cards.js";
import { formatItemId } from "../items/item-id.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { Transaction } from "../ports.js";

/**
 * Pending disclosure requests that contain a removed item are closed without release: what the
 * parties were asked to consent to no longer exists in the cell (Wiv 2017; Art 7.2), as with a
 * correction (disclosure/settle.ts). Every other party's open question is told only that no
 * decision is needed any more, never why; the requester, cell staff, is told which item went.
 */
export async function blockRequestsWithRemoved(
  tx: Transaction,
  directory: Directory,
  removed: readonly number[],
  now: Date,
  actor: string | null,
): Promise<{ events: AuditEvent[]; outbound: OutboundMessage[]; blocked: number[] }> {
  const events: AuditEvent[] = [];
  const outbound: OutboundMessage[] = [];
  const blocked: number[] = [];
  for (const requestId of await tx.retention.pendingRequestsWith(removed)) {
    const request = await tx.disclosures.lock(requestId);
    if (!request || request.state !== "PENDING") continue;
    if (!(await tx.disclosures.close(request.id, "DENIED", now))) continue;
    const asks = await tx.disclosures.asksOf(request.id);
    for (const ask of asks.filter((a) => a.state === "PENDING")) {
      if (!(await tx.disclosures.transition(ask.id, "close", { at: now }))) continue;
      const closed = (await tx.disclosures.ask(ask.id))!;
      outbound.push(...updateTopic(askTopic(ask.id), (t) => settledAskView(t, request, closed, t.text("disclosure.note.closed"))));
    }
    const gone = request.items.filter((i) => removed.includes(i.itemId)).map((i) => i.itemId);
    events.push({ action: "disclosure.blocked", actor, subject: `request:${request.id}`, details: { removed: gone } });
    blocked.push(request.id);
    const requester = memberById(directory, request.requesterId);
    if (requester && mayCompareAcrossParties(requester) && screeningStatus(requester, now, directory.covenant.screeningValidityYears).valid) {
      const after = await tx.disclosures.asksOf(request.id);
      outbound.push(
        ...statusCard(request.id, after, "DENIED", (topic) =>
          tellMember(
            directory,
            requester,
            (t) => requestStatusView(t, { ...request, state: "DENIED" }, after, t.text("disclosure.headline.let_go", { items: t.list(gone.map(formatItemId)) })),
            topic,
          ),
        ),
      );
    }
  }
  return { events, outbound, blocked };
}
