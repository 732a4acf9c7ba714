/**
 * The signed-in member's notifications, derived on the phone from what has synced (so they appear
 * after an offline period too), with what this phone has not shown yet. Re-derived when a document
 * changes, when a read mark or the seen marks change, and every minute (expiry is a matter of time).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import { deriveNotifications, type Notification } from '../../../domain/rules/notifications';
import type { Message } from '../../../domain/schemas/message';
import type { Need } from '../../../domain/schemas/need';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { useThreadReads } from '../../db/read-marks';
import { updateLocalDocument, useLocalDocument } from '../../db/useLocalDocument';
import { useDocument, useDocuments } from '../../db/useDocuments';
import { useProfile } from '../../stores/session-store';
import { MAX_LISTED, NOTIFICATIONS_SEEN_ID, markSeen, sameMarks, unseenTest, type SeenMarks } from './seen-marks';

export type NotificationItem = Notification & { unseen: boolean };

export type Notifications = {
  /** The newest notifications (at most MAX_LISTED), newest first. */
  items: NotificationItem[];
  unseenCount: number;
  /** Marks every listed notification seen on this phone (a failure goes to the store's background errors). */
  markAllSeen: () => Promise<void>;
  loading: boolean;
  /** The phone's clock as the list was derived (moves every minute), for "5 minutes ago". */
  now: number;
};

const NOTHING: readonly never[] = [];
const MINUTE = 60_000;

/** The phone's clock, moving every minute. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Query objects that keep their identity while the ids do not change (RxDB re-runs on a new one). */
function useIdsQuery<T>(field: string, ids: readonly string[]): MangoQuery<T> {
  const key = [...new Set(ids)].sort().join('|');
  return useMemo(() => ({ selector: { [field]: { $in: key ? key.split('|') : [] } } }) as MangoQuery<T>, [field, key]);
}

export function useNotifications(): Notifications {
  const store = useLocalStore();
  const profile = useProfile();
  const actor = profile?.actor ?? null;
  const mine = actor?.municipalityId ?? '';
  const now = useMinuteClock();

  const pledgeQuery = useMemo<MangoQuery<Pledge>>(() => ({ selector: { $or: [{ fromMunicipalityId: mine }, { toMunicipalityId: mine }] } }), [mine]);
  const messageQuery = useMemo<MangoQuery<Message>>(() => ({ selector: { toMunicipalityId: mine } }), [mine]);
  const { documents: pledges, loading: loadingPledges } = useDocuments('pledges', pledgeQuery);
  const eventQuery = useIdsQuery<PledgeEvent>('pledgeId', pledges.map((pledge) => pledge.id));
  const needQuery = useIdsQuery<Need>('id', pledges.map((pledge) => pledge.needId));
  const { documents: events } = useDocuments('pledge_events', eventQuery);
  const { documents: needs } = useDocuments('needs', needQuery);
  const { documents: messages, loading: loadingMessages } = useDocuments('messages', messageQuery);
  const { document: municipality } = useDocument('municipalities', actor ? actor.municipalityId : null);
  const { document: member } = useDocument('members', actor ? actor.memberId : null);
  const threadReads = useThreadReads();
  const seen = useLocalDocument<SeenMarks>(NOTIFICATIONS_SEEN_ID);

  // A phone looks for the first time: what it syncs from before now is history, not news.
  const firstLook = !seen.loading && seen.data === null;
  useEffect(() => {
    if (!firstLook) return;
    updateLocalDocument<SeenMarks>(store, NOTIFICATIONS_SEEN_ID, (current) => current ?? { seenUpTo: Date.now(), ids: [] }).catch((error: unknown) =>
      store.backgroundErrors.next(error),
    );
  }, [firstLook, store]);

  const notifications = useMemo(() => {
    if (!actor || !profile) return NOTHING;
    const derived = deriveNotifications(
      {
        me: { memberId: actor.memberId, municipalityId: actor.municipalityId, role: actor.role },
        municipality: municipality ?? profile.municipality,
        member: member ?? profile.member,
        ...(profile.rejection ? { rejection: profile.rejection } : {}),
        needs,
        pledges,
        events,
        messages,
        threadReads,
      },
      now,
    );
    return derived.length > MAX_LISTED ? derived.slice(0, MAX_LISTED) : derived;
  }, [actor, profile, municipality, member, needs, pledges, events, messages, threadReads, now]);

  const marks = seen.data;
  const items = useMemo<NotificationItem[]>(() => {
    const unseen = marks ? unseenTest(marks) : () => false;
    return notifications.map((notification) => ({ ...notification, unseen: unseen(notification) }));
  }, [notifications, marks]);
  const unseenCount = useMemo(() => items.reduce((count, item) => count + (item.unseen ? 1 : 0), 0), [items]);

  const markAllSeen = useCallback(
    () =>
      updateLocalDocument<SeenMarks>(store, NOTIFICATIONS_SEEN_ID, (current) => {
        const base = current ?? { seenUpTo: Date.now(), ids: [] };
        const next = markSeen(notifications, base);
        return current && sameMarks(current, next) ? null : next;
      }).catch((error: unknown) => store.backgroundErrors.next(error)),
    [store, notifications],
  );

  return { items, unseenCount, markAllSeen, loading: loadingPledges || loadingMessages || seen.loading, now };
}
