import { strictestTlp } from "../covenant/tlp.js";
import { shownValue } from "../items/removed.js";
import type { Translator } from "../i18n/translator.js";
import { formatItemId } from "../items/item-id.js";
import type { StoredItem } from "../ports.js";
import type { Block, Inline, MessageView } from "../views/message.js";
import type { AskState } from "./consent-state.js";
import type { Analysis, ConsentAsk, DisclosureRequest } from "./types.js";
import { formatAnalysisId, formatRequestId } from "./types.js";

/** How many items a message lists before it summarises; Slack and Mattermost cap message size. */
const LISTED_ITEMS = 40;

export const APPROVE_ACTION = "consent.approve";
export const DENY_ACTION = "consent.deny";

/** The recipient's kind as an ICU select value ("aivd-unit" is not a selector ICU reads). */
const kindValue = (kind: DisclosureRequest["recipientKind"]) => kind.replace("-", "_");

export function recipientLine(t: Translator, r: DisclosureRequest): string {
  const kind = t.text("disclosure.recipient_kind", { kind: kindValue(r.recipientKind) });
  return r.recipientKind === "external" && r.viaParty
    ? t.text("disclosure.recipient_via", { name: r.recipientName, kind, party: r.viaParty })
    : t.text("disclosure.recipient", { name: r.recipientName, kind });
}

/**
 * The request's terms. For a party's liaison (`partyItems` given) the label shown is what that
 * party's own items and the requester's choice explain — "at least" that — so that a stricter
 * label of another party's items does not betray them (Art 7.2).
 */
function termsFields(t: Translator, r: DisclosureRequest, partyItems?: readonly StoredItem[]) {
  const tlp = partyItems
    ? t.text("disclosure.tlp_at_least", { tlp: strictestTlp([...partyItems.map((i) => i.tlp), ...(r.tlpRequested ? [r.tlpRequested] : [])]) })
    : `TLP:${r.tlp}`;
  return [
    { label: t.text("disclosure.field.recipient"), value: [recipientLine(t, r)] },
    { label: t.text("disclosure.field.purpose"), value: [r.purpose] },
    { label: t.text("disclosure.field.legal_basis"), value: [r.legalBasis] },
    { label: t.text("disclosure.field.conditions"), value: [r.conditions ?? t.text("disclosure.no_conditions")] },
    { label: t.text("disclosure.field.tlp"), value: [tlp] },
    { label: t.text("disclosure.field.deadline"), value: [t.time(r.deadline)] },
  ];
}

export function itemList(t: Translator, items: readonly StoredItem[], request: DisclosureRequest): Block[] {
  const shown = items.slice(0, LISTED_ITEMS).map((i): Inline[] => [{ code: formatItemId(i.id) }, ` ${i.type} `, shownValue(i, t), ` · TLP:${i.tlp}`]);
  const blocks: Block[] = [{ kind: "list", items: shown }];
  if (items.length > LISTED_ITEMS) {
    blocks.push({
      kind: "paragraph",
      content: t.inline("disclosure.more_items", { count: items.length - LISTED_ITEMS, request: formatRequestId(request.id) }),
    });
  }
  return blocks;
}

/**
 * What one party's liaison is asked (Art 7.2). It shows exactly that party's own data in the
 * request and nothing of any other party — not even whether other parties are involved. An
 * analysis is named by its title only, since its text may mention other parties' data.
 */
export function consentAskView(
  t: Translator,
  args: {
    request: DisclosureRequest;
    ask: ConsentAsk;
    /** The requester is named, not their party: a party code here could hint at whose data is involved. */
    requester: { name: string };
    partyItems: readonly StoredItem[];
    analysis?: Analysis;
    escalated?: boolean;
  },
): MessageView {
  const { request, ask, requester, partyItems, analysis } = args;
  const rid = formatRequestId(request.id);
  const blocks: Block[] = [
    { kind: "heading", text: t.text("disclosure.ask.heading", { request: rid }) },
    {
      kind: "paragraph",
      content: [(args.escalated ? t.text("disclosure.ask.as_deputy") : "") + t.text("disclosure.ask.intro", { requester: requester.name, party: ask.party })],
    },
    { kind: "fields", fields: termsFields(t, request, partyItems) },
    { kind: "paragraph", content: [{ strong: t.text("disclosure.ask.party_items", { party: ask.party, count: partyItems.length }) }] },
    ...itemList(t, partyItems, request),
  ];
  if (analysis) {
    blocks.push({ kind: "paragraph", content: t.inline("disclosure.ask.analysis", { analysis: formatAnalysisId(analysis.id), title: analysis.title }) });
  }
  blocks.push(
    { kind: "notice", tone: "info", content: [t.text("disclosure.ask.scope")] },
    {
      kind: "actions",
      actions: [
        { action: APPROVE_ACTION, label: t.text("disclosure.ask.approve"), value: String(ask.id), style: "primary" },
        { action: DENY_ACTION, label: t.text("disclosure.ask.deny"), value: String(ask.id), style: "danger" },
      ],
    },
  );
  return {
    summary: t.text("disclosure.ask.summary", { request: rid, count: partyItems.length, party: ask.party, recipient: request.recipientName }),
    blocks,
    language: t.language,
  };
}

/** How one party's consent stands, for a sentence "AIVD's consent …". */
export const consentOutcome = (t: Translator, state: AskState): string => t.text("disclosure.outcome", { state });

/** " by <name>" and " at <time>" of a decision, where known. */
const byAt = (t: Translator, ask: Pick<ConsentAsk, "decidedByName" | "decidedAt">) => ({
  by: ask.decidedByName ? t.text("disclosure.by", { name: ask.decidedByName }) : "",
  at: ask.decidedAt ? t.text("disclosure.at", { time: t.time(ask.decidedAt) }) : "",
});

/** Replaces a consent message once the ask is settled, so that no stale buttons remain. */
export function settledAskView(t: Translator, request: DisclosureRequest, ask: ConsentAsk, note?: string): MessageView {
  const text = t.text("disclosure.settled", {
    request: formatRequestId(request.id),
    recipient: request.recipientName,
    party: ask.party,
    outcome: consentOutcome(t, ask.state),
    ...byAt(t, ask),
  });
  const blocks: Block[] = [{ kind: "paragraph", content: [text] }];
  if (note) blocks.push({ kind: "paragraph", content: [note] });
  return { summary: text, blocks, language: t.language };
}

/** For the requester, who is cell staff: where each party stands. */
export function requestStatusView(t: Translator, request: DisclosureRequest, asks: readonly ConsentAsk[], headline: string): MessageView {
  const rid = formatRequestId(request.id);
  const lines = asks.map((a): Inline[] =>
    t.inline("disclosure.status.line", {
      party: a.party,
      state: t.text("disclosure.ask_state", { state: a.state }),
      ...byAt(t, a),
      reason: a.reason ? t.text("disclosure.status.reason", { reason: a.reason }) : "",
    }),
  );
  return {
    summary: `${rid}: ${headline}`,
    blocks: [
      { kind: "heading", text: t.text("disclosure.status.heading", { request: rid, state: t.text("disclosure.request_state", { state: request.state }) }) },
      { kind: "paragraph", content: [headline] },
      { kind: "fields", fields: termsFields(t, request) },
      { kind: "list", items: lines },
    ],
    language: t.language,
  };
}

/**
 * Limits of one delivered message, below every platform's: Slack's 50 blocks of 3,000
 * characters and Mattermost's 16,383-character posts. A value is never clipped.
 */
const DELIVERY_LIMITS = { units: 40, chars: 12_000, paragraph: 2_500 };

/** Cuts text into pieces of at most `size` characters, at white space where there is some. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const cut = rest.lastIndexOf(" ", size) > size / 2 ? rest.lastIndexOf(" ", size) : size;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, "");
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * What the recipient receives on release: the analysis and the data, marked with TLP and
 * conditions. A large release is split over several messages, each marked, and nothing is cut.
 */
export function deliveryViews(t: Translator, request: DisclosureRequest, items: readonly StoredItem[], analysis?: Analysis): MessageView[] {
  const rid = formatRequestId(request.id);
  type Unit = { block: Block; chars: number } | { item: StoredItem; chars: number };
  const units: Unit[] = [];
  if (analysis) {
    units.push({ block: { kind: "paragraph", content: [{ strong: analysis.title }] }, chars: analysis.title.length });
    for (const piece of pieces(analysis.body, DELIVERY_LIMITS.paragraph)) units.push({ block: { kind: "paragraph", content: [piece] }, chars: piece.length });
  }
  for (const item of items) units.push({ item, chars: item.value.length + 20 });
  const messages: Unit[][] = [[]];
  let chars = 0;
  for (const unit of units) {
    const current = messages[messages.length - 1];
    if (current.length > 0 && (current.length >= DELIVERY_LIMITS.units || chars + unit.chars > DELIVERY_LIMITS.chars)) {
      messages.push([]);
      chars = 0;
    }
    messages[messages.length - 1].push(unit);
    chars += unit.chars;
  }
  const marking: Block = {
    kind: "notice",
    tone: "warning",
    content: [t.text("disclosure.release.marking", { tlp: request.tlp, conditions: request.conditions ?? t.text("disclosure.release.no_conditions"), purpose: request.purpose })],
  };
  return messages.map((message, part) => {
    const suffix = messages.length > 1 ? t.text("disclosure.release.part", { part: part + 1, parts: messages.length }) : "";
    const blocks: Block[] = [{ kind: "heading", text: t.text("disclosure.release.heading", { tlp: request.tlp, request: rid, part: suffix }) }, marking];
    const listed = message.filter((u): u is { item: StoredItem; chars: number } => "item" in u).map((u) => u.item);
    for (const unit of message) if ("block" in unit) blocks.push(unit.block);
    if (listed.length > 0) {
      const first = items.indexOf(listed[0]) + 1;
      blocks.push({ kind: "paragraph", content: [{ strong: t.text("disclosure.release.indicators", { first, last: first + listed.length - 1, count: items.length }) }] });
      // One list per indicator keeps each value in a section of its own, never clipped.
      for (const i of listed) blocks.push({ kind: "list", items: [[`${i.type} `, { code: i.value }]] });
    }
    blocks.push({
      kind: "paragraph",
      content: [t.text("disclosure.release.consent", { basis: request.legalBasis })],
    });
    return { summary: t.text("disclosure.release.summary", { tlp: request.tlp, request: rid, part: suffix }), blocks, language: t.language };
  });
}
