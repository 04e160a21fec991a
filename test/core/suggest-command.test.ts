import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../src/core/commands/command.js";
import { COMMAND_WORDS, suggestCommand } from "../../src/core/commands/suggest-command.js";

/** The command suggested for a word the bot does not know: a Dutch word for it, or a slip of the keys. */
describe("suggestCommand", () => {
  it("knows every command the parser knows, and suggests none of them for itself", () => {
    for (const word of COMMAND_WORDS) expect(parseCommandText(`${word} x`).name, word).not.toBe("unknown");
    expect(parseCommandText("decide x").name).toBe("unknown");
  });

  it.each([
    ["hulp", "help"],
    ["Zoek", "lookup"],
    ["opzoeken", "lookup"],
    ["indienen", "submit"],
    ["verstrekken", "disclose"],
    ["verzoeken", "requests"],
    ["rapportage", "report"],
    ["lokup", "lookup"],
    ["lookpu", "lookup"],
    ["sumbit", "submit"],
    ["request", "requests"],
    ["analyse", "analysis"],
    ["disclouse", "disclose"],
    ["covenent", "covenant"],
  ])("takes %s for %s", (word, command) => {
    expect(suggestCommand(word)).toBe(command);
  });

  it("takes a value typed without a command for a look-up of it", () => {
    expect(suggestCommand("evil[.]example")).toBe("lookup evil[.]example");
    expect(suggestCommand("198.51.100.7")).toBe("lookup 198.51.100.7");
    expect(suggestCommand(`https://evil.example/${"a".repeat(200)}`)).toBe("lookup");
    // The word as typed: a URL's path keeps its case.
    const typed = parseCommandText("https://evil.example/Login");
    expect(typed).toEqual({ name: "unknown", word: "https://evil.example/Login" });
    expect(suggestCommand((typed as { word: string }).word)).toBe("lookup https://evil.example/Login");
  });

  it("suggests nothing for a word near no command, near two alike, too short to tell, or meaning two", () => {
    for (const word of ["frobnicate", "rev", "x", "intrekken", "1.2.3", "a".repeat(200)]) expect(suggestCommand(word), word).toBeUndefined();
  });
});
