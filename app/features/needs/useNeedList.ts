/**
 * What the needs list shows for a set of filters: the needs on the phone that the filters select,
 * in their order. Search indexes are made once per need document (cached by its identity, which
 * stays the same while its revision does, app/db/useDocuments.ts), so a keystroke costs a scan of
 * short strings, not a re-index of 5,000 needs.
 */
import { useDeferredValue, useMemo } from 'react';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { SearchIndex } from '../../../domain/search';
import { useDocuments, useMunicipalities } from '../../db/useDocuments';
import { applyNeedFilters, needSearchIndex, type NeedFilters } from './need-filters';

const indexes = new WeakMap<Need, { municipality: Municipality | undefined; index: SearchIndex }>();

/** The search index of `need`, made again only when the need or its municipality changed. */
function searchIndexOf(need: Need, municipality: Municipality | undefined): SearchIndex {
  const known = indexes.get(need);
  if (known && known.municipality === municipality) return known.index;
  const index = needSearchIndex(need, municipality);
  indexes.set(need, { municipality, index });
  return index;
}

export type NeedList = {
  /** Every need on the phone (stable while none changes). */
  all: Need[];
  /** The needs the filters select, in their order. */
  shown: Need[];
  municipalities: ReadonlyMap<Municipality['id'], Municipality>;
  loading: boolean;
};

/** The needs `filters` select, for a member of `myMunicipalityId`. Filtering runs deferred, so typing stays responsive. */
export function useNeedList(filters: NeedFilters, myMunicipalityId: Municipality['id'] | undefined): NeedList {
  const { documents: all, loading } = useDocuments('needs');
  const { byId, loading: municipalitiesLoading } = useMunicipalities();
  const searchIndexes = useMemo(() => {
    const map = new Map<Need['id'], SearchIndex>();
    for (const need of all) map.set(need.id, searchIndexOf(need, byId.get(need.municipalityId)));
    return map;
  }, [all, byId]);
  const deferred = useDeferredValue(filters);
  const shown = useMemo(
    () => applyNeedFilters(all, deferred, { myMunicipalityId, municipalities: byId, searchIndexes }),
    [all, deferred, myMunicipalityId, byId, searchIndexes],
  );
  return { all, shown, municipalities: byId, loading: loading || municipalitiesLoading };
}
