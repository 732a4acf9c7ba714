/**
 * What the signed-in member may do with a municipality's profile, asked of the same rules the
 * server enforces (domain/permissions.ts): its coordinator edits it, moderators verify it.
 */
import { useMemo } from 'react';
import { allowedActions, mayRead, type Actor } from '../../../domain/permissions';
import type { Municipality } from '../../../domain/schemas/municipality';
import { useActor } from '../../stores/session-store';

/** Whether `actor` may change `municipality`'s profile (its coordinator, or a moderator). */
export function mayEditMunicipality(actor: Actor | null, municipality: Municipality): boolean {
  return allowedActions(actor, 'municipalities', municipality).update;
}

/**
 * Whether `actor` may see why `municipality` was rejected: a rejected municipality is readable only
 * by its own members and by moderators (`mayRead`), and so is its reason.
 */
export function mayReadRejection(actor: Actor | null, municipality: Municipality): boolean {
  return municipality.verification.status === 'rejected' && mayRead(actor, 'municipalities', municipality);
}

/** Whether `actor` is a verified member (or a moderator): the readers contact details are for. */
export function readsContacts(actor: Actor | null): boolean {
  return actor !== null && actor.memberStatus === 'active' && (actor.municipalityVerified || actor.role === 'moderator');
}

export function useMayEditMunicipality(municipality: Municipality | null): boolean {
  const actor = useActor();
  return useMemo(() => municipality !== null && mayEditMunicipality(actor, municipality), [actor, municipality]);
}
