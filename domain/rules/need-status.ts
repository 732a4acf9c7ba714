/** Status transitions of a need, and how a status changed on two phones at once is merged. */
import type { NeedStatus } from '../constants';
import type { FieldRule } from '../merge';
import { canMove, statusMergeRule, type Transitions } from './status-transitions';

/**
 * Which statuses a need may move to from each status. A published need never becomes a draft again:
 * pledges and threads point at it, and a draft is hidden from them (and deletable). Withdrawn is
 * undone by reopening.
 */
export const NEED_TRANSITIONS: Transitions<NeedStatus> = {
  draft: ['open', 'withdrawn'],
  open: ['fulfilled', 'closed', 'withdrawn'],
  fulfilled: ['open', 'closed'],
  closed: ['open'],
  withdrawn: ['open'],
};

/** True when a need may move directly from `from` to `to` (what the app offers as buttons). */
export function canMoveNeed(from: NeedStatus, to: NeedStatus): boolean {
  return canMove(NEED_TRANSITIONS, from, to);
}

/**
 * Both phones changed the status: the newer edit wins when it is a legal move from the other side's
 * status; otherwise the older one stands (so a merge never produces an illegal jump).
 */
export const needStatusRule: FieldRule = statusMergeRule(NEED_TRANSITIONS);
