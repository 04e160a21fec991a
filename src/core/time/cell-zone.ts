import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, endOfDay, startOfDay } from "date-fns";

/**
 * The cell's clock. Its offices are in the Netherlands: every date people read or type, every
 * working day and every calendar month is one of Europe/Amsterdam. Stored instants stay UTC
 * (`Date`); this module turns them into days and months there, through @date-fns/tz, so that the
 * change between CET (UTC+1) and CEST (UTC+2) is the time-zone database's, not ours.
 */
export const CELL_TIME_ZONE = "Europe/Amsterdam";

/** The instant as a date whose fields (day, hour, …) and date-fns arithmetic are Amsterdam's. */
export const inCell = (at: Date | number): TZDate => new TZDate(typeof at === "number" ? at : at.getTime(), CELL_TIME_ZONE);

/** en-CA writes dates as YYYY-MM-DD; Intl with a cached formatter is about six times faster here than a TZDate. */
const DAY_FORMAT = new Intl.DateTimeFormat("en-CA", { timeZone: CELL_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day (YYYY-MM-DD) an instant falls on in the Netherlands. */
export const cellDay = (at: Date | number): string => DAY_FORMAT.format(at);

/** Noon of a YYYY-MM-DD day in the Netherlands: a moment safely inside that day. */
function noonOf(day: string): TZDate {
  const [y, m, d] = day.split("-").map(Number);
  return new TZDate(y, m - 1, d, 12, 0, 0, CELL_TIME_ZONE);
}

/** The first instant of a day in the Netherlands (midnight there). */
export const startOfDayInCell = (day: string): Date => new Date(startOfDay(noonOf(day)).getTime());

/** The last second (23:59:59) of a calendar day in the Netherlands: a date typed as a deadline ends there. */
export const endOfDayInCell = (day: string): Date => new Date(Math.floor(endOfDay(noonOf(day)).getTime() / 1000) * 1000);

/** The first instant of the day after the one `at` falls on, in the Netherlands (23 or 25 hours later on DST days). */
export const startOfNextDayInCell = (at: Date | number): Date => new Date(startOfDay(addDays(inCell(at), 1)).getTime());

/** The same wall-clock time `days` calendar days later (or earlier) in the Netherlands, across DST changes. */
export const addDaysInCell = (at: Date, days: number): Date => new Date(addDays(inCell(at), days).getTime());

/**
 * The same wall-clock time `months` calendar months later in the Netherlands; a day the target
 * month lacks becomes its last day (31 December + 2 months = 28 or 29 February), as a notice
 * period is read (Art 14).
 */
export const addMonthsInCell = (at: Date, months: number): Date => new Date(addMonths(inCell(at), months).getTime());
