import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderDelivered, renderForm, renderMessage } from "../../src/adapters/local/render-html.js";
import { denyForm } from "../../src/core/disclosure/forms.js";
import { translator } from "../../src/core/i18n/translator.js";
import { submitForm } from "../../src/core/use-cases/submit-form.js";
import type { MessageView } from "../../src/core/views/message.js";

/**
 * The local workspace's HTML: whatever text the core or a person supplies arrives as text. The
 * checks parse nothing; they look for markup that must not be there.
 */
const HOSTILE = `<img src=x onerror=alert(1)>"'&`;
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;";

/** Pictographs that need an emoji font, which a plain Linux desktop may lack (⛔ ⚠️ ℹ️ 📎 …). */
const en = translator("en");
const nl = translator("nl");

const NEEDS_EMOJI_FONT = /[\u{2190}-\u{21FF}\u{2300}-\u{23FF}\u{2460}-\u{24FF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}\u{1F000}-\u{1FFFF}]/u;

describe("local workspace rendering", () => {
  it("draws its icons as inline SVG, not as characters that need an emoji font", () => {
    for (const tone of ["error", "warning", "info"] as const) {
      const html = renderMessage({ summary: "x", blocks: [{ kind: "notice", tone, content: ["Something to note."] }] }, en);
      expect(html, tone).toMatch(/<span class="m-icon" role="img" aria-label="(Refused|Warning|Note)"><svg class="icon" [^>]*aria-hidden="true"/);
      expect(html, tone).not.toMatch(NEEDS_EMOJI_FONT);
    }
    const file = renderDelivered([{ id: 1, sentAt: new Date("2026-12-03T10:00:00Z"), view: { summary: "r-1.csv", blocks: [] }, file: { fileName: "r-1.csv", content: "a,b" } }], (id) => `/api/files/${id}`, en);
    expect(file).toContain('aria-label="File"><svg');
    expect(file).not.toMatch(NEEDS_EMOJI_FONT);
    for (const asset of ["workspace.html", "workspace.js", "workspace.css"]) {
      expect(readFileSync(`src/adapters/local/static/${asset}`, "utf8"), asset).not.toMatch(NEEDS_EMOJI_FONT);
    }
  });

  it("escapes text in every kind of block, and in button attributes", () => {
    const view: MessageView = {
      summary: HOSTILE,
      blocks: [
        { kind: "heading", text: HOSTILE },
        { kind: "paragraph", content: [HOSTILE, { code: HOSTILE }, { strong: HOSTILE }] },
        { kind: "list", items: [[HOSTILE], [{ code: HOSTILE }]] },
        { kind: "fields", fields: [{ label: HOSTILE, value: [HOSTILE] }] },
        { kind: "notice", tone: "error", content: [HOSTILE], code: HOSTILE },
        { kind: "actions", actions: [{ action: HOSTILE, label: HOSTILE, value: HOSTILE, style: "danger" }] },
      ],
    };
    const html = renderMessage(view, en);
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/"'/);
    // Every text but the summary, which a message with blocks does not show: 13 places.
    expect(html.split(ESCAPED).length - 1).toBe(13);
  });

  it("shows the core's backticked commands as code, and a message without blocks by its summary", () => {
    expect(renderMessage({ summary: "x", blocks: [{ kind: "paragraph", content: ["Type `/ciic help` or `<b>`."] }] }, en)).toContain(
      "Type <code>/ciic help</code> or <code>&lt;b&gt;</code>.",
    );
    expect(renderMessage({ summary: "r-1.json: the indicators", blocks: [] }, en)).toContain("r-1.json: the indicators");
  });

  it("renders a form with the limits and options Slack's modal enforces", () => {
    const html = renderForm(submitForm(), en);
    expect(html).toContain('data-form-id="ciic_submit_indicators"');
    expect(html).toMatch(/<textarea id="ff-indicators" name="indicators" rows="4" required maxlength="3000"/);
    expect(html).toMatch(/<option value="AMBER" selected>TLP:AMBER<\/option>/);
    expect(html).toMatch(/<input id="ff-reliability" name="reliability" type="text" value="" maxlength="2"/);
    expect(html).toContain("(optional)");
    const deny = renderForm(denyForm(en, 7), en);
    expect(deny).toContain('data-metadata="7"');
    expect(deny).toContain("The requester sees this reason.");
  });

  it("lists delivered messages newest first, marks replaced ones, and links files", () => {
    const html = renderDelivered(
      [
        { id: 9, sentAt: new Date("2026-11-30T10:00:00Z"), view: { summary: "f", blocks: [] }, file: { fileName: `a"b.json`, content: "{}" } },
        { id: 3, sentAt: new Date("2026-11-30T09:00:00Z"), updatedAt: new Date("2026-11-30T09:30:00Z"), view: { summary: "s", blocks: [{ kind: "paragraph", content: ["approved"] }] } },
      ],
      (id) => `/api/files/${id}?channel=ops`,
      en,
    );
    expect(html.indexOf('data-id="9"')).toBeLessThan(html.indexOf('data-id="3"'));
    expect(html).toContain("updated 2026-11-30 10:30 CET");
    expect(html).toContain('href="/api/files/9?channel=ops" download="a&quot;b.json"');
    expect(renderDelivered([], () => "", en)).toContain("No messages yet.");
  });

  it("writes its own words in the reader's language: notices, forms, the inbox and its times", () => {
    const notice = (t: typeof en) => renderMessage({ summary: "x", blocks: [{ kind: "notice", tone: "error", content: ["x"] }, { kind: "list", items: Array.from({ length: 1002 }, (_, i) => [`v${i}`]) }] }, t);
    expect(notice(en)).toContain('aria-label="Refused"');
    expect(notice(en)).toContain("…and 2 more not shown");
    expect(notice(nl)).toContain('aria-label="Geweigerd"');
    expect(notice(nl)).toContain("…en nog 2 die niet worden getoond");

    const form = (t: typeof en) => renderForm(submitForm(t), t);
    expect(form(en)).toContain("(optional)");
    expect(form(en)).toContain(">Cancel</button>");
    expect(form(nl)).toContain("(optioneel)");
    expect(form(nl)).toContain(">Annuleren</button>");
    expect(form(nl)).not.toMatch(/\(optional\)|>Cancel</);

    // A winter and a summer moment: Amsterdam time, with its zone, as each language writes it.
    const delivered = (t: typeof en) =>
      renderDelivered(
        [
          { id: 2, sentAt: new Date("2026-07-01T10:00:00Z"), view: { summary: "r-2.csv", blocks: [] }, file: { fileName: "r-2.csv", content: "x".repeat(1234) } },
          { id: 1, sentAt: new Date("2026-11-30T09:00:00Z"), updatedAt: new Date("2026-11-30T09:30:00Z"), view: { summary: "s", blocks: [{ kind: "paragraph", content: ["approved"] }] } },
        ],
        (id) => `/api/files/${id}`,
        t,
      );
    expect(delivered(en)).toContain(">2026-07-01 12:00 CEST</time>");
    expect(delivered(en)).toContain("updated 2026-11-30 10:30 CET");
    expect(delivered(en)).toContain('aria-label="File"');
    expect(delivered(en)).toContain("(1,234 bytes)");
    expect(delivered(nl)).toContain(">1 jul 2026 12:00 CEST</time>");
    expect(delivered(nl)).toContain("bijgewerkt 30 nov 2026 10:30 CET");
    expect(delivered(nl)).toContain('aria-label="Bestand"');
    expect(delivered(nl)).toContain("(1.234 bytes)");
    expect(renderDelivered([], () => "", nl)).toContain("Nog geen berichten.");
  });
});
