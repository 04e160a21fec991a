import { itemsOfRequest } from "./request-items.js";
import type { CommandContext } from "../use-cases/context.js";
import type { Block, MessageView } from "../views/message.js";
import { formatItemId } from "../items/item-id.js";
import { shownValue } from "../items/removed.js";
import { formatRequestId, parsePrefixedId } from "./types.js";
import { consentAskView, consentOutcome, recipientLine, requestStatusView } from "./views.js";

/**
 * What waits for a member: for liaisons and deputies, their party's open consent questions (with
 * the same buttons as the direct message); for analysts, their own requests and where each
 * stands. Shown by `/ciic requests` and on the App Home tab.
 */
export async function requestsOverview(ctx: Omit<CommandContext, "via">): Promise<MessageView> {
  const { tx, member } = ctx;
  const blocks: Block[] = [{ kind: "heading", text: "Disclosure requests" }];
  let waiting = 0;
  if (member.roles.includes("liaison") || member.roles.includes("deputy")) {
    const heading = blocks.push({ kind: "paragraph", content: [] }) - 1;
    for (const ask of await tx.disclosures.asksFor([member.party as never], ["PENDING"], 20)) {
      const request = (await tx.disclosures.byId(ask.requestId))!;
      if (request.requesterId === member.id) continue; // nobody decides on their own request
      const items = await itemsOfRequest(tx.items, request, ask.party);
      const analysis = request.analysisId ? await tx.analyses.byId(request.analysisId) : undefined;
      const view = consentAskView({ request, ask, requester: { name: request.requesterName }, partyItems: items, analysis });
      // The heading and notice repeat for every ask; the compact form keeps the overview short.
      blocks.push(...view.blocks.filter((b) => b.kind !== "notice"));
      waiting++;
    }
    blocks[heading] = { kind: "paragraph", content: [{ strong: `Waiting for your party's decision (${waiting})` }] };
  }
  if (member.roles.includes("analyst")) {
    const mine = await tx.disclosures.byRequester(member.id, 20);
    blocks.push({ kind: "paragraph", content: [{ strong: `Your requests (${mine.length} most recent)` }] });
    const lines = [];
    for (const request of mine) {
      const asks = await tx.disclosures.asksOf(request.id);
      const stand = asks.map((a) => `${a.party} ${a.state.toLowerCase()}`).join(", ");
      lines.push([{ code: formatRequestId(request.id) }, ` ${request.state.toLowerCase()} · to ${recipientLine(request)} · ${stand}`]);
    }
    if (lines.length > 0) blocks.push({ kind: "list", items: lines });
  }
  if (blocks.length === 1) blocks.push({ kind: "paragraph", content: ["Nothing waits for you."] });
  return { summary: waiting > 0 ? `${waiting} consent question(s) wait for your party` : "Disclosure requests", blocks };
}

/**
 * One request in full, for those it concerns: its requester sees every item and where each
 * party stands; a liaison or deputy sees the request's terms and every item of their own party
 * (the consent message lists only the first ones when there are many).
 */
export async function requestDetail(ctx: Omit<CommandContext, "via">, ref: string): Promise<MessageView> {
  const { tx, member } = ctx;
  const id = parsePrefixedId("R", ref);
  const request = id ? await tx.disclosures.byId(id) : undefined;
  const notFound: MessageView = {
    summary: `There is no request ${ref.slice(0, 20)} that concerns you.`,
    blocks: [{ kind: "notice", tone: "error", content: [`There is no request ${ref.slice(0, 20)} that concerns you.`], code: "disclosure.not_found" }],
  };
  if (!request) return notFound;
  const asks = await tx.disclosures.asksOf(request.id);
  if (request.requesterId === member.id && member.roles.includes("analyst")) {
    const view = requestStatusView(request, asks, `${request.items.length} item(s) in this request.`);
    view.blocks.push({ kind: "list", items: (await itemsOfRequest(tx.items, request)).map((i) => [{ code: formatItemId(i.id) }, ` ${i.party} ${i.type} `, shownValue(i)]) });
    return view;
  }
  const ask = asks.find((a) => a.party === member.party);
  if (!ask || !(member.roles.includes("liaison") || member.roles.includes("deputy"))) return notFound;
  const items = await itemsOfRequest(tx.items, request, ask.party);
  return {
    summary: `${formatRequestId(request.id)}: ${items.length} item(s) of ${ask.party}; consent ${consentOutcome(ask.state)}`,
    blocks: [
      { kind: "heading", text: `${formatRequestId(request.id)}: ${ask.party}'s consent ${consentOutcome(ask.state)}` },
      { kind: "paragraph", content: [`To ${recipientLine(request)}, for “${request.purpose}”.`] },
      { kind: "list", items: items.map((i) => [{ code: formatItemId(i.id) }, ` ${i.type} `, shownValue(i), ` · TLP:${i.tlp}`]) },
    ],
  };
}
