import type { Member } from "../directory/types.js";
import type { Translator } from "../i18n/translator.js";
import type { CommandContext } from "../use-cases/context.js";
import { message, refusal, type Reply } from "../views/message.js";
import { askTopic, updateTopic } from "./notify.js";
import { settleRequest } from "./settle.js";
import { formatRequestId, parsePrefixedId, type ConsentAsk } from "./types.js";
import { settledAskView } from "./views.js";
import { cellStaff } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";

export type Decision = { decision: "approve" } | { decision: "deny"; reason: string };

const mayDecideFor = (member: Member, ask: ConsentAsk) =>
  member.party === ask.party && (member.roles.includes("liaison") || member.roles.includes("deputy"));


/**
 * A liaison (or deputy) approves or denies their party's consent by button. The ask changes
 * state by a conditional update under the request's row lock: a double click, a retried
 * delivery or two people clicking at once make exactly one decision and at most one release.
 */
export async function decideConsent(ctx: CommandContext, askId: number, choice: Decision): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const when = (d: Date | null) => (d ? t.time(d) : t.text("disclosure.decide.earlier"));
  const ask = await tx.disclosures.ask(askId);
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "consent.refused", actor: member.id, subject: `ask:${askId}`, details: { code, reason: text } }], now);
    return refusal(code, text);
  };
  // An ask of another party is answered as a missing one: nobody learns of another party's
  // involvement through an error message (Art 7.2).
  if (!ask || !mayDecideFor(member, ask)) {
    return refuse("consent.not_yours", t.text("disclosure.decide.not_yours"));
  }
  const request = (await tx.disclosures.lock(ask.requestId))!;
  if (request.requesterId === member.id) {
    return refuse("consent.own_request", t.text("disclosure.decide.own_request"));
  }
  if (request.state === "PENDING" && now.getTime() >= request.deadline.getTime()) {
    // Past its deadline, before the scheduler expired it: a consent that comes late does not
    // count (Art 7.2). Expire it now; later clicks get "already decided".
    await settleRequest(tx, directory, request, now, null);
    return refuse("consent.expired", t.text("disclosure.decide.expired", { request: formatRequestId(request.id) }));
  }
  if (choice.decision === "deny" && !choice.reason.trim()) {
    return refuse("consent.reason_missing", t.text("disclosure.decide.reason_missing"));
  }
  // The reason reaches the requester, who is cell staff, and the steering group's report with
  // its values withheld (Art 7.2, 9).
  const reason = choice.decision === "deny" ? await guardText(tx, member, { what: t.text("guard.what.reason"), text: choice.reason.trim().slice(0, 1000), audience: cellStaff() }, t) : undefined;
  if (reason && !reason.ok) return refuse("consent.reason_invalid", t.text("disclosure.decide.reason_invalid", { problem: reason.problem }));
  const done = await tx.disclosures.transition(askId, choice.decision, {
    at: now,
    byId: member.id,
    byName: member.name,
    reason: reason?.ok ? reason.text : null,
  });
  if (!done) {
    const current = (await tx.disclosures.ask(askId))!;
    await tx.audit.append([{ action: "consent.already_decided", actor: member.id, subject: `ask:${askId}`, details: { state: current.state } }], now);
    // A closed ask was ended by someone else: say that no decision is needed, not who or why (Art 7.2).
    return refusal(
      "consent.already_decided",
      current.state === "CLOSED"
        ? t.text("disclosure.decide.already_closed", { request: formatRequestId(request.id), time: when(current.decidedAt), party: current.party })
        : t.text("disclosure.decide.already", {
            party: current.party,
            state: t.text("disclosure.ask_state", { state: current.state }),
            by: current.decidedByName ? t.text("disclosure.by", { name: current.decidedByName }) : "",
            time: when(current.decidedAt),
          }),
    );
  }
  const decided = (await tx.disclosures.ask(askId))!;
  await settleRequest(tx, directory, request, now, member.id, {
    outbound: updateTopic(askTopic(askId), (l) => settledAskView(l, request, decided)),
    events: [
      {
        action: choice.decision === "approve" ? "consent.approved" : "consent.denied",
        actor: member.id,
        subject: `ask:${askId}`,
        details: { request: request.id, party: ask.party, reason: decided.reason },
      },
    ],
  });
  const said = { decision: choice.decision, party: ask.party, request: formatRequestId(request.id), recipient: request.recipientName };
  return message(t.text("disclosure.decide.done_summary", said), [
    // Whether this was the last consent is not said: that would tell of other parties (Art 7.2).
    { kind: "paragraph", content: [t.text("disclosure.decide.done", said)] },
  ]);
}

/** A liaison takes back their party's consent while the request is not yet released. */
export async function revokeConsent(ctx: CommandContext, ref: string, reason?: string): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const id = parsePrefixedId("R", ref);
  const request = id ? await tx.disclosures.lock(id) : undefined;
  const ask = request ? (await tx.disclosures.asksOf(request.id)).find((a) => a.party === member.party) : undefined;
  if (!request || !ask || !mayDecideFor(member, ask)) {
    await tx.audit.append([{ action: "consent.refused", actor: member.id, details: { code: "consent.not_found", ref: ref.slice(0, 40) } }], now);
    return refusal("consent.not_found", t.text("disclosure.revoke.not_found", { ref: ref.slice(0, 20) || t.text("disclosure.none_given") }));
  }
  if (request.state !== "PENDING" || ask.state !== "APPROVED") {
    // Neutral words: how another party decided must not show through (Art 7.2).
    const why = request.state === "RELEASED" ? "released" : request.state !== "PENDING" ? "closed" : "not_given";
    await tx.audit.append([{ action: "consent.refused", actor: member.id, subject: `ask:${ask.id}`, details: { code: "consent.not_revocable" } }], now);
    return refusal("consent.not_revocable", t.text("disclosure.revoke.not_revocable", { why }));
  }
  // The state says what happened; a reason the liaison typed after the id is kept in the audit log only.
  await tx.disclosures.transition(ask.id, "revoke", { at: now, byId: member.id, byName: member.name });
  const revoked = (await tx.disclosures.ask(ask.id))!;
  await settleRequest(tx, directory, request, now, member.id, {
    outbound: updateTopic(askTopic(ask.id), (l) => settledAskView(l, request, revoked, l.text("disclosure.note.not_released"))),
    events: [{ action: "consent.revoked", actor: member.id, subject: `ask:${ask.id}`, details: { request: request.id, party: ask.party, ...(reason ? { reason } : {}) } }],
  });
  const said = { party: ask.party, request: formatRequestId(request.id) };
  return message(t.text("disclosure.revoke.done_summary", said), [{ kind: "paragraph", content: [t.text("disclosure.revoke.done", said), ...reasonKept(t, reason)] }]);
}

/** The requester takes back a request that is still waiting. */
export async function withdrawRequest(ctx: CommandContext, ref: string, reason?: string): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  const id = parsePrefixedId("R", ref);
  const request = id ? await tx.disclosures.lock(id) : undefined;
  if (!request || request.requesterId !== member.id) {
    await tx.audit.append([{ action: "disclosure.withdraw_refused", actor: member.id, details: { ref: ref.slice(0, 40) } }], now);
    return refusal("disclosure.not_found", t.text("disclosure.withdraw.not_found", { ref: ref.slice(0, 20) || t.text("disclosure.none_given") }));
  }
  if (request.state === "PENDING" && now.getTime() >= request.deadline.getTime()) {
    // Past its deadline it has expired, whether or not the scheduler has come by yet.
    await settleRequest(tx, ctx.directory, request, now, null);
    return refusal("disclosure.closed", t.text("disclosure.withdraw.expired", { request: formatRequestId(request.id) }));
  }
  if (!(await tx.disclosures.close(request.id, "WITHDRAWN", now))) {
    await tx.audit.append([{ action: "disclosure.withdraw_refused", actor: member.id, subject: `request:${request.id}`, details: { state: request.state } }], now);
    return refusal("disclosure.closed", t.text("disclosure.withdraw.closed", { request: formatRequestId(request.id), state: t.text("disclosure.request_state", { state: request.state }) }));
  }
  const asks = await tx.disclosures.asksOf(request.id);
  // Only the open asks, with the same note, as when another party's denial closes the request
  // (settle.ts); an approved one stays approved, as it does then. A liaison who could tell a
  // withdrawal from a close would learn that another party's data was in the request (Art 7.2).
  for (const ask of asks.filter((a) => a.state === "PENDING")) {
    await tx.disclosures.transition(ask.id, "close", { at: now });
    const closed = { ...ask, state: "CLOSED" as const, decidedAt: now, decidedByName: null };
    await tx.outbox.enqueue(updateTopic(askTopic(ask.id), (l) => settledAskView(l, request, closed, l.text("disclosure.note.closed"))), now);
  }
  await tx.audit.append([{ action: "disclosure.withdrawn", actor: member.id, subject: `request:${request.id}`, details: reason ? { reason } : {} }], now);
  const rid = { request: formatRequestId(request.id) };
  return message(t.text("disclosure.withdraw.done_summary", rid), [{ kind: "paragraph", content: [t.text("disclosure.withdraw.done", rid), ...reasonKept(t, reason)] }]);
}

/** A reason given with a withdrawal or a revocation goes to the audit log, and nobody is shown it: said so. */
const reasonKept = (t: Translator, reason: string | undefined): string[] => (reason ? [" ", t.text("disclosure.reason_kept")] : []);
