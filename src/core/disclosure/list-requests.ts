import type { StoredItem } from "../ports.js";
import type { CommandContext } from "../use-cases/context.js";
import type { Block, MessageView } from "../views/message.js";
import { formatRequestId } from "./types.js";
import { consentAskView, recipientLine } from "./views.js";
import { memberById } from "./notify.js";

/**
 * What waits for a member: for liaisons and deputies, their party's open consent questions (with
 * the same buttons as the direct message); for analysts, their own requests and where each
 * stands. Shown by `/ciic requests` and on the App Home tab.
 */
export async function requestsOverview(ctx: Omit<CommandContext, "via">): Promise<MessageView> {
  const { tx, member, directory } = ctx;
  const blocks: Block[] = [{ kind: "heading", text: "Disclosure requests" }];
  let waiting = 0;
  if (member.roles.includes("liaison") || member.roles.includes("deputy")) {
    const asks = await tx.disclosures.asksFor([member.party as never], ["PENDING"], 20);
    blocks.push({ kind: "paragraph", content: [{ strong: `Waiting for your party's decision (${asks.length})` }] });
    for (const ask of asks) {
      const request = (await tx.disclosures.byId(ask.requestId))!;
      if (request.requesterId === member.id) continue;
      const items = (await Promise.all(request.items.filter((i) => i.party === ask.party).map((i) => tx.items.byId(i.itemId)))).filter(
        (i): i is StoredItem => i !== undefined,
      );
      const analysis = request.analysisId ? await tx.analyses.byId(request.analysisId) : undefined;
      const requester = memberById(directory, request.requesterId);
      const view = consentAskView({ request, ask, requester: { name: request.requesterName, party: requester?.party ?? "" }, partyItems: items, analysis });
      // The heading and notice repeat for every ask; the compact form keeps the overview short.
      blocks.push(...view.blocks.filter((b) => b.kind !== "notice"));
      waiting++;
    }
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
