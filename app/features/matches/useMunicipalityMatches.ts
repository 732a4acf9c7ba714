import { useMemo } from 'react';
import type { Municipality } from '../../../domain/schemas/municipality';
import { useDocuments, useMunicipalities } from '../../db/useDocuments';
import { matchesForMunicipality, type MunicipalityMatches } from './matches';
import { useLocalToday } from './useLocalToday';

const NO_MATCHES: MunicipalityMatches = { needs: [], offers: [] };

/**
 * Suggestions for a municipality's open needs and offers, computed on the phone from what it holds
 * (works offline), once per change of the needs, offers, municipalities or the local day.
 */
export function useMunicipalityMatches(
  municipalityId: Municipality['id'] | null,
  perItem = 3,
): { matches: MunicipalityMatches; municipalities: ReadonlyMap<Municipality['id'], Municipality>; loading: boolean } {
  const { documents: needs, loading: needsLoading } = useDocuments('needs');
  const { documents: offers, loading: offersLoading } = useDocuments('offers');
  const { byId, loading: municipalitiesLoading } = useMunicipalities();
  const today = useLocalToday();
  const matches = useMemo(
    () => (municipalityId === null ? NO_MATCHES : matchesForMunicipality(municipalityId, needs, offers, { today, municipalities: byId }, { perItem })),
    [municipalityId, needs, offers, byId, today, perItem],
  );
  return { matches, municipalities: byId, loading: needsLoading || offersLoading || municipalitiesLoading };
}
