import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { translator } from "../core/i18n/translator.js";
import { systemClock, type Store } from "../core/ports.js";
import { parsePeriod } from "../core/steering/period.js";
import { buildReport } from "../core/steering/report.js";
import { reportView } from "../core/steering/report-view.js";
import { withTightHeap } from "../storage/bulk-heap.js";
import { viewText } from "./view-text.js";

type Out = { write(text: string): unknown };

/** The operator's command line speaks English, as the rest of the command-line tool does. */
const t = translator("en");

/**
 * `ciic report [period] [--json]`: the steering group's figures (Art 9) on the server, as text
 * or as JSON for further processing. Counts per party, never values (Art 7.2). Audited.
 */
export async function runReport(store: Store, args: string[], out: Out, err: Out): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
  } catch (error) {
    err.write(`${(error as Error).message}\nUsage: ciic report [2026-Q3 | 2026-11 | 2026] [--json]\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    err.write("Name one period: ciic report [2026-Q3 | 2026-11 | 2026] [--json]\n");
    return 2;
  }
  const now = systemClock.now();
  const period = parsePeriod(t, positionals[0], now);
  if (!("label" in period)) {
    err.write(`${period.message.replace(/`\/ciic report/g, "`ciic report")}\n`);
    return 2;
  }
  const record = await store.directory.current();
  if (!record) {
    err.write("No directory has been loaded yet (see `ciic directory load`).\n");
    return 1;
  }
  // A year's report reads every item of the period: with the heap held close to what it keeps, as an import's (bulk-heap.ts).
  const report = await withTightHeap(() => buildReport(store.steering, record.directory, period, now, store, t));
  await store.transaction((tx) =>
    tx.audit.append(
      [
        {
          action: "steering.reported",
          actor: `cli:${userInfo().username}`,
          subject: `period:${period.label}`,
          details: { from: period.from.toISOString(), to: period.to.toISOString(), partial: period.partial, items: report.supplied.reduce((n, p) => n + p.total, 0), requests: report.requests.total, format: values.json ? "json" : "text" },
        },
      ],
      systemClock.now(),
    ),
  );
  if (values.json) out.write(`${JSON.stringify(report, null, 2)}\n`);
  else out.write(viewText(reportView(t, report, `ciic-steering-report-${period.label}.csv`)).replace(/\nThe same figures as a CSV file[^\n]*\n$/, "\n"));
  const empty = report.supplied.every((p) => p.total === 0) && report.requests.total === 0;
  if (empty && positionals.length === 0) {
    // The default is the last full quarter, which a cell that began this quarter (the demo) has none of.
    const month = now.toISOString().slice(0, 7);
    err.write(`Nothing was supplied or requested in ${period.label}, the last full quarter that the report shows by default. Name a period to see another: ciic report ${month} (this month), ciic report ${month.slice(0, 4)}.\n`);
  }
  return 0;
}
