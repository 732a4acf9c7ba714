/** How many open needs and offers each municipality has on the phone, for the directory's cards. */
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import { useDocuments } from '../../db/useDocuments';

export type OpenCounts = { needs: number; offers: number };

// Constants: RxDB's hook re-runs the query whenever the query object changes identity.
const OPEN_NEEDS: MangoQuery<Need> = { selector: { status: 'open' } };
const OPEN_OFFERS: MangoQuery<Offer> = { selector: { status: 'open' } };

const NONE: OpenCounts = { needs: 0, offers: 0 };

/** Open needs and offers per municipality id (one pass over each list per change). */
export function useOpenCounts(): { counts: ReadonlyMap<Municipality['id'], OpenCounts>; none: OpenCounts } {
  const { documents: needs } = useDocuments('needs', OPEN_NEEDS);
  const { documents: offers } = useDocuments('offers', OPEN_OFFERS);
  const counts = useMemo(() => {
    const byMunicipality = new Map<Municipality['id'], OpenCounts>();
    const entry = (id: Municipality['id']) => {
      let counted = byMunicipality.get(id);
      if (!counted) {
        counted = { needs: 0, offers: 0 };
        byMunicipality.set(id, counted);
      }
      return counted;
    };
    for (const need of needs) entry(need.municipalityId).needs += 1;
    for (const offer of offers) entry(offer.municipalityId).offers += 1;
    return byMunicipality;
  }, [needs, offers]);
  return { counts, none: NONE };
}
