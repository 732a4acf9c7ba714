/**
 * The reader's calendar day. Deadlines ("needed by 15 March") are calendar days without a time
 * zone, and "needed in 3 days" must count from the day on the reader's wall, not from UTC's: in
 * Kyiv (UTC+2/+3) UTC is still on yesterday until 02:00 or 03:00.
 */

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The local calendar date of `now` as `YYYY-MM-DD` (the phone's time zone). */
export function localCalendarDay(now: Date): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Milliseconds from `now` to the next local midnight (a DST day is 23 or 25 hours long). */
export function msUntilNextLocalDay(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return next.getTime() - now.getTime();
}
