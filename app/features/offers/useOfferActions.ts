/**
 * What the signed-in member may do with offers, asked of the same rules the server enforces
 * (domain/permissions.ts), so the app never offers a write the server would refuse.
 */
import { useMemo } from 'react';
import type { Profile } from '../../../domain/account-protocol';
import type { OfferStatus } from '../../../domain/constants';
import { allowedActions, checkWrite, type Related, type WriteAction } from '../../../domain/permissions';
import { canMoveOffer } from '../../../domain/rules/offer-status';
import type { Offer } from '../../../domain/schemas/offer';
import { useProfile } from '../../stores/session-store';

/** The documents the rules need besides the offer: the member's own municipality, for their own offers. */
function relatedOf(profile: Profile, offer: Pick<Offer, 'municipalityId'>): Related {
  const municipality = profile.municipality;
  return municipality && municipality.id === offer.municipalityId ? { municipality } : {};
}

/**
 * A stand-in for "an offer like the ones this member would post": an open one of their
 * municipality (offers have no drafts). Any municipality may offer, Ukrainian ones know-how too.
 */
function newOfferProbe(profile: Profile): Offer {
  return {
    id: 'new-offer-probe',
    municipalityId: profile.actor.municipalityId,
    category: 'other',
    title: 'new offer',
    description: '',
    language: 'uk',
    unit: 'pieces',
    deliveryOptions: ['to-city'],
    place: { settlement: '-', country: profile.municipality?.country ?? 'UA' },
    status: 'open',
    updatedAt: 0,
  };
}

const NOTHING: Record<WriteAction, boolean> = { create: false, update: false, delete: false };

/** What `profile` may do with `offer` (nothing when nobody is signed in). */
export function offerActions(profile: Profile | null, offer: Offer): Record<WriteAction, boolean> {
  if (!profile) return NOTHING;
  return allowedActions(profile.actor, 'offers', offer, relatedOf(profile, offer));
}

/**
 * Whether `profile` may post offers at all. Members without a municipality document (moderators)
 * never do; a pending member of a verified municipality neither (an offer is published at once).
 */
export function canPostOffer(profile: Profile | null): boolean {
  if (!profile?.municipality) return false;
  return offerActions(profile, newOfferProbe(profile)).create;
}

/** Which of `candidates` the member may save the offer with: for a new one (`stored` undefined) or over the stored one. */
export function allowedOfferStatuses(profile: Profile | null, stored: Offer | undefined, candidates: readonly OfferStatus[]): OfferStatus[] {
  if (!profile) return [];
  const base = stored ?? newOfferProbe(profile);
  const related = relatedOf(profile, base);
  return candidates.filter((status) => {
    const incoming = { ...base, status, updatedAt: base.updatedAt + 1 };
    return checkWrite(profile.actor, 'offers', stored, incoming, related).allowed;
  });
}

/** The one-tap status changes an offer's page offers its owners. */
export type OfferStatusAction = 'withdraw' | 'exhausted' | 'reopen';

const ACTION_TARGET: Readonly<Record<OfferStatusAction, OfferStatus>> = { withdraw: 'withdrawn', exhausted: 'exhausted', reopen: 'open' };

/** The status an action moves an offer to. */
export function statusOfAction(action: OfferStatusAction): OfferStatus {
  return ACTION_TARGET[action];
}

/** The status changes `profile` may make to `offer` now: a legal single move the rules allow them. */
export function offerStatusActions(profile: Profile | null, offer: Offer): OfferStatusAction[] {
  const actions = (Object.keys(ACTION_TARGET) as OfferStatusAction[]).filter(
    (action) => ACTION_TARGET[action] !== offer.status && canMoveOffer(offer.status, ACTION_TARGET[action]),
  );
  const allowed = new Set(allowedOfferStatuses(profile, offer, actions.map((action) => ACTION_TARGET[action])));
  return actions.filter((action) => allowed.has(ACTION_TARGET[action]));
}

export function useOfferActions(offer: Offer): Record<WriteAction, boolean> {
  const profile = useProfile();
  return useMemo(() => offerActions(profile, offer), [profile, offer]);
}

export function useCanPostOffer(): boolean {
  const profile = useProfile();
  return useMemo(() => canPostOffer(profile), [profile]);
}
