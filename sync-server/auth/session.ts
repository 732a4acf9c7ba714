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
 *   (`req.secure`, which honours TRUST_PROXY), and lives SESSION_LIFETIME_MS;
 * - what a session resolves to (the session and the actor) is remembered for at most
 *   SESSION_CACHE_MS (`SessionCache`), so a busy phone's pushes do not cost three store reads each.
 *   Revocation still holds: every request of this instance that may change a session, a member or
 *   a municipality (any non-GET under /api, except a push to a collection other than members and
 *   municipalities) forgets everything when it starts and again when it has answered, and nothing
 *   read while such a request ran is remembered; so after a sign-out, a password change, a
 *   member's removal or a verification answered by this instance, its next request reads the
 *   store. What another instance (or the admin CLI) changes takes effect here within SESSION_CACHE_MS.
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

/** What a session token resolved to, and when. */
type Resolved = { session: Session; actor: Actor; at: number };

/**
 * Sessions resolved in the last `ttlMs` (see the module header). `generation` moves on every
 * `forgetAll`: a resolution that started before one is not remembered, and while a request that
 * may change sessions or members is running (`changing` > 0), nothing is.
 */
export class SessionCache {
  private readonly entries = new Map<string, Resolved>();
  private generation = 0;
  private changing = 0;

  constructor(private readonly ttlMs: number) {}

  /** What `token` resolved to less than ttlMs ago, if it is still unexpired at `now`. */
  get(token: string, now: number): Resolved | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (now - entry.at >= this.ttlMs || entry.session.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  /** A ticket to pass to `set` once the resolution started now has finished. */
  ticket(): number {
    return this.generation;
  }

  set(token: string, entry: Resolved, ticket: number): void {
    if (this.ttlMs <= 0 || ticket !== this.generation || this.changing > 0) return;
    // Bounded: at most one entry per session used in the last ttlMs; expired ones go on their next lookup, or here.
    if (this.entries.size >= MAX_CACHED_SESSIONS) this.entries.clear();
    this.entries.set(token, entry);
  }

  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Forgets everything now and once `res` has answered (or was cut), remembering nothing in between. */
  forgetAround(res: Response): void {
    this.changing += 1;
    this.forgetAll();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.changing -= 1;
      this.forgetAll();
    };
    res.on('finish', finish);
    res.on('close', finish);
  }
}

/** More sessions used within SESSION_CACHE_MS than this start the cache afresh (a bound on memory, not a limit). */
const MAX_CACHED_SESSIONS = 50_000;

/** A push of these collections may change who someone is (their member or municipality document). */
const IDENTITY_COLLECTIONS = /^\/sync\/(members|municipalities)\/push/;

/** Whether a request may change a session, a member or a municipality (the cache must forget around it). */
function mayChangeIdentity(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  // Mounted under /api: `req.path` is relative to it. A push to other collections changes none.
  if (req.path.startsWith('/sync/') && req.path.endsWith('/push')) return IDENTITY_COLLECTIONS.test(req.path);
  return true;
}

/**
 * Resolves the session cookie to `res.locals.actor` / `res.locals.session` (see the module header);
 * `cacheMs` is SESSION_CACHE_MS (0: read the store on every request).
 */
export function sessionMiddleware(couch: Couch, sessions: SessionStore, cacheMs = 0): RequestHandler {
  const cache = new SessionCache(cacheMs);
  return async (req, res, next) => {
    if (mayChangeIdentity(req)) cache.forgetAround(res);
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
    const cached = cache.get(token, now);
    // A remembered session is re-read once it is due a touch: the touch is a write, and it must not resurrect a revoked session.
    if (cached && now - cached.session.lastSeenAt < SESSION_TOUCH_INTERVAL_MS) {
      res.locals.session = cached.session;
      res.locals.actor = cached.actor;
      next();
      return;
    }
    const ticket = cache.ticket();
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
    cache.set(token, { session, actor, at: now }, ticket);
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
