import { itemsOfRequest } from "./request-items.js";
import type { CommandContext } from "../use-cases/context.js";
import { refusalView, type Block, type MessageView } from "../views/message.js";
import { formatItemId } from "../items/item-id.js";
import { shownValue } from "../items/removed.js";
import { formatRequestId, parsePrefixedId } from "./types.js";
import { consentAskView, consentOutcome, recipientLine, requestStatusView } from "./views.js";

/**
 * What waits for a member: for liaisons and deputies, their party's open consent questions (with
 * the same buttons as the direct message); for analysts, their own requests and where each
 * stands. Shown by `/ciic requests` and on the App Home tab.
 */
export async function requestsOverview(ctx: Omit<CommandContext, "via" | "platform">): Promise<MessageView> {
  const { tx, member, t } = ctx;
  const blocks: Block[] = [{ kind: "heading", text: t.text("disclosure.list.heading") }];
  let waiting = 0;
  if (member.roles.includes("liaison") || member.roles.includes("deputy")) {
    const heading = blocks.push({ kind: "paragraph", content: [] }) - 1;
    // Each ask's reads at once, not one ask after another: where a round trip costs
    // (PostgreSQL), they go to the database together.
    const asks = await tx.disclosures.asksFor([member.party as never], ["PENDING"], 20);
    const requests = await Promise.all(asks.map((ask) => tx.disclosures.byId(ask.requestId)));
    const theirs = asks.flatMap((ask, n) => (requests[n]!.requesterId === member.id ? [] : [{ ask, request: requests[n]! }])); // nobody decides on their own request
    const details = await Promise.all(
      theirs.map(({ ask, request }) => Promise.all([itemsOfRequest(tx.items, request, ask.party), request.analysisId ? tx.analyses.byId(request.analysisId) : undefined])),
    );
    for (const [n, { ask, request }] of theirs.entries()) {
      const [items, analysis] = details[n];
      const view = consentAskView(t, { request, ask, requester: { name: request.requesterName }, partyItems: items, analysis });
      // The heading and notice repeat for every ask; the compact form keeps the overview short.
      blocks.push(...view.blocks.filter((b) => b.kind !== "notice"));
      waiting++;
    }
    blocks[heading] = { kind: "paragraph", content: [{ strong: t.text("disclosure.list.waiting", { count: waiting }) }] };
  }
  if (member.roles.includes("analyst")) {
    const mine = await tx.disclosures.byRequester(member.id, 20);
    blocks.push({ kind: "paragraph", content: [{ strong: t.text("disclosure.list.mine", { count: mine.length }) }] });
    const lines = [];
    const asksOfEach = await Promise.all(mine.map((request) => tx.disclosures.asksOf(request.id)));
    for (const [n, request] of mine.entries()) {
      const asks = asksOfEach[n];
      const stand = asks.map((a) => t.text("disclosure.list.party_state", { party: a.party, state: t.text("disclosure.ask_state", { state: a.state }) })).join(", ");
      const state = t.text("disclosure.request_state", { state: request.state });
      lines.push([{ code: formatRequestId(request.id) }, t.text("disclosure.list.line", { state, recipient: recipientLine(t, request), stand })]);
    }
    if (lines.length > 0) blocks.push({ kind: "list", items: lines });
  }
  if (blocks.length === 1) blocks.push({ kind: "paragraph", content: [t.text("disclosure.list.nothing")] });
  return { summary: waiting > 0 ? t.text("disclosure.list.summary_waiting", { count: waiting }) : t.text("disclosure.list.heading"), blocks, language: t.language };
}

/**
 * One request in full, for those it concerns: its requester sees every item and where each
 * party stands; a liaison or deputy sees the request's terms and every item of their own party
 * (the consent message lists only the first ones when there are many).
 */
export async function requestDetail(ctx: Omit<CommandContext, "via" | "platform">, ref: string): Promise<MessageView> {
  const { tx, member, t } = ctx;
  const id = parsePrefixedId("R", ref);
  const request = id ? await tx.disclosures.byId(id) : undefined;
  const missing = t.text("disclosure.detail.not_found", { ref: ref.slice(0, 20) });
  const notFound = refusalView("disclosure.not_found", missing, t.language);
  if (!request) return notFound;
  const asks = await tx.disclosures.asksOf(request.id);
  if (request.requesterId === member.id && member.roles.includes("analyst")) {
    const view = requestStatusView(t, request, asks, t.text("disclosure.detail.items", { count: request.items.length }));
    view.blocks.push({ kind: "list", items: (await itemsOfRequest(tx.items, request)).map((i) => [{ code: formatItemId(i.id) }, ` ${i.party} ${i.type} `, shownValue(i, t)]) });
    return view;
  }
  const ask = asks.find((a) => a.party === member.party);
  if (!ask || !(member.roles.includes("liaison") || member.roles.includes("deputy"))) return notFound;
  const items = await itemsOfRequest(tx.items, request, ask.party);
  const said = { request: formatRequestId(request.id), count: items.length, party: ask.party, outcome: consentOutcome(t, ask.state) };
  return {
    summary: t.text("disclosure.detail.summary", said),
    blocks: [
      { kind: "heading", text: t.text("disclosure.detail.heading", said) },
      { kind: "paragraph", content: [t.text("disclosure.detail.terms", { recipient: recipientLine(t, request), purpose: request.purpose })] },
      { kind: "list", items: items.map((i) => [{ code: formatItemId(i.id) }, ` ${i.type} `, shownValue(i, t), ` · TLP:${i.tlp}`]) },
    ],
    language: t.language,
  };
}
