/**
 * "5 minutes ago", "yesterday", "in 2 days" in the interface language (Intl.RelativeTimeFormat,
 * one formatter per language); beyond a week, the date and time.
 */
import { formatDateTime } from '../../i18n/format';

const formatters = new Map<string, Intl.RelativeTimeFormat>();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export function formatRelativeTime(at: number, now: number, language: string): string {
  const delta = at - now;
  const distance = Math.abs(delta);
  if (distance >= WEEK) return formatDateTime(at, language);
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    formatters.set(language, formatter);
  }
  if (distance < MINUTE) return formatter.format(0, 'minute');
  if (distance < HOUR) return formatter.format(Math.trunc(delta / MINUTE), 'minute');
  if (distance < DAY) return formatter.format(Math.trunc(delta / HOUR), 'hour');
  return formatter.format(Math.trunc(delta / DAY), 'day');
}
