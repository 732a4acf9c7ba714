/**
 * `/api/invitations`: a coordinator invites people into their municipality (issue 4).
 * - POST / `{ role? }` → 201 `{ code, municipalityId, expiresAt, role }`: a single-use code, valid 7
 *   days, shown once (the store keeps its hash), admitting one member as `role`: `official` (the
 *   default, also with no body) or `volunteer` (issue 10, field volunteer mode). 401 not-signed-in;
 *   403 coordinator-only for anyone but a coordinator, 403 not-verified for a coordinator not yet
 *   admitted (or of an unverified municipality); 403 bad-origin; 400 invalid-request for any other
 *   role or field (coordinators and moderators are never made by invitation).
 * - POST /accept `{ code, email, password, displayName, languages }` → 201 + session cookie, the
 *   profile of GET /api/auth/me: a new account and a pending member of the inviting municipality,
 *   with the invitation's role (a moderator admits them). 404 invalid-invitation for an unknown, used or expired
 *   code (one answer for all three), 400 invalid-request / password-too-short / password-too-long,
 *   409 email-taken, 403 bad-origin, 429 too-many-attempts (counted per IP like registrations).
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { INVITATION_ROLES, type CreateInvitationRequest } from '../../domain/account-protocol';
import { MEMBER_SCHEMA, type Member } from '../../domain/schemas/member';
import { validateDocument } from '../../domain/validation';
import { AccountStore, EmailTakenError, SessionStore } from '../auth/accounts';
import { AUTH_BODY_LIMIT } from '../auth/constants';
import { InvitationStore } from '../auth/invitations';
import { requireSameOrigin } from '../auth/origin';
import { hashPassword } from '../auth/passwords';
import { authLimits } from '../auth/rate-limits';
import { memberContext, requireSignedIn, signedIn } from '../auth/session';
import type { Config } from '../config';
import { ApiError } from '../errors';
import type { Couch } from '../store/couch';
import { profile, signIn } from './auth';
import { checkPasswordPolicy, jsonBody, PASSWORD_FIELD, readBody } from './bodies';

const CREATE_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    role: { type: 'string', enum: INVITATION_ROLES },
  },
} as const;

const ACCEPT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'email', 'password', 'displayName', 'languages'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 64 },
    email: { type: 'string', format: 'email', maxLength: 254 },
    password: PASSWORD_FIELD,
    displayName: { type: 'string' },
    languages: { type: 'array' },
  },
} as const;

type AcceptBody = { code: string; email: string; password: string; displayName: string; languages: Member['languages'] };

function invalidInvitation(): ApiError {
  return new ApiError(404, 'invalid-invitation', 'This invitation code is unknown, used or expired');
}

export function invitationRoutes(couch: Couch, config: Pick<Config, 'loginLimitPerAccount' | 'loginLimitPerIp'>): Router {
  const accounts = new AccountStore(couch);
  const sessions = new SessionStore(couch);
  const invitations = new InvitationStore(couch);
  const limits = authLimits(config);
  const json = jsonBody(AUTH_BODY_LIMIT);
  const router = Router();
  router.use(requireSameOrigin);

  router.post('/', signedIn, json, async (req, res) => {
    const { actor } = requireSignedIn(res);
    if (actor.role !== 'coordinator') throw new ApiError(403, 'coordinator-only', 'Only a coordinator may invite members');
    if (actor.memberStatus !== 'active' || !actor.municipalityVerified) {
      throw new ApiError(403, 'not-verified', 'Invitations open once a moderator has verified you and your municipality');
    }
    // No body at all (clients from before roles could be chosen) invites an official.
    const { role = 'official' } = req.body === undefined ? {} : readBody<CreateInvitationRequest>(req, CREATE_BODY);
    const { code, invitation } = await invitations.create(actor.municipalityId, actor.memberId, Date.now(), role);
    res.status(201).json({ code, municipalityId: invitation.municipalityId, expiresAt: invitation.expiresAt, role });
  });

  router.post('/accept', limits.registerPerIp, json, async (req, res) => {
    const body = readBody<AcceptBody>(req, ACCEPT_BODY);
    checkPasswordPolicy(body.password, 'password');
    const now = Date.now();
    const invitation = await invitations.find(body.code, now);
    if (!invitation) throw invalidInvitation();
    const memberId = randomUUID();
    const member = {
      id: memberId,
      municipalityId: invitation.municipalityId,
      displayName: body.displayName,
      role: invitation.role ?? 'official',
      languages: body.languages,
      status: 'pending',
      updatedAt: now,
    } satisfies Omit<Member, 'meta'>;
    const errors = validateDocument(MEMBER_SCHEMA, member);
    if (errors.length > 0) throw new ApiError(400, 'invalid-request', 'The member is not valid', errors);
    if (await accounts.findByEmail(body.email)) throw emailTaken();
    const passwordHash = await hashPassword(body.password);
    const claimed = await invitations.claim(invitation, memberId, now);
    if (!claimed) throw invalidInvitation();
    const meta = { createdAt: now, serverUpdatedAt: now, createdBy: memberId, updatedBy: memberId };
    let account;
    try {
      account = await accounts.create(
        { email: body.email, passwordHash, memberId, municipalityId: invitation.municipalityId, createdVia: 'invitation', createdAt: now, passwordChangedAt: now },
        [{ collection: 'members', doc: { ...member, meta, _deleted: false } }],
      );
    } catch (error) {
      await invitations.release(claimed);
      if (error instanceof EmailTakenError) throw emailTaken();
      throw error;
    }
    const context = await memberContext(couch, memberId);
    if (!context) throw new Error(`member ${memberId} vanished right after joining`);
    await signIn(req, res, sessions, account, now);
    res.status(201).json(profile(account, context));
  });

  return router;
}

function emailTaken(): ApiError {
  const message = 'An account with this email already exists';
  return new ApiError(409, 'email-taken', message, [{ field: 'email', message, keyword: 'unique' }]);
}
