import { TLP_LABELS, parseTlp, strictestTlp, type TlpLabel } from "../covenant/tlp.js";
import type { Translator } from "../i18n/translator.js";
import { formatItemId } from "../items/item-id.js";
import { screeningStatus } from "../access/policy.js";
import { PLATFORMS, deciders, type Directory, type Member, type Platform } from "../directory/types.js";
import { resolveItemRefs } from "../items/resolve-refs.js";
import { guardTexts } from "../guard/guard.js";
import { requestTexts, type RequestTextField } from "./request-texts.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { StoredItem } from "../ports.js";
import type { CommandContext } from "../use-cases/context.js";
import { joinReasons, message, refusal, type Reply } from "../views/message.js";
import { askTopic, tellMember } from "./notify.js";
import { parsePrefixedId, formatAnalysisId, formatRequestId, type Analysis, type DeliveryAddress, type Recipient } from "./types.js";
import { consentAskView, itemList, recipientLine } from "./views.js";
import { addDaysInCell, endOfDayInCell } from "../time/cell-zone.js";
import { calendarOf } from "../time/holidays.js";
import { addWorkingDays } from "../time/working-time.js";
import type { PartyCode } from "../covenant/parties.js";
import { say, type Phrase } from "../i18n/phrase.js";

export interface DisclosureInput {
  refs: string[];
  recipient?: string;
  purpose?: string;
  legalBasis?: string;
  conditions?: string;
  tlp?: string;
  deadline?: string;
  syntaxProblems?: readonly Phrase[];
}

/** A purpose says what the data are for (Art 7.1): shorter than this, it cannot. */
export const MIN_PURPOSE = 5;

/** The legal basis of a provision from the cell when the requester names none (Art 7.1). */
export const DEFAULT_PROVISION_BASIS = "Wiv 2017, covenant Art 7";


/**
 * Art 7: an analyst asks to disclose items or an analysis to a recipient. The request names
 * exactly what would be released; each originating party's liaisons are asked for consent.
 */
export async function requestDisclosure(ctx: CommandContext, input: DisclosureInput): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const problems = (input.syntaxProblems ?? []).map((p) => say(t, p));
  const analysisRefs = input.refs.filter((r) => parsePrefixedId("A", r) !== undefined);
  const itemRefs = input.refs.filter((r) => parsePrefixedId("A", r) === undefined);
  if (input.refs.length === 0) problems.push(t.text("disclosure.request.name_what"));
  if (analysisRefs.length > 1) problems.push(t.text("disclosure.request.one_analysis"));
  let analysis: Analysis | undefined;
  if (analysisRefs.length === 1) {
    analysis = await tx.analyses.byId(parsePrefixedId("A", analysisRefs[0])!);
    if (!analysis) problems.push(t.text("disclosure.request.no_analysis", { analysis: analysisRefs[0].toUpperCase() }));
  }
  const resolved = await resolveItemRefs(tx, itemRefs, ctx.t);
  problems.push(...resolved.problems);
  const items = new Map<number, StoredItem>(resolved.items.map((i) => [i.id, i]));
  for (const id of analysis?.itemIds ?? []) {
    const item = await tx.items.byId(id);
    if (item?.removedAt) {
      // Wiv 2017: the value lost its relevance and was removed; the analysis may still carry it.
      problems.push(t.text("disclosure.request.analysis_cites_removed", { analysis: formatAnalysisId(analysis!.id), item: formatItemId(id) }));
    } else if (item?.correctedById) {
      problems.push(t.text("disclosure.request.analysis_cites_corrected", { analysis: formatAnalysisId(analysis!.id), item: formatItemId(id), current: formatItemId(item.correctedById) }));
    } else if (item) items.set(id, item);
  }
  const recipient = findRecipient(t, directory, input.recipient, problems);
  const purpose = input.purpose?.trim() ?? "";
  if (purpose.length < MIN_PURPOSE) problems.push(t.text("disclosure.request.purpose_short", { min: MIN_PURPOSE, length: purpose.length }));
  if (purpose.length > 1000) problems.push(t.text("disclosure.request.too_long", { what: "purpose", max: t.number(1000) }));
  if ((input.conditions?.length ?? 0) > 1000) problems.push(t.text("disclosure.request.too_long", { what: "conditions", max: t.number(1000) }));
  if ((input.legalBasis?.length ?? 0) > 300) problems.push(t.text("disclosure.request.too_long", { what: "legal_basis", max: 300 }));
  // The recipient gets at least the strictest label among the items; a requested label can
  // only make it stricter (TLP never loosens on the way out).
  let requested: TlpLabel | null = null;
  if (input.tlp) {
    requested = parseTlp(input.tlp) ?? null;
    if (!requested) problems.push(t.text("disclosure.request.not_tlp", { label: input.tlp.slice(0, 30), labels: TLP_LABELS.join(", ") }));
  }
  const tlp = strictestTlp([...[...items.values()].map((i) => i.tlp), ...(requested ? [requested] : [])]);
  const deadline = parseDeadline(t, input.deadline, now, directory, problems);
  const parties = [...new Set([...items.values()].map((i) => i.party))].sort();
  const askees = new Map(parties.map((p) => [p, whoDecides(directory, p, member.id, now)]));
  for (const [party, who] of askees) {
    // A party that left the covenant can no longer consent, and without consent nothing it
    // supplied leaves the cell (Art 7.2, 14).
    const left = ctx.withdrawn?.get(party);
    if (left) problems.push(t.text("disclosure.request.party_left", { party, day: t.day(left) }));
    else if (who.length === 0) problems.push(t.text("disclosure.request.nobody_decides", { party }));
  }
  // Art 7.2: the purpose, conditions, basis and the analysis's title are read by every asked
  // party's liaison and then the recipient; the analysis's text by the recipient. Checked now,
  // against the records on file now, since an analysis written earlier may name a value that a
  // party supplied since.
  const words = { purpose, conditions: input.conditions?.trim() || null, legalBasis: input.legalBasis?.trim() || DEFAULT_PROVISION_BASIS };
  const fields = requestTexts(words, parties, analysis, "asked", t);
  // Texts too long to take are not read either.
  const guarded = problems.length === 0 ? await guardTexts(tx, member, fields, t) : undefined;
  if (guarded && !guarded.ok) problems.push(...guarded.problems);
  if (problems.length > 0 || !recipient || !guarded?.ok) {
    await tx.audit.append([{ action: "disclosure.refused", actor: member.id, details: { problems } }], now);
    return refusal("disclosure.invalid", t.text("disclosure.request.refused", { problems: joinReasons(problems) }));
  }
  const checked = (key: RequestTextField["key"]) => guarded.texts[fields.findIndex((f) => f.field.key === key)];
  const checkedPurpose = checked("purpose");
  // The same request made twice (a retyped command after a slow answer, a double submit of the
  // form) would ask every liaison twice: the pending one stands.
  const itemKey = [...items.keys()].sort((x, y) => x - y).join(",");
  const twin = (await tx.disclosures.byRequester(member.id, 50)).find(
    (r) =>
      r.state === "PENDING" &&
      r.recipientId === recipient.id &&
      r.purpose === checkedPurpose &&
      r.analysisId === (analysis?.id ?? null) &&
      r.items.map((i) => i.itemId).join(",") === itemKey,
  );
  if (twin) {
    await tx.audit.append([{ action: "disclosure.refused", actor: member.id, subject: `request:${twin.id}`, details: { problems: ["duplicate of a pending request"] } }], now);
    return refusal("disclosure.duplicate", t.text("disclosure.request.duplicate", { request: formatRequestId(twin.id) }));
  }
  const { request, asks } = await tx.disclosures.create(
    {
      requesterId: member.id,
      requesterName: member.name,
      createdAt: now,
      recipientId: recipient.id,
      recipientName: recipient.name,
      recipientKind: recipient.kind,
      viaParty: recipient.kind === "external" ? recipient.party : null,
      deliverTo: deliveryAddress(recipient, ctx.platform),
      purpose: checkedPurpose,
      legalBasis: checked("legal_basis"),
      conditions: words.conditions === null ? null : checked("conditions"),
      tlp,
      tlpRequested: requested,
      deadline,
      analysisId: analysis?.id ?? null,
      items: [...items.values()].map((i) => ({ itemId: i.id, party: i.party })),
    },
    parties,
  );
  const outbound: OutboundMessage[] = [];
  const events = [
    {
      action: "disclosure.requested",
      actor: member.id,
      subject: `request:${request.id}`,
      details: {
        items: request.items,
        analysis: request.analysisId,
        recipient: recipient.id,
        deliverTo: request.deliverTo,
        purpose,
        legalBasis: request.legalBasis,
        conditions: request.conditions,
        tlp,
        deadline: deadline.toISOString(),
        parties,
      },
    },
  ];
  for (const ask of asks) {
    const who = askees.get(ask.party)!;
    const partyItems = [...items.values()].filter((i) => i.party === ask.party).sort((a, b) => a.id - b.id);
    // Each liaison reads the question in their own language.
    for (const m of who) outbound.push(...tellMember(directory, m, (l) => consentAskView(l, { request, ask, requester: { name: member.name }, partyItems, analysis }), askTopic(ask.id)));
    events.push({ action: "consent.asked", actor: member.id, subject: `ask:${ask.id}`, details: { request: request.id, party: ask.party, asked: who.map((m) => m.id) } as never });
  }
  await tx.outbox.enqueue(outbound, now);
  await tx.audit.append(events, now);
  const rid = formatRequestId(request.id);
  return message(t.text("disclosure.request.made_summary", { request: rid, parties: t.list(parties) }), [
    { kind: "heading", text: t.text("disclosure.request.made_heading", { request: rid }) },
    {
      kind: "paragraph",
      content: [t.text("disclosure.request.made", { recipient: recipientLine(t, request), purpose, parties: t.list(parties), deadline: t.time(deadline) })],
    },
    ...(analysis ? [{ kind: "paragraph" as const, content: t.inline("disclosure.request.made_analysis", { analysis: formatAnalysisId(analysis.id), title: analysis.title }) }] : []),
    { kind: "paragraph", content: [{ strong: t.text("disclosure.request.made_items", { count: items.size }) }] },
    ...itemList(t, [...items.values()], request),
    { kind: "paragraph", content: t.inline("disclosure.request.made_follow", { request: rid }) },
  ]);
}

/**
 * Who is asked for a party's consent: its liaisons, or its deputies where the requester is the
 * only liaison. Nobody decides on their own request, and only members with a valid A-level
 * screening are shown the party's data (Art 4.6).
 */
export function whoDecides(directory: Directory, party: PartyCode, requesterId: string, now: Date, which: "liaison" | "deputy" = "liaison"): Member[] {
  const eligible = (role: "liaison" | "deputy") =>
    deciders(directory, party, role).filter(
      (m) => m.id !== requesterId && screeningStatus(m, now, directory.covenant.screeningValidityYears).valid,
    );
  if (which === "deputy") return eligible("deputy");
  const liaisons = eligible("liaison");
  return liaisons.length > 0 ? liaisons : eligible("deputy");
}

function findRecipient(t: Translator, directory: Directory, id: string | undefined, problems: string[]): Recipient | undefined {
  const known = directory.recipients.map((r) => r.id).join(", ") || t.text("disclosure.request.no_recipients");
  if (!id) {
    problems.push(t.text("disclosure.request.name_recipient", { known }));
    return undefined;
  }
  const recipient = directory.recipients.find((r) => r.id === id.toLowerCase());
  if (!recipient) problems.push(t.text("disclosure.request.unknown_recipient", { id: id.slice(0, 60), known }));
  return recipient;
}

function parseDeadline(t: Translator, text: string | undefined, now: Date, directory: Directory, problems: string[]): Date {
  const fallback = addWorkingDays(now, directory.consent.deadlineWorkingDays, calendarOf(directory));
  if (!text) return fallback;
  const match = /^(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  const valid = match && new Date(`${match[1]}T12:00:00Z`).toISOString().slice(0, 10) === match[1];
  const date = valid ? endOfDayInCell(match[1]) : undefined;
  if (!date) {
    problems.push(t.text("disclosure.request.deadline_format"));
    return fallback;
  }
  if (date.getTime() <= now.getTime()) problems.push(t.text("disclosure.request.deadline_past"));
  if (date.getTime() > addDaysInCell(now, 60).getTime()) problems.push(t.text("disclosure.request.deadline_far"));
  return date;
}

/** The recipient's channel on the platform the request came from, else its first channel. */
function deliveryAddress(recipient: Recipient, platform: Platform): DeliveryAddress {
  const here = recipient.channels[platform];
  if (here) return { platform, channel: here };
  const first = PLATFORMS.find((p) => recipient.channels[p])!;
  return { platform: first, channel: recipient.channels[first]! };
}
