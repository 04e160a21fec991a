import { mayCompareAcrossParties, screeningStatus } from "../access/policy.js";
import { itemsOfRequest } from "./request-items.js";
import type { Directory } from "../directory/types.js";
import type { AuditEvent } from "../audit/chain.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { Transaction } from "../ports.js";
import { deriveRequestState, type AskEvent } from "./consent-state.js";
import { askTopic, deliveryTopic, memberById, tellMember, textsOf, updateTopic } from "./notify.js";
import { translator, type Translator } from "../i18n/translator.js";
import { channelOf, type ConsentAsk, type DisclosureRequest } from "./types.js";
import { deliveryViews, requestStatusView, settledAskView } from "./views.js";
import { releaseFile } from "./release-file.js";
import { statusCard } from "./status-cards.js";
import { formatRequestId } from "./types.js";
import { formatItemId } from "../items/item-id.js";
import { recheckTexts } from "../guard/guard.js";
import { requestTextName, requestTexts } from "./request-texts.js";

export type Settled = "pending" | "released" | "denied" | "expired";

/**
 * After an ask changed state: close the request when its asks say so — release it once when
 * every party approved, block it when one denied or revoked, expire it at its deadline — and
 * queue the messages that must follow, with their audit entries. Runs in the transaction that
 * changed the ask, after the request's row lock was taken, so concurrent decisions see each other.
 *
 * It writes everything it decides: the state, the messages and the audit entries. What the caller
 * did first (the decision on the ask, its own update of the liaison's card) comes as `first`, and
 * is written before what follows from it, so the log and each conversation keep that order.
 */
export async function settleRequest(
  tx: Transaction,
  directory: Directory,
  request: DisclosureRequest,
  now: Date,
  actor: string | null,
  first: { events?: readonly AuditEvent[]; outbound?: readonly OutboundMessage[] } = {},
): Promise<Settled> {
  const settled = await settle(tx, directory, request, now, actor);
  await tx.outbox.enqueue([...(first.outbound ?? []), ...settled.outbound], now);
  await tx.audit.append([...(first.events ?? []), ...settled.events], now);
  return settled.outcome;
}

async function settle(
  tx: Transaction,
  directory: Directory,
  request: DisclosureRequest,
  now: Date,
  actor: string | null,
): Promise<{ outcome: Settled; events: AuditEvent[]; outbound: OutboundMessage[] }> {
  const asks = await tx.disclosures.asksOf(request.id);
  const byAsks = deriveRequestState(asks);
  // Already ended by someone else (its asks were closed with it): nothing follows from them.
  if (byAsks === "CLOSED") return { outcome: "pending", events: [], outbound: [] };
  // Past the deadline an open request expires, whatever consents came in (silence is never
  // consent, and a consent given late does not count: Art 7.2). Before it, an ask can have
  // expired only because its party's withdrawal from the covenant took effect (Art 14): the
  // request then waits for its deadline as if that party had not answered. Closed at once, the
  // other parties' questions would end with the withdrawal, and tell them that the leaving party's
  // data was in the request (Art 7.2).
  const pastDeadline = now.getTime() >= request.deadline.getTime();
  const derived = byAsks !== "DENIED" && pastDeadline ? "EXPIRED" : byAsks === "EXPIRED" ? "PENDING" : byAsks;
  const events: AuditEvent[] = [];
  const outbound: OutboundMessage[] = [];
  // The status names every party and their reasons: only for a requester who is still screened
  // cell staff (Art 4.6, 6.1).
  const requester = memberById(directory, request.requesterId);
  const mayBeTold =
    requester !== undefined &&
    mayCompareAcrossParties(requester) &&
    screeningStatus(requester, now, directory.covenant.screeningValidityYears).valid;
  // The status shows the request as it stands after this step, not as it was read before it;
  // the requester's earlier cards of it then show its gist, not a stale status (status-cards.ts).
  const tell = (headline: (t: Translator) => string, after: ConsentAsk[], state: DisclosureRequest["state"] = request.state) => {
    if (mayBeTold) outbound.push(...statusCard(request.id, after, state, (topic) => tellMember(directory, requester, (t) => requestStatusView(t, { ...request, state }, after, headline(t)), topic)));
  };

  if (derived === "PENDING") {
    const waiting = asks.filter((a) => a.state === "PENDING").map((a) => a.party);
    tell((t) => t.text("disclosure.headline.waiting", { parties: t.list(waiting) }), asks);
    return { outcome: "pending", events, outbound };
  }
  if (derived === "READY") {
    const items = await itemsOfRequest(tx.items, request);
    // A party corrected an item after consent was asked: what was consented to is no longer
    // what the party stands behind, so nothing is released (Art 5.3, 7.2).
    const corrected = items.filter((i) => i.correctedById !== null);
    // Nor is an item its party let go at a retention review: its value is gone (Wiv 2017).
    const removed = items.filter((i) => i.removedAt);
    if (removed.length > 0 && (await tx.disclosures.close(request.id, "DENIED", now))) {
      events.push({ action: "disclosure.blocked", actor, subject: `request:${request.id}`, details: { removed: removed.map((i) => i.id) } });
      tell((t) => t.text("disclosure.headline.removed", { items: t.list(removed.map((i) => formatItemId(i.id))) }), asks, "DENIED");
      return { outcome: "denied", events, outbound };
    }
    if (corrected.length > 0) {
      if (!(await tx.disclosures.close(request.id, "DENIED", now))) return { outcome: "pending", events, outbound };
      events.push({ action: "disclosure.blocked", actor, subject: `request:${request.id}`, details: { corrected: corrected.map((i) => i.id) } });
      tell((t) => t.text("disclosure.headline.corrected", { items: t.list(corrected.map((i) => formatItemId(i.id))) }), asks, "DENIED");
      return { outcome: "denied", events, outbound };
    }
    const analysis = request.analysisId ? await tx.analyses.byId(request.analysisId) : undefined;
    // The recipient reads the request's texts now: checked again against the records on file
    // now, since a party not asked may have supplied a value they name after consent was asked
    // (Art 7.2: a text carries only what its reader may read when they read it).
    const parties = [...new Set(request.items.map((i) => i.party))];
    // Named in English in the audit log, and to each reader in their language.
    const stale = await recheckTexts(tx, requestTexts(request, parties, analysis, "released", translator("en")));
    if (stale.length > 0) {
      if (!(await tx.disclosures.close(request.id, "DENIED", now))) return { outcome: "pending", events, outbound };
      events.push({ action: "disclosure.blocked", actor, subject: `request:${request.id}`, details: { texts: stale.map((s) => ({ text: s.field.what, names: s.named.map((m) => m.said) })) } });
      const named = (t: Translator) =>
        stale
          .map((s) =>
            t.text("disclosure.headline.stale_names", {
              what: requestTextName(t, s.field.field),
              named: s.named.length ? t.list(s.named.map((m) => t.text("disclosure.headline.stale_value", { said: m.said, owners: t.list(m.owners) }))) : t.text("disclosure.headline.too_many"),
            }),
          )
          .join("; ");
      tell((t) => t.text("disclosure.headline.stale_text", { texts: named(t) }), asks, "DENIED");
      return { outcome: "denied", events, outbound };
    }
    if (!(await tx.disclosures.close(request.id, "RELEASED", now))) return { outcome: "pending", events, outbound };
    const record = {
      request: request.id,
      recipient: { id: request.recipientId, name: request.recipientName, kind: request.recipientKind, via: request.viaParty, deliverTo: request.deliverTo },
      items: items.map((i) => ({ id: i.id, type: i.type, value: i.value, party: i.party })),
      analysis: request.analysisId,
      purpose: request.purpose,
      legalBasis: request.legalBasis,
      conditions: request.conditions,
      tlp: request.tlp,
      requestedBy: request.requesterId,
      consents: asks.map((a) => ({ party: a.party, by: a.decidedById, at: a.decidedAt?.toISOString() })),
      releasedAt: now.toISOString(),
    };
    const provisionId = await tx.disclosures.saveProvision(request.id, now, JSON.stringify(record));
    const to = channelOf(request.deliverTo);
    // The recipient's channel reads the recipient's language, else the directory's.
    const recipient = directory.recipients.find((r) => r.id === request.recipientId);
    const t = textsOf(recipient, directory);
    for (const view of deliveryViews(t, { ...request, state: "RELEASED" }, items, analysis)) {
      outbound.push({ kind: "post", to, view, topic: deliveryTopic(request.id), releaseOf: request.id });
    }
    // A recipient whose tools read a format gets the released indicators as such a file too,
    // carrying the release's label and conditions.
    const format = recipient?.format;
    if (format && items.length > 0) {
      const file = await releaseFile(format, request, items, now, analysis, { provisionId });
      const summary = t.text("disclosure.release.file_summary", { file: file.fileName, request: formatRequestId(request.id), tlp: request.tlp });
      outbound.push({ kind: "file", to, ...file, view: { summary, blocks: [], language: t.language }, topic: deliveryTopic(request.id), releaseOf: request.id });
    }
    events.push({ action: "disclosure.released", actor, subject: `request:${request.id}`, details: record });
    tell((t) => t.text("disclosure.headline.released", { recipient: request.recipientName }), asks, "RELEASED");
    return { outcome: "released", events, outbound };
  }
  const to = derived === "DENIED" ? "DENIED" : "EXPIRED";
  if (!(await tx.disclosures.close(request.id, to, now))) return { outcome: "pending", events, outbound };
  // The other parties' open asks are closed too; their messages say only that no decision is
  // needed any more — never why, which would tell them another party is involved (Art 7.2).
  const event: AskEvent = to === "EXPIRED" ? "expire" : "close";
  for (const ask of asks.filter((a) => a.state === "PENDING")) {
    await tx.disclosures.transition(ask.id, event, { at: now });
    const settled = { ...ask, state: to === "EXPIRED" ? ("EXPIRED" as const) : ("CLOSED" as const), decidedAt: now };
    outbound.push(...updateTopic(askTopic(ask.id), (t) => settledAskView(t, request, settled, to === "EXPIRED" ? undefined : t.text("disclosure.note.closed"))));
  }
  const after = await tx.disclosures.asksOf(request.id);
  if (to === "DENIED") {
    const blockers = after.filter((a) => a.state === "DENIED" || a.state === "REVOKED");
    events.push({ action: "disclosure.blocked", actor, subject: `request:${request.id}`, details: { by: blockers.map((a) => a.party) } });
    const reasons = (t: Translator) =>
      blockers
        .map((a) =>
          t.text("disclosure.headline.blocker", {
            party: a.party,
            revoked: a.state === "REVOKED" ? t.text("disclosure.headline.blocker_revoked") : "",
            reason: a.reason ? t.text("disclosure.headline.blocker_reason", { reason: a.reason }) : "",
          }),
        )
        .join(", ");
    tell((t) => t.text("disclosure.headline.denied", { blockers: reasons(t), parties: t.list(blockers.map((a) => a.party)) }), after, to);
  } else {
    events.push({ action: "disclosure.expired", actor, subject: `request:${request.id}`, details: { waitingFor: asks.filter((a) => a.state === "PENDING").map((a) => a.party) } });
    tell((t) => t.text("disclosure.headline.expired"), after, to);
  }
  return { outcome: to === "DENIED" ? "denied" : "expired", events, outbound };
}

