/**
 * Every pledge made by or to the signed-in member's municipality, with its derived state, kept
 * current as pledges and events sync in and as deadlines pass. One query for the pledges, one for
 * the events, grouped by pledge once and derived in one pass (2,000 pledges stay fast); the lists,
 * the deliveries screen and the notifications all read it.
 */
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { useDocuments } from '../../db/useDocuments';
import { useProfile } from '../../stores/session-store';
import { derivePledgeViews, splitBySide, type PledgesBySide, type PledgeView } from './pledge-views';
import { useNow } from './useNow';

export type PledgeStates = {
  /** Every pledge of the municipality, unsorted. */
  pledges: PledgeView[];
  byId: ReadonlyMap<Pledge['id'], PledgeView>;
  /** By side, each sorted: needing action first, then under way, then ended; recent first. */
  bySide: PledgesBySide;
  loading: boolean;
  /** The time the states were derived at (the phone's clock, re-read every minute). */
  now: number;
};

// Events are not indexed by municipality: reading them all and keeping those of our pledges (a Set
// lookup) is one linear pass, where a `$in` of 2,000 ids would be matched event by event.
const ALL_EVENTS: MangoQuery<PledgeEvent> = { selector: {} };

/** The pledges of `municipalityId` (the signed-in member's when not given). */
export function usePledgeStates(municipalityId?: Municipality['id'] | null): PledgeStates {
  const profile = useProfile();
  const mine = municipalityId === undefined ? (profile?.actor.municipalityId ?? null) : municipalityId;
  const now = useNow();
  const pledgeQuery = useMemo<MangoQuery<Pledge>>(
    () => ({ selector: { $or: [{ fromMunicipalityId: mine ?? '' }, { toMunicipalityId: mine ?? '' }] } }),
    [mine],
  );
  const { documents: pledges, loading: pledgesLoading } = useDocuments('pledges', pledgeQuery);
  const { documents: events, loading: eventsLoading } = useDocuments('pledge_events', ALL_EVENTS);
  const pledgeViews = useMemo(() => (mine === null ? [] : derivePledgeViews(pledges, events, mine, now)), [pledges, events, mine, now]);
  const byId = useMemo(() => new Map(pledgeViews.map((view) => [view.pledge.id, view])), [pledgeViews]);
  const bySide = useMemo(() => splitBySide(pledgeViews), [pledgeViews]);
  return { pledges: pledgeViews, byId, bySide, loading: pledgesLoading || eventsLoading, now };
}
