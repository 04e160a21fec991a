import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { labelKey, previousFigure, previousFigures, TABLE_END, TABLE_START, withRunTable } from "../../bench/readme-figures.js";

describe("the bench's previous figures, read from the README", () => {
  const readme = [
    "## Run it",
    "| what | figure |",
    "|---|---|",
    "| Import 100 rows, SQLite | 1 /s |",
    "### Speed, measured",
    "Printed on a day:",
    "| what | figure |",
    "|---|---|",
    "| Import 100 rows, SQLite | 28,445 /s (3.5 s) |",
    "| 20 concurrent `/ciic lookup` over HTTP | slowest answer 379 ms |",
    "Later, one experiment:",
    "| what | before | after |",
    "|---|---|---|",
    "| Import 100 rows, SQLite | 1 /s | 2 /s |",
    "| what | figure |",
    "| Import 100 rows, SQLite | 9 /s |",
    "## Administration",
    "| Lookup | p99 1 ms |",
  ].join("\n");

  it("takes each label's first two-column row in the speed section, backticks aside, and nothing outside it", () => {
    const previous = previousFigures(readme);
    expect(previous.get(labelKey("Import 100 rows, SQLite"))).toBe("28,445 /s (3.5 s)");
    expect(previous.get(labelKey("20 concurrent /ciic lookup over HTTP"))).toBe("slowest answer 379 ms");
    expect(previous.has("Lookup")).toBe(false);
    expect(previous.has("what")).toBe(false);
    // A label the README wrote without the bench's closing note in brackets.
    expect(previousFigure(previous, "Import 100 rows, SQLite (after 2 untimed)")).toBe("28,445 /s (3.5 s)");
    expect(previousFigure(previous, "Import 200 rows, SQLite")).toBeUndefined();
  });

  it("finds the project's own README's figures for the bench's import rows", () => {
    const previous = previousFigures(readFileSync("README.md", "utf8"));
    expect(previous.get(labelKey("Import 100,000-indicator STIX 2.1 bundle, SQLite"))).toMatch(/^[\d,]+ \/s/);
  });

  it("keeps the project's main table between the marks that --readme writes between", () => {
    const readme = readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("### Speed, measured"), readme.indexOf("\n## ", readme.indexOf("### Speed, measured")));
    expect(section).toContain(TABLE_START);
    expect(section.indexOf(TABLE_END)).toBeGreaterThan(section.indexOf(TABLE_START));
    // The figures the bench compares with are the marked table's.
    const marked = section.slice(section.indexOf(TABLE_START), section.indexOf(TABLE_END));
    const first = /\| (Import 100,000-indicator STIX 2\.1 bundle, SQLite) \| ([^|]+) \|/.exec(marked)!;
    expect(previousFigures(readme).get(labelKey(first[1]))).toBe(first[2].trim());
  });
});

describe("the README's main table, written from one run (npm run bench -- --readme)", () => {
  const readme = ["# x", "### Speed, measured", "How it is run.", TABLE_START, "Run of Monday.", "", "| what | figure |", "|---|---|", "| Import 100 rows, SQLite | 1 /s |", TABLE_END, "", "Older runs: see elsewhere.", "## Administration"].join("\n");
  const heading = 'One whole run on 2026-12-07 from 00:10 to 00:24 UTC: "ciic-bot benchmark — 2 cores".';

  it("replaces the heading and every row between the marks, and nothing else", () => {
    const written = withRunTable(readme, heading, [
      ["Import 100 rows, SQLite", "2 /s (0.1 s)"],
      ["Lookup, SQLite", "p50 1 ms, p99 2 ms"],
    ]);
    expect(written).not.toContain("Run of Monday");
    expect(written).not.toContain("| 1 /s |");
    expect(written).toContain(heading);
    expect(written.startsWith("# x\n### Speed, measured\nHow it is run.\n")).toBe(true);
    expect(written.endsWith(`${TABLE_END}\n\nOlder runs: see elsewhere.\n## Administration`)).toBe(true);
    // What the next run compares with is this run's.
    const previous = previousFigures(written);
    expect(previous.get("Import 100 rows, SQLite")).toBe("2 /s (0.1 s)");
    expect(previous.get("Lookup, SQLite")).toBe("p50 1 ms, p99 2 ms");
    // Written twice, the same: the marks stay.
    expect(withRunTable(written, heading, [["Import 100 rows, SQLite", "2 /s (0.1 s)"], ["Lookup, SQLite", "p50 1 ms, p99 2 ms"]])).toBe(written);
  });

  it("refuses a README without the marks, and says how to mend it", () => {
    expect(() => withRunTable(readme.replace(TABLE_END, ""), heading, [])).toThrow(/no main table between .* put the two marks back/);
  });
});
