import type { Platform } from "../directory/types.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { StoredItem } from "../ports.js";
import { formatTime, type MessageView } from "../views/message.js";
import { formatRequestId, type DisclosureRequest } from "./types.js";

/**
 * Wiv 2017: incorrect data are corrected, and those who received them earlier are told. When a
 * party corrects an item that left the cell in a released disclosure, the notice goes where that
 * disclosure went — for a recipient reached through a party, that party's channel, which passes
 * it on, as it passed on the disclosure.
 *
 * The notice names the disclosure and the value the recipient already holds, never the corrected
 * version: handing that over would be a new disclosure, which needs consent again (Art 7.2).
 */
export function correctionNotices(earlier: readonly DisclosureRequest[], old: StoredItem, correctedAt: Date): OutboundMessage[] {
  return earlier.map((request) => {
    const [platform, channel] = request.deliverTo.split(/:(.*)/s);
    return {
      kind: "post",
      to: { platform: platform as Platform, kind: "channel", id: channel },
      view: noticeView(request, old, correctedAt),
      topic: `correction:${request.id}:${old.id}`,
    };
  });
}

function noticeView(request: DisclosureRequest, old: StoredItem, correctedAt: Date): MessageView {
  const rid = formatRequestId(request.id);
  const forwarded = request.recipientKind === "external" && request.viaParty ? ` ${request.viaParty}: please pass this on to ${request.recipientName}, as you did the disclosure.` : "";
  return {
    summary: `Correction notice for disclosure ${rid}: ${old.type} ${old.value} was corrected by the party that supplied it.`,
    blocks: [
      { kind: "heading", text: `TLP:${request.tlp} — correction notice for disclosure ${rid} from the CIIC` },
      {
        kind: "paragraph",
        content: [`The party that supplied `, { code: old.value }, ` (${old.type}), which you received in disclosure ${rid}, corrected it on ${formatTime(correctedAt)}.`],
      },
      {
        kind: "notice",
        tone: "warning",
        content: [`Do not rely on the earlier version any more. If you need the corrected information, ask the cell for a new disclosure.${forwarded}`],
      },
    ],
  };
}
