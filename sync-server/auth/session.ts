/**
 * The session cookie and who is asking. Guarantees:
 * - `sessionMiddleware` puts the signed-in member on `res.locals.actor` (the `Actor` of
 *   domain/permissions.ts, built from the member and municipality documents as the server holds
 *   them now, never from the phone) and the session on `res.locals.session`; both are null for
 *   anonymous requests, which it lets through: requiring a session is each route's decision;
 * - a cookie naming no valid session (unknown, revoked, expired, malformed) is cleared;
 * - a used session slides: `lastSeenAt`/`expiresAt` are rewritten, and the cookie re-sent, at most
 *   once per SESSION_TOUCH_INTERVAL_MS, so a busy phone costs one store write an hour;
 * - the cookie is httpOnly, SameSite=Strict, Path=/, Secure when the request came over https
 *   (`req.secure`, which honours TRUST_PROXY), and lives SESSION_LIFETIME_MS.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../domain/permissions';
import type { Member } from '../../domain/schemas/member';
import type { Municipality } from '../../domain/schemas/municipality';
import { ApiError } from '../errors';
import type { Couch } from '../store/couch';
import { toWire } from '../sync/wire';
import type { Session, SessionStore } from './accounts';
import { SESSION_COOKIE, SESSION_LIFETIME_MS, SESSION_TOUCH_INTERVAL_MS } from './constants';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The signed-in member, or null (set by sessionMiddleware on /api). */
    actor?: Actor | null;
    /** The session behind `actor`, or null. */
    session?: Session | null;
  }
}

/** A token as SessionStore creates it: 32 bytes, base64url. Anything else is not looked up. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The session token in the request's cookies, if any. */
export function readSessionToken(req: Request): string | null {
  const header = req.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    return TOKEN_PATTERN.test(value) ? value : null;
  }
  return null;
}

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/' };
}

export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: SESSION_LIFETIME_MS });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

async function readOrNull<T>(couch: Couch, collection: 'members' | 'municipalities', id: string): Promise<T | null> {
  try {
    const doc = await couch.db(collection).get(id);
    return doc._deleted ? null : (toWire(doc) as unknown as T);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** A member as the server holds them now: their document, their municipality's, and the resulting actor. */
export type MemberContext = { member: Member; municipality: Municipality | null; actor: Actor };

/**
 * The member context of a member id, or null when the member document is gone. With the member's
 * municipality id known (a session holds it), both documents are read at once.
 */
export async function memberContext(couch: Couch, memberId: string, municipalityId?: string): Promise<MemberContext | null> {
  const [member, known] = await Promise.all([
    readOrNull<Member>(couch, 'members', memberId),
    municipalityId === undefined ? null : readOrNull<Municipality>(couch, 'municipalities', municipalityId),
  ]);
  if (!member) return null;
  const municipality = municipalityId === member.municipalityId ? known : await readOrNull<Municipality>(couch, 'municipalities', member.municipalityId);
  const actor: Actor = {
    memberId: member.id,
    municipalityId: member.municipalityId,
    role: member.role,
    memberStatus: member.status,
    municipalityVerified: municipality?.verification.status === 'verified',
  };
  return { member, municipality, actor };
}

/** Resolves the session cookie to `res.locals.actor` / `res.locals.session` (see the module header). */
export function sessionMiddleware(couch: Couch, sessions: SessionStore): RequestHandler {
  return async (req, res, next) => {
    res.locals.actor = null;
    res.locals.session = null;
    const hasCookie = req.get('cookie')?.includes(`${SESSION_COOKIE}=`) ?? false;
    const token = readSessionToken(req);
    if (!token) {
      if (hasCookie) clearSessionCookie(req, res);
      next();
      return;
    }
    const now = Date.now();
    let session = await sessions.find(token, now);
    if (session && now - session.lastSeenAt >= SESSION_TOUCH_INTERVAL_MS) {
      session = await sessions.touch(session, now);
      if (session) setSessionCookie(req, res, token);
    }
    const actor = session ? ((await memberContext(couch, session.memberId, session.municipalityId))?.actor ?? null) : null;
    if (!session || !actor) {
      clearSessionCookie(req, res);
      next();
      return;
    }
    res.locals.session = session;
    res.locals.actor = actor;
    next();
  };
}

/** The signed-in member and their session, or 401 `not-signed-in`. */
export function requireSignedIn(res: Response): { actor: Actor; session: Session } {
  const { actor, session } = res.locals;
  if (!actor || !session) throw new ApiError(401, 'not-signed-in', 'Sign in first');
  return { actor, session };
}

/** Middleware form of `requireSignedIn`, for routes that need a session before anything else runs. */
export const signedIn: RequestHandler = (_req, res, next) => {
  requireSignedIn(res);
  next();
};
