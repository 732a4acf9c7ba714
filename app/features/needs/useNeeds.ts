/**
 * Reactive reads of needs for screens (RxDB's React hooks on the local database): results change
 * as soon as a local write or a synced document lands. Screens get plain `Need` objects.
 */
import { useMemo } from 'react';
import { useLiveRxQuery, useRxDocument } from 'rxdb/plugins/react';
import type { MangoQuery } from 'rxdb/plugins/core';
import type { Need } from '../../../domain/schemas/need';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { sortNeeds } from './need-order';

// A constant: RxDB's hook re-runs the query whenever the query object changes identity.
const ALL_NEEDS: MangoQuery<Need> = { selector: {} };

/** Every need on the phone, in list order. */
export function useNeeds(): { needs: Need[]; loading: boolean } {
  const { db } = useLocalStore();
  const { results, loading } = useLiveRxQuery<Need>({ collection: db.needs, query: ALL_NEEDS });
  const needs = useMemo(() => sortNeeds(results.map((doc) => doc.toJSON() as Need)), [results]);
  return { needs, loading };
}

/** One need by id, kept current; `need` is null when it is not on the phone. */
export function useNeed(id: Need['id']): { need: Need | null; loading: boolean } {
  const { db } = useLocalStore();
  const { result, loading } = useRxDocument<Need>(db.needs, id);
  const need = useMemo(() => (result ? (result.toJSON() as Need) : null), [result]);
  return { need, loading };
}
