import { translator } from "../../src/core/i18n/translator.js";
import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/adapters/slack/render-message.js";
import { deliveryViews } from "../../src/core/disclosure/views.js";
import type { DisclosureRequest } from "../../src/core/disclosure/types.js";
import type { StoredItem } from "../../src/core/ports.js";
import { messageProblems } from "../support/fake-slack.js";
import { shownText } from "../support/bot-harness.js";
import { asChecked } from "../../src/core/guard/checked-text.js";

const request: DisclosureRequest = {
  id: 7,
  requesterId: "slack:U1",
  requesterName: "Anna",
  createdAt: new Date("2026-11-30T09:00:00Z"),
  recipientId: "ncsc-ops",
  recipientName: "NCSC operations centre",
  recipientKind: "party",
  viaParty: null,
  deliverTo: { platform: "slack", channel: "C0NCSCOPS" },
  purpose: asChecked("warn the sector"),
  legalBasis: asChecked("Wiv 2017, covenant Art 7"),
  conditions: asChecked("not to be passed on"),
  tlp: "AMBER",
  tlpRequested: null,
  deadline: new Date("2026-12-07T09:00:00Z"),
  analysisId: 1,
  state: "RELEASED",
  closedAt: null,
  items: [],
};

const item = (id: number, value: string): StoredItem => ({
  id,
  type: "url",
  value,
  party: "AIVD",
  memberId: "slack:U1",
  memberName: "Anna",
  submittedAt: new Date(),
  legalBasis: "Wiv 2017",
  reliability: "B2",
  tlp: "AMBER",
  sourceRef: null,
  note: null,
  via: "test",
  supersedesId: null,
  correctedById: null,
});

describe("a released disclosure as Slack messages (Art 7.1: what was consented to arrives whole)", () => {
  it("delivers a 20,000-character analysis and 100 URLs of 2,000 characters whole, within Slack's limits", () => {
    const body = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(" ").slice(0, 20_000) + " & <end>";
    const items = Array.from({ length: 100 }, (_, i) => item(i + 1, `https://evil.example/${String(i).padStart(3, "0")}?q=${"a&b".repeat(650)}`));
    const messages = deliveryViews(translator("en"), request, items, { id: 1, title: asChecked("Long analysis"), body: asChecked(body), authorId: "x", authorName: "Anna", createdAt: new Date(), itemIds: [] }).map(
      (view) => renderMessage(view),
    );
    for (const m of messages) {
      expect(messageProblems({ channel: "C0NCSCOPS", ...m })).toEqual([]);
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(shownText(m)).toContain("TLP:AMBER");
      expect(shownText(m)).toContain("not to be passed on");
      expect(shownText(m)).not.toContain("not shown");
    }
    // A value longer than a section is continued in the next one; joined up again it is whole.
    const all = messages
      .map((m) => shownText(m))
      .join("\n")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
    for (const i of items) expect(all.replace(/\n/g, "")).toContain(i.value);
    expect(all.replace(/\n/g, " ")).toContain("word1999");
    expect(all).toContain("& <end>");
  });
});
