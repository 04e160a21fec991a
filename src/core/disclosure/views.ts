import { strictestTlp } from "../covenant/tlp.js";
import { shownValue } from "../items/removed.js";
import { formatTime } from "../views/message.js";
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

const when = formatTime;

const RECIPIENT_KIND = { party: "a party, for its own task", "aivd-unit": "another AIVD unit", external: "an outside organisation" } as const;

export function recipientLine(r: DisclosureRequest): string {
  const via = r.recipientKind === "external" && r.viaParty ? `, through ${r.viaParty} (Art 3)` : "";
  return `${r.recipientName} (${RECIPIENT_KIND[r.recipientKind]}${via})`;
}

/**
 * The request's terms. For a party's liaison (`partyItems` given) the label shown is what that
 * party's own items and the requester's choice explain — "at least" that — so that a stricter
 * label of another party's items does not betray them (Art 7.2).
 */
function termsFields(r: DisclosureRequest, partyItems?: readonly StoredItem[]) {
  const tlp = partyItems
    ? `at least TLP:${strictestTlp([...partyItems.map((i) => i.tlp), ...(r.tlpRequested ? [r.tlpRequested] : [])])}`
    : `TLP:${r.tlp}`;
  return [
    { label: "Recipient", value: [recipientLine(r)] },
    { label: "Purpose", value: [r.purpose] },
    { label: "Legal basis", value: [r.legalBasis] },
    { label: "Conditions", value: [r.conditions ?? "none"] },
    { label: "TLP for the recipient", value: [tlp] },
    { label: "Deadline", value: [when(r.deadline)] },
  ];
}

export function itemList(items: readonly StoredItem[]): Block[] {
  const shown = items.slice(0, LISTED_ITEMS).map((i): Inline[] => [{ code: formatItemId(i.id) }, ` ${i.type} `, shownValue(i), ` · TLP:${i.tlp}`]);
  const blocks: Block[] = [{ kind: "list", items: shown }];
  if (items.length > LISTED_ITEMS) {
    blocks.push({ kind: "paragraph", content: [`…and ${items.length - LISTED_ITEMS} more; \`/ciic requests <request id>\` lists them all.`] });
  }
  return blocks;
}

/**
 * What one party's liaison is asked (Art 7.2). It shows exactly that party's own data in the
 * request and nothing of any other party — not even whether other parties are involved. An
 * analysis is named by its title only, since its text may mention other parties' data.
 */
export function consentAskView(args: {
  request: DisclosureRequest;
  ask: ConsentAsk;
  /** The requester is named, not their party: a party code here could hint at whose data is involved. */
  requester: { name: string };
  partyItems: readonly StoredItem[];
  analysis?: Analysis;
  escalated?: boolean;
}): MessageView {
  const { request, ask, requester, partyItems, analysis } = args;
  const rid = formatRequestId(request.id);
  const blocks: Block[] = [
    { kind: "heading", text: `Consent asked: ${rid}` },
    {
      kind: "paragraph",
      content: [
        args.escalated ? "Your party's liaison has not answered, so you are asked as deputy. " : "",
        `${requester.name}, of the cell, asks to disclose data your party (${ask.party}) supplied to the cell.`,
      ],
    },
    { kind: "fields", fields: termsFields(request, partyItems) },
    { kind: "paragraph", content: [{ strong: `${ask.party}'s data in this request (${partyItems.length})` }] },
    ...itemList(partyItems),
  ];
  if (analysis) {
    blocks.push({
      kind: "paragraph",
      content: ["It also discloses analysis ", { code: formatAnalysisId(analysis.id) }, ` “${analysis.title}”, which builds on your party's data; its text is not shown here.`],
    });
  }
  blocks.push(
    { kind: "notice", tone: "info", content: ["Your consent covers this request only — these items, this recipient, this purpose — never a blanket (Art 7.2). Without an answer by the deadline nothing is disclosed."] },
    {
      kind: "actions",
      actions: [
        { action: APPROVE_ACTION, label: "Approve", value: String(ask.id), style: "primary" },
        { action: DENY_ACTION, label: "Deny", value: String(ask.id), style: "danger" },
      ],
    },
  );
  return { summary: `Consent asked for ${rid}: disclose ${partyItems.length} item(s) of ${ask.party} to ${request.recipientName}`, blocks };
}

const OUTCOME_TEXT: Record<string, string> = {
  APPROVED: "approved",
  DENIED: "denied",
  EXPIRED: "expired without an answer — nothing was disclosed",
  REVOKED: "revoked",
  // Someone else ended the request: the party did nothing, and is not told who or why (Art 7.2).
  CLOSED: "no longer needed: the request was closed",
};

/** How one party's consent stands, for a sentence "AIVD's consent …". */
export const consentOutcome = (state: AskState): string => OUTCOME_TEXT[state] ?? state.toLowerCase();

/** Replaces a consent message once the ask is settled, so that no stale buttons remain. */
export function settledAskView(request: DisclosureRequest, ask: ConsentAsk, note?: string): MessageView {
  const rid = formatRequestId(request.id);
  const by = ask.decidedByName ? ` by ${ask.decidedByName}` : "";
  const at = ask.decidedAt ? ` at ${when(ask.decidedAt)}` : "";
  const text = `${rid} for ${request.recipientName}: ${ask.party}'s consent ${consentOutcome(ask.state)}${by}${at}.`;
  const blocks: Block[] = [{ kind: "paragraph", content: [text] }];
  if (note) blocks.push({ kind: "paragraph", content: [note] });
  return { summary: text, blocks };
}

/** For the requester, who is cell staff: where each party stands. */
export function requestStatusView(request: DisclosureRequest, asks: readonly ConsentAsk[], headline: string): MessageView {
  const rid = formatRequestId(request.id);
  const lines = asks.map((a): Inline[] => [
    { strong: a.party },
    `: ${a.state.toLowerCase()}`,
    a.decidedByName ? ` by ${a.decidedByName}` : "",
    a.decidedAt ? ` at ${when(a.decidedAt)}` : "",
    a.reason ? ` — “${a.reason}”` : "",
  ]);
  return {
    summary: `${rid}: ${headline}`,
    blocks: [
      { kind: "heading", text: `${rid}: ${request.state.toLowerCase()}` },
      { kind: "paragraph", content: [headline] },
      { kind: "fields", fields: termsFields(request) },
      { kind: "list", items: lines },
    ],
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
export function deliveryViews(request: DisclosureRequest, items: readonly StoredItem[], analysis?: Analysis): MessageView[] {
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
    content: [`TLP:${request.tlp}. Conditions: ${request.conditions ?? "none beyond the TLP label"}. Purpose: ${request.purpose}.`],
  };
  return messages.map((message, part) => {
    const suffix = messages.length > 1 ? ` (part ${part + 1} of ${messages.length})` : "";
    const blocks: Block[] = [{ kind: "heading", text: `TLP:${request.tlp} — disclosure ${rid} from the CIIC${suffix}` }, marking];
    const listed = message.filter((u): u is { item: StoredItem; chars: number } => "item" in u).map((u) => u.item);
    for (const unit of message) if ("block" in unit) blocks.push(unit.block);
    if (listed.length > 0) {
      const first = items.indexOf(listed[0]) + 1;
      blocks.push({ kind: "paragraph", content: [{ strong: `Indicators ${first}–${first + listed.length - 1} of ${items.length}` }] });
      // One list per indicator keeps each value in a section of its own, never clipped.
      for (const i of listed) blocks.push({ kind: "list", items: [[`${i.type} `, { code: i.value }]] });
    }
    blocks.push({
      kind: "paragraph",
      content: [`Released with the express consent of every party the data came from (covenant Art 7.2). Basis: ${request.legalBasis}.`],
    });
    return { summary: `TLP:${request.tlp} disclosure ${rid} from the CIIC${suffix}`, blocks };
  });
}
