/**
 * Deadlines count working days (Monday to Friday), as the parties' offices do. Public holidays
 * are not known to the bot; a cell that needs them sets a longer default.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const result = new Date(from);
  let left = days;
  while (left > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    const day = result.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return result;
}

export const hours = (n: number) => n * 60 * 60 * 1000;

/** The cell's offices are in the Netherlands: a date typed as a deadline ends there. */
export const CELL_TIME_ZONE = "Europe/Amsterdam";

/** The last second (23:59:59) of a calendar day in the cell's time zone, as an instant. */
export function endOfDayInCell(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const utcGuess = Date.UTC(y, m - 1, d, 23, 59, 59);
  const offset = (at: number) => {
    const name = new Intl.DateTimeFormat("en-GB", { timeZone: CELL_TIME_ZONE, timeZoneName: "longOffset" })
      .formatToParts(new Date(at))
      .find((p) => p.type === "timeZoneName")!.value; // e.g. "GMT+01:00"
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
  };
  return new Date(utcGuess - offset(utcGuess - offset(utcGuess)));
}
