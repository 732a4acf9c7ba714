/**
 * The offers list's filters as the URL holds them: read from the query on every location change,
 * written back by replacing the current history entry, so a reload, a shared link and the back
 * button keep them.
 */
import { useCallback, useMemo } from 'react';
import { useSearch } from 'wouter';
import { replaceSearch } from '../../routes';
import { offerFiltersFromSearchParams, offerFiltersToSearchParams, type OfferFilters } from './offer-filters';

export function useOfferFilters(): [OfferFilters, (next: OfferFilters) => void] {
  const search = useSearch();
  const filters = useMemo(() => offerFiltersFromSearchParams(new URLSearchParams(search)), [search]);
  const setFilters = useCallback((next: OfferFilters) => replaceSearch(offerFiltersToSearchParams(next)), []);
  return [filters, setFilters];
}
