/**
 * The offers the list screen shows for its filters: every offer on the phone from a verified
 * municipality, and the member's own. Search indexes are made once per offer revision (cached by
 * the document object, whose identity is stable per revision), so typing in the search box on a
 * phone with 5,000 offers only scans precomputed strings.
 */
import { useMemo } from 'react';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Offer } from '../../../domain/schemas/offer';
import type { SearchIndex } from '../../../domain/search';
import { useMunicipalities } from '../../db/useDocuments';
import { applyOfferFilters, offerSearchIndex, type OfferFilters } from './offer-filters';
import { useOffers } from './useOffers';

type CachedIndex = { municipality: Municipality | undefined; index: SearchIndex };
const searchIndexes = new WeakMap<Offer, CachedIndex>();

/** The search index of `offer`, made again only when the offer or its municipality changed. */
function searchIndexOf(offer: Offer, municipality: Municipality | undefined): SearchIndex {
  const cached = searchIndexes.get(offer);
  if (cached && cached.municipality === municipality) return cached.index;
  const index = offerSearchIndex(offer, municipality);
  searchIndexes.set(offer, { municipality, index });
  return index;
}

/** Whether the list shows an offer: the member's own, or one of a verified municipality. */
export function isListed(offer: Offer, municipality: Municipality | undefined, myMunicipalityId: Municipality['id'] | undefined): boolean {
  return offer.municipalityId === myMunicipalityId || municipality?.verification.status === 'verified';
}

export type OfferList = {
  /** The offers the filters select, in their order. */
  offers: Offer[];
  /** Every listed offer before filtering (for the choices the filters offer). */
  listed: Offer[];
  municipalities: ReadonlyMap<Municipality['id'], Municipality>;
  loading: boolean;
};

export function useOfferList(filters: OfferFilters, myMunicipalityId: Municipality['id'] | undefined): OfferList {
  const { offers, loading: offersLoading } = useOffers();
  const { byId, loading: municipalitiesLoading } = useMunicipalities();

  const { listed, indexes } = useMemo(() => {
    const visible: Offer[] = [];
    const byOffer = new Map<Offer['id'], SearchIndex>();
    for (const offer of offers) {
      const municipality = byId.get(offer.municipalityId);
      if (!isListed(offer, municipality, myMunicipalityId)) continue;
      visible.push(offer);
      byOffer.set(offer.id, searchIndexOf(offer, municipality));
    }
    return { listed: visible, indexes: byOffer };
  }, [offers, byId, myMunicipalityId]);

  const selected = useMemo(
    () => applyOfferFilters(listed, filters, { myMunicipalityId, municipalities: byId, searchIndexes: indexes }),
    [listed, filters, myMunicipalityId, byId, indexes],
  );
  return { offers: selected, listed, municipalities: byId, loading: offersLoading || municipalitiesLoading };
}
