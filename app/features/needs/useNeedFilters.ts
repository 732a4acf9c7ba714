/**
 * The needs list's filters, kept in the URL's query (need-filters.ts's codec): a reload, a shared
 * link and the back button all show the same list.
 */
import { useCallback, useMemo } from 'react';
import { useSearch } from 'wouter';
import { replaceSearch } from '../../routes';
import { needFiltersFromSearchParams, needFiltersToSearchParams, type NeedFilters } from './need-filters';

export function useNeedFilters(): [NeedFilters, (change: Partial<NeedFilters>) => void] {
  const search = useSearch();
  const filters = useMemo(() => needFiltersFromSearchParams(new URLSearchParams(search)), [search]);
  const update = useCallback(
    (change: Partial<NeedFilters>) => replaceSearch(needFiltersToSearchParams({ ...needFiltersFromSearchParams(new URLSearchParams(window.location.search)), ...change })),
    [],
  );
  return [filters, update];
}
