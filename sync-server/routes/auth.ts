/**
 * `/api/auth`: register, sign in, sign out, who am I, change password (issue 4).
 * - POST /register → 201 + session cookie. 400 invalid-request (fields in `details`, prefixed
 *   `municipality.` / `member.`), 400 password-too-short / password-too-long, 409 email-taken,
 *   403 bad-origin, 429 too-many-attempts. Creates the municipality (verification pending) and its
 *   first member (coordinator, pending) in their synced collections, with server-set meta.
 * - POST /login → 200 + session cookie. 401 invalid-credentials (the same for an unknown email and a
 *   wrong password, after the same work), 400 invalid-request, 403 bad-origin, 429 too-many-attempts.
 * - POST /logout → 204, the session revoked and the cookie cleared. 401 not-signed-in, 403 bad-origin.
 * - GET /me → 200 `{ email, actor, member, municipality, rejection? }`. 401 not-signed-in.
 * - POST /password → 200 `{ revokedSessions }`, other sessions revoked. 401 not-signed-in,
 *   403 wrong-password, 400 password-too-short / invalid-request, 403 bad-origin, 429 too-many-attempts.
 * State-changing routes check Origin (auth/origin.ts); bodies are validated before any work.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { FieldError } from '../../domain/field-errors';
import { MEMBER_SCHEMA, type Member } from '../../domain/schemas/member';
import { MUNICIPALITY_SCHEMA, type Municipality } from '../../domain/schemas/municipality';
import { validateDocument } from '../../domain/validation';
import { AccountStore, EmailTakenError, SessionStore, type Account } from '../auth/accounts';
import { AUTH_BODY_LIMIT } from '../auth/constants';
import { requireSameOrigin } from '../auth/origin';
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from '../auth/passwords';
import { authLimits } from '../auth/rate-limits';
import { clearSessionCookie, memberContext, requireSignedIn, setSessionCookie, signedIn, type MemberContext } from '../auth/session';
import type { Config } from '../config';
import { ApiError } from '../errors';
import type { Couch } from '../store/couch';
import { checkPasswordPolicy, PASSWORD_FIELD, readBody } from './bodies';

const LOGIN_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: PASSWORD_FIELD },
} as const;

const REGISTER_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password', 'municipality', 'member'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    password: PASSWORD_FIELD,
    municipality: { type: 'object' },
    member: { type: 'object' },
  },
} as const;

const PASSWORD_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: PASSWORD_FIELD, newPassword: PASSWORD_FIELD },
} as const;

type LoginBody = { email: string; password: string };
type RegisterBody = { email: string; password: string; municipality: Record<string, unknown>; member: Record<string, unknown> };
type PasswordBody = { currentPassword: string; newPassword: string };

function prefixed(prefix: string, errors: FieldError[]): FieldError[] {
  return errors.map((error) => ({ ...error, field: `${prefix}.${error.field}` }));
}

/** Fields a client may never set on what it registers: the server decides them. */
function withoutServerOwned(input: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const copy = { ...input };
  for (const field of fields) delete copy[field];
  return copy;
}

/** The municipality and first member of a registration, schema-checked, or 400 with every field error. */
function registrationDocuments(body: RegisterBody, now: number): { municipality: Municipality; member: Member } {
  const municipalityId = randomUUID();
  const memberId = randomUUID();
  const municipality = {
    // A new document has no field stamps (domain/field-stamps.ts): one sent along would be a claim on later merges.
    ...withoutServerOwned(body.municipality, ['id', 'verification', 'updatedAt', 'fieldStamps', 'meta']),
    id: municipalityId,
    verification: { status: 'pending' },
    updatedAt: now,
  };
  const member = {
    ...withoutServerOwned(body.member, ['id', 'municipalityId', 'role', 'status', 'updatedAt', 'meta']),
    id: memberId,
    municipalityId,
    role: 'coordinator',
    status: 'pending',
    updatedAt: now,
  };
  const errors = [
    ...prefixed('municipality', validateDocument(MUNICIPALITY_SCHEMA, municipality)),
    ...prefixed('member', validateDocument(MEMBER_SCHEMA, member)),
  ];
  if (errors.length > 0) throw new ApiError(400, 'invalid-request', 'The municipality or member is not valid', errors);
  const meta = { createdAt: now, serverUpdatedAt: now, createdBy: memberId, updatedBy: memberId };
  return { municipality: { ...(municipality as Municipality), meta }, member: { ...(member as Member), meta } };
}

/** Who is signed in; `rejection` is the moderator's reason when their application was refused. */
export function profile(account: Account, context: MemberContext) {
  return {
    email: account.email,
    actor: context.actor,
    member: context.member,
    municipality: context.municipality,
    ...(account.rejection ? { rejection: { reason: account.rejection.reason, at: account.rejection.at } } : {}),
  };
}

/** Opens a session for `account` and sets its cookie. */
export async function signIn(req: Request, res: Response, sessions: SessionStore, account: Account, now: number): Promise<void> {
  const { token } = await sessions.create(account, now);
  setSessionCookie(req, res, token);
}

export function authRoutes(couch: Couch, config: Pick<Config, 'loginLimitPerAccount' | 'loginLimitPerIp'>): Router {
  const accounts = new AccountStore(couch);
  const sessions = new SessionStore(couch);
  const limits = authLimits(config);
  const json = express.json({ limit: AUTH_BODY_LIMIT });
  const router = Router();
  router.use(requireSameOrigin);

  router.post('/register', limits.registerPerIp, json, async (req, res) => {
    const body = readBody<RegisterBody>(req, REGISTER_BODY);
    checkPasswordPolicy(body.password, 'password');
    const now = Date.now();
    const { municipality, member } = registrationDocuments(body, now);
    const passwordHash = await hashPassword(body.password);
    let account: Account;
    try {
      account = await accounts.create(
        { email: body.email, passwordHash, memberId: member.id, municipalityId: municipality.id, createdVia: 'register', createdAt: now, passwordChangedAt: now },
        [
          { collection: 'municipalities', doc: { ...municipality, _deleted: false } },
          { collection: 'members', doc: { ...member, _deleted: false } },
        ],
      );
    } catch (error) {
      if (error instanceof EmailTakenError) throw new ApiError(409, 'email-taken', error.message, [{ field: 'email', message: error.message, keyword: 'unique' }]);
      throw error;
    }
    await signIn(req, res, sessions, account, now);
    res.status(201).json(profile(account, { member, municipality, actor: { memberId: member.id, municipalityId: municipality.id, role: member.role, memberStatus: member.status, municipalityVerified: false } }));
  });

  router.post('/login', json, limits.loginPerIp, limits.loginPerAccount, async (req, res) => {
    const body = readBody<LoginBody>(req, LOGIN_BODY);
    const account = await accounts.findByEmail(body.email);
    const valid = account ? await verifyPassword(body.password, account.passwordHash) : await verifyAgainstNothing(body.password);
    const context = account && valid ? await memberContext(couch, account.memberId) : null;
    if (!account || !context) throw new ApiError(401, 'invalid-credentials', 'The email or the password is wrong');
    const now = Date.now();
    const current = needsRehash(account.passwordHash) ? await accounts.setPasswordHash(account, await hashPassword(body.password), account.passwordChangedAt) : account;
    await signIn(req, res, sessions, current, now);
    res.json(profile(current, context));
  });

  router.post('/logout', signedIn, async (req, res) => {
    const { session } = requireSignedIn(res);
    await sessions.revoke(session._id, Date.now());
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/me', signedIn, async (_req, res) => {
    const { session } = requireSignedIn(res);
    const [account, context] = await Promise.all([accounts.get(session.accountId), memberContext(couch, session.memberId)]);
    if (!account || !context) throw new ApiError(401, 'not-signed-in', 'Sign in first');
    res.json(profile(account, context));
  });

  router.post('/password', signedIn, json, limits.passwordPerMember, async (req, res) => {
    const { session } = requireSignedIn(res);
    const body = readBody<PasswordBody>(req, PASSWORD_BODY);
    checkPasswordPolicy(body.newPassword, 'newPassword');
    const account = await accounts.get(session.accountId);
    if (!account) throw new ApiError(401, 'not-signed-in', 'Sign in first');
    if (!(await verifyPassword(body.currentPassword, account.passwordHash))) {
      throw new ApiError(403, 'wrong-password', 'The current password is wrong', [{ field: 'currentPassword', message: 'is wrong', keyword: 'password' }]);
    }
    const now = Date.now();
    await accounts.setPasswordHash(account, await hashPassword(body.newPassword), now);
    const revokedSessions = await sessions.revokeAllOf(account._id, session._id, now);
    res.json({ revokedSessions });
  });

  return router;
}
