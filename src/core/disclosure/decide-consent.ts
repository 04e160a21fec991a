import type { Member } from "../directory/types.js";
import { formatTime } from "../views/message.js";
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

const when = (d: Date | null) => (d ? formatTime(d) : "earlier");

/**
 * A liaison (or deputy) approves or denies their party's consent by button. The ask changes
 * state by a conditional update under the request's row lock: a double click, a retried
 * delivery or two people clicking at once make exactly one decision and at most one release.
 */
export async function decideConsent(ctx: CommandContext, askId: number, choice: Decision): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const ask = await tx.disclosures.ask(askId);
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "consent.refused", actor: member.id, subject: `ask:${askId}`, details: { code, reason: text } }], now);
    return refusal(code, text);
  };
  // An ask of another party is answered as a missing one: nobody learns of another party's
  // involvement through an error message (Art 7.2).
  if (!ask || !mayDecideFor(member, ask)) {
    return refuse("consent.not_yours", "This consent question is not for you: only your party's liaisons and deputies decide on your party's data.");
  }
  const request = (await tx.disclosures.lock(ask.requestId))!;
  if (request.requesterId === member.id) {
    return refuse("consent.own_request", "You made this request yourself, so another liaison or deputy of your party must decide on it.");
  }
  if (request.state === "PENDING" && now.getTime() >= request.deadline.getTime()) {
    // Past its deadline, before the scheduler expired it: a consent that comes late does not
    // count (Art 7.2). Expire it now; later clicks get "already decided".
    const settled = await settleRequest(tx, directory, request, now, null);
    await tx.outbox.enqueue(settled.outbound, now);
    await tx.audit.append(settled.events, now);
    return refuse("consent.expired", `${formatRequestId(request.id)} expired at its deadline; nothing was disclosed and no decision is needed any more.`);
  }
  if (choice.decision === "deny" && !choice.reason.trim()) {
    return refuse("consent.reason_missing", "Say why you deny, so that the requester can make a narrower request.");
  }
  // The reason reaches the requester, who is cell staff, and the steering group's report with
  // its values withheld (Art 7.2, 9).
  const reason = choice.decision === "deny" ? await guardText(tx, member, { what: "the reason", text: choice.reason.trim().slice(0, 1000), audience: cellStaff() }) : undefined;
  if (reason && !reason.ok) return refuse("consent.reason_invalid", `Nothing was decided: ${reason.problem}.`);
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
        ? `Already decided: ${formatRequestId(request.id)} was closed at ${when(current.decidedAt)}; no decision of ${current.party} is needed any more.`
        : `Already decided: ${current.party}'s consent is ${current.state.toLowerCase()}${current.decidedByName ? ` by ${current.decidedByName}` : ""} at ${when(current.decidedAt)}.`,
    );
  }
  const decided = (await tx.disclosures.ask(askId))!;
  const settled = await settleRequest(tx, directory, request, now, member.id);
  await tx.outbox.enqueue([...updateTopic(askTopic(askId), settledAskView(request, decided)), ...settled.outbound], now);
  await tx.audit.append(
    [
      {
        action: choice.decision === "approve" ? "consent.approved" : "consent.denied",
        actor: member.id,
        subject: `ask:${askId}`,
        details: { request: request.id, party: ask.party, reason: decided.reason },
      },
      ...settled.events,
    ],
    now,
  );
  const rid = formatRequestId(request.id);
  const verb = choice.decision === "approve" ? "approved" : "denied";
  return message(`You ${verb} ${ask.party}'s consent to ${rid}.`, [
    // Whether this was the last consent is not said: that would tell of other parties (Art 7.2).
    { kind: "paragraph", content: [`You ${verb} ${ask.party}'s consent to ${rid} for ${request.recipientName}.`] },
  ]);
}

/** A liaison takes back their party's consent while the request is not yet released. */
export async function revokeConsent(ctx: CommandContext, ref: string): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const id = parsePrefixedId("R", ref);
  const request = id ? await tx.disclosures.lock(id) : undefined;
  const ask = request ? (await tx.disclosures.asksOf(request.id)).find((a) => a.party === member.party) : undefined;
  if (!request || !ask || !mayDecideFor(member, ask)) {
    await tx.audit.append([{ action: "consent.refused", actor: member.id, details: { code: "consent.not_found", ref: ref.slice(0, 40) } }], now);
    return refusal("consent.not_found", `Nothing was changed: there is no request ${ref.slice(0, 20) || "(none given)"} that asks your party's consent.`);
  }
  if (request.state !== "PENDING" || ask.state !== "APPROVED") {
    // Neutral words: how another party decided must not show through (Art 7.2).
    const why =
      request.state === "RELEASED"
        ? "it was already released; a release cannot be undone"
        : request.state !== "PENDING"
          ? "the request is closed; there is nothing to revoke"
          : "your party has not given its consent";
    await tx.audit.append([{ action: "consent.refused", actor: member.id, subject: `ask:${ask.id}`, details: { code: "consent.not_revocable" } }], now);
    return refusal("consent.not_revocable", `Nothing was changed: ${why}.`);
  }
  // The state says what happened; the liaison gave no reason, so none is recorded.
  await tx.disclosures.transition(ask.id, "revoke", { at: now, byId: member.id, byName: member.name });
  const revoked = (await tx.disclosures.ask(ask.id))!;
  const settled = await settleRequest(tx, directory, request, now, member.id);
  await tx.outbox.enqueue([...updateTopic(askTopic(ask.id), settledAskView(request, revoked, "The request will not be released.")), ...settled.outbound], now);
  await tx.audit.append([{ action: "consent.revoked", actor: member.id, subject: `ask:${ask.id}`, details: { request: request.id, party: ask.party } }, ...settled.events], now);
  return message(`${ask.party}'s consent to ${formatRequestId(request.id)} is revoked.`, [
    { kind: "paragraph", content: [`${ask.party}'s consent to ${formatRequestId(request.id)} is revoked; the request will not be released.`] },
  ]);
}

/** The requester takes back a request that is still waiting. */
export async function withdrawRequest(ctx: CommandContext, ref: string): Promise<Reply> {
  const { tx, member, now } = ctx;
  const id = parsePrefixedId("R", ref);
  const request = id ? await tx.disclosures.lock(id) : undefined;
  if (!request || request.requesterId !== member.id) {
    await tx.audit.append([{ action: "disclosure.withdraw_refused", actor: member.id, details: { ref: ref.slice(0, 40) } }], now);
    return refusal("disclosure.not_found", `Nothing was changed: you have no request ${ref.slice(0, 20) || "(none given)"}.`);
  }
  if (request.state === "PENDING" && now.getTime() >= request.deadline.getTime()) {
    // Past its deadline it has expired, whether or not the scheduler has come by yet.
    const settled = await settleRequest(tx, ctx.directory, request, now, null);
    await tx.outbox.enqueue(settled.outbound, now);
    await tx.audit.append(settled.events, now);
    return refusal("disclosure.closed", `Nothing was changed: ${formatRequestId(request.id)} expired at its deadline.`);
  }
  if (!(await tx.disclosures.close(request.id, "WITHDRAWN", now))) {
    await tx.audit.append([{ action: "disclosure.withdraw_refused", actor: member.id, subject: `request:${request.id}`, details: { state: request.state } }], now);
    return refusal("disclosure.closed", `Nothing was changed: ${formatRequestId(request.id)} is already ${request.state.toLowerCase()}.`);
  }
  const asks = await tx.disclosures.asksOf(request.id);
  for (const ask of asks.filter((a) => a.state === "PENDING" || a.state === "APPROVED")) {
    await tx.disclosures.transition(ask.id, "close", { at: now });
    await tx.outbox.enqueue(updateTopic(askTopic(ask.id), settledAskView(request, { ...ask, state: "CLOSED", decidedAt: now, decidedByName: null }, "The requester withdrew this request; no decision is needed.")), now);
  }
  await tx.audit.append([{ action: "disclosure.withdrawn", actor: member.id, subject: `request:${request.id}`, details: {} }], now);
  return message(`${formatRequestId(request.id)} is withdrawn.`, [{ kind: "paragraph", content: [`${formatRequestId(request.id)} is withdrawn; nothing was disclosed.`] }]);
}
