import { cellDay, addDaysInCell, startOfDayInCell, startOfNextDayInCell } from "./cell-zone.js";
import type { WorkingCalendar } from "./holidays.js";

/**
 * Deadlines of the cell count its working days, and reminders and escalations its working hours:
 * consent questions (Art 7.2), agreement rounds (Art 10, 13) and retention reviews. A working day
 * is a day in the Netherlands that is neither a weekend day nor a holiday of the cell's calendar
 * (holidays.ts), and a working hour is an hour of such a day, all 24 of them: "24 working hours
 * before a deadline on Monday 10:00" is Friday 10:00. Office hours are not modelled: the settings
 * count a day's whole hours, so between two ordinary weekdays they mean what they always meant.
 */

const HOUR_MS = 3_600_000;
/** Far more days than any setting allows (60 working days, 720 hours): a calendar without working days is a bug. */
const MAX_DAYS_WALKED = 1_000;

/**
 * The same time of day in the Netherlands `days` working days after `from`: Monday 10:00 + 5 is
 * next Monday 10:00, or Tuesday when a holiday falls in between.
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar): Date {
  if (days <= 0) return new Date(from);
  let counted = 0;
  for (let n = 1; n <= MAX_DAYS_WALKED; n++) {
    // Each candidate is counted from `from` itself, so a wall time that a DST change skips shifts one day only.
    const candidate = addDaysInCell(from, n);
    if (calendar.isWorkingDay(cellDay(candidate)) && ++counted >= days) return candidate;
  }
  throw new Error(`no ${days} working days within ${MAX_DAYS_WALKED} days of ${from.toISOString()}`);
}

/**
 * The scheduler asks every minute for the reminder and escalation moments of every open question
 * (up to 500 of each kind), the same answers each time; a walk costs about 0.1–0.2 ms of time-zone
 * arithmetic. So the answers are kept per calendar (one per directory version), a bounded number.
 */
const MEMO_LIMIT = 20_000;
const memos = new WeakMap<WorkingCalendar, Map<string, number>>();
function memoised(calendar: WorkingCalendar, key: string, walk: () => number): Date {
  let memo = memos.get(calendar);
  if (!memo) memos.set(calendar, (memo = new Map()));
  let result = memo.get(key);
  if (result === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, (result = walk()));
  }
  return new Date(result);
}

/** The moment `hours` working hours after `from`; time on weekends and holidays does not count. */
export function addWorkingHours(from: Date, hours: number, calendar: WorkingCalendar): Date {
  if (hours <= 0) return from;
  return memoised(calendar, `+${from.getTime()}:${hours}`, () => walkForward(from, hours, calendar));
}

function walkForward(from: Date, hours: number, calendar: WorkingCalendar): number {
  let at = from.getTime();
  let left = hours * HOUR_MS;
  for (let walked = 0; walked < MAX_DAYS_WALKED; walked++) {
    const dayEnd = startOfNextDayInCell(at).getTime();
    if (calendar.isWorkingDay(cellDay(at))) {
      if (at + left <= dayEnd) return at + left;
      left -= dayEnd - at;
    }
    at = dayEnd;
  }
  throw new Error(`no ${hours} working hours within ${MAX_DAYS_WALKED} days of ${from.toISOString()}`);
}

/** The moment `hours` working hours before `to`; time on weekends and holidays does not count. */
export function subtractWorkingHours(to: Date, hours: number, calendar: WorkingCalendar): Date {
  if (hours <= 0) return to;
  return memoised(calendar, `-${to.getTime()}:${hours}`, () => walkBack(to, hours, calendar));
}

function walkBack(to: Date, hours: number, calendar: WorkingCalendar): number {
  let at = to.getTime();
  let left = hours * HOUR_MS;
  for (let walked = 0; walked < MAX_DAYS_WALKED; walked++) {
    // The instant `at` is the end of the stretch before it, which lies on the day of the millisecond before.
    const day = cellDay(at - 1);
    const dayStart = startOfDayInCell(day).getTime();
    if (calendar.isWorkingDay(day)) {
      if (at - left >= dayStart) return at - left;
      left -= at - dayStart;
    }
    at = dayStart;
  }
  throw new Error(`no ${hours} working hours within ${MAX_DAYS_WALKED} days before ${to.toISOString()}`);
}
