import type { Translator } from "../i18n/translator.js";
import { fail, type Failure } from "../result.js";
import { addDays, addMonths, cellDay, quarter, quarterOf, startOfDayInCell } from "./calendar.js";

/** A period the steering group's report covers (Art 9): a quarter, a month or a year. */
export interface Period {
  /** As typed back to people: "2026-Q3", "2026-11", "2026". */
  label: string;
  /** First day, and the first day after it (YYYY-MM-DD, days in the Netherlands). */
  fromDay: string;
  toDay: string;
  from: Date;
  to: Date;
  /** The period has not ended yet: its figures run until now. */
  partial: boolean;
}

/**
 * Reads the period of `/ciic report [period]`. Without one, the last full quarter: the steering
 * group meets quarterly (Art 9), and a quarter that has ended gives figures that no longer move.
 */
export function parsePeriod(t: Translator, text: string | undefined, now: Date): Period | Failure {
  const examples = t.text("steering.period.examples");
  const today = cellDay(now);
  const typed = (text ?? "").trim();
  let label: string;
  let fromDay: string;
  let toDay: string;
  let match: RegExpExecArray | null;
  if (typed === "") {
    const current = quarterOf(today);
    const previous = quarterOf(addDays(current.from, -1));
    ({ label, from: fromDay, to: toDay } = previous);
  } else if ((match = /^(\d{4})-?Q([1-4])$/i.exec(typed))) {
    ({ label, from: fromDay, to: toDay } = quarter(Number(match[1]), Number(match[2])));
  } else if ((match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(typed))) {
    label = `${match[1]}-${match[2]}`;
    fromDay = `${label}-01`;
    toDay = addMonths(fromDay, 1);
  } else if ((match = /^(\d{4})$/.exec(typed))) {
    label = match[1];
    fromDay = `${label}-01-01`;
    toDay = addMonths(fromDay, 12);
  } else {
    const shown = typed.length > 40 ? `${typed.slice(0, 40)}…` : typed;
    return fail("report.bad_period", t.text("steering.period.unreadable", { shown, examples }));
  }
  const year = Number(fromDay.slice(0, 4));
  if (year < 2000 || year > 2999) return fail("report.bad_period", t.text("steering.period.bad_year", { label, examples }));
  if (fromDay > today) return fail("report.future_period", t.text("steering.period.future", { label, current: quarterOf(today).label }));
  return { label, fromDay, toDay, from: startOfDayInCell(fromDay), to: startOfDayInCell(toDay), partial: today < toDay };
}
