/**
 * Leaving a form for a need's page. Like `leaveTo` (app/routes.ts), it goes back through history
 * when the user came from exactly there; otherwise it replaces the form's entry and keeps its
 * history state, so the need page's back arrow still returns to the list the form was opened from
 * (with its filters) instead of stacking a second list entry.
 */
import { navigate } from 'wouter/use-browser-location';
import { routeHref, type Route } from '../../routes';

/** The calendar day (`YYYY-MM-DD`) of `date` in the phone's time zone. */
export function localDay(date: Date): string {
  return [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
}

export function leaveFormFor(route: Route): void {
  const state = window.history.state as { c4cFrom?: unknown } | null;
  const target = routeHref(route);
  const from = state !== null && typeof state === 'object' && typeof state.c4cFrom === 'string' ? state.c4cFrom : undefined;
  if (from !== undefined && from.split('?')[0] === target.split('?')[0]) window.history.back();
  else navigate(target, { replace: true, state });
}
