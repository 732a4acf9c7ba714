/** The offers feature as other features see it: everything outside this folder imports it from here. */
export { applyOfferFilters, DEFAULT_OFFER_FILTERS, offerSearchIndex } from './offer-filters';
export type { OfferFilters, OfferListContext } from './offer-filters';
