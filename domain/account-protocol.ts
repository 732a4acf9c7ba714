/**
 * The wire format of the account routes (`/api/auth/*`, `/api/invitations`), shared by the
 * server and the app. Errors come in the one error shape of domain/sync-protocol.ts (`ErrorBody`).
 */
import type { Actor } from './permissions';
import type { Member } from './schemas/member';
import type { Municipality } from './schemas/municipality';

/** Shortest password the server accepts (`password-too-short` below it). */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Who is signed in: what register, login, me and accept answer. `municipality` is null for
 * moderators (they belong to no municipality); `rejection` is the moderator's reason when the
 * member's application was refused.
 */
export type Profile = {
  email: string;
  actor: Actor;
  member: Member;
  municipality: Municipality | null;
  rejection?: { reason: string; at: number };
};

/** POST /api/auth/login. */
export type LoginRequest = { email: string; password: string };

/** The municipality a registration proposes; the server sets its id, verification and timestamps (field stamps: none yet). */
export type MunicipalityApplication = Omit<Municipality, 'id' | 'verification' | 'updatedAt' | 'fieldStamps' | 'meta'>;

/** The first member a registration proposes; the server sets id, municipality, role and status. */
export type MemberApplication = Pick<Member, 'displayName' | 'languages'>;

/** POST /api/auth/register. Field errors come back prefixed `municipality.` / `member.`. */
export type RegisterRequest = {
  email: string;
  password: string;
  municipality: MunicipalityApplication;
  member: MemberApplication;
};

/** POST /api/auth/password. */
export type ChangePasswordRequest = { currentPassword: string; newPassword: string };

/** The answer of POST /api/auth/password: how many other sessions were signed out. */
export type ChangePasswordResponse = { revokedSessions: number };

/**
 * The roles a coordinator may invite someone as: an official (the default) or a field volunteer.
 * Coordinators and moderators are never made by invitation.
 */
export const INVITATION_ROLES = ['official', 'volunteer'] as const satisfies readonly Member['role'][];
export type InvitationRole = (typeof INVITATION_ROLES)[number];

/** POST /api/invitations: the role the person joining will have (official when left out). */
export type CreateInvitationRequest = { role?: InvitationRole };

/** The answer of POST /api/invitations: the code, shown once (the server keeps only its hash); `expiresAt` is epoch ms. */
export type CreateInvitationResponse = { code: string; municipalityId: Municipality['id']; expiresAt: number; role: InvitationRole };

/** POST /api/invitations/accept: a new account joining the inviting municipality. */
export type AcceptInvitationRequest = {
  code: string;
  email: string;
  password: string;
  displayName: Member['displayName'];
  languages: Member['languages'];
};
