/**
 * The figures the README's speed section printed before, so that the bench can print each new
 * figure beside the one it replaces: by what they measure, from the first table row with that
 * label in the section (its main table; later tables hold single experiments). Labels are
 * compared as written, backticks and repeated spaces aside.
 */
export function previousFigures(readme: string): Map<string, string> {
  const start = readme.indexOf("### Speed, measured");
  if (start < 0) return new Map();
  const end = readme.indexOf("\n## ", start);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, string>();
  for (const line of section.split("\n")) {
    const cells = /^\|(.*)\|$/.exec(line.trim())?.[1].split("|").map((c) => c.trim());
    // Two cells, neither the header nor its rule.
    if (!cells || cells.length !== 2 || /^-+$/.test(cells[0]) || cells[0] === "what") continue;
    const label = labelKey(cells[0]);
    if (!out.has(label)) out.set(label, cells[1]);
  }
  return out;
}

/** A label as previousFigures compares it. */
export const labelKey = (label: string) => label.replace(/`/g, "").replace(/\s+/g, " ").trim();

/** The figure printed before for a label, also where the README wrote it without its closing note in brackets ("… (2,000 look-ups after 200 untimed)"). */
export function previousFigure(previous: ReadonlyMap<string, string>, label: string): string | undefined {
  const key = labelKey(label);
  return previous.get(key) ?? previous.get(key.replace(/ \([^()]*\)$/, ""));
}

/** The marks around the speed section's main table, which `npm run bench -- --readme` writes. */
export const TABLE_START = "<!-- bench-table: written by `npm run bench -- --readme` -->";
export const TABLE_END = "<!-- bench-table: end -->";

/**
 * The README with its speed section's main table replaced by one run's: `heading` (the run's
 * machine and time) and its rows. Only the text between the marks changes.
 */
export function withRunTable(readme: string, heading: string, rows: readonly (readonly [string, string])[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no main table between "${TABLE_START}" and "${TABLE_END}" in its speed section: put the two marks back around it, then run again`);
  const table = ["| what | figure |", "|---|---|", ...rows.map(([what, figure]) => `| ${what} | ${figure} |`)];
  return `${readme.slice(0, start + TABLE_START.length)}\n${heading}\n\n${table.join("\n")}\n${readme.slice(end)}`;
}
