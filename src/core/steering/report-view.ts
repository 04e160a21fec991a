import { csvRecord, freeText } from "../formats/csv/csv-cell.js";
import type { Block, Inline, MessageView } from "../views/message.js";
import { formatTime } from "../views/message.js";
import { addDays, longDay } from "./calendar.js";
import { AMENDMENT_COUNTS, COMMS_COUNTS, OUTCOMES, type SteeringReport } from "./report.js";

const hours = (h: number | null) => (h === null ? "–" : `${h} h`);
/** The period as people read it: its label, first and last day, and whether it is still running. */
export const periodText = (r: SteeringReport) =>
  `${r.period.label} (${longDay(r.period.fromDay)} – ${longDay(addDays(r.period.toDay, -1))}${r.period.partial ? ", until now" : ""})`;

/**
 * The report as a chat message (Art 9): figures per party, no values, no analysis text (Art 7.2).
 * `chartName` names the chart image sent with the CSV; the server's command line sends none.
 */
export function reportView(r: SteeringReport, fileName: string, chartName?: string): MessageView {
  const items = r.supplied.reduce((n, p) => n + p.total, 0);
  const corrections = r.supplied.reduce((n, p) => n + p.corrections, 0);
  const blocks: Block[] = [
    { kind: "heading", text: `Steering group report ${r.period.label}` },
    {
      kind: "paragraph",
      content: [
        `${periodText(r)}. Counts per party for the steering group's evaluation (covenant Art 9); no indicator values and no analysis text (Art 7.2). `,
        "Requests are those made in the period, with their outcome as it stands now.",
      ],
    },
    {
      kind: "fields",
      fields: [
        { label: "Items supplied", value: [`${items}${corrections ? ` (+${corrections} corrections)` : ""}`] },
        { label: "Supplied by two or more parties", value: [`${r.overlaps.indicators}`] },
        { label: "Disclosure requests", value: [`${r.requests.total}`] },
        { label: "Consent turnaround", value: [`median ${hours(r.turnaround.medianHours)}, slowest ${hours(r.turnaround.slowestHours)}`] },
        { label: "Denials", value: [`${r.denials.length}`] },
        { label: "Expired", value: [`${r.expiries.requests}`] },
      ],
    },
    { kind: "heading", text: "Items supplied per party and type" },
    list(
      r.supplied.map((p) => [{ strong: p.party }, `: ${p.total}${p.byType.length ? ` (${p.byType.map((t) => `${t.type} ${t.items}`).join(", ")})` : ""}${p.corrections ? `; ${p.corrections} corrections` : ""}`]),
      "No items were supplied in this period.",
    ),
    { kind: "heading", text: "Overlaps between parties" },
    list(
      r.overlaps.pairs.map((p) => [{ strong: `${p.parties[0]} and ${p.parties[1]}` }, `: ${p.indicators} indicators both supplied`]),
      "No indicator supplied in this period was supplied by more than one party.",
    ),
    { kind: "heading", text: "Disclosure requests and consent" },
    { kind: "paragraph", content: [OUTCOMES.map((o) => `${o} ${r.requests.outcomes[o]}`).join(" · ")] },
    list(
      r.turnaround.byParty.map((t) => [{ strong: t.party }, `: ${t.decisions} decisions, median ${hours(t.medianHours)}, slowest ${hours(t.slowestHours)}`]),
      "No consent was decided on requests of this period.",
    ),
  ];
  if (r.turnaround.slowest) {
    blocks.push({ kind: "paragraph", content: [`Slowest decision: ${r.turnaround.slowest.party} on ${r.turnaround.slowest.request}, ${hours(r.turnaround.slowestHours)} after the ask.`] });
  }
  if (r.denials.length > 0) {
    blocks.push({ kind: "heading", text: "Denials and their reasons" });
    blocks.push({ kind: "list", items: r.denials.map((d) => [{ code: d.request }, ` ${d.party}${d.decidedAt ? `, ${formatTime(d.decidedAt)}` : ""}: ${d.reason || "(no reason)"}`]) });
  }
  if (r.expiries.requests > 0) {
    blocks.push({
      kind: "paragraph",
      content: [`${r.expiries.requests} requests expired without every party's consent; unanswered: ${r.expiries.unansweredByParty.map((u) => `${u.party} ${u.asks}`).join(", ") || "none"}.`],
    });
  }
  blocks.push({ kind: "heading", text: "Communications and amendments (Art 10, 13)" });
  blocks.push({
    kind: "paragraph",
    content: [
      `Communications to third parties: ${COMMS_COUNTS.map((c) => `${c} ${r.rounds.comms[c]}`).join(" · ")}. `,
      `Amendments of the covenant: ${AMENDMENT_COUNTS.map((c) => `${c} ${r.rounds.amendments[c]}`).join(" · ")}. `,
      "Drafted and proposed count those started in the period; the outcomes, those reached in it.",
    ],
  });
  blocks.push({ kind: "heading", text: "Steering group (Art 9)" });
  blocks.push({
    kind: "paragraph",
    content: [
      r.meetings.dates.length > 0 ? `Meetings recorded in this period: ${r.meetings.dates.map(longDay).join(", ")}. ` : "No meeting is recorded for this period. ",
      "The covenant asks for at least four a year. ",
      r.evaluations.inPeriod.length > 0 ? `Evaluation due in this period: ${r.evaluations.inPeriod.map(longDay).join(", ")}. ` : "",
      `Next evaluation: ${longDay(r.evaluations.next)}.`,
    ],
  });
  blocks.push({
    kind: "paragraph",
    content: chartName
      ? ["The same figures as a CSV file, ", { code: fileName }, ", and as a chart, ", { code: chartName }, ", are in your direct messages."]
      : ["The same figures as a CSV file, ", { code: fileName }, ", are in your direct messages."],
  });
  return {
    summary: `Steering group report ${r.period.label}: ${items} items supplied, ${r.overlaps.indicators} supplied by more than one party, ${r.requests.total} disclosure requests (${r.requests.outcomes.released} released), median consent turnaround ${hours(r.turnaround.medianHours)}.`,
    blocks,
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
export function reportCsv(r: SteeringReport): string {
  const rows: (string | number | null)[][] = [["section", "party", "detail", "measure", "value"]];
  rows.push(["period", "", r.period.label, "from", r.period.fromDay], ["period", "", r.period.label, "until (exclusive)", r.period.toDay]);
  rows.push(["period", "", r.period.label, "complete", r.period.partial ? "no" : "yes"], ["period", "", "", "generated at", r.generatedAt.toISOString()]);
  for (const p of r.supplied) {
    for (const t of p.byType) rows.push(["items", p.party, t.type, "supplied", t.items]);
    rows.push(["items", p.party, "all types", "supplied", p.total], ["items", p.party, "all types", "corrections", p.corrections]);
  }
  rows.push(["overlaps", "", "all parties", "indicators", r.overlaps.indicators]);
  for (const p of r.overlaps.pairs) rows.push(["overlaps", p.parties[0], p.parties[1], "indicators", p.indicators]);
  for (const o of OUTCOMES) rows.push(["requests", "", o, "requests", r.requests.outcomes[o]]);
  rows.push(["requests", "", "all", "requests", r.requests.total]);
  rows.push(["turnaround", "", "all parties", "decisions", r.turnaround.decisions]);
  rows.push(["turnaround", "", "all parties", "median hours", r.turnaround.medianHours], ["turnaround", "", "all parties", "slowest hours", r.turnaround.slowestHours]);
  for (const t of r.turnaround.byParty) {
    rows.push(["turnaround", t.party, "", "decisions", t.decisions], ["turnaround", t.party, "", "median hours", t.medianHours], ["turnaround", t.party, "", "slowest hours", t.slowestHours]);
  }
  for (const d of r.denials) rows.push(["denials", d.party, d.request, "reason", freeText(d.reason)]);
  rows.push(["expiries", "", "all", "requests", r.expiries.requests]);
  for (const u of r.expiries.unansweredByParty) rows.push(["expiries", u.party, "", "unanswered asks", u.asks]);
  for (const c of COMMS_COUNTS) rows.push(["communications", "", "", c, r.rounds.comms[c]]);
  for (const c of AMENDMENT_COUNTS) rows.push(["amendments", "", "", c, r.rounds.amendments[c]]);
  rows.push(["meetings", "", "", "recorded", r.meetings.dates.length]);
  for (const d of r.meetings.dates) rows.push(["meetings", "", d, "date", d]);
  for (const d of r.evaluations.inPeriod) rows.push(["evaluations", "", d, "due", d]);
  rows.push(["evaluations", "", r.evaluations.next, "next", r.evaluations.next]);
  return rows.map(csvRecord).join("");
}
