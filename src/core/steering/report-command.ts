import { createHash } from "node:crypto";
import { fileToAsker } from "../use-cases/asker-file.js";
import type { CommandContext } from "../use-cases/context.js";
import { refusal, type Reply } from "../views/message.js";
import { parsePeriod } from "./period.js";
import { buildReport } from "./report.js";
import { reportChart } from "./report-chart.js";
import { reportCsv, reportView } from "./report-view.js";

/**
 * `/ciic report [period]`: the figures the steering group evaluates the cell by (Art 9), as a
 * message, and as a CSV file and a chart image (SVG) in the asker's direct messages. Counts per
 * party only (Art 7.2).
 */
export async function steeringReport(ctx: CommandContext, periodText: string | undefined): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const period = parsePeriod(t, periodText, now);
  if (!("label" in period)) {
    await tx.audit.append([{ action: "steering.report_refused", actor: member.id, details: { code: period.code } }], now);
    return refusal(period.code, period.message);
  }
  const report = await buildReport(tx.steering, directory, period, now, tx, t);
  const fileName = `ciic-steering-report-${period.label}.csv`;
  const csv = reportCsv(t, report);
  const chartName = `ciic-steering-report-${period.label}.svg`;
  const chart = reportChart(t, report);
  await tx.outbox.enqueue(
    [
      ...fileToAsker(ctx, { fileName, content: csv, summary: t.text("steering.report.csv_summary", { period: period.label }) }),
      ...fileToAsker(ctx, { fileName: chartName, content: chart, summary: t.text("steering.report.chart_summary", { period: period.label }) }),
    ],
    now,
  );
  await tx.audit.append(
    [
      {
        action: "steering.reported",
        actor: member.id,
        subject: `period:${period.label}`,
        details: {
          from: period.from.toISOString(),
          to: period.to.toISOString(),
          partial: period.partial,
          items: report.supplied.reduce((n, p) => n + p.total, 0),
          requests: report.requests.total,
          file: fileName,
          sha256: createHash("sha256").update(csv).digest("hex"),
          chart: chartName,
          chartSha256: createHash("sha256").update(chart).digest("hex"),
        },
      },
    ],
    now,
  );
  return { kind: "message", view: reportView(t, report, fileName, chartName) };
}
