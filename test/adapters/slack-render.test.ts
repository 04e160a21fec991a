import { describe, expect, it } from "vitest";
import { clip, escapeMrkdwn, inlineToMrkdwn } from "../../src/adapters/slack/escape.js";
import { readForm, renderForm, renderResultModal } from "../../src/adapters/slack/render-form.js";
import { renderMessage } from "../../src/adapters/slack/render-message.js";
import { SUBMIT_FORM_ID, submissionFromForm, submitForm } from "../../src/core/use-cases/submit-form.js";
import type { Block, Inline, MessageView } from "../../src/core/views/message.js";
import { messageProblems, viewProblems } from "../support/fake-slack.js";
import { viewSubmissionPayload } from "../support/slack-requests.js";

type SlackBlock = Record<string, unknown>;

const HOSTILE = "a < b > c & d `tick` <!channel> <!here> <@U0AIVD001> <https://evil.example|click> &lt;";

/** Every piece of text a person would see in the rendered blocks. */
function textsOf(blocks: SlackBlock[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.text === "string") out.push(o.text);
      for (const [k, child] of Object.entries(o)) if (k !== "text" || typeof child !== "string") walk(child);
    }
  };
  walk(blocks);
  return out;
}

/** Slack control sequences (<!channel>, <@U…>, <url|label>) that would notify or link in mrkdwn. */
const CONTROL_SEQUENCE = /<[!@#]|<https?:/;

/** A list of n indicators, about 70 characters a line: 5,000 of them need well over 100 sections. */
const bigList = (n: number): Inline[][] =>
  Array.from({ length: n }, (_, i) => [`item ${i + 1}: `, { code: `hxxps://login-${i + 1}.phishing-wave[.]example/account/verify` }]);

describe("renderMessage: within Slack's Block Kit limits", () => {
  const view: MessageView = {
    summary: "Stored 5000, already known 0, refused 0.",
    blocks: [
      { kind: "heading", text: "Submission recorded" },
      { kind: "paragraph", content: ["x".repeat(10_000)] },
      { kind: "list", items: bigList(5000) },
    ],
  };

  it("renders a 5,000-item list and a 10,000-character paragraph as a message Slack accepts", () => {
    const body = renderMessage(view);
    expect(messageProblems(body)).toEqual([]);
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    for (const text of textsOf(body.blocks)) expect([...text].length).toBeLessThanOrEqual(3000);
  });

  it("announces the sections it had to leave out", () => {
    const body = renderMessage(view);
    const last = textsOf([body.blocks[body.blocks.length - 1]]).join("\n");
    expect(last).toMatch(/and \d+ more section\(s\) not shown/);
  });

  it("carries a long paragraph on over several sections instead of cutting it, and shows the list from its first item", () => {
    // A paragraph may hold a disclosed analysis: it must arrive whole, so it is continued, not clipped.
    const body = renderMessage(view);
    const texts = textsOf(body.blocks);
    const paragraph = texts.filter((t) => /^x+$/.test(t));
    expect(paragraph.length).toBeGreaterThan(1);
    expect(paragraph.join("").length).toBe(10_000);
    expect(texts.some((t) => t.includes("item 1: `hxxps://login-1.phishing-wave[.]example/account/verify`"))).toBe(true);
  });

  it("keeps a message that fits whole, with no announcement", () => {
    const body = renderMessage({ summary: "s", blocks: [{ kind: "list", items: bigList(20) }] });
    expect(messageProblems(body)).toEqual([]);
    const texts = textsOf(body.blocks).join("\n");
    expect(texts).toContain("item 20:");
    expect(texts).not.toContain("not shown");
  });

  it("packs long lists into sections of at most 3,000 characters without losing items when they fit", () => {
    const body = renderMessage({ summary: "s", blocks: [{ kind: "list", items: bigList(300) }] });
    expect(messageProblems(body)).toEqual([]);
    const texts = textsOf(body.blocks).join("\n");
    for (const n of [1, 150, 300]) expect(texts).toContain(`item ${n}:`);
    expect(body.blocks.length).toBeGreaterThan(1);
  });

  it("renders every kind of block within the limits, even when each is too long", () => {
    const long = "&".repeat(5000);
    const blocks: Block[] = [
      { kind: "heading", text: "h".repeat(500) },
      { kind: "paragraph", content: [long, { code: long }, { strong: long }] },
      { kind: "list", items: [[long], [long], [{ code: long }]] },
      { kind: "fields", fields: Array.from({ length: 4 }, (_, i) => ({ label: `Field ${i}`, value: [long] })) },
      { kind: "notice", tone: "warning", content: [long], code: "access.role_missing" },
    ];
    const body = renderMessage({ summary: long, blocks });
    expect(messageProblems(body)).toEqual([]);
  });

  it("does not drop fields beyond Slack's ten per section without saying so", () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `Field ${i + 1}`, value: [`value ${i + 1}`] }));
    const body = renderMessage({ summary: "s", blocks: [{ kind: "fields", fields }] });
    expect(messageProblems(body)).toEqual([]);
    const texts = textsOf(body.blocks).join("\n");
    const shown = fields.filter((f) => texts.includes(f.label)).length;
    expect(shown === 12 || /not shown/.test(texts), `only ${shown} of 12 fields shown, with no word about the rest`).toBe(true);
  });

  it("does not cut an escaped character in half when it clips a long paragraph", () => {
    const body = renderMessage({ summary: "s", blocks: [{ kind: "paragraph", content: ["<".repeat(1000)] }] });
    const [text] = textsOf(body.blocks);
    // "&lt…" would show the person a stray "&lt" at the end.
    expect(text).not.toMatch(/&[a-z]{0,3}…$/);
  });

  it("uses a modal's larger limit of 100 blocks for a result shown in a modal", () => {
    const modal = renderResultModal("Submission recorded", { summary: "s", blocks: [{ kind: "list", items: bigList(5000) }] });
    expect(viewProblems(modal, "modal")).toEqual([]);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    expect(textsOf(modal.blocks as unknown as SlackBlock[]).join("\n")).toMatch(/more section\(s\) not shown/);
  });
});

describe("renderMessage: escaping (nothing a person typed can ping or link)", () => {
  const view: MessageView = {
    summary: `Nothing was stored: \`${HOSTILE}\` is not a TLP 2.0 label.`,
    blocks: [
      { kind: "heading", text: HOSTILE },
      { kind: "paragraph", content: [HOSTILE, { code: HOSTILE }, { strong: HOSTILE }] },
      { kind: "list", items: [[HOSTILE], [{ code: HOSTILE }]] },
      { kind: "fields", fields: [{ label: HOSTILE, value: [HOSTILE] }] },
      { kind: "notice", tone: "error", content: [HOSTILE], code: "submission.invalid" },
    ],
  };
  const body = renderMessage(view);
  const mrkdwnTexts = (blocks: SlackBlock[]) => {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o.type === "mrkdwn" && typeof o.text === "string") out.push(o.text);
        Object.values(o).forEach(walk);
      }
    };
    walk(blocks);
    return out;
  };

  it("produces a valid message", () => {
    expect(messageProblems(body)).toEqual([]);
  });

  it("escapes <, > and & in every mrkdwn text, so <!channel> cannot ping anyone", () => {
    const texts = mrkdwnTexts(body.blocks);
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const text of texts) {
      expect(text).not.toMatch(CONTROL_SEQUENCE);
      expect(text).not.toContain("<");
      expect(text).not.toContain(">");
      // Every & starts an entity Slack decodes back to what was typed.
      expect(text.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
    }
    expect(texts.join("\n")).toContain("&lt;!channel&gt;");
    // A typed "&lt;" stays visible as typed, not turned into "<".
    expect(texts.join("\n")).toContain("&amp;lt;");
  });

  it("keeps a backtick from closing a code span early", () => {
    const [paragraph] = mrkdwnTexts([body.blocks[1]]);
    const code = /`([^`]*)`/g;
    const spans = [...paragraph.matchAll(code)].map((m) => m[1]);
    // The plain part has one `tick` span of its own; the code part must be one span holding all of HOSTILE.
    expect(spans.some((s) => s.includes("!channel") && s.includes("evil.example"))).toBe(true);
  });

  it("escapes the notification text too: <!channel> in the summary cannot ping anyone", () => {
    expect(body.text).not.toMatch(CONTROL_SEQUENCE);
    expect(body.text).toContain("!channel");
  });

  it("shows the heading as plain text, which Slack never turns into a mention", () => {
    expect(body.blocks[0]).toMatchObject({ type: "header", text: { type: "plain_text" } });
  });
});

describe("escape helpers", () => {
  it("escapeMrkdwn escapes exactly &, < and >", () => {
    expect(escapeMrkdwn("<!channel> & *bold* _it_ `code`")).toBe("&lt;!channel&gt; &amp; *bold* _it_ `code`");
  });

  it("inlineToMrkdwn renders code and strong parts, keeping their markup closed", () => {
    expect(inlineToMrkdwn(["see ", { code: "a`b" }, " and ", { strong: "x*y" }])).toBe("see `aˋb` and *x∗y*");
  });

  it("clip counts characters, not UTF-16 units, and marks the cut", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("🙂🙂🙂🙂🙂", 3)).toBe("🙂🙂…");
    expect([...clip("x".repeat(4000), 3000)].length).toBe(3000);
  });
});

describe("renderForm: the submit form (Art 5.1, 5.3)", () => {
  // The metadata travels with the form (as it does for the deny form's consent question).
  const modal = renderForm({ ...submitForm(), metadata: "channel:C0CIIC001" });

  it("renders as a modal Slack accepts", () => {
    expect(viewProblems(modal, "modal")).toEqual([]);
  });

  it("asks for the indicators and every label of the typed command", () => {
    const ids = (modal.blocks as unknown as SlackBlock[]).map((b) => b.block_id);
    expect(ids).toEqual(["indicators", "tlp", "reliability", "sourceRef", "legalBasis", "note"]);
    expect(modal.callback_id).toBe(SUBMIT_FORM_ID);
    expect(modal.private_metadata).toBe("channel:C0CIIC001");
  });

  it("offers the five TLP 2.0 labels, AMBER preselected", () => {
    const tlp = (modal.blocks as unknown as SlackBlock[]).find((b) => b.block_id === "tlp") as { element: Record<string, any> };
    expect(tlp.element.type).toBe("static_select");
    expect(tlp.element.options.map((o: { value: string }) => o.value)).toEqual(["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]);
    expect(tlp.element.initial_option).toMatchObject({ value: "AMBER", text: { text: "TLP:AMBER" } });
  });

  it("marks only the indicators and the TLP label as required", () => {
    const optional = Object.fromEntries((modal.blocks as unknown as SlackBlock[]).map((b) => [b.block_id, b.optional]));
    expect(optional).toEqual({ indicators: false, tlp: false, reliability: true, sourceRef: true, legalBasis: true, note: true });
  });

  it("clips titles to Slack's 24 characters", () => {
    const long = renderForm({ ...submitForm(), title: "Submit indicators to the cyber intel cell" });
    expect(viewProblems(long, "modal")).toEqual([]);
  });
});

describe("readForm: a Slack view_submission read back", () => {
  const payload = viewSubmissionPayload({
    user_id: "U0AIVD001",
    callback_id: SUBMIT_FORM_ID,
    values: {
      indicators: { value: { type: "plain_text_input", value: "198.51.100.7\nhxxps://evil[.]example/login" } },
      tlp: {
        value: {
          type: "static_select",
          selected_option: { text: { type: "plain_text", text: "TLP:RED", emoji: true }, value: "RED" },
        },
      },
      reliability: { value: { type: "plain_text_input", value: "B2" } },
      sourceRef: { value: { type: "plain_text_input", value: "case 17" } },
      legalBasis: { value: { type: "plain_text_input", value: null } },
      note: { value: { type: "plain_text_input", value: null } },
    },
  }) as { view: { state: { values: Parameters<typeof readForm>[0] } } };

  it("reads plain_text_input values and the static_select's selected option", () => {
    expect(readForm(payload.view.state.values)).toEqual({
      indicators: "198.51.100.7\nhxxps://evil[.]example/login",
      tlp: "RED",
      reliability: "B2",
      sourceRef: "case 17",
      legalBasis: undefined,
      note: undefined,
    });
  });

  it("gives the same submission as the typed command would", () => {
    expect(submissionFromForm(readForm(payload.view.state.values))).toEqual({
      indicatorsText: "198.51.100.7\nhxxps://evil[.]example/login",
      tlp: "RED",
      reliability: "B2",
      sourceRef: "case 17",
      legalBasis: undefined,
      note: undefined,
    });
  });

  it("reads a select left without a choice as no value", () => {
    expect(readForm({ tlp: { value: { type: "static_select", selected_option: null } } })).toEqual({ tlp: undefined });
  });

  it("reads back what renderForm rendered: every block id of the form is a field id", () => {
    const form = submitForm();
    const values = Object.fromEntries(form.fields.map((f) => [f.id, { value: { type: "plain_text_input", value: `v-${f.id}` } }]));
    expect(Object.keys(readForm(values))).toEqual(form.fields.map((f) => f.id));
  });
});

describe("renderResultModal", () => {
  it("shows a refusal in a modal Slack accepts, without a submit button", () => {
    const modal = renderResultModal("Nothing was stored", {
      summary: "Nothing was stored.",
      blocks: [{ kind: "notice", tone: "error", content: [HOSTILE], code: "submission.invalid" }],
    });
    expect(viewProblems(modal, "modal")).toEqual([]);
    expect(modal.submit).toBeUndefined();
    expect(JSON.stringify(modal.blocks)).not.toMatch(CONTROL_SEQUENCE);
  });
});
