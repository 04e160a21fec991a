import { TLP_LABELS, parseTlp, strictestTlp, type TlpLabel } from "../covenant/tlp.js";
import { formatDay, formatTime } from "../views/message.js";
import { screeningStatus } from "../access/policy.js";
import { deciders, type Directory, type Member } from "../directory/types.js";
import { resolveItemRefs } from "../items/resolve-refs.js";
import { guardTexts } from "../guard/guard.js";
import { requestTexts } from "./request-texts.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { StoredItem } from "../ports.js";
import type { CommandContext } from "../use-cases/context.js";
import { joinReasons, message, refusal, type Reply } from "../views/message.js";
import { askTopic, directMessage } from "./notify.js";
import { parsePrefixedId, formatAnalysisId, formatRequestId, type Analysis, type Recipient } from "./types.js";
import { consentAskView, itemList, recipientLine } from "./views.js";
import { addDaysInCell, endOfDayInCell } from "../time/cell-zone.js";
import { calendarOf } from "../time/holidays.js";
import { addWorkingDays } from "../time/working-time.js";
import type { PartyCode } from "../covenant/parties.js";

export interface DisclosureInput {
  refs: string[];
  recipient?: string;
  purpose?: string;
  legalBasis?: string;
  conditions?: string;
  tlp?: string;
  deadline?: string;
  syntaxProblems?: string[];
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
  const { tx, member, directory, now } = ctx;
  const problems = [...(input.syntaxProblems ?? [])];
  const analysisRefs = input.refs.filter((r) => parsePrefixedId("A", r) !== undefined);
  const itemRefs = input.refs.filter((r) => parsePrefixedId("A", r) === undefined);
  if (input.refs.length === 0) problems.push("name what to disclose: item ids (I-42), values, or an analysis id (A-3)");
  if (analysisRefs.length > 1) problems.push("name at most one analysis per request");
  let analysis: Analysis | undefined;
  if (analysisRefs.length === 1) {
    analysis = await tx.analyses.byId(parsePrefixedId("A", analysisRefs[0])!);
    if (!analysis) problems.push(`there is no analysis ${analysisRefs[0].toUpperCase()}`);
  }
  const resolved = await resolveItemRefs(tx, itemRefs);
  problems.push(...resolved.problems);
  const items = new Map<number, StoredItem>(resolved.items.map((i) => [i.id, i]));
  for (const id of analysis?.itemIds ?? []) {
    const item = await tx.items.byId(id);
    if (item?.removedAt) {
      // Wiv 2017: the value lost its relevance and was removed; the analysis may still carry it.
      problems.push(`${formatAnalysisId(analysis!.id)} cites I-${id}, which its party let go at a retention review; it was removed, so the analysis cannot leave the cell`);
    } else if (item?.correctedById) {
      problems.push(`${formatAnalysisId(analysis!.id)} cites I-${id}, which its party corrected as I-${item.correctedById}; write the analysis anew on the current version`);
    } else if (item) items.set(id, item);
  }
  const recipient = findRecipient(directory, input.recipient, problems);
  const purpose = input.purpose?.trim() ?? "";
  // The rule and what was written, so that a short purpose ("purpose test") is not taken for a missing one.
  if (purpose.length < MIN_PURPOSE) problems.push(`the purpose must say in at least ${MIN_PURPOSE} characters what the data are for (Art 7.1: data are provided for a stated purpose); it has ${purpose.length}: write it after \`purpose\``);
  if (purpose.length > 1000) problems.push("the purpose is longer than 1,000 characters");
  if ((input.conditions?.length ?? 0) > 1000) problems.push("the conditions are longer than 1,000 characters");
  if ((input.legalBasis?.length ?? 0) > 300) problems.push("the legal basis is longer than 300 characters");
  // The recipient gets at least the strictest label among the items; a requested label can
  // only make it stricter (TLP never loosens on the way out).
  let requested: TlpLabel | null = null;
  if (input.tlp) {
    requested = parseTlp(input.tlp) ?? null;
    if (!requested) problems.push(`\`${input.tlp.slice(0, 30)}\` is not a TLP 2.0 label: use one of ${TLP_LABELS.join(", ")}`);
  }
  const tlp = strictestTlp([...[...items.values()].map((i) => i.tlp), ...(requested ? [requested] : [])]);
  const deadline = parseDeadline(input.deadline, now, directory, problems);
  const parties = [...new Set([...items.values()].map((i) => i.party))].sort();
  const askees = new Map(parties.map((p) => [p, whoDecides(directory, p, member.id, now)]));
  for (const [party, who] of askees) {
    // A party that left the covenant can no longer consent, and without consent nothing it
    // supplied leaves the cell (Art 7.2, 14).
    const left = ctx.withdrawn?.get(party);
    if (left) problems.push(`${party} withdrew from the covenant on ${formatDay(left)} and can no longer consent (Art 14): leave out what it supplied`);
    else if (who.length === 0) problems.push(`${party} has nobody in the directory who may decide on its consent (a screened liaison or deputy other than you)`);
  }
  // Art 7.2: the purpose, conditions, basis and the analysis's title are read by every asked
  // party's liaison and then the recipient; the analysis's text by the recipient. Checked now,
  // against the records on file now, since an analysis written earlier may name a value that a
  // party supplied since.
  const words = { purpose, conditions: input.conditions?.trim() || null, legalBasis: input.legalBasis?.trim() || DEFAULT_PROVISION_BASIS };
  const fields = requestTexts(words, parties, analysis, "asked");
  // Texts too long to take are not read either.
  const guarded = problems.length === 0 ? await guardTexts(tx, member, fields) : undefined;
  if (guarded && !guarded.ok) problems.push(...guarded.problems);
  if (problems.length > 0 || !recipient || !guarded?.ok) {
    await tx.audit.append([{ action: "disclosure.refused", actor: member.id, details: { problems } }], now);
    return refusal("disclosure.invalid", `No request was made: ${joinReasons(problems)}.`);
  }
  const checked = (what: string) => guarded.texts[fields.findIndex((f) => f.what === what)];
  const checkedPurpose = checked("the purpose");
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
    return refusal("disclosure.duplicate", `No request was made: ${formatRequestId(twin.id)} already asks exactly this and is waiting for consent. Follow it with \`/ciic requests ${formatRequestId(twin.id)}\`.`);
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
      deliverTo: deliveryAddress(recipient, ctx.via.split(":")[0]),
      purpose: checkedPurpose,
      legalBasis: checked("the legal basis"),
      conditions: words.conditions === null ? null : checked("the conditions"),
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
    const view = consentAskView({ request, ask, requester: { name: member.name }, partyItems, analysis });
    for (const m of who) outbound.push(...directMessage(m, view, askTopic(ask.id)));
    events.push({ action: "consent.asked", actor: member.id, subject: `ask:${ask.id}`, details: { request: request.id, party: ask.party, asked: who.map((m) => m.id) } as never });
  }
  await tx.outbox.enqueue(outbound, now);
  await tx.audit.append(events, now);
  const rid = formatRequestId(request.id);
  return message(`${rid} made: consent asked of ${parties.join(", ")}.`, [
    { kind: "heading", text: `${rid}: consent asked` },
    {
      kind: "paragraph",
      content: [`To ${recipientLine(request)}, for “${purpose}”. Asked: ${parties.join(", ")}. Deadline ${formatTime(deadline)}; without every party's consent by then nothing is disclosed.`],
    },
    ...(analysis ? [{ kind: "paragraph" as const, content: ["Analysis ", { code: formatAnalysisId(analysis.id) }, ` “${analysis.title}”`] }] : []),
    { kind: "paragraph", content: [{ strong: `Items that would be released (${items.size})` }] },
    ...itemList([...items.values()]),
    { kind: "paragraph", content: ["Follow it with ", { code: "/ciic requests" }, "; withdraw it with ", { code: `/ciic withdraw ${rid}` }, "."] },
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

function findRecipient(directory: Directory, id: string | undefined, problems: string[]): Recipient | undefined {
  const known = directory.recipients.map((r) => r.id);
  if (!id) {
    problems.push(`name the recipient after \`to\`: one of ${known.join(", ") || "(the directory lists none)"}`);
    return undefined;
  }
  const recipient = directory.recipients.find((r) => r.id === id.toLowerCase());
  if (!recipient) problems.push(`\`${id.slice(0, 60)}\` is not a recipient in the directory; known: ${known.join(", ") || "none"}`);
  return recipient;
}

function parseDeadline(text: string | undefined, now: Date, directory: Directory, problems: string[]): Date {
  const fallback = addWorkingDays(now, directory.consent.deadlineWorkingDays, calendarOf(directory));
  if (!text) return fallback;
  const match = /^(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  const valid = match && new Date(`${match[1]}T12:00:00Z`).toISOString().slice(0, 10) === match[1];
  const date = valid ? endOfDayInCell(match[1]) : undefined;
  if (!date) {
    problems.push("the deadline must be a date written as YYYY-MM-DD");
    return fallback;
  }
  if (date.getTime() <= now.getTime()) problems.push("the deadline has already passed");
  if (date.getTime() > addDaysInCell(now, 60).getTime()) problems.push("the deadline lies more than 60 days ahead");
  return date;
}

/** The recipient's channel on the platform the request came from, else its first channel. */
function deliveryAddress(recipient: Recipient, platform: string): string {
  const channels = recipient.channels as Record<string, string | undefined>;
  if (channels[platform]) return `${platform}:${channels[platform]}`;
  const [first, channel] = Object.entries(channels).find(([, c]) => c)!;
  return `${first}:${channel}`;
}
