/**
 * Pledges as the pledge screens show them: each with its events, its derived state
 * (domain/rules/pledge-status.ts), the side it is on for the reader's municipality, what was
 * dispatched, and whether the reader's side has something to do. Pure, and linear in the number of
 * pledges and events: events are grouped by pledge once, so 2,000 pledges derive in one pass.
 *
 * Quantity dispatched (a decision, documented here because the events leave it open): the sum of the
 * applied `dispatched` events' quantities, where a `dispatched` event without a quantity stands for
 * the rest of the pledge (pledged less what earlier dispatches already counted). A pledge that moved
 * past dispatch (delivered, received) with no dispatch recorded counts as dispatched in full.
 */
import type { PledgeStatus } from '../../../domain/constants';
import { compareEvents, derivePledgeState, groupEventsByPledge, isPledgeEnded, roundQuantity, type PledgeState } from '../../../domain/rules/pledge-status';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { compareIds, postedAt } from '../../lists/list-filters';

/** Which way a pledge goes for the reader's municipality: pledged by us, or to us. */
export type PledgeSide = 'by-us' | 'to-us';
export const PLEDGE_SIDES: readonly PledgeSide[] = ['by-us', 'to-us'];

/** What the reader's side should do next: the sender dispatch, the receiver confirm what arrived. */
export type PledgeTodo = 'dispatch' | 'confirm';

export type PledgeView = {
  pledge: Pledge;
  state: PledgeState;
  /** This pledge's events in replay order (`compareEvents`). */
  events: readonly PledgeEvent[];
  side: PledgeSide;
  otherMunicipalityId: Municipality['id'];
  dispatchedQuantity: number;
  todo: PledgeTodo | null;
  /** The newest event's stamp, or the pledge's own: what "recent" means in the lists. */
  lastActivityAt: number;
};

const NO_EVENTS: readonly PledgeEvent[] = [];

export { groupEventsByPledge } from '../../../domain/rules/pledge-status';

const PAST_DISPATCH: ReadonlySet<PledgeStatus> = new Set(['delivered', 'partly-received', 'received']);

/** What was dispatched of `pledge` (see the header for the rule). */
export function dispatchedQuantity(pledge: Pledge, events: readonly PledgeEvent[], state: PledgeState): number {
  const applied = new Set(state.applied);
  let total = 0;
  let recorded = false;
  for (const event of [...events].sort(compareEvents)) {
    if (event.kind !== 'dispatched' || !applied.has(event.id)) continue;
    recorded = true;
    total = roundQuantity(total + (event.quantity ?? Math.max(0, pledge.quantity - total)));
  }
  if (!recorded && PAST_DISPATCH.has(state.status)) return pledge.quantity;
  return total;
}

/** What is still to arrive: pledged less received, never below zero. */
export function remainingQuantity(pledge: Pick<Pledge, 'quantity'>, state: Pick<PledgeState, 'receivedQuantity'>): number {
  return Math.max(0, roundQuantity(pledge.quantity - state.receivedQuantity));
}

/** The reader's next step on a pledge of `side` in `status`, if any. */
export function pledgeTodo(side: PledgeSide, status: PledgeStatus): PledgeTodo | null {
  if (side === 'by-us') return status === 'pledged' ? 'dispatch' : null;
  return status === 'dispatched' || status === 'delivered' || status === 'partly-received' ? 'confirm' : null;
}

/** One pledge seen from `myMunicipalityId` (null when that municipality is not a party). */
export function pledgeView(pledge: Pledge, events: readonly PledgeEvent[], myMunicipalityId: Municipality['id'] | null, now: number): PledgeView | null {
  const side: PledgeSide | null = pledge.fromMunicipalityId === myMunicipalityId ? 'by-us' : pledge.toMunicipalityId === myMunicipalityId ? 'to-us' : null;
  return side ? viewOf(pledge, events, side, now) : null;
}

/** A pledge with its (sorted) events, from `side`; a reader who is no party sees it as the receiver's. */
export function viewOf(pledge: Pledge, sortedEvents: readonly PledgeEvent[], side: PledgeSide, now: number): PledgeView {
  const state = derivePledgeState(pledge, sortedEvents, now);
  const last = sortedEvents.at(-1);
  return {
    pledge,
    state,
    events: sortedEvents,
    side,
    otherMunicipalityId: side === 'by-us' ? pledge.toMunicipalityId : pledge.fromMunicipalityId,
    dispatchedQuantity: dispatchedQuantity(pledge, sortedEvents, state),
    todo: pledgeTodo(side, state.status),
    lastActivityAt: Math.max(postedAt(pledge), last?.updatedAt ?? 0),
  };
}

/** Every pledge made by or to `myMunicipalityId`, derived at `now`; others' pledges are left out. */
export function derivePledgeViews(pledges: readonly Pledge[], events: readonly PledgeEvent[], myMunicipalityId: Municipality['id'], now: number): PledgeView[] {
  const ids = new Set(pledges.map((pledge) => pledge.id));
  const groups = groupEventsByPledge(events.filter((event) => ids.has(event.pledgeId)));
  const views: PledgeView[] = [];
  for (const pledge of pledges) {
    const view = pledgeView(pledge, groups.get(pledge.id) ?? NO_EVENTS, myMunicipalityId, now);
    if (view) views.push(view);
  }
  return views;
}

/** 0: the reader's side has to act; 1: under way, waiting for the other side; 2: ended. */
function rank(view: PledgeView): number {
  if (view.todo) return 0;
  return isPledgeEnded(view.state.status) ? 2 : 1;
}

/** Needing action first, then still moving, then ended; within each, the most recent activity first. */
export function comparePledgeViews(a: PledgeView, b: PledgeView): number {
  return rank(a) - rank(b) || b.lastActivityAt - a.lastActivityAt || compareIds(a.pledge.id, b.pledge.id);
}

export type PledgesBySide = Readonly<Record<PledgeSide, PledgeView[]>>;

/** The views split by side, each side sorted by `comparePledgeViews`. */
export function splitBySide(views: readonly PledgeView[]): PledgesBySide {
  const split: Record<PledgeSide, PledgeView[]> = { 'by-us': [], 'to-us': [] };
  for (const view of views) split[view.side].push(view);
  split['by-us'].sort(comparePledgeViews);
  split['to-us'].sort(comparePledgeViews);
  return split;
}

/** The side the URL asks for (`?side=`), or the default: to us when anything was pledged to us. */
export function chosenSide(search: string, split: PledgesBySide): PledgeSide {
  const asked = new URLSearchParams(search).get('side');
  if (asked === 'by-us' || asked === 'to-us') return asked;
  return split['to-us'].length > 0 ? 'to-us' : 'by-us';
}
