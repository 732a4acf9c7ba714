/**
 * In-app notifications, derived from the documents on the phone (never stored, never pushed): what
 * concerns the signed-in member's municipality — a new pledge on one of its needs, a pledge
 * dispatched to it or received from it, cancelled by the other side, about to expire or expired,
 * unread messages, and the moderators' decision on the municipality or the membership.
 *
 * Guarantees:
 * - deterministic and pure: the same documents, read marks and `now` give the same list, newest
 *   first (by `at`, then by id);
 * - every notification has a stable id derived from what it is about (`pledge-new:<pledgeId>`,
 *   `pledge-dispatched:<eventId>` …), so seen marks and list keys survive re-derivation;
 * - `at` is when the fact reached the server (`meta.serverUpdatedAt`, else `updatedAt`), not when
 *   the writing phone stamped it: a pledge written offline days ago and synced now is new now;
 * - nothing my own municipality did is notified; events the pledge rule ignores (a dispatch after
 *   expiry, a second extension …) are not notified either: the status rule of
 *   domain/rules/pledge-status.ts decides what happened, it is not repeated here;
 * - O(n log n) in documents: events are grouped by pledge once, messages by thread once.
 */
import type { MemberRole, SubjectKind, Unit } from '../constants';
import type { Member } from '../schemas/member';
import type { Message } from '../schemas/message';
import type { Municipality } from '../schemas/municipality';
import type { Need } from '../schemas/need';
import type { Pledge } from '../schemas/pledge';
import type { PledgeEvent } from '../schemas/pledge-event';
import { derivePledgeState, partyOf, roundQuantity } from './pledge-status';
import { isUnread, messageArrivedAt } from './message-thread';

/** Both sides are told this many days before a pledge not dispatched yet expires. */
export const EXPIRY_WARNING_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export const NOTIFICATION_KINDS = [
  'pledge-new',
  'pledge-dispatched',
  'pledge-received',
  'pledge-cancelled',
  'pledge-expiring',
  'pledge-expired',
  'message-new',
  'verification-decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Which side of a pledge my municipality is on: it pledged (`by-us`) or it is pledged to (`to-us`). */
export type PledgeDirection = 'by-us' | 'to-us';

type PledgeRefs = {
  pledgeId: Pledge['id'];
  needId: Need['id'];
  /** The need's title and the language it is written in, when the need is on the phone. */
  need?: { title: string; language: string };
  direction: PledgeDirection;
  /** The municipality on the other side. */
  counterpartId: Municipality['id'];
  unit: Unit;
};

type Common = { id: string; at: number };

export type Notification = Common &
  (
    | (PledgeRefs & { kind: 'pledge-new'; quantity: number })
    | (PledgeRefs & { kind: 'pledge-dispatched'; eventId: PledgeEvent['id']; quantity: number })
    /** `complete`: this receipt brought the received total to the pledged quantity. */
    | (PledgeRefs & { kind: 'pledge-received'; eventId: PledgeEvent['id']; quantity: number; complete: boolean })
    | (PledgeRefs & { kind: 'pledge-cancelled'; eventId: PledgeEvent['id']; reason?: string })
    | (PledgeRefs & { kind: 'pledge-expiring'; expiresAt: number })
    | (PledgeRefs & { kind: 'pledge-expired'; expiresAt: number })
    | {
        kind: 'message-new';
        threadId: Message['threadId'];
        subjectKind: SubjectKind;
        subjectId: string;
        counterpartId: Municipality['id'];
        /** Unread messages from the other municipality in this thread. */
        count: number;
      }
    | { kind: 'verification-decided'; subject: 'municipality' | 'member'; status: 'verified' | 'rejected'; reason?: string }
  );

/** Per thread, the arrival time of the last message read (`messageArrivedAt` of message-thread.ts). */
export type ThreadReads = Readonly<Record<Message['threadId'], number>>;

export type NotificationInput = {
  me: { memberId: Member['id']; municipalityId: Municipality['id']; role: MemberRole };
  /** My municipality's document, when on the phone. */
  municipality: Municipality | null;
  /** My member document, when on the phone. */
  member: Member | null;
  /** A moderator's refusal of my membership (the profile carries it; the member document only says `removed`). */
  rejection?: { reason: string; at: number };
  needs: readonly Need[];
  pledges: readonly Pledge[];
  events: readonly PledgeEvent[];
  messages: readonly Message[];
  threadReads: ThreadReads;
};

type Synced = { updatedAt: number; meta?: { serverUpdatedAt?: number } };

/** When a document reached the server (its arrival for everyone else), else when it was written. */
export function arrivedAt(doc: Synced): number {
  return doc.meta?.serverUpdatedAt ?? doc.updatedAt;
}

/** Newest first; equal times by id, so every render lists them in the same order. */
export function compareNotifications(a: Notification, b: Notification): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function pledgeNotifications(pledge: Pledge, events: readonly PledgeEvent[], input: NotificationInput, needs: ReadonlyMap<string, Need>, now: number): Notification[] {
  const mine = input.me.municipalityId;
  const party = partyOf(pledge, mine);
  if (!party) return [];
  const need = needs.get(pledge.needId);
  const refs: PledgeRefs = {
    pledgeId: pledge.id,
    needId: pledge.needId,
    ...(need ? { need: { title: need.title, language: need.language } } : {}),
    direction: party === 'sender' ? 'by-us' : 'to-us',
    counterpartId: party === 'sender' ? pledge.toMunicipalityId : pledge.fromMunicipalityId,
    unit: pledge.unit,
  };
  const found: Notification[] = [];
  if (party === 'receiver') found.push({ ...refs, kind: 'pledge-new', id: `pledge-new:${pledge.id}`, at: arrivedAt(pledge), quantity: pledge.quantity });

  const state = derivePledgeState(pledge, events, now);
  const byId = new Map(events.map((event) => [event.id, event]));
  let received = 0;
  for (const eventId of state.applied) {
    const event = byId.get(eventId);
    if (!event) continue;
    if (event.kind === 'received') received = roundQuantity(received + (event.quantity ?? 0));
    if (event.byMunicipalityId === mine) continue;
    const at = arrivedAt(event);
    switch (event.kind) {
      case 'dispatched':
        found.push({ ...refs, kind: 'pledge-dispatched', id: `pledge-dispatched:${event.id}`, at, eventId: event.id, quantity: event.quantity ?? pledge.quantity });
        break;
      case 'received':
        found.push({
          ...refs,
          kind: 'pledge-received',
          id: `pledge-received:${event.id}`,
          at,
          eventId: event.id,
          quantity: event.quantity ?? 0,
          complete: received >= pledge.quantity,
        });
        break;
      case 'cancelled':
        found.push({ ...refs, kind: 'pledge-cancelled', id: `pledge-cancelled:${event.id}`, at, eventId: event.id, ...(event.note ? { reason: event.note } : {}) });
        break;
      // `delivered` is followed by the receiver's `received`; an extension is told through the expiry.
      case 'delivered':
      case 'extended':
        break;
    }
  }

  const warningFrom = state.expiresAt - EXPIRY_WARNING_DAYS * DAY_MS;
  if (state.status === 'pledged' && now >= warningFrom) {
    // Keyed by the deadline: an extension moves it, and entering the new window is news again.
    found.push({ ...refs, kind: 'pledge-expiring', id: `pledge-expiring:${pledge.id}:${state.expiresAt}`, at: warningFrom, expiresAt: state.expiresAt });
  }
  if (state.status === 'expired') found.push({ ...refs, kind: 'pledge-expired', id: `pledge-expired:${pledge.id}`, at: state.expiresAt, expiresAt: state.expiresAt });
  return found;
}

function messageNotifications(messages: readonly Message[], input: NotificationInput): Notification[] {
  const mine = input.me.municipalityId;
  const found: Notification[] = [];
  const unread = groupBy(
    messages.filter((message) => message.toMunicipalityId === mine && message.fromMunicipalityId !== mine),
    (message) => message.threadId,
  );
  for (const [threadId, thread] of unread) {
    // The same unread rule as the thread list and the navigation badge (message-thread.ts).
    const readUpTo = input.threadReads[threadId] ?? 0;
    let count = 0;
    let latest: Message | undefined;
    for (const message of thread) {
      if (!isUnread(message, mine, readUpTo)) continue;
      count += 1;
      if (!latest || messageArrivedAt(message) > messageArrivedAt(latest)) latest = message;
    }
    if (!latest) continue;
    found.push({
      kind: 'message-new',
      id: `message-new:${threadId}`,
      at: messageArrivedAt(latest),
      threadId,
      subjectKind: latest.subjectKind,
      subjectId: latest.subjectId,
      counterpartId: latest.fromMunicipalityId,
      count,
    });
  }
  return found;
}

function verificationNotifications(input: NotificationInput): Notification[] {
  const { me, municipality, member, rejection } = input;
  if (me.role === 'moderator') return [];
  const found: Notification[] = [];
  const decision = municipality?.id === me.municipalityId ? municipality.verification : undefined;
  if (municipality && decision && decision.status !== 'pending') {
    found.push({
      kind: 'verification-decided',
      id: `verification:municipality:${decision.status}`,
      at: arrivedAt(municipality),
      subject: 'municipality',
      status: decision.status,
      ...(decision.status === 'rejected' && decision.reason ? { reason: decision.reason } : {}),
    });
  }
  // Whoever registered the municipality was decided on with it: one notification tells both.
  const registrant = municipality?.meta?.createdBy === me.memberId;
  if (registrant) return found;
  if (rejection) {
    found.push({ kind: 'verification-decided', id: 'verification:member:rejected', at: rejection.at, subject: 'member', status: 'rejected', reason: rejection.reason });
  } else if (member?.id === me.memberId && member.status === 'active' && member.meta?.createdBy === me.memberId) {
    // Only a member who applied (joined with an invitation) waited for a decision.
    found.push({ kind: 'verification-decided', id: 'verification:member:verified', at: arrivedAt(member), subject: 'member', status: 'verified' });
  }
  return found;
}

/** Everything that concerns `input.me`, newest first; `now` is the phone's best guess of the server's time. */
export function deriveNotifications(input: NotificationInput, now: number): Notification[] {
  const needs = new Map(input.needs.map((need) => [need.id, need]));
  const eventsByPledge = groupBy(input.events, (event) => event.pledgeId);
  const found: Notification[] = [];
  for (const pledge of input.pledges) found.push(...pledgeNotifications(pledge, eventsByPledge.get(pledge.id) ?? [], input, needs, now));
  found.push(...messageNotifications(input.messages, input));
  found.push(...verificationNotifications(input));
  return found.sort(compareNotifications);
}
