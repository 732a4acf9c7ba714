import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import type { Need } from '../../../domain/schemas/need';
import type { Pledge } from '../../../domain/schemas/pledge';
import { useDocuments } from '../../db/useDocuments';

/** The needs `pledges` are made against that are on the phone, by id (one query, stable while the ids are). */
export function useNeedsOf(pledges: readonly { pledge: Pick<Pledge, 'needId'> }[]): ReadonlyMap<Need['id'], Need> {
  const idsKey = [...new Set(pledges.map(({ pledge }) => pledge.needId))].sort().join('|');
  const query = useMemo<MangoQuery<Need>>(() => ({ selector: { id: { $in: idsKey ? idsKey.split('|') : [] } } }), [idsKey]);
  const { documents } = useDocuments('needs', query);
  return useMemo(() => new Map(documents.map((need) => [need.id, need])), [documents]);
}
