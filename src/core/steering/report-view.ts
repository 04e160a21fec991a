import { csvRecord, freeText } from "../formats/csv/csv-cell.js";
import type { Translator } from "../i18n/translator.js";
import type { Block, Inline, MessageView } from "../views/message.js";
import { addDays, longDay } from "./calendar.js";
import { AMENDMENT_COUNTS, COMMS_COUNTS, OUTCOMES, type SteeringReport } from "./report.js";

/** Hours as the report shows them ("17.5 h" / "17,5 u"), or a dash when nothing was decided. */
const hours = (t: Translator, h: number | null) => (h === null ? t.text("steering.no_hours") : t.text("steering.hours", { hours: t.number(h) }));

/** The period as people read it: its label, first and last day, and whether it is still running. */
export const periodText = (t: Translator, r: SteeringReport) =>
  t.text("steering.period", {
    label: r.period.label,
    from: longDay(r.period.fromDay, t.language),
    to: longDay(addDays(r.period.toDay, -1), t.language),
    running: r.period.partial ? "yes" : "no",
  });

/** "drafted 3 · cleared 1 · …": counts by the words the report uses for them. */
const counted = <K extends string>(words: readonly K[], counts: Record<K, number>, word: (k: K) => string) => words.map((k) => `${word(k)} ${counts[k]}`).join(" · ");

/**
 * The report as a chat message (Art 9): figures per party, no values, no analysis text (Art 7.2).
 * `chartName` names the chart image sent with the CSV; the server's command line sends none.
 */
export function reportView(t: Translator, r: SteeringReport, fileName: string, chartName?: string): MessageView {
  const items = r.supplied.reduce((n, p) => n + p.total, 0);
  const corrections = r.supplied.reduce((n, p) => n + p.corrections, 0);
  const day = (d: string) => longDay(d, t.language);
  const outcome = (o: string) => t.text("steering.outcome", { outcome: o });
  const roundCount = (c: string) => t.text("steering.round_count", { count: c });
  const blocks: Block[] = [
    { kind: "heading", text: t.text("steering.report.heading", { period: r.period.label }) },
    { kind: "paragraph", content: [t.text("steering.report.intro", { period: periodText(t, r) })] },
    {
      kind: "fields",
      fields: [
        { label: t.text("steering.report.items_supplied"), value: [t.text("steering.report.items_value", { items, corrections })] },
        { label: t.text("steering.report.overlap_label"), value: [`${r.overlaps.indicators}`] },
        { label: t.text("steering.report.related_label"), value: [`${r.relatedOverlaps.indicators}`] },
        { label: t.text("steering.report.requests_label"), value: [`${r.requests.total}`] },
        {
          label: t.text("steering.report.turnaround_label"),
          value: [t.text("steering.report.turnaround", { median: hours(t, r.turnaround.medianHours), slowest: hours(t, r.turnaround.slowestHours) })],
        },
        { label: t.text("steering.report.denials_label"), value: [`${r.denials.length}`] },
        { label: t.text("steering.report.expired_label"), value: [`${r.expiries.requests}`] },
      ],
    },
    { kind: "heading", text: t.text("steering.report.by_party_heading") },
    list(
      r.supplied.map((p) =>
        t.inline("steering.report.party_line", {
          party: p.party,
          total: p.total,
          types: p.byType.length ? ` (${p.byType.map((b) => `${b.type} ${b.items}`).join(", ")})` : "",
          corrections: p.corrections,
        }),
      ),
      t.text("steering.report.no_items"),
    ),
    { kind: "heading", text: t.text("steering.report.overlaps_heading") },
    list(
      r.overlaps.pairs.map((p) => t.inline("steering.report.overlap_line", { first: p.parties[0], second: p.parties[1], count: p.indicators })),
      t.text("steering.report.no_overlaps"),
    ),
    { kind: "heading", text: t.text("steering.report.related_heading") },
    list(
      r.relatedOverlaps.pairs.map((p) => t.inline("steering.report.related_line", { first: p.parties[0], second: p.parties[1], count: p.indicators })),
      t.text("steering.report.no_related"),
    ),
    { kind: "paragraph", content: [t.text("steering.report.related_note")] },
    { kind: "heading", text: t.text("steering.report.requests_heading") },
    { kind: "paragraph", content: [counted(OUTCOMES, r.requests.outcomes, outcome)] },
    list(
      r.turnaround.byParty.map((b) =>
        t.inline("steering.report.turnaround_line", { party: b.party, decisions: b.decisions, median: hours(t, b.medianHours), slowest: hours(t, b.slowestHours) }),
      ),
      t.text("steering.report.no_decisions"),
    ),
  ];
  if (r.turnaround.slowest) {
    blocks.push({
      kind: "paragraph",
      content: [t.text("steering.report.slowest", { party: r.turnaround.slowest.party, hours: hours(t, r.turnaround.slowestHours) })],
    });
  }
  if (r.denials.length > 0) {
    blocks.push({ kind: "heading", text: t.text("steering.report.denials_heading") });
    blocks.push({
      kind: "list",
      items: r.denials.map((d) =>
        t.inline("steering.report.denial", {
          party: d.party,
          // The day, not the minute, which a liaison's own consent question closing could be matched to.
          at: d.decidedAt ? t.text("steering.report.denial_at", { time: t.day(d.decidedAt) }) : "",
          reason: d.reason || t.text("steering.report.no_reason"),
        }),
      ),
    });
  }
  if (r.expiries.requests > 0) {
    const unanswered = r.expiries.unansweredByParty.map((u) => `${u.party} ${u.asks}`).join(", ") || t.text("common.none");
    blocks.push({ kind: "paragraph", content: [t.text("steering.report.expiries", { count: r.expiries.requests, unanswered })] });
  }
  blocks.push({ kind: "heading", text: t.text("steering.report.rounds_heading") });
  blocks.push({
    kind: "paragraph",
    content: [
      t.text("steering.report.comms", { counts: counted(COMMS_COUNTS, r.rounds.comms, roundCount) }) +
        t.text("steering.report.amendments", { counts: counted(AMENDMENT_COUNTS, r.rounds.amendments, roundCount) }) +
        t.text("steering.report.rounds_note"),
    ],
  });
  blocks.push({ kind: "heading", text: t.text("steering.report.group_heading") });
  blocks.push({
    kind: "paragraph",
    content: [
      (r.meetings.dates.length > 0 ? t.text("steering.report.meetings", { dates: r.meetings.dates.map(day).join(", ") }) : t.text("steering.report.no_meetings")) +
        t.text("steering.report.four_a_year") +
        (r.evaluations.inPeriod.length > 0 ? t.text("steering.report.evaluations_due", { dates: r.evaluations.inPeriod.map(day).join(", ") }) : "") +
        t.text("steering.report.next_evaluation", { day: day(r.evaluations.next) }),
    ],
  });
  blocks.push({
    kind: "paragraph",
    content: chartName ? t.inline("steering.report.files", { file: fileName, chart: chartName }) : t.inline("steering.report.file", { file: fileName }),
  });
  return {
    summary: t.text("steering.report.summary", {
      period: r.period.label,
      items,
      overlaps: r.overlaps.indicators,
      requests: r.requests.total,
      released: r.requests.outcomes.released,
      median: hours(t, r.turnaround.medianHours),
    }),
    blocks,
    language: t.language,
  };
}

function list(items: Inline[][], empty: string): Block {
  return items.length > 0 ? { kind: "list", items } : { kind: "paragraph", content: [empty] };
}

/**
 * The figures as one table a spreadsheet opens: section, party, detail, measure, value. Every
 * cell is written by csv-cell.ts, so none runs as a formula; a denial's reason is a liaison's
 * free text and is neutralised inside as well.
 */
export function reportCsv(t: Translator, r: SteeringReport): string {
  const w = (word: string) => t.text("steering.csv", { word });
  const outcome = (o: string) => t.text("steering.outcome", { outcome: o });
  const roundCount = (c: string) => t.text("steering.round_count", { count: c });
  const rows: (string | number | null)[][] = [[w("section"), w("party"), w("detail"), w("measure"), w("value")]];
  const label = r.period.label;
  rows.push([w("period"), "", label, w("from"), r.period.fromDay], [w("period"), "", label, w("until"), r.period.toDay]);
  rows.push([w("period"), "", label, w("complete"), w(r.period.partial ? "no" : "yes")], [w("period"), "", "", w("generated_at"), r.generatedAt.toISOString()]);
  for (const p of r.supplied) {
    for (const b of p.byType) rows.push([w("items"), p.party, b.type, w("supplied"), b.items]);
    rows.push([w("items"), p.party, w("all_types"), w("supplied"), p.total], [w("items"), p.party, w("all_types"), w("corrections"), p.corrections]);
  }
  rows.push([w("overlaps"), "", w("all_parties"), w("indicators"), r.overlaps.indicators]);
  for (const p of r.overlaps.pairs) rows.push([w("overlaps"), p.parties[0], p.parties[1], w("indicators"), p.indicators]);
  rows.push([w("related_overlaps"), "", w("all_parties"), w("indicators"), r.relatedOverlaps.indicators]);
  for (const p of r.relatedOverlaps.pairs) rows.push([w("related_overlaps"), p.parties[0], p.parties[1], w("indicators"), p.indicators]);
  for (const o of OUTCOMES) rows.push([w("requests"), "", outcome(o), w("requests"), r.requests.outcomes[o]]);
  rows.push([w("requests"), "", w("all"), w("requests"), r.requests.total]);
  rows.push([w("turnaround"), "", w("all_parties"), w("decisions"), r.turnaround.decisions]);
  rows.push([w("turnaround"), "", w("all_parties"), w("median_hours"), r.turnaround.medianHours], [w("turnaround"), "", w("all_parties"), w("slowest_hours"), r.turnaround.slowestHours]);
  for (const b of r.turnaround.byParty) {
    rows.push([w("turnaround"), b.party, "", w("decisions"), b.decisions], [w("turnaround"), b.party, "", w("median_hours"), b.medianHours], [w("turnaround"), b.party, "", w("slowest_hours"), b.slowestHours]);
  }
  for (const d of r.denials) rows.push([w("denials"), d.party, "", w("reason"), freeText(d.reason)]);
  rows.push([w("expiries"), "", w("all"), w("requests"), r.expiries.requests]);
  for (const u of r.expiries.unansweredByParty) rows.push([w("expiries"), u.party, "", w("unanswered_asks"), u.asks]);
  for (const c of COMMS_COUNTS) rows.push([w("communications"), "", "", roundCount(c), r.rounds.comms[c]]);
  for (const c of AMENDMENT_COUNTS) rows.push([w("amendments"), "", "", roundCount(c), r.rounds.amendments[c]]);
  rows.push([w("meetings"), "", "", w("recorded"), r.meetings.dates.length]);
  for (const d of r.meetings.dates) rows.push([w("meetings"), "", d, w("date"), d]);
  for (const d of r.evaluations.inPeriod) rows.push([w("evaluations"), "", d, w("due"), d]);
  rows.push([w("evaluations"), "", r.evaluations.next, w("next"), r.evaluations.next]);
  return rows.map(csvRecord).join("");
}
