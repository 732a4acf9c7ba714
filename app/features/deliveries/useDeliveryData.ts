/**
 * The local reads behind the deliveries screens: everything comes from the phone's database, so
 * field volunteers work offline. Statuses are derived (never stored) and re-derived every minute,
 * because pledges expire with time, not only with writes.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import { derivePledgeState, type PledgeState } from '../../../domain/rules/pledge-status';
import { findByShortCode } from '../../../domain/rules/short-code';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { useDocument, useDocuments } from '../../db/useDocuments';
import { deliveriesOf, type Deliveries } from './delivery-lines';

/** The time statuses are derived at, moving every minute. */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A query object that keeps its identity while the set of ids does not change (RxDB re-runs on a new one). */
function useIdsQuery<T>(field: string, ids: readonly string[]): MangoQuery<T> {
  const key = [...new Set(ids)].sort().join('\n');
  return useMemo(() => ({ selector: { [field]: { $in: key ? key.split('\n') : [] } } }) as MangoQuery<T>, [field, key]);
}

/** The needs with these ids that the phone holds, by id. */
export function useNeedsById(ids: readonly Need['id'][]): ReadonlyMap<Need['id'], Need> {
  const query = useIdsQuery<Need>('id', ids);
  const { documents } = useDocuments('needs', query);
  return useMemo(() => new Map(documents.map((need) => [need.id, need])), [documents]);
}

/** The pledges arriving at and leaving `municipalityId`, with their derived states and the needs they answer. */
export function useDeliveries(municipalityId: Municipality['id'] | null): { deliveries: Deliveries; needs: ReadonlyMap<Need['id'], Need>; loading: boolean } {
  const now = useMinuteClock();
  const pledgeQuery = useMemo<MangoQuery<Pledge>>(
    () => ({ selector: { $or: [{ fromMunicipalityId: municipalityId ?? '' }, { toMunicipalityId: municipalityId ?? '' }] } }),
    [municipalityId],
  );
  const { documents: pledges, loading } = useDocuments('pledges', pledgeQuery);
  const eventQuery = useIdsQuery<PledgeEvent>('pledgeId', pledges.map((pledge) => pledge.id));
  const { documents: events } = useDocuments('pledge_events', eventQuery);
  const needs = useNeedsById(pledges.map((pledge) => pledge.needId));
  const deliveries = useMemo(
    () => (municipalityId === null ? { arriving: [], leaving: [] } : deliveriesOf(pledges, events, municipalityId, now)),
    [municipalityId, pledges, events, now],
  );
  return { deliveries, needs, loading };
}

/** One pledge with its need, its events and what they make of it; null while not on the phone. */
export type PledgeDetails = { pledge: Pledge; need: Need | null; events: PledgeEvent[]; state: PledgeState };

export function usePledgeDetails(id: Pledge['id'] | null): { details: PledgeDetails | null; loading: boolean } {
  const now = useMinuteClock();
  const { document: pledge, loading } = useDocument('pledges', id);
  const { document: need } = useDocument('needs', pledge?.needId ?? null);
  const eventQuery = useIdsQuery<PledgeEvent>('pledgeId', id ? [id] : []);
  const { documents: events } = useDocuments('pledge_events', eventQuery);
  const details = useMemo(() => (pledge ? { pledge, need, events, state: derivePledgeState(pledge, events, now) } : null), [pledge, need, events, now]);
  return { details, loading };
}

/** The pledges on the phone whose short code is `code` (normally one; none when not synced yet). */
export function usePledgesWithCode(code: string | null): { matches: Pledge[]; loading: boolean } {
  const { documents: pledges, loading } = useDocuments('pledges');
  const matches = useMemo(() => (code === null ? [] : findByShortCode(pledges, code)), [pledges, code]);
  return { matches, loading };
}
