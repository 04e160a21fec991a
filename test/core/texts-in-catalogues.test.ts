import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { proseByFile } from "../support/prose-literals.js";

/**
 * Every text the bot shows comes from the catalogues, in Dutch and English (issue 13). A sentence
 * written as a literal in a view or a refusal is one language only. This test finds literal prose
 * in src/core and src/adapters (test/support/prose-literals.ts says what counts) and holds each
 * file to the count in texts-outside-catalogues.json: what is left there is English-only text
 * still to move into the catalogues, or text for operators (the directory's problems, the audit
 * log's verdicts, platform errors in the operators' log) that stays English. A file may go down,
 * never up, and a file not in the list may have none.
 *
 * After moving texts into the catalogues, write the lower counts with
 * `CIIC_WRITE_TEXT_COUNTS=1 npx vitest run test/core/texts-in-catalogues.test.ts`.
 */
const ALLOWED = "test/core/texts-outside-catalogues.json";

describe("texts people read come from the catalogues", () => {
  const found = new Map([...proseByFile("src/core"), ...proseByFile("src/adapters")]);
  const counts = Object.fromEntries([...found].sort(([a], [b]) => a.localeCompare(b)).map(([file, prose]) => [file, prose.length]));

  it("adds no literal sentence to any file beyond what is left to translate", () => {
    if (process.env.CIIC_WRITE_TEXT_COUNTS) writeFileSync(ALLOWED, `${JSON.stringify(counts, null, 2)}\n`);
    const allowed = JSON.parse(readFileSync(ALLOWED, "utf8")) as Record<string, number>;
    const over = [...found].filter(([file, prose]) => prose.length > (allowed[file] ?? 0));
    const shown = over.flatMap(([file, prose]) => [`${file}: ${prose.length} (allowed ${allowed[file] ?? 0})`, ...prose.map((p) => `  ${p.line}: ${p.text}`)]);
    expect(shown, "literal prose outside the catalogues: move it into src/core/i18n/catalogue (both languages)").toEqual([]);
  });

  it("has translated the consent round whole: its views and decisions hold no literal sentence", () => {
    for (const file of ["src/core/disclosure/views.ts", "src/core/disclosure/decide-consent.ts", "src/core/disclosure/settle.ts", "src/core/disclosure/list-requests.ts"]) {
      expect(found.get(file)?.map((p) => `${p.line}: ${p.text}`) ?? [], file).toEqual([]);
    }
  });
});
