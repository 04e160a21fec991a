import { describe, expect, it } from "vitest";
import { parseCommandText, type Command } from "../../src/core/commands/command.js";
import { parseOptions } from "../../src/core/commands/parse-options.js";
import { say } from "../../src/core/i18n/phrase.js";
import { translator } from "../../src/core/i18n/translator.js";

/** The submission a typed `submit` produced; fails the test if it was anything else. */
function submission(text: string) {
  const command: Command = parseCommandText(text);
  if (command.name !== "submit" || command.input === null) throw new Error(`expected a submission, got ${JSON.stringify(command)}`);
  return command.input;
}

/** The problems found in reading the text, as an English reader gets them (they are said in the member's language). */
const problemsOf = (input: { syntaxProblems?: readonly Parameters<typeof say>[1][] }) => (input.syntaxProblems ?? []).map((p) => say(translator("en"), p));

/** The indicators left after the options were taken out, one per word. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

const LABELS = { tlp: "tlp", rel: "reliability", src: "sourceRef", note: "note" };

describe("parseCommandText: submit (Art 5.1, 5.3)", () => {
  it("takes the labels out of a typed submission and leaves the indicators", () => {
    const input = submission('submit 1.2.3.4 tlp:red rel:b2 src:"case 17" note: seen in phishing wave');
    expect(input).toMatchObject({
      tlp: "red",
      reliability: "b2",
      sourceRef: "case 17",
      note: "seen in phishing wave",
      syntaxProblems: [],
    });
    expect(words(input.indicatorsText)).toEqual(["1.2.3.4"]);
  });

  it("keeps indicators on several lines and between the options", () => {
    const input = submission("submit 198.51.100.7\nevil[.]example tlp:amber hxxps://evil[.]example/login\n203.0.113.0/24");
    expect(input.tlp).toBe("amber");
    expect(words(input.indicatorsText)).toEqual(["198.51.100.7", "evil[.]example", "hxxps://evil[.]example/login", "203.0.113.0/24"]);
  });

  it("does not take URLs and other `word:` values for options: only the listed labels count", () => {
    const input = submission("submit http://x https://evil.example/a?b=c:d mailto:a@b.example hxxp://y tlp:green");
    expect(input.tlp).toBe("green");
    expect(words(input.indicatorsText)).toEqual(["http://x", "https://evil.example/a?b=c:d", "mailto:a@b.example", "hxxp://y"]);
    expect(input.syntaxProblems).toEqual([]);
  });

  it("accepts the long names of the labels and a legal basis (Art 5.1)", () => {
    const input = submission('submit 1.2.3.4 reliability:A1 source:feed-7 basis:"Wiv 2017 art 60"');
    expect(input).toMatchObject({ reliability: "A1", sourceRef: "feed-7", legalBasis: "Wiv 2017 art 60" });
  });

  it("accepts typographic quotes, as phones and Slack's editor type them", () => {
    expect(submission("submit 1.2.3.4 src:“case 17”").sourceRef).toBe("case 17");
  });

  it("reads the options' Dutch names as a Dutch member writes them", () => {
    const input = submission('submit 203.0.113.30 betrouwbaarheid:B2 bron:"zaak 12" grondslag:"Wiv 2017 art 86" notitie: gezien bij het incident');
    expect(input).toMatchObject({ reliability: "B2", sourceRef: "zaak 12", legalBasis: "Wiv 2017 art 86", note: "gezien bij het incident", syntaxProblems: [] });
    expect(words(input.indicatorsText)).toEqual(["203.0.113.30"]);
    const disclosure = parseCommandText('disclose I-4 A-2 aan water-oost doel waarschuw het bedrijf aan de rand voorwaarden:"niet verder verspreiden" termijn:2026-12-11');
    expect(disclosure).toMatchObject({ name: "disclose", input: { refs: ["I-4", "A-2"], recipient: "water-oost", purpose: "waarschuw het bedrijf aan de rand", conditions: "niet verder verspreiden", deadline: "2026-12-11", syntaxProblems: [] } });
    expect(parseCommandText('analysis titel:"Golf" I-1 tekst: beide clusters')).toMatchObject({ name: "analysis", input: { title: "Golf", body: "beide clusters", refs: ["I-1"] } });
    expect(parseCommandText("consult I-1 vraag: mag dit?")).toMatchObject({ name: "consult", input: { action: "open", refs: ["I-1"], question: "mag dit?" } });
    expect(parseCommandText("consult C-2 antwoord: ja")).toMatchObject({ name: "consult", input: { action: "answer", ref: "C-2", text: "ja" } });
    expect(parseCommandText("consult C-2 sluit")).toMatchObject({ name: "consult", input: { action: "close", ref: "C-2" } });
    expect(parseCommandText("correct I-4 waarde:203.0.113.31")).toMatchObject({ name: "correct", input: { itemRef: "I-4", value: "203.0.113.31" } });
  });

  it("reads option names in any case", () => {
    expect(submission("submit 1.2.3.4 TLP:RED").tlp).toBe("RED");
  });

  it("reports an option given twice as a problem", () => {
    const input = submission("submit 1.2.3.4 tlp:red tlp:green");
    expect(input.syntaxProblems).toHaveLength(1);
    expect(problemsOf(input)[0]).toContain("twice");
    expect(problemsOf(input)[0]).toContain("tlp:");
  });

  it("names the option as it was typed when it is given twice (`rel:` twice is reported as `rel:`)", () => {
    const input = submission("submit 1.2.3.4 rel:b2 rel:c3");
    expect(input.syntaxProblems).toHaveLength(1);
    expect(problemsOf(input)[0]).toContain("rel:");
  });

  it("reports an option given twice under two of its names (src: and source:)", () => {
    const input = submission("submit 1.2.3.4 src:a source:b");
    expect(input.syntaxProblems).toHaveLength(1);
    expect(problemsOf(input)[0]).toContain("twice");
  });

  it("reports a quoted value without a closing quote as a problem", () => {
    const input = submission('submit 1.2.3.4 src:"case 17');
    expect(problemsOf(input)).toEqual([expect.stringContaining("no closing quote")]);
    expect(problemsOf(input)[0]).toContain("src:");
    expect(words(input.indicatorsText)).toEqual(["1.2.3.4"]);
  });

  it("opens the form for a bare `submit` (input null)", () => {
    expect(parseCommandText("submit")).toEqual({ name: "submit", input: null });
    expect(parseCommandText("  submit   ")).toEqual({ name: "submit", input: null });
    expect(parseCommandText("Submit")).toEqual({ name: "submit", input: null });
  });

  it("does not open the form for a submission with labels but no indicators: that is a submission to refuse", () => {
    const input = submission("submit tlp:red");
    expect(input).toMatchObject({ tlp: "red" });
    expect(input.indicatorsText.trim()).toBe("");
  });
});

describe("parseCommandText: other commands", () => {
  it("reads `lookup x` as a lookup of x (Art 6.1)", () => {
    expect(parseCommandText("lookup x")).toEqual({ name: "lookup", text: "x" });
    const spaced = parseCommandText("LOOKUP   198.51.100.7  ");
    expect(spaced.name).toBe("lookup");
    if (spaced.name === "lookup") expect(spaced.text.trim()).toBe("198.51.100.7");
  });

  it("reads `correct I-4 value:1.2.3.5 tlp:green` as a correction of item I-4 (Art 5.3)", () => {
    expect(parseCommandText("correct I-4 value:1.2.3.5 tlp:green")).toEqual({
      name: "correct",
      input: { itemRef: "I-4", value: "1.2.3.5", tlp: "green", syntaxProblems: [] },
    });
  });

  it("lets a correction's note run to the end of the text", () => {
    const command = parseCommandText("correct I-4 note: typo in the octet, was 1.2.3.4");
    expect(command).toMatchObject({ name: "correct", input: { itemRef: "I-4", note: "typo in the octet, was 1.2.3.4" } });
  });

  it("answers empty text with help", () => {
    expect(parseCommandText("")).toEqual({ name: "help" });
    expect(parseCommandText("   \n ")).toEqual({ name: "help" });
    expect(parseCommandText("help")).toEqual({ name: "help" });
    expect(parseCommandText("HELP me")).toEqual({ name: "help" });
  });

  it("answers an unknown word as unknown, naming the word", () => {
    expect(parseCommandText("frobnicate 1.2.3.4")).toEqual({ name: "unknown", word: "frobnicate" });
    expect(parseCommandText("1.2.3.4")).toEqual({ name: "unknown", word: "1.2.3.4" });
  });
});

describe("parseOptions", () => {
  it("returns the options under their canonical names and the rest of the text", () => {
    const parsed = parseOptions('a tlp:red b src:"x y" c', LABELS);
    expect(Object.fromEntries(parsed.options)).toEqual({ tlp: "red", sourceRef: "x y" });
    expect(words(parsed.rest)).toEqual(["a", "b", "c"]);
    expect(parsed.problems).toEqual([]);
  });

  it("takes everything after an unquoted note, including text that looks like options", () => {
    const parsed = parseOptions("a note: seen with tlp:red in wave 3", LABELS);
    expect(parsed.options.get("note")).toBe("seen with tlp:red in wave 3");
    expect(parsed.options.has("tlp")).toBe(false);
    expect(words(parsed.rest)).toEqual(["a"]);
  });

  it("ends a quoted note at its closing quote", () => {
    const parsed = parseOptions('a note:"short one" b', LABELS);
    expect(parsed.options.get("note")).toBe("short one");
    expect(words(parsed.rest)).toEqual(["a", "b"]);
  });

  it("leaves words with unlisted keys in the rest", () => {
    const parsed = parseOptions("http://x ftp:y tlp:red", LABELS);
    expect(words(parsed.rest)).toEqual(["http://x", "ftp:y"]);
    expect(parsed.options.get("tlp")).toBe("red");
  });

  it("reports every problem at once", () => {
    const parsed = parseOptions('tlp:red tlp:amber src:"open', LABELS);
    expect(parsed.problems).toHaveLength(2);
  });

  it("says that a value is missing when a space or nothing follows the colon, and changes no words into a value", () => {
    const parsed = parseOptions("a src: case 17 tlp:", LABELS);
    expect(parsed.options.size).toBe(0);
    expect(words(parsed.rest)).toEqual(["a", "case", "17"]);
    expect(parsed.problems).toHaveLength(2);
    const disclosure = parseCommandText("disclose I-4 to water-oost purpose warn them conditions: not to be passed on");
    expect(disclosure).toMatchObject({ name: "disclose", input: { conditions: undefined } });
    expect(problemsOf((disclosure as Extract<Command, { name: "disclose" }>).input!)).toEqual(['`conditions:` has no value right after it: write the value straight after the colon, in quotes if it has spaces: `conditions:"…"`']);
  });

  it("returns nothing for empty text", () => {
    const parsed = parseOptions("", LABELS);
    expect(parsed.options.size).toBe(0);
    expect(parsed.rest).toBe("");
    expect(parsed.problems).toEqual([]);
  });
});
