import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buttonProps } from "../../src/adapters/mattermost/post-actions.js";
import { readSubmission, renderDialog } from "../../src/adapters/mattermost/render-dialog.js";
import { POST_MESSAGE_LIMIT, codeSpan, renderMarkdown } from "../../src/adapters/mattermost/render-markdown.js";
import { sameSecret, signPayload, verifyPayload } from "../../src/adapters/mattermost/signed-context.js";
import { parseDirectory } from "../../src/core/directory/parse-directory.js";
import { analysisForm, denyForm, disclosureForm } from "../../src/core/disclosure/forms.js";
import { translator } from "../../src/core/i18n/translator.js";
import { submitForm } from "../../src/core/use-cases/submit-form.js";
import type { FormView, MessageView } from "../../src/core/views/message.js";
import { dialogProblems, postProblems } from "../support/fake-mattermost.js";
import { outsideCode, seen } from "../support/mattermost-harness.js";

const SECRET = "a-test-secret-of-at-least-32-characters!!";
const paragraph = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "paragraph", content: [text] }] });

describe("renderMarkdown: typed text stays text", () => {
  it.each([
    ["mentions", "ping @all and @channel and @here, or @bram.jansen"],
    ["links", "[click](https://evil.example/login) <https://evil.example> www.evil.example evil.example/x"],
    ["channels and hashtags", "see ~town-square #incident"],
    ["markup", "**bold** _it_ ~~gone~~ `code` | a | b |\n> quote\n# heading\n- item\n1. first\n    indented\n---"],
    ["html and entities", "<b>x</b> &amp; &lt;"],
  ])("neutralises %s, yet shows them as typed", (_what, text) => {
    const [md] = renderMarkdown(paragraph(text));
    const live = outsideCode(md);
    expect(live).not.toMatch(/@\w/);
    expect(live).not.toMatch(/https?:|www\.|~\w|#\w/);
    expect(live).not.toMatch(/(^|[^\\])(\*\*|__|~~|\[|\]\(|<|>|\||`)/m);
    expect(live).not.toMatch(/^\s*(#|>|-|\d+\.|\s{4})/m);
    // The reader sees the same characters, line indents aside: a pair of backticks as code (as
    // Slack shows it), a lone backtick as a look-alike.
    expect(seen(md).replace(/\n +/g, "\n")).toBe(text.replace(/`([^`\n]+)`/g, "$1").replace(/`/g, "ˋ").replace(/\n +/g, "\n"));
  });

  it("shows what the core's sentences put between backticks as code, as Slack does, and it stays inert", () => {
    const [md] = renderMarkdown(paragraph("Type `/ciic help` to see more; `@all` stays quiet, a lone ` too."));
    expect(md).toContain("`/ciic help`");
    expect(md).toContain("`@all`");
    expect(outsideCode(md)).not.toMatch(/@\w/);
    expect(md).toContain("lone ˋ too");
  });

  it("shows values as code, exactly; a backtick in a value cannot close the code early", () => {
    expect(renderMarkdown({ summary: "", blocks: [{ kind: "list", items: [[{ code: "https://x.example/?q=@all" }]] }] })).toEqual(["- `https://x.example/?q=@all`"]);
    expect(codeSpan("a`@all`b")).toBe("`aˋ@allˋb`");
    expect(codeSpan("")).toBe("` `");
  });

  it("splits a long message into marked posts within the limit, cutting between lines and never inside a value", () => {
    const values = Array.from({ length: 2000 }, (_, i) => `https://login-${i}.phishing-wave.example/account/verify?id=${i}`);
    const view: MessageView = { summary: "many", blocks: [{ kind: "heading", text: "Stored" }, { kind: "list", items: values.map((v) => [{ code: v }]) }] };
    const parts = renderMarkdown(view);
    expect(parts.length).toBeGreaterThan(5);
    parts.forEach((part, i) => {
      expect([...part].length).toBeLessThanOrEqual(POST_MESSAGE_LIMIT);
      expect(part.startsWith(`*Part ${i + 1} of ${parts.length}*\n\n`)).toBe(true);
      expect(postProblems({ message: part })).toEqual([]);
    });
    const all = parts.join("\n");
    for (const v of values) expect(all).toContain(`\`${v}\``);
  });

  it("carries one huge paragraph over several posts, whole", () => {
    const text = "word-with-dashes ".repeat(3000);
    const parts = renderMarkdown(paragraph(text));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect([...part].length).toBeLessThanOrEqual(POST_MESSAGE_LIMIT);
    const joined = parts.map((p) => seen(p.replace(/^\*Part \d+ of \d+\*\n\n/, ""))).join(" ");
    expect(joined.match(/word-with-dashes/g)).toHaveLength(3000);
  });

  it("puts buttons in an attachment with letters-and-digits ids and a signed context", () => {
    const props = buttonProps(
      [
        {
          actions: [
            { action: "consent.approve", label: "Approve", value: "7", style: "primary" },
            { action: "consent.deny", label: "Deny", value: "7", style: "danger" },
          ],
        },
      ],
      { url: "https://bot.example/mattermost/action", secret: SECRET },
      "bramjansenaivdli0000000000",
    );
    expect(postProblems({ message: "ask", props })).toEqual([]);
    const [approve, deny] = (props.attachments as { actions: { id: string; integration: { context: { ciic: string } } }[] }[])[0].actions;
    expect([approve.id, deny.id]).toEqual(["consentapprove0", "consentdeny1"]);
    expect(verifyPayload(SECRET, "action", approve.integration.context.ciic)).toEqual({ a: "consent.approve", v: "7", u: "bramjansenaivdli0000000000" });
  });
});

describe("signed contexts", () => {
  it("verifies only what was signed, with this secret, for this purpose", () => {
    const token = signPayload(SECRET, "dialog", { f: "form", n: 1 });
    expect(verifyPayload(SECRET, "dialog", token)).toEqual({ f: "form", n: 1 });
    expect(verifyPayload(SECRET, "action", token)).toBeUndefined();
    expect(verifyPayload(`${SECRET}x`, "dialog", token)).toBeUndefined();
    expect(verifyPayload(SECRET, "dialog", token.replace(/^./, (c) => (c === "e" ? "f" : "e")))).toBeUndefined();
    expect(verifyPayload(SECRET, "dialog", `${token}A`)).toBeUndefined();
    for (const junk of [undefined, 42, "", ".", "abc", "x".repeat(10_000)]) expect(verifyPayload(SECRET, "dialog", junk)).toBeUndefined();
  });

  it("compares tokens whatever their length", () => {
    expect(sameSecret("same-token-0000000000", "same-token-0000000000")).toBe(true);
    expect(sameSecret("same-token-000000000", "same-token-0000000000")).toBe(false);
    expect(sameSecret(undefined, "same-token-0000000000")).toBe(false);
  });
});

describe("renderDialog: every form of the bot within Mattermost's dialog limits", () => {
  const parsed = parseDirectory(readFileSync("test/fixtures/directory-mattermost.yml", "utf8"));
  if (!parsed.ok) throw new Error("the test directory does not parse");
  const { directory } = parsed;
  const forms: FormView[] = [submitForm(), analysisForm(translator("en")), disclosureForm(translator("en"), directory), denyForm(translator("en"), 3)];

  it.each(forms.map((f) => [f.id, f] as const))("%s", (_id, form) => {
    const dialog = renderDialog(form, "state");
    expect(dialogProblems(dialog)).toEqual([]);
    const elements = dialog.elements as { name: string; display_name: string; help_text: string; type: string; max_length?: number }[];
    expect(elements.map((e) => e.name)).toEqual(form.fields.map((f) => f.id));
    // What does not fit the short name is said in the help text.
    for (const [i, field] of form.fields.entries()) {
      const e = elements[i];
      const said = `${e.display_name} ${e.help_text}`;
      for (const word of field.label.replace(/[()?.:,;]/g, " ").split(/\s+/).filter((w) => w.length > 3).slice(0, 4)) expect(said).toContain(word);
      if (field.kind !== "select") expect(e.max_length).toBe(field.maxLength ?? e.max_length);
    }
  });

  it("reads a submission back, empty answers as not given", () => {
    expect(readSubmission({ indicators: "1.2.3.4", note: "", tlp: null, n: 3, ok: true })).toEqual({ indicators: "1.2.3.4", note: undefined, tlp: undefined, n: "3", ok: "true" });
    expect(readSubmission([1])).toBeUndefined();
    expect(readSubmission({ nested: { a: 1 } })).toBeUndefined();
  });
});
