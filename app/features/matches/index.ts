/** The matches feature as other features see it: everything outside this folder imports it from here. */
export { bestNeedsForOffer, bestOffersForNeed, matchesForMunicipality } from './matches';
export type { MatchContext, MunicipalityMatches, NeedMatches, OfferMatches, Suggestion } from './matches';
export { localCalendarDay } from './local-day';
export { useLocalToday } from './useLocalToday';
export { useMunicipalityMatches } from './useMunicipalityMatches';
export { mayPledge } from './may-pledge';
export { SuggestionCard } from './SuggestionCard';
