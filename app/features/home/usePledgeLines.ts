import { useEffect, useMemo, useState } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { useDocuments } from '../../db/useDocuments';
import { pledgesByDirection, type PledgesByDirection } from './home-summaries';

const NO_PLEDGES: PledgesByDirection = { toUs: [], byUs: [] };

/**
 * Pledges made to and by `municipalityId`, each with its status derived from its events (never
 * stored), kept current as pledges and events sync in and as deadlines pass.
 */
export function usePledgeLines(municipalityId: Municipality['id'] | null): { pledges: PledgesByDirection; loading: boolean } {
  // Pledges expire with time, not only with writes: re-derive every minute.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const pledgeQuery = useMemo<MangoQuery<Pledge>>(
    () => ({ selector: { $or: [{ fromMunicipalityId: municipalityId ?? '' }, { toMunicipalityId: municipalityId ?? '' }] } }),
    [municipalityId],
  );
  const { documents: pledges, loading } = useDocuments('pledges', pledgeQuery);
  const idsKey = pledges.map((pledge) => pledge.id).sort().join('|');
  // Query objects keep their identity while the ids do not change: RxDB's hook re-runs on a new one.
  const eventQuery = useMemo<MangoQuery<PledgeEvent>>(() => ({ selector: { pledgeId: { $in: idsKey ? idsKey.split('|') : [] } } }), [idsKey]);
  const { documents: events } = useDocuments('pledge_events', eventQuery);
  const lines = useMemo(
    () => (municipalityId === null ? NO_PLEDGES : pledgesByDirection(pledges, events, municipalityId, now)),
    [municipalityId, pledges, events, now],
  );
  return { pledges: lines, loading };
}
