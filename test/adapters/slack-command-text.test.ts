import { describe, expect, it } from "vitest";
import { typedText } from "../../src/adapters/slack/command-text.js";
import { parseIndicators, tokenise } from "../../src/core/indicators/index.js";

/** A slash command's text as Slack sends it, read as the core reads it. */
const tokens = (slackText: string) => tokenise(typedText(slackText));

describe("a Slack slash command's text, as typed", () => {
  it("unwraps Slack links to their target", () => {
    expect(tokens("<http://x.example>")).toEqual(["http://x.example"]);
    expect(tokens("<https://evil.example/login|click here>")).toEqual(["https://evil.example/login"]);
    expect(tokens("<https://x.example/a?b=1&amp;c=2>")).toEqual(["https://x.example/a?b=1&c=2"]);
  });

  it("unwraps Slack mailto links to the address", () => {
    expect(tokens("<mailto:a@b.example|a@b.example>")).toEqual(["a@b.example"]);
    expect(tokens("<mailto:a@b.example>")).toEqual(["a@b.example"]);
  });

  it("keeps what the person typed when Slack auto-linked scheme-less text", () => {
    // Slack adds the http:// itself; taking it would turn a domain into a URL nobody submitted.
    expect(tokens("<http://x.example/a|x.example/a>")).toEqual(["x.example/a"]);
    expect(tokens("<http://Evil.Example|Evil.Example>")).toEqual(["Evil.Example"]);
  });

  it("decodes &amp; &lt; &gt; once, not twice", () => {
    expect(tokens("&lt;1.2.3.4&gt;")).toEqual(["1.2.3.4"]);
    expect(tokens("a&amp;b")).toEqual(["a&b"]);
    expect(tokens("&amp;lt")).toEqual(["&lt"]);
    expect(typedText("&amp;amp;")).toBe("&amp;");
  });

  it("shows mentions readably and leaves text without markup as it is", () => {
    expect(typedText("ask <@U0AIVD001> and <#C0CELL01|cell>")).toBe("ask @U0AIVD001 and cell");
    const plain = "purpose: warn the sector (no markup)";
    expect(typedText(plain)).toBe(plain);
  });

  it("gives free text back as typed: a purpose with & < > in it", () => {
    expect(typedText('disclose I-1 to ncsc-ops purpose R&amp;D &lt;urgent&gt; conditions:"A &amp; B only"')).toBe(
      'disclose I-1 to ncsc-ops purpose R&D <urgent> conditions:"A & B only"',
    );
  });

  it("survives a megabyte of hostile Slack text", () => {
    const hostile = `${"(".repeat(300_000)}${"<".repeat(300_000)}${"&amp;".repeat(50_000)}${"[.]".repeat(50_000)}`;
    const result = parseIndicators(typedText(`${hostile} 1.2.3.4`));
    expect(result.accepted).toEqual([{ type: "ipv4", value: "1.2.3.4", raw: "1.2.3.4" }]);
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0].code).toBe("indicator.too_long");
  });

  it("reads Slack-escaped indicators as the values typed", () => {
    const result = parseIndicators(
      typedText("<http://x.example/a|x.example/a> <https://evil.example/p?a=1&amp;b=2> <mailto:a@b.example|a@b.example> &lt;192.0.2.1&gt;"),
    );
    expect(result.accepted).toEqual([
      { type: "url", value: "https://evil.example/p?a=1&b=2", raw: "https://evil.example/p?a=1&b=2" },
      { type: "email", value: "a@b.example", raw: "a@b.example" },
      { type: "ipv4", value: "192.0.2.1", raw: "192.0.2.1" },
    ]);
    expect(result.refused).toEqual([expect.objectContaining({ raw: "x.example/a", code: "indicator.url_without_scheme" })]);
  });
});
