/**
 * One pledge as its page shows it: the pledge, its events in replay order, the state derived from
 * them, and the documents around it that are on the phone (its need, the members who wrote events).
 * Seen from the reader's municipality; a reader who is no party sees it from the receiver's side.
 */
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import { compareEvents } from '../../../domain/rules/pledge-status';
import type { Member } from '../../../domain/schemas/member';
import type { Need } from '../../../domain/schemas/need';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { useDocument, useDocuments } from '../../db/useDocuments';
import { useProfile } from '../../stores/session-store';
import { viewOf, type PledgeSide, type PledgeView } from './pledge-views';
import { useNow } from './useNow';

export type PledgeDetails = {
  view: PledgeView | null;
  need: Need | null;
  /** Members on the phone who wrote this pledge's events, by id. */
  members: ReadonlyMap<Member['id'], Member>;
  loading: boolean;
  now: number;
};

export function usePledge(id: Pledge['id']): PledgeDetails {
  const profile = useProfile();
  const now = useNow();
  const { document: pledge, loading } = useDocument('pledges', id);
  const eventQuery = useMemo<MangoQuery<PledgeEvent>>(() => ({ selector: { pledgeId: id } }), [id]);
  const { documents: events, loading: eventsLoading } = useDocuments('pledge_events', eventQuery);
  const { document: need } = useDocument('needs', pledge?.needId ?? null);
  const authorsKey = [...new Set(events.map((event) => event.byMemberId))].sort().join('|');
  const memberQuery = useMemo<MangoQuery<Member>>(() => ({ selector: { id: { $in: authorsKey ? authorsKey.split('|') : [] } } }), [authorsKey]);
  const { documents: authors } = useDocuments('members', memberQuery);
  const members = useMemo(() => new Map(authors.map((member) => [member.id, member])), [authors]);
  const side: PledgeSide = pledge && profile?.actor.municipalityId === pledge.fromMunicipalityId ? 'by-us' : 'to-us';
  const view = useMemo(() => (pledge ? viewOf(pledge, [...events].sort(compareEvents), side, now) : null), [pledge, events, side, now]);
  return { view, need, members, loading: loading || eventsLoading, now };
}
