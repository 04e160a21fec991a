import type { Translator } from "../i18n/translator.js";
import { OUTCOMES, type Outcome, type SteeringReport } from "./report.js";
import { periodText } from "./report-view.js";

/**
 * The report's figures as one SVG image for the steering group (Art 9): items supplied per party
 * and the outcome of the period's disclosure requests, as horizontal bars with their numbers.
 * Counts only: no indicator value and no free text of the report (a denial's reason) is drawn,
 * so the picture can travel wherever the CSV may (Art 7.2).
 *
 * The image stands on its own: no script, no link, no external font or style (a generic
 * sans-serif), so any viewer or mail client shows it the same and it calls nothing when opened.
 */
export function reportChart(t: Translator, r: SteeringReport): string {
  const body: string[] = [];
  let y = 0;
  body.push(text(MARGIN, (y += 28), t.text("steering.chart.heading"), { size: 18, weight: "bold" }));
  body.push(text(MARGIN, (y += 22), t.text("steering.chart.period", { period: periodText(t, r) }), { size: 13 }));
  body.push(text(MARGIN, (y += 18), t.text("steering.chart.counts_only"), { size: 11, fill: MUTED }));
  y += 16;

  const supplied = panel(t, y, {
    title: t.text("steering.chart.items_title"),
    axis: t.text("steering.chart.items_axis"),
    categoryAxis: t.text("steering.chart.party_axis"),
    rows: r.supplied.map((p) => ({ label: p.party, value: p.total, color: ITEM_COLOR })),
    empty: t.text("steering.chart.no_items"),
  });
  body.push(...supplied.parts);
  y = supplied.bottom + 20;

  const outcomes = panel(t, y, {
    title: t.text("steering.chart.requests_title"),
    axis: t.text("steering.chart.requests_axis"),
    categoryAxis: t.text("steering.chart.outcome_axis"),
    rows: OUTCOMES.map((o) => ({ label: t.text("steering.outcome", { outcome: o }), value: r.requests.outcomes[o], color: OUTCOME_COLOR[o] })),
    empty: t.text("steering.chart.no_requests"),
  });
  body.push(...outcomes.parts);
  const height = outcomes.bottom + 24;

  const title = t.text("steering.chart.title", { period: r.period.label });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" font-family="sans-serif" xml:lang="${t.language}">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(t.text("steering.chart.description", { period: periodText(t, r) }))}</desc>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

const WIDTH = 760;
const MARGIN = 20;
/** Room right of the plot for the number after the longest bar, so a very large one still fits. */
const VALUE_ROOM = 90;
const BAR = 20;
const GAP = 8;
const MUTED = "#555555";
const ITEM_COLOR = "#2f6f9f";
const OUTCOME_COLOR: Record<Outcome, string> = { released: "#2e7d32", denied: "#c62828", expired: "#ef8f00", withdrawn: "#757575", pending: "#1565c0" };
/** A label longer than this is cut: the plot must keep its width whatever a name holds. */
const MAX_LABEL = 24;

interface PanelSpec {
  title: string;
  axis: string;
  categoryAxis: string;
  rows: { label: string; value: number; color: string }[];
  empty: string;
}

/** One bar chart under a heading, from `top` down; returns its SVG parts and where it ends. */
function panel(t: Translator, top: number, spec: PanelSpec): { parts: string[]; bottom: number } {
  const parts: string[] = [];
  let y = top;
  parts.push(text(MARGIN, (y += 18), spec.title, { size: 14, weight: "bold" }));
  const max = Math.max(0, ...spec.rows.map((row) => row.value));
  if (spec.rows.length === 0 || max === 0) {
    parts.push(text(MARGIN, (y += 26), spec.empty, { size: 12, fill: MUTED }));
    return { parts, bottom: y + 6 };
  }

  const labels = spec.rows.map((row) => cut(row.label));
  // About 7 px a character at 12 px sans-serif: the label column fits the longest label.
  const labelWidth = Math.min(MAX_LABEL * 7, Math.max(60, ...labels.map((l) => l.length * 7))) + 8;
  const x0 = MARGIN + 18 + labelWidth;
  const plotWidth = WIDTH - x0 - VALUE_ROOM;
  const { step, end } = scale(max);
  const at = (v: number) => x0 + (v / end) * plotWidth;
  const plotTop = y + 12;
  const plotBottom = plotTop + spec.rows.length * (BAR + GAP) - GAP + 6;

  for (let tick = 0; tick <= end; tick += step) {
    const x = round(at(tick));
    parts.push(`<line x1="${x}" y1="${plotTop}" x2="${x}" y2="${plotBottom}" stroke="#dddddd" stroke-width="1"/>`);
    parts.push(text(x, plotBottom + 14, t.number(tick), { size: 10, fill: MUTED, anchor: "middle" }));
  }
  spec.rows.forEach((row, i) => {
    const barTop = plotTop + 3 + i * (BAR + GAP);
    // A bar that is not zero stays visible next to a very large one.
    const width = row.value > 0 ? Math.max(2, round(at(row.value) - x0)) : 0;
    parts.push(text(x0 - 8, barTop + BAR / 2 + 4, labels[i], { size: 12, anchor: "end" }));
    if (width > 0) parts.push(`<rect x="${x0}" y="${barTop}" width="${width}" height="${BAR}" fill="${row.color}"/>`);
    parts.push(text(x0 + width + 6, barTop + BAR / 2 + 4, t.number(row.value), { size: 12, weight: "bold" }));
  });
  parts.push(`<line x1="${x0}" y1="${plotTop}" x2="${x0}" y2="${plotBottom}" stroke="#333333" stroke-width="1"/>`);
  parts.push(`<line x1="${x0}" y1="${plotBottom}" x2="${round(at(end))}" y2="${plotBottom}" stroke="#333333" stroke-width="1"/>`);
  parts.push(text(round(x0 + plotWidth / 2), plotBottom + 32, spec.axis, { size: 11, fill: MUTED, anchor: "middle" }));
  const middle = round((plotTop + plotBottom) / 2);
  parts.push(text(MARGIN + 10, middle, spec.categoryAxis, { size: 11, fill: MUTED, anchor: "middle", rotate: true }));
  return { parts, bottom: plotBottom + 38 };
}

/** A step of 1, 2 or 5 times a power of ten giving four or five whole-number ticks, and the axis end. */
function scale(max: number): { step: number; end: number } {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power);
  return { step, end: Math.ceil(max / step) * step };
}

function text(x: number, y: number, content: string, style: { size: number; weight?: "bold"; fill?: string; anchor?: "middle" | "end"; rotate?: boolean }): string {
  const attrs = [`x="${x}"`, `y="${y}"`, `font-size="${style.size}"`];
  if (style.weight) attrs.push(`font-weight="${style.weight}"`);
  attrs.push(`fill="${style.fill ?? "#111111"}"`);
  if (style.anchor) attrs.push(`text-anchor="${style.anchor}"`);
  if (style.rotate) attrs.push(`transform="rotate(-90 ${x} ${y})"`);
  return `<text ${attrs.join(" ")}>${escapeXml(content)}</text>`;
}

const cut = (label: string) => ([...label].length > MAX_LABEL ? `${[...label].slice(0, MAX_LABEL - 1).join("")}…` : label);
const round = (n: number) => Math.round(n * 10) / 10;

/** Text and attribute values as XML reads them literally; characters XML 1.0 forbids are dropped. */
function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
