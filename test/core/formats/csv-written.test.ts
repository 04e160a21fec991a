import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/core/formats/csv/parse-csv.js";
import { exportCsv } from "../../../src/core/formats/export/export-csv.js";
import type { ReleaseMarking } from "../../../src/core/formats/export/export-stix.js";
import type { StoredItem } from "../../../src/core/ports.js";
import { reportCsv } from "../../../src/core/steering/report-view.js";
import { translator } from "../../../src/core/i18n/translator.js";
import type { SteeringReport } from "../../../src/core/steering/report.js";

/**
 * Every CSV the bot writes opens in a spreadsheet without running a formula (OWASP "CSV
 * Injection"), whatever text a person put in it — a release's purpose and conditions, a denial's
 * reason, any value — and the release file still reads back through the bot's own importer.
 */

/**
 * What a spreadsheet could run, written apart from the code under test: a cell whose first
 * character, past white space and quotes, is "=", "+", "-" or "@", or that starts with a tab or a
 * carriage return.
 */
const runnable = (cell: string) => /^[\t\r]/.test(cell) || /^[=+\-@]/.test(cell.replace(/^[\s"]+/u, ""));

/** Text rich in what makes trouble: formula signs, separators, quotes, line breaks, blanks. */
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", ";", '"', "'", " ", "\u00a0", "#", "|", "a", "1", "!", "(") , maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("=cmd|' /C calc'!A0", '=HYPERLINK("http://198.51.100.1/x","click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1-1", "-2+3", ' "=1+1"', "\t=1", "\r=1"),
);

const item = (id: number, value: string, type = "domain"): StoredItem =>
  ({
    id,
    type,
    value,
    tlp: "AMBER",
    reliability: "B2",
    submittedAt: new Date("2026-11-30T09:00:00Z"),
    party: "AIVD",
    memberId: "slack:U0AIVDAN1",
    via: "slack",
    legalBasis: "Wiv 2017",
    sourceRef: null,
    note: null,
    supersedesId: null,
    correctedById: null,
  }) as unknown as StoredItem;

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

const release = (purpose: string, conditions: string | null): ReleaseMarking => ({ reference: "R-7", tlp: "AMBER", purpose, conditions });

/** Every cell of the file, as csv-parse reads it (the comment line included: a spreadsheet reads it too). */
const cells = (csv: string): string[] => (parse(csv, { relax_column_count: true }) as string[][]).flat();

/**
 * The pieces a reader that ignores quotes would make of the lines: split at line breaks, then
 * at commas, semicolons (a spreadsheet set to Dutch) and tabs.
 */
const naivePieces = (csv: string): string[] => csv.split(/\r\n|\r|\n/).flatMap((line) => line.split(/[,;\t]/));

describe("the release CSV (export-csv.ts)", () => {
  it("holds no cell a spreadsheet would run, whatever the purpose, conditions and values", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, fc.option(nasty, { nil: null }), fc.array(nasty, { maxLength: 4 }), async (purpose, conditions, values) => {
        const csv = await text(exportCsv(values.map((v, i) => item(i + 1, v)), release(purpose, conditions)));
        for (const cell of cells(csv)) expect(runnable(cell), JSON.stringify(cell)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the requester's text on one comment line that no reader can split into a runnable cell", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, fc.option(nasty, { nil: null }), async (purpose, conditions) => {
        const csv = await text(exportCsv([item(1, "evil.example")], release(purpose, conditions)));
        const [comment, header, row, end] = csv.split("\n");
        expect(comment.startsWith("# CIIC disclosure R-7,TLP:AMBER,")).toBe(true);
        expect(comment).not.toMatch(/\r/);
        expect([header, row, end]).toEqual(["item_id,type,value,tlp,reliability,submitted_at", "I-1,domain,evil.example,AMBER,B2,2026-11-30T09:00:00.000Z", ""]);
        for (const piece of naivePieces(comment)) expect(runnable(piece), JSON.stringify(piece)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("reads back through the bot's own importer: the same values, nothing refused, whatever the purpose", async () => {
    const values = fc.oneof(
      fc.ipV4(),
      fc.constantFrom("evil.example", "login-portal.example", "https://evil.example/a?x=-1&y=@z", "xn--bcher-kva.example", "d41d8cd98f00b204e9800998ecf8427e"),
      // Valid addresses that a spreadsheet would run: written with an apostrophe, read back without.
      fc.constantFrom("-alerts@evil.example", "+31@evil.example", "=1+1@evil.example"),
    );
    await fc.assert(
      fc.asyncProperty(nasty, fc.option(nasty, { nil: null }), fc.uniqueArray(values, { minLength: 1, maxLength: 5 }), async (purpose, conditions, list) => {
        const csv = await text(exportCsv(list.map((v, i) => item(i + 1, v)), release(purpose, conditions)));
        const read = [];
        for await (const event of parseCsv(Readable.from([Buffer.from(csv)]), { tlp: "AMBER" })) read.push(event);
        expect(read.filter((e) => e.kind !== "record")).toEqual([]);
        expect(read.map((e) => (e.kind === "record" ? e.record.value : undefined))).toEqual(list);
      }),
      { numRuns: 200 },
    );
  });

  it("writes a party's own export (no release) as a header and one row per item, with what the party recorded with each", async () => {
    // Since issue 16 an own export (Art 5.2) also carries legal basis, source reference and note,
    // so that another cell's import keeps them; a release does not (test above).
    const csv = await text(exportCsv([item(3, "evil.example"), item(4, "https://evil.example/a,b", "url")]));
    expect(csv).toBe(
      "item_id,type,value,tlp,reliability,submitted_at,legal_basis,source_ref,note,same_file,first_seen\n" +
        "I-3,domain,evil.example,AMBER,B2,2026-11-30T09:00:00.000Z,Wiv 2017,,,,2026-11-30T09:00:00.000Z\n" +
        'I-4,url,"https://evil.example/a,b",AMBER,B2,2026-11-30T09:00:00.000Z,Wiv 2017,,,,2026-11-30T09:00:00.000Z\n',
    );
  });
});

function report(reasons: string[]): SteeringReport {
  return {
    period: { label: "2026-Q3", fromDay: "2026-07-01", toDay: "2026-10-01", from: new Date("2026-06-30T22:00:00Z"), to: new Date("2026-09-30T22:00:00Z"), partial: false },
    generatedAt: new Date("2026-10-05T09:00:00Z"),
    supplied: [{ party: "AIVD", total: 3, corrections: 1, byType: [{ type: "ipv4", items: 3 }] }],
    overlaps: { indicators: 1, pairs: [{ parties: ["AIVD", "NCSC"], indicators: 1 }] },
    relatedOverlaps: { indicators: 1, pairs: [{ parties: ["AIVD", "MIVD"], indicators: 1 }] },
    requests: { total: 4, outcomes: { released: 1, denied: 1, expired: 1, withdrawn: 0, pending: 1 } },
    turnaround: { decisions: 2, medianHours: 17.5, slowestHours: 30, slowest: { party: "NCSC" }, byParty: [] },
    denials: reasons.map((reason) => ({ party: "NCSC", decidedAt: new Date("2026-07-15T15:00:00Z"), reason })),
    expiries: { requests: 1, unansweredByParty: [{ party: "AIVD", asks: 1 }] },
    meetings: { dates: ["2026-08-01"] },
    rounds: { comms: { drafted: 0, cleared: 0, blocked: 0, expired: 0 }, amendments: { proposed: 0, adopted: 0, blocked: 0, expired: 0 } },
    evaluations: { inPeriod: [], next: "2026-11-28" },
  };
}

describe("the steering report's CSV (report-view.ts)", () => {
  it("holds no cell a spreadsheet would run, read properly or split naively, whatever the denial reasons", () => {
    fc.assert(
      fc.property(fc.array(nasty, { minLength: 1, maxLength: 4 }), (reasons) => {
        const csv = reportCsv(translator("en"), report(reasons));
        for (const cell of cells(csv)) expect(runnable(cell), JSON.stringify(cell)).toBe(false);
        for (const piece of naivePieces(csv)) expect(runnable(piece), JSON.stringify(piece)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a reason's own words, with an apostrophe only where a cell could start", () => {
    const csv = reportCsv(translator("en"), report(["=cmd|' /C calc'!A0", "source protection; =HYPERLINK(1)", "plain, with a comma"]));
    expect(csv).toContain("denials,NCSC,,reason,'=cmd|' /C calc'!A0\n");
    expect(csv).toContain("denials,NCSC,,reason,source protection;' =HYPERLINK(1)\n");
    expect(csv).toContain('denials,NCSC,,reason,"plain, with a comma"\n');
  });
});
