/**
 * Signed-in profiles for app tests, shaped like the server's `profile()` answer: the actor is
 * derived from the member and the municipality, so a test states only what matters to it
 * (`makeProfile({ member: { status: 'pending' } })`).
 */
import type { Profile } from '../../domain/account-protocol';
import type { Member } from '../../domain/schemas/member';
import type { Municipality } from '../../domain/schemas/municipality';
import { makeMember, makeMunicipality } from '../unit/domain-factories';

/** The municipality id of moderators' member documents (no municipality document has it). */
export const MODERATORS = 'platform-moderators';

type ProfileOverrides = {
  email?: string;
  member?: Partial<Member>;
  /** null: a moderator's profile, which has no municipality. */
  municipality?: Municipality | null;
  rejection?: Profile['rejection'];
};

export function makeProfile({ email = 'olena@kyiv.example', member: memberOverrides = {}, municipality: given, rejection }: ProfileOverrides = {}): Profile {
  const municipality = given === undefined ? makeMunicipality() : given;
  const member = makeMember({ municipalityId: municipality?.id ?? MODERATORS, ...memberOverrides });
  return {
    email,
    actor: {
      memberId: member.id,
      municipalityId: member.municipalityId,
      role: member.role,
      memberStatus: member.status,
      municipalityVerified: municipality?.verification.status === 'verified',
    },
    member,
    municipality,
    ...(rejection ? { rejection } : {}),
  };
}

/** A platform moderator: active, of no municipality. */
export function makeModeratorProfile(): Profile {
  return makeProfile({ email: 'moderator@cities4cities.example', municipality: null, member: { id: 'member-moderator', role: 'moderator', displayName: 'Moderator' } });
}
