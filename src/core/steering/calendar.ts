import type { Language } from "../i18n/language.js";

/**
 * Calendar days as the cell's offices in the Netherlands count them. Periods, quarters and the
 * steering group's dates (Art 9) are days there, whatever time zone the server runs in.
 */

export { cellDay, startOfDayInCell } from "../time/cell-zone.js";

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** YYYY-MM-DD naming a day that exists (2023-02-31 does not). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = utc(text);
  return !Number.isNaN(date.getTime()) && iso(date) === text;
}

export function addDays(day: string, days: number): string {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + days);
  return iso(date);
}

/** Whole months later; a day the target month lacks becomes its last day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return iso(first);
}

export interface Quarter {
  /** e.g. "2026-Q4" */
  label: string;
  /** Its first day, YYYY-MM-DD. */
  from: string;
  /** The first day after it, YYYY-MM-DD. */
  to: string;
}

export function quarterOf(day: string): Quarter {
  const [y, m] = day.split("-").map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  return quarter(y, q);
}

export function quarter(year: number, q: number): Quarter {
  const from = `${String(year).padStart(4, "0")}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
  return { label: `${year}-Q${q}`, from, to: addMonths(from, 3) };
}

/**
 * Art 9: the steering group evaluates the cell six months after the covenant took effect, and
 * every year after that. The evaluation dates from `effective` on, up to and including `until`.
 */
export function evaluationDates(effective: string, until: string): string[] {
  const first = addMonths(effective, 6);
  const dates: string[] = [];
  for (let n = 0; ; n++) {
    const date = addMonths(first, 12 * n);
    if (date > until) return dates;
    dates.push(date);
  }
}

/** The first evaluation on or after `day`. */
export function nextEvaluation(effective: string, day: string): string {
  const first = addMonths(effective, 6);
  if (first >= day) return first;
  let n = Math.max(0, Number(day.slice(0, 4)) - Number(first.slice(0, 4)) - 1);
  while (addMonths(first, 12 * n) < day) n++;
  return addMonths(first, 12 * n);
}

/**
 * A calendar day as each language writes it short, through Intl (CLDR): "28 nov 2026",
 * "29 mrt 2026" in Dutch; "28 Nov 2026", "30 Sept 2026" in British English. The day is a
 * calendar day, so no zone applies (UTC only keeps the date as it is).
 */
const SHORT_DAY: Record<Language, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat("nl-NL", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }),
};

/** "28 Nov 2026" / "28 nov 2026", for messages people read. */
export function longDay(day: string, language: Language): string {
  return SHORT_DAY[language].format(utc(day));
}
