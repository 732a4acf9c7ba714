/**
 * Expiry of a pledge as both sides see it coming ("expires in 2 days") and the pledger's one
 * extension. Built on `derivePledgeState` (domain/rules/pledge-status.ts), which alone decides when
 * a pledge is expired and which `extended` event counts: nothing here restates those rules.
 *
 * Days are whole days left before the (possibly extended) deadline, rounded down: a pledge whose
 * deadline is the end of tomorrow has 1 day left all day today, and 0 ("expires today") tomorrow.
 * Exactly at the deadline it is still pledged (0 days); a millisecond later it is expired.
 */
import type { Pledge } from '../schemas/pledge';
import type { PledgeEvent } from '../schemas/pledge-event';
import { derivePledgeState, type PledgeState } from './pledge-status';

const DAY_MS = 86_400_000;

/** Both sides are warned this many days (or fewer) before a pledge not yet dispatched expires. */
export const EXPIRY_WARNING_DAYS = 3;

/** Whole days left before the pledge expires, or null when expiry no longer applies (dispatched, ended). */
export function daysUntilExpiry(state: Pick<PledgeState, 'status' | 'expiresAt'>, now: number): number | null {
  if (state.status !== 'pledged' || now > state.expiresAt) return null;
  return Math.floor((state.expiresAt - now) / DAY_MS);
}

/** Whether a pledge still waiting for dispatch expires within `days` days. */
export function isExpiringSoon(state: Pick<PledgeState, 'status' | 'expiresAt'>, now: number, days = EXPIRY_WARNING_DAYS): boolean {
  const left = daysUntilExpiry(state, now);
  return left !== null && left <= days;
}

/**
 * Whether the pledger may still extend the pledge at `now`: it is only pledged (not dispatched,
 * not expired, not ended) and no extension has counted yet. The new deadline must then be later
 * than `derivePledgeState(...).expiresAt`.
 */
export function canExtend(pledge: Pledge, events: readonly PledgeEvent[], now: number): boolean {
  const state = derivePledgeState(pledge, events, now);
  if (state.status !== 'pledged') return false;
  const applied = new Set(state.applied);
  return !events.some((event) => event.kind === 'extended' && applied.has(event.id));
}
