import Holidays from "date-holidays";

/**
 * The days the cell does not work: weekends and the Dutch public holidays the government keeps
 * as days off, with the directory's own changes (`holidays:` in the directory file).
 *
 * The holidays come from date-holidays' rules for the Netherlands, its "public" days: New Year's
 * Day, Easter Sunday and Monday, King's Day (27 April, or Saturday 26 April when the 27th is a
 * Sunday), Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day. Good Friday is
 * not among them: the government's collective agreements do not give it off. Liberation Day
 * (5 May) is a day off for government staff only in the years that end in 0 or 5, so the
 * directory chooses (`liberationDay`).
 */

export const LIBERATION_DAY_RULES = ["every-five-years", "every-year", "never"] as const;
export type LiberationDayRule = (typeof LIBERATION_DAY_RULES)[number];

export interface HolidaySettings {
  /** Whether 5 May is a day off: in 2025, 2030, … (the default), every year, or never. */
  liberationDay: LiberationDayRule;
  /** Further days off (YYYY-MM-DD), e.g. a bridge day the offices close. */
  add: string[];
  /** Public holidays (YYYY-MM-DD) on which the cell works all the same. */
  drop: string[];
}

export const DEFAULT_HOLIDAYS: HolidaySettings = { liberationDay: "every-five-years", add: [], drop: [] };

const NETHERLANDS = new Holidays("NL");

/** Public holidays of one year by their day (YYYY-MM-DD), with their English names; the library's rules, before the directory's changes. */
function publicHolidays(year: number, liberationDay: LiberationDayRule): Map<string, string> {
  const days = new Map<string, string>();
  for (const holiday of NETHERLANDS.getHolidays(year, "en")) {
    if (holiday.type === "public") days.set(holiday.date.slice(0, 10), holiday.name);
  }
  if (liberationDay === "every-year" || (liberationDay === "every-five-years" && year % 5 === 0)) days.set(`${year}-05-05`, "Liberation Day");
  return days;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The weekday of a calendar day (a date without a time, so no time zone is involved). */
export const weekdayOf = (day: string): string => WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()];

export interface WorkingCalendar {
  /** Why the cell does not work on a day (YYYY-MM-DD): "Saturday", "King's Day", "a day off added in the directory"; undefined on a working day. */
  dayOff(day: string): string | undefined;
  isWorkingDay(day: string): boolean;
}

export function workingCalendar(settings: HolidaySettings = DEFAULT_HOLIDAYS): WorkingCalendar {
  const added = new Set(settings.add);
  const dropped = new Set(settings.drop);
  const byYear = new Map<number, Map<string, string>>();
  const holidayOn = (day: string) => {
    const year = Number(day.slice(0, 4));
    if (!byYear.has(year)) byYear.set(year, publicHolidays(year, settings.liberationDay));
    return byYear.get(year)!.get(day);
  };
  const dayOff = (day: string): string | undefined => {
    const weekday = weekdayOf(day);
    if (weekday === "Saturday" || weekday === "Sunday") return weekday;
    if (added.has(day)) return "a day off added in the directory";
    return dropped.has(day) ? undefined : holidayOn(day);
  };
  return { dayOff, isWorkingDay: (day) => dayOff(day) === undefined };
}

const calendars = new WeakMap<HolidaySettings, WorkingCalendar>();
const DEFAULT_CALENDAR = workingCalendar();

/**
 * The working calendar of a directory: without `holidays` (directories loaded before it existed)
 * the built-in one. Directories in force are frozen per version, so one calendar serves each.
 */
export function calendarOf(directory: { holidays?: HolidaySettings }): WorkingCalendar {
  const settings = directory.holidays;
  if (!settings) return DEFAULT_CALENDAR;
  let calendar = calendars.get(settings);
  if (!calendar) calendars.set(settings, (calendar = workingCalendar(settings)));
  return calendar;
}

/**
 * What is wrong with a directory's holiday changes, each with where (`add`/`drop` and its index):
 * a day named twice or in both lists, a weekend day added (it is never worked anyway), a public
 * holiday added, a day dropped that is no public holiday. Each would be a no-op that looks like
 * a decision, so the file is refused rather than silently doing nothing.
 */
export function holidayProblems(settings: HolidaySettings): { path: ["add" | "drop", number]; message: string }[] {
  const problems: { path: ["add" | "drop", number]; message: string }[] = [];
  const builtIn = (day: string) => publicHolidays(Number(day.slice(0, 4)), settings.liberationDay).get(day);
  const seen = new Set<string>();
  const check = (list: "add" | "drop", day: string, index: number, problem: string | undefined) => {
    if (seen.has(day)) problems.push({ path: [list, index], message: `${day} is named more than once in holidays.add and holidays.drop` });
    else if (problem) problems.push({ path: [list, index], message: problem });
    seen.add(day);
  };
  settings.add.forEach((day, i) => {
    const weekday = weekdayOf(day);
    const holiday = builtIn(day);
    check(
      "add",
      day,
      i,
      weekday === "Saturday" || weekday === "Sunday"
        ? `${day} is a ${weekday}, never a working day: adding it changes nothing`
        : holiday
          ? `${day} is already a public holiday (${holiday}): adding it changes nothing`
          : undefined,
    );
  });
  settings.drop.forEach((day, i) => {
    check("drop", day, i, builtIn(day) ? undefined : `${day} is not a public holiday the bot knows (${weekdayOf(day)}): there is nothing to drop`);
  });
  return problems;
}
