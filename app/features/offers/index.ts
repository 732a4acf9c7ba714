/** The offers feature as other features see it: everything outside this folder imports it from here. */
export { applyOfferFilters, DEFAULT_OFFER_FILTERS, offerSearchIndex } from './offer-filters';
export type { OfferFilters, OfferListContext } from './offer-filters';
export { OfferCard } from './OfferCard';
export { useOffer, useOffers } from './useOffers';
export { canPostOffer, offerActions, useCanPostOffer, useOfferActions } from './useOfferActions';
export { offerPlace, offerQuantity } from './offer-format';
