/**
 * How well an offer fits a need: a score 0..100 to sort suggestions by, and machine-readable reasons
 * the UI translates ("covers 80 %", "same oblast", "needed in 3 days"). Pure and cheap enough to run
 * over every open offer on a slow phone.
 *
 * The score adds up weighted parts (MATCH_WEIGHTS). A pair that cannot match (unrelated category,
 * either side not open, offer no longer available) scores 0 with the one reason why. A part whose
 * data is missing (no quantity for expertise, no coordinates) gets half its weight, so missing data
 * neither wins nor sinks a match.
 */
import { CATEGORY_HXL_SECTOR, type Urgency } from '../constants';
import { daysBetween } from '../dates';
import { distanceKm } from '../geo';
import type { Need } from '../schemas/need';
import type { Offer } from '../schemas/offer';

export type MatchReason =
  | { code: 'same-category' }
  /** Another category of the same humanitarian sector (e.g. heating and shelter). */
  | { code: 'related-category' }
  | { code: 'unrelated-category' }
  | { code: 'need-not-open' }
  | { code: 'offer-not-open' }
  | { code: 'offer-expired' }
  /** The offer covers this share of the needed quantity (capped at 100). */
  | { code: 'covers-quantity'; percent: number }
  | { code: 'different-unit' }
  | { code: 'quantity-unknown' }
  | { code: 'urgency'; urgency: Urgency }
  | { code: 'needed-in-days'; days: number }
  | { code: 'deadline-passed'; days: number }
  /** The offer ends before the need's deadline: it has to go within this many days. */
  | { code: 'available-for-days'; days: number }
  | { code: 'distance-km'; km: number }
  | { code: 'remote' }
  | { code: 'same-oblast' };

export type MatchReasonCode = MatchReason['code'];

export type Match = { score: number; reasons: MatchReason[] };

/** Points of each part; they add up to 100. */
export const MATCH_WEIGHTS = { category: 25, quantity: 25, urgency: 20, timing: 10, distance: 15, oblast: 5 } as const;

const URGENCY_SHARE: Readonly<Record<Urgency, number>> = { critical: 1, high: 0.7, medium: 0.4, low: 0.2 };

/** Goods this close travel as easily as next door; from this far on, distance earns nothing. */
const NEAR_KM = 100;
const FAR_KM = 2500;

type Part = { points: number; reasons: MatchReason[] };

function categoryPart(need: Need, offer: Offer): Part | MatchReason {
  if (need.category === offer.category) return { points: MATCH_WEIGHTS.category, reasons: [{ code: 'same-category' }] };
  if (CATEGORY_HXL_SECTOR[need.category] === CATEGORY_HXL_SECTOR[offer.category]) {
    return { points: MATCH_WEIGHTS.category * 0.4, reasons: [{ code: 'related-category' }] };
  }
  return { code: 'unrelated-category' };
}

function quantityPart(need: Need, offer: Offer): Part {
  if (need.quantity === undefined || offer.quantity === undefined) {
    return { points: MATCH_WEIGHTS.quantity / 2, reasons: [{ code: 'quantity-unknown' }] };
  }
  if (need.unit !== offer.unit) return { points: 0, reasons: [{ code: 'different-unit' }] };
  const percent = Math.min(100, Math.round((offer.quantity / need.quantity) * 100));
  return { points: (MATCH_WEIGHTS.quantity * percent) / 100, reasons: [{ code: 'covers-quantity', percent }] };
}

function urgencyPart(need: Need): Part {
  return { points: MATCH_WEIGHTS.urgency * URGENCY_SHARE[need.urgency], reasons: [{ code: 'urgency', urgency: need.urgency }] };
}

function timingPart(need: Need, offer: Offer, today: string): Part {
  if (need.neededBy === undefined) return { points: MATCH_WEIGHTS.timing, reasons: [] };
  const days = daysBetween(today, need.neededBy);
  if (days < 0) return { points: 0, reasons: [{ code: 'deadline-passed', days: -days }] };
  const reasons: MatchReason[] = [{ code: 'needed-in-days', days }];
  if (offer.availableUntil !== undefined && offer.availableUntil < need.neededBy) {
    // Still usable if sent now, but the window is shorter than the need's.
    reasons.push({ code: 'available-for-days', days: daysBetween(today, offer.availableUntil) });
    return { points: MATCH_WEIGHTS.timing / 2, reasons };
  }
  return { points: MATCH_WEIGHTS.timing, reasons };
}

function distancePart(need: Need, offer: Offer): Part {
  if (offer.deliveryOptions.includes('remote') && offer.category === 'expertise') {
    return { points: MATCH_WEIGHTS.distance, reasons: [{ code: 'remote' }] };
  }
  const { lat: needLat, lon: needLon } = need.place;
  const { lat: offerLat, lon: offerLon } = offer.place;
  if (needLat === undefined || needLon === undefined || offerLat === undefined || offerLon === undefined) {
    return { points: MATCH_WEIGHTS.distance / 2, reasons: [] };
  }
  const km = distanceKm({ lat: needLat, lon: needLon }, { lat: offerLat, lon: offerLon });
  const share = Math.min(1, Math.max(0, (FAR_KM - km) / (FAR_KM - NEAR_KM)));
  return { points: MATCH_WEIGHTS.distance * share, reasons: [{ code: 'distance-km', km: Math.round(km) }] };
}

/** The oblast of a Ukrainian P-code (`UA46` of `UA4608001`), if it is one. */
function oblastOf(pcode: string | undefined): string | undefined {
  return pcode?.startsWith('UA') ? pcode.slice(0, 4) : undefined;
}

function oblastPart(need: Need, offer: Offer): Part {
  const oblast = oblastOf(need.place.pcode);
  if (oblast === undefined || oblast !== oblastOf(offer.place.pcode)) return { points: 0, reasons: [] };
  return { points: MATCH_WEIGHTS.oblast, reasons: [{ code: 'same-oblast' }] };
}

/** How well `offer` fits `need` on the calendar day `today` (`YYYY-MM-DD`). */
export function scoreMatch(need: Need, offer: Offer, today: string): Match {
  const category = categoryPart(need, offer);
  if ('code' in category) return { score: 0, reasons: [category] };
  if (need.status !== 'open') return { score: 0, reasons: [{ code: 'need-not-open' }] };
  if (offer.status !== 'open') return { score: 0, reasons: [{ code: 'offer-not-open' }] };
  if (offer.availableUntil !== undefined && offer.availableUntil < today) return { score: 0, reasons: [{ code: 'offer-expired' }] };
  const parts = [
    category,
    quantityPart(need, offer),
    urgencyPart(need),
    timingPart(need, offer, today),
    distancePart(need, offer),
    oblastPart(need, offer),
  ];
  const points = parts.reduce((sum, part) => sum + part.points, 0);
  return { score: Math.min(100, Math.max(0, Math.round(points))), reasons: parts.flatMap((part) => part.reasons) };
}
