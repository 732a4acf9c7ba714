/**
 * A need's pledges with their derived status (domain/rules/pledge-status.ts), kept current as
 * pledges and their events land on the phone, and re-derived every minute (pledges expire with time).
 */
import { useEffect, useMemo, useState } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import { derivePledgeState, type PledgeState } from '../../../domain/rules/pledge-status';
import type { Need } from '../../../domain/schemas/need';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { useDocuments } from '../../db/useDocuments';

/** A pledge and what its events make of it. */
export type PledgeEntry = { pledge: Pledge; state: PledgeState };

/** The pledges of `needId`, oldest first. */
export function usePledgesOfNeed(needId: Need['id']): { pledges: PledgeEntry[]; loading: boolean } {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const pledgeQuery = useMemo<MangoQuery<Pledge>>(() => ({ selector: { needId } }), [needId]);
  const { documents: pledges, loading } = useDocuments('pledges', pledgeQuery);
  const idsKey = pledges
    .map((pledge) => pledge.id)
    .sort()
    .join('|');
  const eventQuery = useMemo<MangoQuery<PledgeEvent>>(() => ({ selector: { pledgeId: { $in: idsKey ? idsKey.split('|') : [] } } }), [idsKey]);
  const { documents: events } = useDocuments('pledge_events', eventQuery);
  const entries = useMemo(
    () =>
      pledges
        .map((pledge) => ({ pledge, state: derivePledgeState(pledge, events, now) }))
        .sort((a, b) => (a.pledge.meta?.createdAt ?? a.pledge.updatedAt) - (b.pledge.meta?.createdAt ?? b.pledge.updatedAt) || (a.pledge.id < b.pledge.id ? -1 : 1)),
    [pledges, events, now],
  );
  return { pledges: entries, loading };
}
