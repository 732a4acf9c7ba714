/** Status transitions of an offer, and how a status changed on two phones at once is merged. */
import type { OfferStatus } from '../constants';
import type { FieldRule } from '../merge';
import { canMove, statusMergeRule, type Transitions } from './status-transitions';

/**
 * Which statuses an offer may move to. `reserved` holds it for a pledge being arranged; `exhausted`
 * means given away (restocking reopens it); `withdrawn` takes it off the market.
 */
export const OFFER_TRANSITIONS: Transitions<OfferStatus> = {
  open: ['reserved', 'exhausted', 'withdrawn'],
  reserved: ['open', 'exhausted', 'withdrawn'],
  exhausted: ['open', 'withdrawn'],
  withdrawn: ['open'],
};

/** True when an offer may move directly from `from` to `to`. */
export function canMoveOffer(from: OfferStatus, to: OfferStatus): boolean {
  return canMove(OFFER_TRANSITIONS, from, to);
}

/** Both phones changed an offer's status: same replay rule as for needs (see status-transitions.ts). */
export const offerStatusRule: FieldRule = statusMergeRule(OFFER_TRANSITIONS);
