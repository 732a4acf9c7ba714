/**
 * The server routes behind the moderator's and the coordinator's screens (issue 4): moderation
 * decisions, invitations and member removal. These decisions exist only on the server, so unlike
 * every other write they are not saved on the phone first: each call needs a connection.
 *
 * The calls go over the app's transport (app/api/http.ts): a refusal becomes an `ApiError` with the
 * server's code, so screens translate it; no answer becomes an `UnreachableError`: the request may
 * not have arrived, so the screen offers a retry.
 */
import type { CreateInvitationResponse, InvitationRole } from '../../domain/account-protocol';
import type { Member } from '../../domain/schemas/member';
import type { Municipality } from '../../domain/schemas/municipality';
import { createHttpClient } from './http';

/** The server's limit on a rejection reason (after trimming, at least one character). */
export const REJECTION_REASON_MAX_LENGTH = 500;

/** A municipality waiting for verification, with the account that registered it (null when none is found). */
export type PendingMunicipality = {
  municipality: Municipality;
  applicant: { member: Member; email: string } | null;
};

/** A member waiting to be admitted, with their account's email and their municipality. */
export type PendingMember = {
  member: Member;
  email: string | null;
  municipality: Municipality | null;
};

export type PendingReview = { municipalities: PendingMunicipality[]; members: PendingMember[] };

/** A new invitation; the code is shown once (the server keeps only its hash). `expiresAt` is epoch ms. */
export type Invitation = CreateInvitationResponse;

const http = createHttpClient();

const segment = (id: string) => encodeURIComponent(id);

/** GET /api/moderation/pending: everything waiting for a moderator (moderators only). */
export function fetchPendingReview(): Promise<PendingReview> {
  return http.get<PendingReview>('/api/moderation/pending');
}

/** Verifies a municipality; its first coordinator (`member`, null when none) is admitted with it. */
export function verifyMunicipality(id: Municipality['id']): Promise<{ municipality: Municipality; member: Member | null }> {
  return http.post(`/api/moderation/municipalities/${segment(id)}/verify`);
}

/** Rejects a municipality; `reason` (1–500 characters) is shown to the applicant. */
export function rejectMunicipality(id: Municipality['id'], reason: string): Promise<{ municipality: Municipality }> {
  return http.post(`/api/moderation/municipalities/${segment(id)}/reject`, { reason });
}

/** Admits a pending member. */
export function verifyMember(id: Member['id']): Promise<{ member: Member }> {
  return http.post(`/api/moderation/members/${segment(id)}/verify`);
}

/** Rejects a pending member; `reason` (1–500 characters) is shown to them. */
export function rejectMember(id: Member['id'], reason: string): Promise<{ member: Member }> {
  return http.post(`/api/moderation/members/${segment(id)}/reject`, { reason });
}

/** A coordinator's new single-use invitation code for their municipality, admitting one member as `role`. */
export function createInvitation(role: InvitationRole = 'official'): Promise<Invitation> {
  return http.post<Invitation>('/api/invitations', { role });
}

/** Removes a member from their municipality and signs them out everywhere; phones learn it through sync. */
export function removeMember(id: Member['id']): Promise<{ member: Member; revokedSessions: number }> {
  return http.post(`/api/members/${segment(id)}/remove`);
}
