/** Calendar days (`YYYY-MM-DD`) as people plan with them: no time of day, no time zone. */

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return Date.UTC(year ?? Number.NaN, (month ?? Number.NaN) - 1, date ?? Number.NaN) / DAY_MS;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** The calendar day of an instant in UTC, e.g. the server's "today". */
export function dayOf(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}
