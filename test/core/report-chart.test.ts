import { describe, expect, it } from "vitest";
import type { PartyCode } from "../../src/core/covenant/parties.js";
import type { SteeringReport } from "../../src/core/steering/report.js";
import { reportChart } from "../../src/core/steering/report-chart.js";
import { translator } from "../../src/core/i18n/translator.js";

const en = translator("en");

/**
 * The steering group's report as a chart image (Art 9): a self-contained SVG of counts per party,
 * never an indicator value or a denial's text (Art 7.2).
 */
function report(over: Partial<SteeringReport> = {}): SteeringReport {
  return {
    period: { label: "2026-Q3", fromDay: "2026-07-01", toDay: "2026-10-01", from: new Date("2026-06-30T22:00:00Z"), to: new Date("2026-09-30T22:00:00Z"), partial: false },
    generatedAt: new Date("2026-10-05T09:00:00Z"),
    supplied: [
      { party: "AIVD", total: 3, corrections: 1, byType: [{ type: "ipv4", items: 2 }, { type: "domain", items: 1 }] },
      { party: "NCSC", total: 17, corrections: 0, byType: [{ type: "ipv4", items: 17 }] },
    ],
    overlaps: { indicators: 1, pairs: [{ parties: ["AIVD", "NCSC"], indicators: 1 }] },
    relatedOverlaps: { indicators: 1, pairs: [{ parties: ["AIVD", "MIVD"], indicators: 1 }] },
    requests: { total: 4, outcomes: { released: 1, denied: 1, expired: 1, withdrawn: 0, pending: 1 } },
    turnaround: { decisions: 2, medianHours: 17.5, slowestHours: 30, slowest: { party: "NCSC" }, byParty: [] },
    // A reason as a liaison typed it, value and all: the chart must not carry it whatever it holds.
    denials: [{ party: "NCSC", decidedAt: new Date("2026-07-15T15:00:00Z"), reason: "It concerns 198.51.100.7 and evil.example" }],
    expiries: { requests: 1, unansweredByParty: [{ party: "AIVD", asks: 1 }] },
    meetings: { dates: [] },
    rounds: { comms: { drafted: 0, cleared: 0, blocked: 0, expired: 0 }, amendments: { proposed: 0, adopted: 0, blocked: 0, expired: 0 } },
    evaluations: { inPeriod: [], next: "2026-11-28" },
    ...over,
  };
}

/**
 * Problems that keep `xml` from being one well-formed element: tags that do not nest or close,
 * quotes left open, and `<` or a bare `&` in text or attribute values.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  let roots = 0;
  for (let i = 0; i < xml.length; ) {
    if (xml[i] === "<") {
      tag.lastIndex = i;
      const m = tag.exec(xml);
      if (!m) return [...problems, `malformed tag at ${i}: ${xml.slice(i, i + 40)}`];
      const [whole, closing, name, attrs, selfClosing] = m;
      for (const value of attrs.matchAll(/="([^"]*)"/g)) if (/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(value[1])) problems.push(`bare & in ${whole}`);
      if (closing) {
        if (open.pop() !== name) problems.push(`</${name}> closes nothing open at ${i}`);
      } else if (!selfClosing) {
        if (open.length === 0) roots++;
        open.push(name);
      } else if (open.length === 0) roots++;
      i += whole.length;
    } else if (xml[i] === "&") {
      entity.lastIndex = i;
      const m = entity.exec(xml);
      if (!m) problems.push(`bare & at ${i}`);
      i += m ? m[0].length : 1;
    } else {
      if (open.length === 0 && xml[i].trim() !== "") problems.push(`text outside the root at ${i}`);
      i++;
    }
  }
  if (open.length > 0) problems.push(`never closed: ${open.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** The text content of every <text> element, entities read back. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&"),
  );

describe("the steering group's report as a chart (Art 9)", () => {
  it("is one well-formed, self-contained SVG element naming the period and the report", () => {
    const svg = reportChart(en, report());
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('font-family="sans-serif"');
    // Nothing it would fetch or run when opened.
    expect(svg).not.toMatch(/href|<script|<style|@import|url\(|<foreignObject|\bon[a-z]+=/i);
    const shown = texts(svg);
    expect(shown).toContain("CIIC steering group report (covenant Art 9)");
    expect(shown).toContain("Period 2026-Q3 (1 Jul 2026 – 30 Sept 2026)");
  });

  it("draws a bar per party with items, with its count, and the requests by outcome, with axis labels", () => {
    const shown = texts(reportChart(en, report()));
    expect(shown).toEqual(expect.arrayContaining(["Items supplied per party", "Party", "Items supplied in the period", "AIVD", "3", "NCSC", "17"]));
    expect(shown).toEqual(expect.arrayContaining(["Outcome", "Disclosure requests", "released", "denied", "expired", "withdrawn", "pending"]));
    // A party with a count sits next to it: the label and its number on the same row.
    const svg = reportChart(en, report());
    const rowOf = (label: string) => new RegExp(`<text x="[\\d.]+" y="([\\d.]+)"[^>]*text-anchor="end">${label}</text>`).exec(svg)?.[1];
    const numberAt = (y: string | undefined) => new RegExp(`<text x="[\\d.]+" y="${y}"[^>]*font-weight="bold"[^>]*>([^<]*)</text>`).exec(svg)?.[1];
    expect(numberAt(rowOf("AIVD"))).toBe("3");
    expect(numberAt(rowOf("NCSC"))).toBe("17");
    expect(numberAt(rowOf("withdrawn"))).toBe("0");
  });

  it("never carries an indicator value or a denial's text", () => {
    const svg = reportChart(en, report());
    for (const value of ["198.51.100", "evil.example", "It concerns"]) expect(svg).not.toContain(value);
  });

  it("escapes a party and a period that hold XML's own characters", () => {
    const odd = report({
      period: { ...report().period, label: `Q<3>&"'` },
      supplied: [{ party: "A<&>B" as PartyCode, total: 2, corrections: 0, byType: [] }],
    });
    const svg = reportChart(en, odd);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain("A&lt;&amp;&gt;B");
    expect(svg).toContain("Q&lt;3&gt;&amp;&quot;&apos;");
    expect(svg).not.toContain("A<&>B");
    expect(texts(svg)).toContain("A<&>B");
  });

  it("says so when the period has no items and no requests, and stays well-formed", () => {
    const empty = report({ supplied: [], requests: { total: 0, outcomes: { released: 0, denied: 0, expired: 0, withdrawn: 0, pending: 0 } } });
    const svg = reportChart(en, empty);
    expect(xmlProblems(svg)).toEqual([]);
    expect(texts(svg)).toEqual(expect.arrayContaining(["No items in this period.", "No disclosure requests in this period."]));
    expect(svg).not.toMatch(/NaN|Infinity/);
    // A party whose only work was corrections has nothing to draw either.
    expect(texts(reportChart(en, report({ supplied: [{ party: "AIVD", total: 0, corrections: 2, byType: [] }] })))).toContain("No items in this period.");
  });

  it("keeps one very large bar inside the image, its number after it, and a small one still visible", () => {
    const svg = reportChart(en, report({ supplied: [{ party: "AIVD", total: 1, corrections: 0, byType: [] }, { party: "NCSC", total: 1_234_567, corrections: 0, byType: [] }] }));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="20"/g)].map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));
    expect(bars.length).toBe(2 + 4); // two parties, four outcomes that are not zero
    for (const bar of bars) {
      expect(bar.width).toBeGreaterThanOrEqual(2);
      expect(bar.x + bar.width).toBeLessThanOrEqual(width);
    }
    const big = /<text x="([\d.]+)"[^>]*>1,234,567<\/text>/.exec(svg);
    expect(big).not.toBeNull();
    // "1,234,567" at 12 px is about 60 px wide: it fits between its bar's end and the edge.
    expect(Number(big![1]) + 60).toBeLessThanOrEqual(width);
  });
});
