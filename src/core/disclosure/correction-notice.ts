import type { Directory } from "../directory/types.js";
import type { Translator } from "../i18n/translator.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { StoredItem } from "../ports.js";
import type { MessageView } from "../views/message.js";
import { textsOf } from "./notify.js";
import { channelOf, formatRequestId, type DisclosureRequest } from "./types.js";

/**
 * Wiv 2017: incorrect data are corrected, and those who received them earlier are told. When a
 * party corrects an item that left the cell in a released disclosure, the notice goes where that
 * disclosure went — for a recipient reached through a party, that party's channel, which passes
 * it on, as it passed on the disclosure.
 *
 * The notice names the disclosure and the value the recipient already holds, never the corrected
 * version: handing that over would be a new disclosure, which needs consent again (Art 7.2).
 * It is written in the recipient's language, as the release was.
 */
export function correctionNotices(directory: Directory, earlier: readonly DisclosureRequest[], old: StoredItem, correctedAt: Date): OutboundMessage[] {
  return earlier.map((request) => {
    const recipient = directory.recipients.find((r) => r.id === request.recipientId);
    return {
      kind: "post",
      to: channelOf(request.deliverTo),
      view: noticeView(textsOf(recipient, directory), request, old, correctedAt),
      topic: `correction:${request.id}:${old.id}`,
    };
  });
}

function noticeView(t: Translator, request: DisclosureRequest, old: StoredItem, correctedAt: Date): MessageView {
  const rid = formatRequestId(request.id);
  const forwarded =
    request.recipientKind === "external" && request.viaParty ? t.text("analysis.correction.forwarded", { party: request.viaParty, recipient: request.recipientName }) : "";
  return {
    summary: t.text("analysis.correction.summary", { request: rid, type: old.type, value: old.value }),
    blocks: [
      { kind: "heading", text: t.text("analysis.correction.heading", { tlp: request.tlp, request: rid }) },
      { kind: "paragraph", content: t.inline("analysis.correction.body", { value: old.value, type: old.type, request: rid, time: t.time(correctedAt) }) },
      { kind: "notice", tone: "warning", content: [t.text("analysis.correction.warning", { forwarded })] },
    ],
    language: t.language,
  };
}
