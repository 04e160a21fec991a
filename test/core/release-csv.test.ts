import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/core/formats/csv/parse-csv.js";
import type { ParseEvent } from "../../src/core/formats/types.js";
import { coreWorlds } from "../support/core-world.js";
import * as roster from "../support/roster.js";
import { textOf } from "../support/reply-text.js";

/**
 * A release to a recipient whose tools read CSV, through the command service: the requester's
 * purpose is a spreadsheet attack (DDE through a formula), and the file the recipient receives
 * must open as text in a spreadsheet and still read back through the bot's own importer.
 */
const DIRECTORY = roster.directoryYaml({
  recipients: [{ id: "water-oost", name: "Waterbedrijf Oost", kind: "external", party: "NCSC", slack: "C0WATER01", format: "csv" }],
  language: "en",
  members: [roster.ANNA, roster.BRAM],
});
const { ANNA, BRAM } = roster.SLACK;
const ATTACK = "=cmd|' /C calc'!A0";

const worlds = coreWorlds();

describe("the CSV file of a release (Art 7.2 release, OWASP CSV injection)", () => {
  it("writes a purpose that starts with a formula so that no cell of the file can run, and the file reads back", async () => {
    const w = await worlds(DIRECTORY, "2026-11-30T09:00:00Z");
    expect(textOf(await w.as(ANNA, "submit evil.example https://evil.example/login?next=-1 tlp:green"))).toContain("I-2");
    const asked = await w.as(ANNA, `disclose I-1 I-2 to water-oost purpose ${ATTACK}, =HYPERLINK("https://evil.example/x";"open") conditions:"@SUM(1+1); -2+3"`);
    expect(textOf(asked)).toContain("R-1");
    expect(textOf(await w.run(BRAM, { name: "decide", askId: 1, choice: { decision: "approve" } }, "[button] approve"))).toContain("You approved AIVD's consent to R-1");

    const files = w.store
      .tables()
      .outbox.filter((m) => m.kind === "file" && m.target === "channel:C0WATER01")
      .map((m) => JSON.parse(m.payload) as { fileName: string; content: string });
    expect(files.map((f) => f.fileName)).toEqual(["ciic-r-1.csv"]);
    const csv = files[0].content;
    const lines = csv.split("\n");

    // The requester's words are all there, on the comment line, each inside a cell that begins
    // with a fixed word; where a reader could start a cell inside them, an apostrophe comes first.
    expect(lines[0]).toBe(
      `# CIIC disclosure R-1,TLP:GREEN,"Purpose: ${ATTACK},' =HYPERLINK(""https://evil.example/x"";""open"")",Conditions: @SUM(1+1);' -2+3`,
    );
    expect(lines.slice(1)).toEqual([
      "item_id,type,value,tlp,reliability,submitted_at",
      "I-1,domain,evil.example,GREEN,F6,2026-11-30T09:00:00.000Z",
      "I-2,url,https://evil.example/login?next=-1,GREEN,F6,2026-11-30T09:00:00.000Z",
      "",
    ]);

    // Read as a spreadsheet reads it, with commas (csv-parse) or with semicolons (a Dutch one):
    // no cell starts, past blanks and quotes, with a formula sign.
    const formula = (cell: string) => /^[\t\r]/.test(cell) || /^[=+\-@]/.test(cell.replace(/^[\s"]+/u, ""));
    for (const delimiter of [",", ";"]) {
      const rows = parse(csv, { delimiter, relax_column_count: true, relax_quotes: true }) as string[][];
      expect(rows.flat().filter(formula), `cells split at "${delimiter}"`).toEqual([]);
    }
    expect((parse(csv, { relax_column_count: true }) as string[][])[0]).toEqual([
      "# CIIC disclosure R-1",
      "TLP:GREEN",
      `Purpose: ${ATTACK},' =HYPERLINK("https://evil.example/x";"open")`,
      "Conditions: @SUM(1+1);' -2+3",
    ]);

    // The bot's own importer skips the comment and takes both indicators back, refusing nothing.
    const events: ParseEvent[] = [];
    for await (const event of parseCsv(Readable.from([Buffer.from(csv)]), { tlp: "AMBER" })) events.push(event);
    expect(events.map((e) => (e.kind === "record" ? `${e.record.type} ${e.record.value}` : e))).toEqual([
      "domain evil.example",
      "url https://evil.example/login?next=-1",
    ]);
  });
});
