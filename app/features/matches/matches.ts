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
 * Keeps the `limit` best suggestions seen so far, best first (ties by id), without sorting every
 * candidate: a slow phone scores thousands of pairs and keeps three per item.
 */
function keepBest<T extends { id: string }>(top: Suggestion<T>[], candidate: Suggestion<T>, limit: number): void {
  const worse = (a: Suggestion<T>, b: Suggestion<T>) => a.score < b.score || (a.score === b.score && compareIds(a.item.id, b.item.id) > 0);
  if (top.length === limit && !worse(top[limit - 1]!, candidate)) return;
  let index = top.length === limit ? limit - 1 : top.length;
  top[index] = candidate;
  while (index > 0 && worse(top[index - 1]!, top[index]!)) {
    [top[index - 1], top[index]] = [top[index]!, top[index - 1]!];
    index -= 1;
  }
}

/** Open items of other verified municipalities, by sector: what any of my items may be matched with. */
function candidatesBySector<T extends Candidate>(items: readonly T[], forMunicipalityId: string, context: MatchContext): Map<Sector, T[]> {
  return bySector(items.filter((item) => isCandidate(item, forMunicipalityId, context)));
}

/**
 * For each open need of `myMunicipalityId`, the best `perItem` offers of others, and for each of its
 * open offers, the best needs of others. Every open item is listed, those without a suggestion with
 * an empty list (the screen can say "no match yet"); items come in the order of their best score,
 * then by id. Same results as `bestOffersForNeed`/`bestNeedsForOffer` item by item, in one pass:
 * candidates are filtered and grouped once, and only the best few per item are kept.
 */
export function matchesForMunicipality(
  myMunicipalityId: Municipality['id'],
  needs: readonly Need[],
  offers: readonly Offer[],
  context: MatchContext,
  { perItem = 3 }: { perItem?: number } = {},
): MunicipalityMatches {
  const limit = Math.max(0, perItem);
  const myNeeds = needs.filter((need) => need.municipalityId === myMunicipalityId && need.status === 'open');
  const myOffers = offers.filter((offer) => offer.municipalityId === myMunicipalityId && offer.status === 'open');
  const offersBySector = myNeeds.length > 0 ? candidatesBySector(offers, myMunicipalityId, context) : new Map<Sector, Offer[]>();
  const needsBySector = myOffers.length > 0 ? candidatesBySector(needs, myMunicipalityId, context) : new Map<Sector, Need[]>();

  const needMatches: NeedMatches[] = myNeeds.map((need) => {
    const top: Suggestion<Offer>[] = [];
    if (limit > 0) {
      for (const offer of offersBySector.get(CATEGORY_HXL_SECTOR[need.category]) ?? []) {
        const match = scoreMatch(need, offer, context.today);
        if (match.score > 0) keepBest(top, { item: offer, score: match.score, reasons: match.reasons }, limit);
      }
    }
    return { need, offers: top };
  });
  const offerMatches: OfferMatches[] = myOffers.map((offer) => {
    const top: Suggestion<Need>[] = [];
    if (limit > 0) {
      for (const need of needsBySector.get(CATEGORY_HXL_SECTOR[offer.category]) ?? []) {
        const match = scoreMatch(need, offer, context.today);
        if (match.score > 0) keepBest(top, { item: need, score: match.score, reasons: match.reasons }, limit);
      }
    }
    return { offer, needs: top };
  });
  needMatches.sort((a, b) => (b.offers[0]?.score ?? 0) - (a.offers[0]?.score ?? 0) || compareIds(a.need.id, b.need.id));
  offerMatches.sort((a, b) => (b.needs[0]?.score ?? 0) - (a.needs[0]?.score ?? 0) || compareIds(a.offer.id, b.offer.id));
  return { needs: needMatches, offers: offerMatches };
}
