/**
 * What the signed-in member may do with needs, asked of the same rules the server enforces
 * (domain/permissions.ts), so the app never offers a write the server would refuse.
 */
import { useMemo } from 'react';
import type { Profile } from '../../../domain/account-protocol';
import type { NeedStatus } from '../../../domain/constants';
import { allowedActions, checkWrite, type Related, type WriteAction } from '../../../domain/permissions';
import type { Need } from '../../../domain/schemas/need';
import { useProfile } from '../../stores/session-store';

/** The documents the rules need besides the need: the member's own municipality, for their own needs. */
function relatedOf(profile: Profile, need: Pick<Need, 'municipalityId'>): Related {
  const municipality = profile.municipality;
  return municipality && municipality.id === need.municipalityId ? { municipality } : {};
}

/** A stand-in for "a need like the ones this member would post": a draft of their municipality. */
function newNeedProbe(profile: Profile): Need {
  return {
    id: 'new-need-probe',
    municipalityId: profile.actor.municipalityId,
    category: 'other',
    title: 'new need',
    description: '',
    language: 'uk',
    unit: 'pieces',
    urgency: 'medium',
    place: { settlement: '-' },
    status: 'draft',
    updatedAt: 0,
  };
}

const NOTHING: Record<WriteAction, boolean> = { create: false, update: false, delete: false };

/** What `profile` may do with `need` (nothing when nobody is signed in). */
export function needActions(profile: Profile | null, need: Need): Record<WriteAction, boolean> {
  if (!profile) return NOTHING;
  return allowedActions(profile.actor, 'needs', need, relatedOf(profile, need));
}

/**
 * Whether `profile` may post needs at all. Members without a municipality document (moderators,
 * whose municipality id is a placeholder) never do.
 */
export function canPostNeed(profile: Profile | null): boolean {
  if (!profile?.municipality) return false;
  return needActions(profile, newNeedProbe(profile)).create;
}

/**
 * Which of `candidates` the member may save the need with: for a new need (`stored` undefined) or
 * over the stored one. A pending member of a verified municipality, for one, may keep only drafts.
 */
export function allowedNeedStatuses(profile: Profile | null, stored: Need | undefined, candidates: readonly NeedStatus[]): NeedStatus[] {
  if (!profile) return [];
  const base = stored ?? newNeedProbe(profile);
  const related = relatedOf(profile, base);
  return candidates.filter((status) => {
    const incoming = { ...base, status, updatedAt: base.updatedAt + 1 };
    return checkWrite(profile.actor, 'needs', stored, incoming, related).allowed;
  });
}

export function useNeedActions(need: Need): Record<WriteAction, boolean> {
  const profile = useProfile();
  return useMemo(() => needActions(profile, need), [profile, need]);
}

export function useCanPostNeed(): boolean {
  const profile = useProfile();
  return useMemo(() => canPostNeed(profile), [profile]);
}
