/**
 * Pledged and received totals of the listed needs, derived on the phone from the pledges and
 * pledge events it holds (never stored counters; domain/rules/need-totals.ts), kept current as
 * pledges and events sync in.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { deriveNeedTotals, type NeedTotals } from '../../../domain/rules/need-totals';
import { groupEventsByPledge } from '../../../domain/rules/pledge-status';
import type { Need, Pledge, PledgeEvent } from '../../../domain/schemas/index';
import { useLocalStore } from '../../db/LocalStoreProvider';

export type { NeedTotals };

/** Totals per need id, for needs that have at least one pledge on this phone. */
export function useNeedTotals(needs: readonly Need[]): ReadonlyMap<Need['id'], NeedTotals> {
  const { db } = useLocalStore();
  // Pledges expire with time, not only with writes: re-derive every minute.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const needIds = useMemo(() => needs.map((need) => need.id).sort(), [needs]);
  const idsKey = needIds.join('|');
  // Query objects keep their identity while the ids do not change: RxDB's hook re-runs on a new one.
  const pledgeQuery = useMemo<MangoQuery<Pledge>>(() => ({ selector: { needId: { $in: idsKey ? idsKey.split('|') : [] } } }), [idsKey]);
  const { results: pledgeDocs } = useLiveRxQuery<Pledge>({ collection: db.pledges, query: pledgeQuery });
  const pledges = useMemo(() => pledgeDocs.map((doc) => doc.toJSON() as Pledge), [pledgeDocs]);
  const pledgeKey = pledges.map((pledge) => pledge.id).sort().join('|');
  const eventQuery = useMemo<MangoQuery<PledgeEvent>>(
    () => ({ selector: { pledgeId: { $in: pledgeKey ? pledgeKey.split('|') : [] } } }),
    [pledgeKey],
  );
  const { results: eventDocs } = useLiveRxQuery<PledgeEvent>({ collection: db.pledge_events, query: eventQuery });
  return useMemo(() => {
    const events = eventDocs.map((doc) => doc.toJSON() as PledgeEvent);
    // Grouped once, so 5,000 needs and their pledges cost one pass each, not a product.
    const pledgesByNeed = new Map<Need['id'], Pledge[]>();
    for (const pledge of pledges) {
      const list = pledgesByNeed.get(pledge.needId);
      if (list) list.push(pledge);
      else pledgesByNeed.set(pledge.needId, [pledge]);
    }
    const eventsByPledge = groupEventsByPledge(events);
    const totals = new Map<Need['id'], NeedTotals>();
    for (const need of needs) {
      const own = pledgesByNeed.get(need.id);
      if (!own) continue;
      const ownEvents = own.flatMap((pledge) => eventsByPledge.get(pledge.id) ?? []);
      totals.set(need.id, deriveNeedTotals(need, own, ownEvents, now));
    }
    return totals;
  }, [needs, pledges, eventDocs, now]);
}
