/**
 * What the needs list shows for a set of filters: the needs on the phone that the filters select,
 * in their order. Search indexes are made only once something is searched, and then once per need
 * document (cached by its identity, which stays the same while its revision does,
 * app/db/useDocuments.ts), so a keystroke costs a scan of short strings, not a re-index of 5,000
 * needs, and a list of 10,000 needs that nobody searches costs no index at all. While `held` (a
 * first sync or a long catch-up is writing needs), the list keeps what it shows and follows the
 * phone's needs again once released (app/db/useDocuments.ts).
 */
import { useDeferredValue, useMemo } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
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

const NO_INDEXES: ReadonlyMap<Need['id'], SearchIndex> = new Map();
// A constant: the query runs again whenever its object changes.
const ALL_NEEDS: MangoQuery<Need> = { selector: {} };

/**
 * The needs `filters` select, for a member of `myMunicipalityId`. Filtering runs deferred, so typing
 * stays responsive.
 */
export function useNeedList(filters: NeedFilters, myMunicipalityId: Municipality['id'] | undefined, { held = false }: { held?: boolean } = {}): NeedList {
  const { documents: all, loading } = useDocuments('needs', ALL_NEEDS, { held });
  const { byId, loading: municipalitiesLoading } = useMunicipalities();
  const deferred = useDeferredValue(filters);
  const searching = deferred.q.trim() !== '';
  const searchIndexes = useMemo(() => {
    if (!searching) return NO_INDEXES;
    const map = new Map<Need['id'], SearchIndex>();
    for (const need of all) map.set(need.id, searchIndexOf(need, byId.get(need.municipalityId)));
    return map;
  }, [all, byId, searching]);
  const shown = useMemo(
    () => applyNeedFilters(all, deferred, { myMunicipalityId, municipalities: byId, searchIndexes }),
    [all, deferred, myMunicipalityId, byId, searchIndexes],
  );
  return { all, shown, municipalities: byId, loading: loading || municipalitiesLoading };
}
