import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths } from "../../../src/core/covenant-life/withdrawal.js";
import { cellDay, endOfDayInCell } from "../../../src/core/time/cell-zone.js";
import { formatDay, formatTime } from "../../../src/core/time/format-time.js";
import { holidayProblems, weekdayOf, workingCalendar } from "../../../src/core/time/holidays.js";
import { addWorkingDays, addWorkingHours, subtractWorkingHours } from "../../../src/core/time/working-time.js";

/**
 * The cell's clock: Europe/Amsterdam for everything people read, Dutch public holidays for
 * working days, working hours for reminders and escalations, Amsterdam months for the notice
 * period of Art 14. Instants are written in UTC, as they are stored.
 */
const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const NL = workingCalendar();

describe("times are shown in Amsterdam time with the zone's name", () => {
  it("shows winter time as CET and summer time as CEST, in English by default", () => {
    expect(formatTime(at("2026-12-10T04:31:00Z"))).toBe("2026-12-10 05:31 CET");
    expect(formatTime(at("2026-07-01T10:00:00Z"))).toBe("2026-07-01 12:00 CEST");
    expect(formatTime(at("2026-07-01T10:00:00Z"), "en")).toBe("2026-07-01 12:00 CEST");
  });

  it("shows Dutch with Dutch month names", () => {
    expect(formatTime(at("2026-12-10T04:31:00Z"), "nl")).toBe("10 dec 2026 05:31 CET");
    expect(formatTime(at("2026-03-29T01:00:00Z"), "nl")).toBe("29 mrt 2026 03:00 CEST");
  });

  it("turns to CEST at 01:00 UTC on the last Sunday of March, when 02:00 CET becomes 03:00 CEST", () => {
    expect(formatTime(at("2026-03-29T00:59:00Z"))).toBe("2026-03-29 01:59 CET");
    expect(formatTime(at("2026-03-29T01:00:00Z"))).toBe("2026-03-29 03:00 CEST");
  });

  it("turns back to CET at 01:00 UTC on the last Sunday of October, when 03:00 CEST becomes 02:00 CET", () => {
    expect(formatTime(at("2026-10-25T00:59:00Z"))).toBe("2026-10-25 02:59 CEST");
    expect(formatTime(at("2026-10-25T01:00:00Z"))).toBe("2026-10-25 02:00 CET");
  });

  it("shows the Amsterdam day of a moment just before midnight UTC", () => {
    expect(formatDay(at("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(formatDay(at("2026-12-31T23:30:00Z"), "nl")).toBe("1 jan 2027");
    expect(cellDay(at("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });

  it("ends a typed day at 23:59:59 in Amsterdam, on both sides of the clock change", () => {
    expect(endOfDayInCell("2026-03-28").toISOString()).toBe("2026-03-28T22:59:59.000Z");
    expect(endOfDayInCell("2026-03-29").toISOString()).toBe("2026-03-29T21:59:59.000Z");
  });
});

describe("working days skip the Dutch public holidays", () => {
  it("lands a deadline across King's Day one working day later (27 April 2026 is a Monday)", () => {
    // Friday 24 April 10:00 CEST + 5 working days: Tue 28, Wed 29, Thu 30, Fri 1, Mon 4 May.
    expect(NL.dayOff("2026-04-27")).toBe("King's Day");
    expect(addWorkingDays(at("2026-04-24T08:00:00Z"), 5, NL).toISOString()).toBe("2026-05-04T08:00:00.000Z");
    // Without the holiday it would have been Friday 1 May.
    const noKingsDay = workingCalendar({ liberationDay: "every-five-years", add: [], drop: ["2026-04-27"] });
    expect(addWorkingDays(at("2026-04-24T08:00:00Z"), 5, noKingsDay).toISOString()).toBe("2026-05-01T08:00:00.000Z");
  });

  it("lands a deadline across King's Day one working day later in 2027 too (a Tuesday)", () => {
    expect(NL.dayOff("2027-04-27")).toBe("King's Day");
    // Monday 26 April + 1 working day: Wednesday 28 April.
    expect(addWorkingDays(at("2027-04-26T07:00:00Z"), 1, NL).toISOString()).toBe("2027-04-28T07:00:00.000Z");
  });

  it("moves King's Day to Saturday 26 April when the 27th is a Sunday (2025), which costs no working day", () => {
    expect(weekdayOf("2025-04-27")).toBe("Sunday");
    expect(NL.dayOff("2025-04-26")).toBe("Saturday");
    // The holiday itself is on the 26th: that is the day a directory could drop, not the 27th.
    expect(holidayProblems({ liberationDay: "every-five-years", add: [], drop: ["2025-04-26"] })).toEqual([]);
    expect(holidayProblems({ liberationDay: "every-five-years", add: [], drop: ["2025-04-27"] })).toEqual([
      { path: ["drop", 0], message: "2025-04-27 is not a public holiday the bot knows (Sunday): there is nothing to drop" },
    ]);
    // Friday 25 April + 1 working day is Monday 28 April: neither weekend day is counted, nor is the 28th skipped.
    expect(addWorkingDays(at("2025-04-25T08:00:00Z"), 1, NL).toISOString()).toBe("2025-04-28T08:00:00.000Z");
    expect(NL.isWorkingDay("2025-04-28")).toBe(true);
  });

  it("skips Christmas and Boxing Day, Easter Monday, Ascension Day and Whit Monday", () => {
    // Thursday 24 December 2026 + 1: Friday 25 and Saturday 26 are off, so Monday 28.
    expect(addWorkingDays(at("2026-12-24T09:00:00Z"), 1, NL).toISOString()).toBe("2026-12-28T09:00:00.000Z");
    expect(NL.dayOff("2027-12-27")).toBeUndefined(); // Boxing Day 2027 is a Sunday; the Monday after is worked
    expect(NL.dayOff("2026-04-06")).toBe("Easter Monday");
    expect(addWorkingDays(at("2026-04-03T09:00:00Z"), 1, NL).toISOString()).toBe("2026-04-07T09:00:00.000Z"); // Good Friday 11:00 CEST → Tuesday
    expect(NL.dayOff("2026-05-14")).toBe("Ascension Day");
    expect(addWorkingDays(at("2026-05-13T09:00:00Z"), 1, NL).toISOString()).toBe("2026-05-15T09:00:00.000Z");
    expect(NL.dayOff("2026-05-25")).toBe("Whit Monday");
    expect(addWorkingDays(at("2026-05-22T09:00:00Z"), 1, NL).toISOString()).toBe("2026-05-26T09:00:00.000Z");
    expect(NL.dayOff("2026-01-01")).toBe("New Year's Day");
  });

  it("works on Good Friday, as the government does", () => {
    expect(NL.isWorkingDay("2026-04-03")).toBe(true);
  });

  it("keeps Liberation Day every five years by default (2025, 2030), or as the directory says", () => {
    expect(NL.dayOff("2025-05-05")).toBe("Liberation Day");
    expect(NL.isWorkingDay("2026-05-05")).toBe(true);
    expect(workingCalendar({ liberationDay: "every-year", add: [], drop: [] }).dayOff("2026-05-05")).toBe("Liberation Day");
    expect(workingCalendar({ liberationDay: "never", add: [], drop: [] }).isWorkingDay("2025-05-05")).toBe(true);
  });

  it("honours the directory's added and dropped days", () => {
    const cell = workingCalendar({ liberationDay: "every-five-years", add: ["2026-05-15", "2026-12-24"], drop: ["2026-05-14"] });
    expect(cell.dayOff("2026-05-15")).toBe("a day off added in the directory");
    expect(cell.isWorkingDay("2026-05-14")).toBe(true);
    // Wednesday 13 May + 2: Thursday 14 (Ascension, worked here), Friday 15 off, so Monday 18.
    expect(addWorkingDays(at("2026-05-13T09:00:00Z"), 2, cell).toISOString()).toBe("2026-05-18T09:00:00.000Z");
    // Wednesday 23 December + 1: 24 December added, 25 and 26 December holidays, so Monday 28.
    expect(addWorkingDays(at("2026-12-23T09:00:00Z"), 1, cell).toISOString()).toBe("2026-12-28T09:00:00.000Z");
  });

  it("keeps the time of day in Amsterdam across a clock change", () => {
    // Friday 23 October 2026 10:00 CEST + 1 working day = Monday 26 October 10:00 CET, an hour later in UTC.
    expect(addWorkingDays(at("2026-10-23T08:00:00Z"), 1, NL).toISOString()).toBe("2026-10-26T09:00:00.000Z");
  });

  it("never lands a working-day deadline on a weekend or a holiday (property)", () => {
    const cell = workingCalendar({ liberationDay: "every-year", add: ["2026-12-24", "2027-05-07"], drop: [] });
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2032-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(NL, cell),
        (from, days, calendar) => {
          const deadline = addWorkingDays(from, days, calendar);
          const day = cellDay(deadline);
          expect(calendar.dayOff(day), `${from.toISOString()} + ${days} = ${day}`).toBeUndefined();
          expect(deadline.getTime()).toBeGreaterThan(from.getTime());
          // Every working day in between was counted, and no more.
          let counted = 0;
          for (let d = cellDay(from); d < day; ) {
            d = cellDay(new Date(endOfDayInCell(d).getTime() + 2_000));
            if (calendar.isWorkingDay(d)) counted++;
          }
          expect(counted).toBe(days);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("reminders and escalations count working hours", () => {
  it("reminds 24 working hours before a Monday deadline on the Friday before, at the same hour", () => {
    expect(subtractWorkingHours(at("2026-12-07T09:00:00Z"), 24, NL).toISOString()).toBe("2026-12-04T09:00:00.000Z");
  });

  it("escalates 8 working hours after a Friday evening ask on Monday morning", () => {
    // Friday 4 December 20:00 CET: 4 hours of Friday count, the weekend does not, 4 more on Monday.
    expect(addWorkingHours(at("2026-12-04T19:00:00Z"), 8, NL).toISOString()).toBe("2026-12-07T03:00:00.000Z");
    expect(formatTime(addWorkingHours(at("2026-12-04T19:00:00Z"), 8, NL))).toBe("2026-12-07 04:00 CET");
  });

  it("does not count an ask made on a Saturday until Monday begins", () => {
    expect(formatTime(addWorkingHours(at("2026-12-05T10:00:00Z"), 24, NL))).toBe("2026-12-08 00:00 CET");
  });

  it("does not count holidays either: a reminder before the Monday after Christmas lands on Thursday 24 December", () => {
    // Deadline Monday 28 December 2026 10:00 CET; Friday 25 and Saturday 26, Sunday 27 do not count.
    expect(formatTime(subtractWorkingHours(at("2026-12-28T09:00:00Z"), 24, NL))).toBe("2026-12-24 10:00 CET");
  });

  it("counts hours across a clock change by the clock: a working day has 24 of them", () => {
    // The clocks change on Sundays, never a working day: Friday 10:00 CET + 24 working hours = Monday 10:00 CEST.
    expect(formatTime(addWorkingHours(at("2026-03-27T09:00:00Z"), 24, NL))).toBe("2026-03-30 10:00 CEST");
  });

  it("takes 0 hours as at once", () => {
    const saturday = at("2026-12-05T10:00:00Z");
    expect(addWorkingHours(saturday, 0, NL)).toEqual(saturday);
    expect(subtractWorkingHours(saturday, 0, NL)).toEqual(saturday);
  });

  it("is the inverse of itself between working moments (property)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }), fc.integer({ min: 1, max: 720 }), (from, hours) => {
        fc.pre(NL.isWorkingDay(cellDay(from)));
        const later = addWorkingHours(from, hours, NL);
        expect(later.getTime() - from.getTime()).toBeGreaterThanOrEqual(hours * HOUR);
        expect(subtractWorkingHours(later, hours, NL).getTime()).toBe(from.getTime());
      }),
      { numRuns: 200 },
    );
  });
});

describe("the notice period of Art 14 counts calendar months in Amsterdam", () => {
  it("takes a notice given on 31 December just after midnight in Amsterdam (still 30 December in UTC) to 28 February", () => {
    const notice = at("2026-12-30T23:30:00Z"); // 31 December 00:30 CET
    const effective = addMonths(notice, 2);
    expect(formatTime(effective)).toBe("2027-02-28 00:30 CET");
    expect(effective.toISOString()).toBe("2027-02-27T23:30:00.000Z");
  });

  it("takes a notice given on 1 January just after midnight in Amsterdam (31 December in UTC) to 1 March", () => {
    expect(formatTime(addMonths(at("2026-12-31T23:30:00Z"), 2))).toBe("2027-03-01 00:30 CET");
  });

  it("keeps the hour in Amsterdam when the clocks change in between, and ends a leap February on the 29th", () => {
    // 31 January 13:00 CET → 31 March 13:00 CEST: the same wall time, an hour earlier in UTC.
    expect(addMonths(at("2027-01-31T12:00:00Z"), 2).toISOString()).toBe("2027-03-31T11:00:00.000Z");
    expect(formatTime(addMonths(at("2027-12-31T12:00:00Z"), 2))).toBe("2028-02-29 13:00 CET");
  });
});
