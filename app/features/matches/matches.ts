/**
 * Match suggestions: for a need, the offers that fit it best, and the other way round, scored by
 * the shared rule (domain/rules/matching.ts). Reasons stay data (codes and numbers) for the screen
 * to translate. Only open items of other, verified municipalities are suggested: pledging to oneself
 * or to an unverified account is not a match.
 *
 * Cost: candidates are grouped by HXL sector first, since the rule scores 0 across sectors, so one
 * municipality's few items are scored only against the candidates of their own sector.
 */
import { CATEGORY_HXL_SECTOR } from '../../../domain/constants';
import { scoreMatch, type MatchReason } from '../../../domain/rules/matching';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import { compareIds } from '../../lists/list-filters';

/** What matching needs besides the items: the calendar day, and which municipalities are verified. */
export type MatchContext = {
  /** Today's calendar date, `YYYY-MM-DD`, in the reader's time zone. */
  today: string;
  municipalities: ReadonlyMap<Municipality['id'], Pick<Municipality, 'verification'>>;
};

/** One suggested item with its score (1..100) and the reasons to show for it. */
export type Suggestion<T> = { item: T; score: number; reasons: MatchReason[] };

/** My need and the offers suggested for it. */
export type NeedMatches = { need: Need; offers: Suggestion<Offer>[] };
/** My offer and the needs suggested for it. */
export type OfferMatches = { offer: Offer; needs: Suggestion<Need>[] };

/** Suggestions for all of a municipality's open needs and offers, each list best first. */
export type MunicipalityMatches = { needs: NeedMatches[]; offers: OfferMatches[] };

type Sector = (typeof CATEGORY_HXL_SECTOR)[keyof typeof CATEGORY_HXL_SECTOR];

type Candidate = { id: string; municipalityId: string; status: string; category: keyof typeof CATEGORY_HXL_SECTOR };

function isCandidate(item: Candidate, forMunicipalityId: string, context: MatchContext): boolean {
  return (
    item.status === 'open' &&
    item.municipalityId !== forMunicipalityId &&
    context.municipalities.get(item.municipalityId)?.verification.status === 'verified'
  );
}

function bySector<T extends Candidate>(items: readonly T[]): Map<Sector, T[]> {
  const groups = new Map<Sector, T[]>();
  for (const item of items) {
    const sector = CATEGORY_HXL_SECTOR[item.category];
    const group = groups.get(sector);
    if (group) group.push(item);
    else groups.set(sector, [item]);
  }
  return groups;
}

function best<T extends Candidate>(
  forMunicipalityId: string,
  candidates: readonly T[],
  score: (candidate: T) => { score: number; reasons: MatchReason[] },
  context: MatchContext,
  limit: number,
): Suggestion<T>[] {
  const suggestions: Suggestion<T>[] = [];
  for (const item of candidates) {
    if (!isCandidate(item, forMunicipalityId, context)) continue;
    const match = score(item);
    if (match.score > 0) suggestions.push({ item, score: match.score, reasons: match.reasons });
  }
  suggestions.sort((a, b) => b.score - a.score || compareIds(a.item.id, b.item.id));
  return suggestions.slice(0, Math.max(0, limit));
}

/** The `limit` open offers of other verified municipalities that best fit `need`, best first (ties by id). */
export function bestOffersForNeed(need: Need, offers: readonly Offer[], context: MatchContext, limit: number): Suggestion<Offer>[] {
  if (need.status !== 'open') return [];
  const sector = CATEGORY_HXL_SECTOR[need.category];
  const sameSector = offers.filter((offer) => CATEGORY_HXL_SECTOR[offer.category] === sector);
  return best(need.municipalityId, sameSector, (offer) => scoreMatch(need, offer, context.today), context, limit);
}

/** The `limit` open needs of other verified municipalities that `offer` best fits, best first (ties by id). */
export function bestNeedsForOffer(offer: Offer, needs: readonly Need[], context: MatchContext, limit: number): Suggestion<Need>[] {
  if (offer.status !== 'open') return [];
  const sector = CATEGORY_HXL_SECTOR[offer.category];
  const sameSector = needs.filter((need) => CATEGORY_HXL_SECTOR[need.category] === sector);
  return best(offer.municipalityId, sameSector, (need) => scoreMatch(need, offer, context.today), context, limit);
}

/**
 * For each open need of `myMunicipalityId`, the best `perItem` offers of others, and for each of its
 * open offers, the best needs of others. Every open item is listed, those without a suggestion with
 * an empty list (the screen can say "no match yet"); items come in the order of their best score,
 * then by id.
 */
export function matchesForMunicipality(
  myMunicipalityId: Municipality['id'],
  needs: readonly Need[],
  offers: readonly Offer[],
  context: MatchContext,
  { perItem = 3 }: { perItem?: number } = {},
): MunicipalityMatches {
  const offersBySector = bySector(offers);
  const needsBySector = bySector(needs);
  const myNeeds = needs.filter((need) => need.municipalityId === myMunicipalityId && need.status === 'open');
  const myOffers = offers.filter((offer) => offer.municipalityId === myMunicipalityId && offer.status === 'open');

  const needMatches = myNeeds
    .map((need) => ({ need, offers: bestOffersForNeed(need, offersBySector.get(CATEGORY_HXL_SECTOR[need.category]) ?? [], context, perItem) }))
    .sort((a, b) => (b.offers[0]?.score ?? 0) - (a.offers[0]?.score ?? 0) || compareIds(a.need.id, b.need.id));
  const offerMatches = myOffers
    .map((offer) => ({ offer, needs: bestNeedsForOffer(offer, needsBySector.get(CATEGORY_HXL_SECTOR[offer.category]) ?? [], context, perItem) }))
    .sort((a, b) => (b.needs[0]?.score ?? 0) - (a.needs[0]?.score ?? 0) || compareIds(a.offer.id, b.offer.id));
  return { needs: needMatches, offers: offerMatches };
}
