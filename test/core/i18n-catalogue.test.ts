import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { DOMAINS } from "../../src/core/i18n/catalogue/index.js";
import { LANGUAGES, languageOf } from "../../src/core/i18n/language.js";
import { translator } from "../../src/core/i18n/translator.js";

/** The placeholders and tags a message uses, and the plural/select cases it has, as one sorted list. */
function shape(message: string, key: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) found.add(`{${e.value}}`);
      else if (e.type === TYPE.tag) {
        found.add(`<${e.value}>`);
        walk(e.children);
      } else if (e.type === TYPE.plural || e.type === TYPE.select) {
        found.add(`{${e.value}, ${e.type === TYPE.plural ? "plural" : "select"}}`);
        // Plural categories differ between languages only in the rare ones (few, many); `other` is required.
        if (!("other" in e.options)) found.add(`{${e.value}} without other`);
        if (e.type === TYPE.select) for (const option of Object.keys(e.options)) found.add(`{${e.value}}=${option}`);
        for (const option of Object.values(e.options)) walk(option.value);
      }
    }
  };
  try {
    walk(parse(message));
  } catch (error) {
    throw new Error(`${key}: not an ICU message (${String(error)}): ${message}`);
  }
  return [...found].sort();
}

describe("the catalogues (issue 13)", () => {
  const entries = Object.entries(DOMAINS).flatMap(([domain, texts]) => Object.entries(texts).map(([key, entry]) => ({ domain, key, entry: entry as Record<string, string> })));

  it("give every text in Dutch and in English, neither empty", () => {
    for (const { key, entry } of entries) for (const language of LANGUAGES) expect(entry[language]?.trim(), `${key} in ${language}`).toBeTruthy();
  });

  it("use the same placeholders, tags and choices in both languages", () => {
    for (const { key, entry } of entries) expect(shape(entry.nl, `${key} (nl)`), key).toEqual(shape(entry.en, `${key} (en)`));
  });

  it("key each domain's texts with its own prefix, so that no two domains define one key", () => {
    for (const { domain, key } of entries) expect(key.startsWith(`${domain}.`), `${key} in ${domain}`).toBe(true);
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
  });
});

describe("a translator", () => {
  it("counts in each language's grammar: '1 more', '2 more'; 'nog 1', 'nog 2'", () => {
    expect(translator("en").text("common.and_more", { count: 1 })).toBe("…and 1 more");
    expect(translator("en").text("common.and_more", { count: 2 })).toBe("…and 2 more");
    expect(translator("nl").text("common.and_more", { count: 2 })).toBe("…en nog 2");
  });

  it("writes numbers, lists and times as each language does, times in Amsterdam", () => {
    expect(translator("en").number(1234567)).toBe("1,234,567");
    expect(translator("nl").number(1234567)).toBe("1.234.567");
    expect(translator("en").list(["AIVD", "MIVD", "NCSC"])).toBe("AIVD, MIVD and NCSC");
    expect(translator("nl").list(["AIVD", "MIVD", "NCSC"])).toBe("AIVD, MIVD en NCSC");
    expect(translator("nl").list(["AIVD", "MIVD"], "or")).toBe("AIVD of MIVD");
    expect(translator("en").time(new Date("2026-07-01T10:00:00Z"))).toBe("2026-07-01 12:00 CEST");
  });

  it("takes a member's own language, else the directory's, else Dutch", () => {
    expect(languageOf({ language: "en" }, { language: "nl" })).toBe("en");
    expect(languageOf({}, { language: "en" })).toBe("en");
    expect(languageOf({}, {})).toBe("nl");
    expect(languageOf(undefined, undefined)).toBe("nl");
  });
});
