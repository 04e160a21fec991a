import { describe, expect, it } from "vitest";
import { statusCard, statusTopic } from "../../src/core/disclosure/status-cards.js";
import type { ConsentAsk } from "../../src/core/disclosure/types.js";
import type { OutboundMessage } from "../../src/core/outbox/outbound.js";
import type { MessageView } from "../../src/core/views/message.js";

/**
 * The requester's status cards: each new one goes under a topic of its own, and replaces every
 * earlier card of the request with its heading only (no text a person wrote goes into an update).
 */
const ask = (party: string, state: ConsentAsk["state"]) => ({ party, state }) as ConsentAsk;
const view = (heading: string): MessageView => ({
  summary: `${heading}: Not disclosed: MIVD (“a reason a liaison wrote”) did not consent.`,
  blocks: [
    { kind: "heading", text: heading },
    { kind: "paragraph", content: ["Not disclosed: MIVD (“a reason a liaison wrote”) did not consent."] },
  ],
});
const card = (heading: string) => (topic: string): OutboundMessage[] => [
  { kind: "post", to: { platform: "slack", kind: "user", id: "U1" }, view: view(heading), topic },
  { kind: "post", to: { platform: "local", kind: "user", id: "pim" }, view: view(heading), topic },
];
const topics = (messages: OutboundMessage[], kind: "post" | "update") => messages.filter((m) => m.kind === kind).map((m) => ("topic" in m ? m.topic : undefined));

describe("the requester's status cards", () => {
  it("gives a pending card the topic of its number of decisions, and replaces the cards before it", () => {
    const messages = statusCard(7, [ask("AIVD", "APPROVED"), ask("MIVD", "APPROVED"), ask("NCSC", "PENDING")], "PENDING", card("R-7: pending"));
    expect(topics(messages, "post")).toEqual([statusTopic(7, 2), statusTopic(7, 2)]);
    expect(topics(messages, "update")).toEqual([statusTopic(7, 0), statusTopic(7, 1)]);
  });

  it("gives the outcome a topic after every step's, even with asks read before the others were closed", () => {
    const messages = statusCard(7, [ask("AIVD", "APPROVED"), ask("MIVD", "DENIED"), ask("NCSC", "PENDING")], "DENIED", card("R-7: denied"));
    expect(topics(messages, "post")).toEqual([statusTopic(7, "outcome"), statusTopic(7, "outcome")]);
    expect(topics(messages, "update")).toEqual([0, 1, 2, 3].map((s) => statusTopic(7, s)));
  });

  it("replaces the earlier cards with the new heading only: no reason a person wrote", () => {
    const updates = statusCard(7, [ask("AIVD", "DENIED")], "DENIED", card("R-7: denied")).filter((m) => m.kind === "update");
    for (const update of updates) expect(update).toMatchObject({ view: { summary: "R-7: denied", blocks: [{ kind: "heading", text: "R-7: denied" }] } });
    expect(JSON.stringify(updates)).not.toContain("a reason a liaison wrote");
  });
});
