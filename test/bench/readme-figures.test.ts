import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { labelKey, previousFigure, previousFigures } from "../../bench/readme-figures.js";

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
});
