import { useMemo } from 'react';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import { useDocuments, useMunicipalities } from '../../db/useDocuments';
import { matchesForMunicipality, type MunicipalityMatches } from './matches';
import { useLocalToday } from './useLocalToday';

const NO_MATCHES: MunicipalityMatches = { needs: [], offers: [] };

type Inputs = { key: string; needs: readonly Need[]; offers: readonly Offer[]; municipalities: readonly Municipality[] };

/**
 * The last computation, kept across visits of the screen: the database hands out the same document
 * objects while nothing changed (app/db/useDocuments.ts), so coming back to Matches finds the same
 * inputs and does not score thousands of pairs again.
 */
const remembered: { last: { inputs: Inputs; matches: MunicipalityMatches } | null } = { last: null };

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function sameInputs(a: Inputs, b: Inputs): boolean {
  return a.key === b.key && sameItems(a.needs, b.needs) && sameItems(a.offers, b.offers) && sameItems(a.municipalities, b.municipalities);
}

/** The matches of `inputs`: the remembered ones when the inputs are the same documents, else computed now. */
function matchesOf(inputs: Inputs, compute: () => MunicipalityMatches): MunicipalityMatches {
  if (remembered.last && sameInputs(remembered.last.inputs, inputs)) return remembered.last.matches;
  const matches = compute();
  remembered.last = { inputs, matches };
  return matches;
}

/**
 * Suggestions for a municipality's open needs and offers, computed on the phone from what it holds
 * (works offline), once per change of the needs, offers, municipalities or the local day — and
 * not again when the screen is opened anew over the same documents.
 */
export function useMunicipalityMatches(
  municipalityId: Municipality['id'] | null,
  perItem = 3,
): { matches: MunicipalityMatches; municipalities: ReadonlyMap<Municipality['id'], Municipality>; loading: boolean } {
  const { documents: needs, loading: needsLoading } = useDocuments('needs');
  const { documents: offers, loading: offersLoading } = useDocuments('offers');
  const { municipalities, byId, loading: municipalitiesLoading } = useMunicipalities();
  const today = useLocalToday();
  const matches = useMemo(() => {
    if (municipalityId === null) return NO_MATCHES;
    const inputs: Inputs = { key: `${municipalityId}|${today}|${perItem}`, needs, offers, municipalities };
    return matchesOf(inputs, () => matchesForMunicipality(municipalityId, needs, offers, { today, municipalities: byId }, { perItem }));
  }, [municipalityId, needs, offers, municipalities, byId, today, perItem]);
  return { matches, municipalities: byId, loading: needsLoading || offersLoading || municipalitiesLoading };
}
