import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Language } from "../../src/core/i18n/language.js";
import type { Person } from "./driver.js";
import { SCENARIO_DIRECTORY } from "./people.js";

/**
 * The scenarios' directory speaking another language: the same people, accounts and channels,
 * with the directory's `language:` set to `cell` and members who read another one given theirs.
 * Written to a file of its own, since the bot loads its directory from a file as an operator's does.
 */
export function directoryIn(cell: Language, members: Record<Person, Language> = {}): string {
  let text = readFileSync(SCENARIO_DIRECTORY, "utf8");
  if (!/^language: en$/m.test(text)) throw new Error(`${SCENARIO_DIRECTORY} no longer sets language: en at its top`);
  text = text.replace(/^language: en$/m, `language: ${cell}`);
  for (const [person, language] of Object.entries(members)) {
    const entry = `  - id: ${person}\n`;
    if (!text.includes(entry)) throw new Error(`${SCENARIO_DIRECTORY} has no member ${person}`);
    text = text.replace(entry, `${entry}    language: ${language}\n`);
  }
  const file = join(mkdtempSync(join(tmpdir(), "ciic-scenario-directory-")), "directory.yml");
  writeFileSync(file, text);
  return file;
}
