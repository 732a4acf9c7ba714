/**
 * A pledge's status, derived from its events and its dates; never stored, so sender and receiver
 * never edit the same document (DESIGN.md "Sync").
 *
 * Who writes what (each kind belongs to one party, so a sender can never mark its own pledge done):
 * - the sender (the pledge's `fromMunicipalityId`): `dispatched`, `delivered` (handed over, e.g. with
 *   a photo of the delivery note), `extended` (once, before expiry, moves `expiresAt` later), and
 *   `cancelled` until delivery;
 * - the receiver (`toMunicipalityId`): `received` with the quantity counted on arrival (partial
 *   receipts add up), and `cancelled` while nothing is dispatched (declining the pledge).
 *
 * Guarantees:
 * - deterministic: events are replayed in (`updatedAt`, `id`) order, so every replica holding the
 *   same events derives the same state whatever order they arrived in;
 * - monotonic along that order: pledged → dispatched → delivered → partly received → received; an
 *   event that would go backwards, or comes after the pledge ended, is ignored (and listed why);
 *   `cancelled` and `received` end it;
 * - "expired" is never written: a pledge still only pledged when the server's clock passes its
 *   (possibly extended) `expiresAt` is expired, and events stamped after that deadline are ignored,
 *   so a late dispatch cannot bring an expired pledge back.
 */
import type { PledgeEventKind, PledgeStatus } from '../constants';
import type { Pledge } from '../schemas/pledge';
import type { PledgeEvent } from '../schemas/pledge-event';

export type PledgeParty = 'sender' | 'receiver';

/** Which party may write each kind of event. */
export const PLEDGE_EVENT_PARTIES: Readonly<Record<PledgeEventKind, readonly PledgeParty[]>> = {
  dispatched: ['sender'],
  delivered: ['sender'],
  received: ['receiver'],
  cancelled: ['sender', 'receiver'],
  extended: ['sender'],
};

/** Why an event had no effect on the derived status. */
export type IgnoredEventReason =
  | 'wrong-party'
  | 'missing-quantity'
  | 'missing-expiry'
  | 'ended'
  | 'after-expiry'
  | 'backwards'
  | 'too-late'
  | 'already-extended'
  | 'not-later';

export type PledgeState = {
  status: PledgeStatus;
  /** The deadline for dispatch after any extension. */
  expiresAt: number;
  /** Sum of the receiver's confirmed quantities, in the pledge's unit. */
  receivedQuantity: number;
  /** Events that moved the state, in replay order. */
  applied: PledgeEvent['id'][];
  ignored: { id: PledgeEvent['id']; reason: IgnoredEventReason }[];
};

/** Why the server refuses to store an event at all (unlike ignoring, which keeps the fact). */
export type PledgeEventRefusal = 'other-pledge' | 'not-your-event' | 'wrong-party' | 'missing-quantity' | 'missing-expiry' | 'unexpected-expiry';

/** Statuses on the way to "received", in order; the terminal `cancelled`/`expired` are not on it. */
const PROGRESS: Readonly<Record<PledgeStatus, number>> = {
  pledged: 0,
  dispatched: 1,
  delivered: 2,
  'partly-received': 3,
  received: 4,
  cancelled: Number.POSITIVE_INFINITY,
  expired: Number.POSITIVE_INFINITY,
};

/** Quantities are decimals (2.5 tonnes): sums are rounded so 0.7 + 0.1 reaches 0.8. */
export function roundQuantity(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The party a municipality plays in a pledge, if any. */
export function partyOf(pledge: Pick<Pledge, 'fromMunicipalityId' | 'toMunicipalityId'>, municipalityId: string): PledgeParty | undefined {
  if (municipalityId === pledge.fromMunicipalityId) return 'sender';
  if (municipalityId === pledge.toMunicipalityId) return 'receiver';
  return undefined;
}

/** Total order of events every replica agrees on: by stamp, then by id. */
export function compareEvents(a: Pick<PledgeEvent, 'updatedAt' | 'id'>, b: Pick<PledgeEvent, 'updatedAt' | 'id'>): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function malformed(event: PledgeEvent): 'missing-quantity' | 'missing-expiry' | 'unexpected-expiry' | undefined {
  if (event.kind === 'received' && event.quantity === undefined) return 'missing-quantity';
  if (event.kind === 'extended' && event.expiresAt === undefined) return 'missing-expiry';
  if (event.kind !== 'extended' && event.expiresAt !== undefined) return 'unexpected-expiry';
  return undefined;
}

/**
 * Whether the server stores an event written by a member of `actorMunicipalityId` (null: yes). Only
 * authorship and shape are checked here: an event that comes too late is stored and then ignored by
 * the derivation, because it may have been valid on the offline phone that wrote it.
 */
export function checkPledgeEventWrite(pledge: Pledge, event: PledgeEvent, actorMunicipalityId: string): PledgeEventRefusal | null {
  if (event.pledgeId !== pledge.id) return 'other-pledge';
  if (event.byMunicipalityId !== actorMunicipalityId) return 'not-your-event';
  const party = partyOf(pledge, actorMunicipalityId);
  if (!party || !PLEDGE_EVENT_PARTIES[event.kind].includes(party)) return 'wrong-party';
  return malformed(event) ?? null;
}

type Replay = { status: PledgeStatus; expiresAt: number; extended: boolean; received: number };

/** The effect of one event on the replay so far: the next state, or why the event is ignored. */
function step(pledge: Pledge, state: Replay, event: PledgeEvent): Replay | IgnoredEventReason {
  const party = partyOf(pledge, event.byMunicipalityId);
  if (!party || !PLEDGE_EVENT_PARTIES[event.kind].includes(party)) return 'wrong-party';
  const shape = malformed(event);
  if (shape === 'missing-quantity' || shape === 'missing-expiry') return shape;
  if (state.status === 'cancelled' || state.status === 'received') return 'ended';
  // Nothing was dispatched by the deadline: the pledge had expired when this happened.
  if (state.status === 'pledged' && event.updatedAt > state.expiresAt) return 'after-expiry';
  const rank = PROGRESS[state.status];
  switch (event.kind) {
    case 'dispatched':
    case 'delivered':
      if (rank > PROGRESS[event.kind]) return 'backwards';
      return { ...state, status: event.kind };
    case 'received': {
      const received = roundQuantity(state.received + (event.quantity ?? 0));
      return { ...state, received, status: received >= pledge.quantity ? 'received' : 'partly-received' };
    }
    case 'cancelled': {
      const lastCancellable = party === 'sender' ? PROGRESS.dispatched : PROGRESS.pledged;
      if (rank > lastCancellable) return 'too-late';
      return { ...state, status: 'cancelled' };
    }
    case 'extended':
      if (state.status !== 'pledged') return 'too-late';
      if (state.extended) return 'already-extended';
      if ((event.expiresAt ?? 0) <= state.expiresAt) return 'not-later';
      return { ...state, extended: true, expiresAt: event.expiresAt ?? state.expiresAt };
  }
}

/** The pledge's state from its events at the server's time `serverNow`; other pledges' events are skipped. */
export function derivePledgeState(pledge: Pledge, events: readonly PledgeEvent[], serverNow: number): PledgeState {
  let state: Replay = { status: 'pledged', expiresAt: pledge.expiresAt, extended: false, received: 0 };
  const applied: PledgeEvent['id'][] = [];
  const ignored: PledgeState['ignored'] = [];
  const ordered = events.filter((event) => event.pledgeId === pledge.id && !isDeleted(event)).sort(compareEvents);
  for (const event of ordered) {
    const next = step(pledge, state, event);
    if (typeof next === 'string') ignored.push({ id: event.id, reason: next });
    else {
      state = next;
      applied.push(event.id);
    }
  }
  const status = state.status === 'pledged' && serverNow > state.expiresAt ? 'expired' : state.status;
  return { status, expiresAt: state.expiresAt, receivedQuantity: state.received, applied, ignored };
}

/**
 * Events grouped by their pledge, each group in replay order (`compareEvents`): one pass for the
 * lists that derive many pledges' states at once.
 */
export function groupEventsByPledge(events: readonly PledgeEvent[]): Map<Pledge['id'], PledgeEvent[]> {
  const groups = new Map<Pledge['id'], PledgeEvent[]>();
  for (const event of events) {
    const group = groups.get(event.pledgeId);
    if (group) group.push(event);
    else groups.set(event.pledgeId, [event]);
  }
  for (const group of groups.values()) group.sort(compareEvents);
  return groups;
}

/** Shorthand for the derived status alone. */
export function derivePledgeStatus(pledge: Pledge, events: readonly PledgeEvent[], serverNow: number): PledgeStatus {
  return derivePledgeState(pledge, events, serverNow).status;
}

/** Whether a status is final: nothing can change it any more. */
export function isPledgeEnded(status: PledgeStatus): boolean {
  return status === 'received' || status === 'cancelled' || status === 'expired';
}

function isDeleted(doc: object): boolean {
  return (doc as { _deleted?: boolean })._deleted === true;
}
