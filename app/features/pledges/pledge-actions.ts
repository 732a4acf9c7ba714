/**
 * What the reader may do on a pledge, asked of the rules rather than restated: an action is offered
 * when the server would store its event (`checkWrite` on a probe event, domain/permissions.ts) AND
 * the event would change the derived state (`derivePledgeState` with the probe appended applies it).
 * So a third city sees nothing, the receiver cannot cancel once something is on its way, nobody acts
 * on an expired or ended pledge, and the sender extends once.
 */
import type { Actor } from '../../../domain/permissions';
import { checkWrite } from '../../../domain/permissions';
import { canExtend } from '../../../domain/rules/pledge-expiry';
import { derivePledgeState, partyOf, type PledgeParty } from '../../../domain/rules/pledge-status';
import type { PledgeEventKind } from '../../../domain/constants';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';

export type PledgeActions = {
  /** The reader's party in the pledge (undefined for a third city or a moderator). */
  party: PledgeParty | undefined;
  dispatch: boolean;
  receive: boolean;
  cancel: boolean;
  extend: boolean;
};

export const NO_ACTIONS: PledgeActions = { party: undefined, dispatch: false, receive: false, cancel: false, extend: false };

const DAY_MS = 86_400_000;

/** An event like the one the reader would write now (ids and exact values do not matter to the rules). */
export function probeEvent(kind: PledgeEventKind, actor: Actor, pledge: Pledge, events: readonly PledgeEvent[], now: number): PledgeEvent {
  // The clock stamps a new write after everything the phone has seen.
  const stamp = events.reduce((latest, event) => Math.max(latest, event.updatedAt + 1), Math.floor(now));
  const expiresAt = derivePledgeState(pledge, events, now).expiresAt;
  return {
    id: `probe-${kind}`,
    pledgeId: pledge.id,
    kind,
    ...(kind === 'received' ? { quantity: 1 } : {}),
    ...(kind === 'extended' ? { expiresAt: expiresAt + DAY_MS } : {}),
    byMemberId: actor.memberId,
    byMunicipalityId: actor.municipalityId,
    updatedAt: stamp,
  };
}

/** Whether the reader may write a `kind` event now and it would count. */
export function mayWrite(kind: PledgeEventKind, actor: Actor | null, pledge: Pledge, events: readonly PledgeEvent[], now: number): boolean {
  if (!actor) return false;
  const probe = probeEvent(kind, actor, pledge, events, now);
  if (!checkWrite(actor, 'pledge_events', undefined, probe, { pledge }).allowed) return false;
  return derivePledgeState(pledge, [...events, probe], now).applied.includes(probe.id);
}

/**
 * The actions to show. Dispatch stays offered after a partial dispatch (a second truck) until the
 * whole pledged quantity is on its way.
 */
export function pledgeActions(actor: Actor | null, pledge: Pledge, events: readonly PledgeEvent[], now: number, dispatched: number): PledgeActions {
  if (!actor) return NO_ACTIONS;
  return {
    party: partyOf(pledge, actor.municipalityId),
    dispatch: dispatched < pledge.quantity && mayWrite('dispatched', actor, pledge, events, now),
    receive: mayWrite('received', actor, pledge, events, now),
    cancel: mayWrite('cancelled', actor, pledge, events, now),
    extend: canExtend(pledge, events, now) && mayWrite('extended', actor, pledge, events, now),
  };
}
