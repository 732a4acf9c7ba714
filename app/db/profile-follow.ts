/**
 * Keeps the signed-in profile in step with what sync brings: when the member's own document or
 * their municipality's arrives with another status than the profile holds (a moderator verified or
 * rejected them, a coordinator removed them), the profile is asked for again, so the app's rules and
 * banners follow at once instead of at the next start. The server's answer is the truth; the synced
 * documents only say when to ask.
 */
import { combineLatest, distinctUntilChanged, map, Subscription } from 'rxjs';
import type { Profile } from '../../domain/account-protocol';
import type { LocalStore } from './local-store';

/** The statuses a profile is followed by. */
export type FollowedStatus = { member: string | null; municipality: string | null };

function statusOfProfile(profile: Profile): FollowedStatus {
  return { member: profile.member.status, municipality: profile.municipality?.verification.status ?? null };
}

/**
 * Calls `refresh` whenever the synced member or municipality document has a status that differs
 * from `currentProfile()`'s. Documents not on the phone (yet) say nothing.
 */
export function followOwnDocuments(store: LocalStore, currentProfile: () => Profile | null, refresh: () => void): Subscription {
  const profile = currentProfile();
  if (!profile || !store.collections.includes('members') || !store.collections.includes('municipalities')) return new Subscription();
  const member$ = store.db.members.findOne(profile.member.id).$.pipe(map((doc) => doc?.status ?? null));
  const municipality$ = store.db.municipalities
    .findOne(profile.actor.municipalityId)
    .$.pipe(map((doc) => doc?.verification.status ?? null));
  return combineLatest([member$, municipality$])
    .pipe(distinctUntilChanged((a, b) => a[0] === b[0] && a[1] === b[1]))
    .subscribe(([member, municipality]) => {
      const now = currentProfile();
      if (!now) return;
      const known = statusOfProfile(now);
      if ((member !== null && member !== known.member) || (municipality !== null && municipality !== known.municipality)) refresh();
    });
}

