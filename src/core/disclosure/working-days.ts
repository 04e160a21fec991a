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
