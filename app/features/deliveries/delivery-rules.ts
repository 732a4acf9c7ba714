/**
 * Who may do what with a delivery, asked of the rules the server enforces (domain/permissions.ts),
 * never re-implemented here: confirming a receipt is `checkWrite` on a probe `received` event, so a
 * volunteer or official of the receiving municipality gets the button and nobody else does.
 */
import type { Profile } from '../../../domain/account-protocol';
import { checkWrite } from '../../../domain/permissions';
import { isPledgeEnded, type PledgeState } from '../../../domain/rules/pledge-status';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';

/** A receipt like the one the member would write for `pledge` (id, quantity and time do not matter to the rule). */
export function receiptProbe(profile: Profile, pledge: Pledge): PledgeEvent {
  return {
    id: 'received-probe',
    pledgeId: pledge.id,
    kind: 'received',
    quantity: 1,
    byMemberId: profile.actor.memberId,
    byMunicipalityId: profile.actor.municipalityId,
    updatedAt: 0,
  };
}

/** Whether `profile` may confirm what arrived of `pledge`: the rules allow it and the pledge has not ended. */
export function canConfirmReceipt(profile: Profile | null, pledge: Pledge, state: Pick<PledgeState, 'status'>): boolean {
  if (!profile || isPledgeEnded(state.status)) return false;
  return checkWrite(profile.actor, 'pledge_events', undefined, receiptProbe(profile, pledge), { pledge }).allowed;
}

/** Whether a profile is a field volunteer's: they land on the deliveries list rather than the home summary. */
export function isVolunteer(profile: Pick<Profile, 'actor'> | null): boolean {
  return profile?.actor.role === 'volunteer' && profile.actor.memberStatus !== 'removed';
}
