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
 *   Revocation still holds: a request of this instance that may change a session, a member or a
 *   municipality forgets the resolutions it may change (`changeScopeOf`: the acting member's own on
 *   sign-out and password change, the target member's on removal and moderation, a municipality's
 *   members on its moderation or on a push of members or municipalities, everyone's on a
 *   moderator's such push and on any other non-GET route not known to change nothing) when it starts
 *   and again when it has answered, and none of those is remembered while it runs; so after a
 *   sign-out, a password change, a member's removal, a role change or a moderator's decision
 *   answered by this instance, the next request of whoever it affects reads the store, while
 *   others' requests (photo uploads, pushes of needs) leave everyone else's resolutions alone. What
 *   another instance (or the admin CLI) changes takes effect here within SESSION_CACHE_MS.
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

/** Whose resolutions a request may change: one member's, every member's of one municipality, or everyone's. */
export type ChangeScope = { memberId: string } | { municipalityId: string } | 'everyone';

const EVERYONE = 'everyone';

/** The keys a scope names, and the ones every resolution of `actor` falls under. */
function keyOf(scope: ChangeScope): string {
  if (scope === 'everyone') return EVERYONE;
  return 'memberId' in scope ? `member:${scope.memberId}` : `municipality:${scope.municipalityId}`;
}

function keysOf(actor: Actor): string[] {
  return [EVERYONE, `member:${actor.memberId}`, `municipality:${actor.municipalityId}`];
}

/**
 * Sessions resolved in the last `ttlMs` (see the module header). Each `forget` moves a clock on and
 * notes it for its scope: a resolution that started (took its ticket) before a forget of a scope
 * it falls under is not remembered, and while a request that may change a scope is running
 * (`forgetAround`), no resolution under that scope is.
 */
export class SessionCache {
  private readonly entries = new Map<string, Resolved>();
  private clock = 0;
  /** The clock at the last forget of each scope key (all cleared with a forget of everyone, which dominates them). */
  private readonly forgottenAt = new Map<string, number>();
  /** How many requests that may change each scope key are running. */
  private readonly changing = new Map<string, number>();

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
    return this.clock;
  }

  set(token: string, entry: Resolved, ticket: number): void {
    if (this.ttlMs <= 0) return;
    for (const key of keysOf(entry.actor)) {
      if ((this.forgottenAt.get(key) ?? 0) > ticket || this.changing.has(key)) return;
    }
    // Bounded: at most one entry per session used in the last ttlMs; expired ones go on their next lookup, or here.
    if (this.entries.size >= MAX_CACHED_SESSIONS) this.entries.clear();
    this.entries.set(token, entry);
  }

  /** Forgets every resolution under `scope`, and any still running that started before now. */
  forget(scope: ChangeScope): void {
    const key = keyOf(scope);
    this.clock += 1;
    if (key === EVERYONE || this.forgottenAt.size >= MAX_FORGOTTEN_SCOPES) {
      this.forgottenAt.clear();
      this.forgottenAt.set(EVERYONE, this.clock);
      this.entries.clear();
      return;
    }
    this.forgottenAt.set(key, this.clock);
    for (const [token, entry] of this.entries) if (keysOf(entry.actor).includes(key)) this.entries.delete(token);
  }

  /** Forgets `scope` now and once `res` has answered (or was cut), remembering nothing under it in between. */
  forgetAround(res: Response, scope: ChangeScope): void {
    const key = keyOf(scope);
    this.changing.set(key, (this.changing.get(key) ?? 0) + 1);
    this.forget(scope);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const left = this.changing.get(key)! - 1;
      if (left === 0) this.changing.delete(key);
      else this.changing.set(key, left);
      this.forget(scope);
    };
    res.on('finish', finish);
    res.on('close', finish);
  }
}

/** More sessions used within SESSION_CACHE_MS than this start the cache afresh (a bound on memory, not a limit). */
const MAX_CACHED_SESSIONS = 50_000;

/** More scopes forgotten than this are noted as one forget of everyone (a bound on memory). */
const MAX_FORGOTTEN_SCOPES = 10_000;

/** The decoded path parameter, or null when it is malformed (the route refuses it; the caller stays on the safe side). */
function param(raw: string | undefined): string | null {
  try {
    return raw === undefined ? null : decodeURIComponent(raw);
  } catch {
    return null;
  }
}

type ScopeOf = (match: RegExpMatchArray, actor: Actor | null) => ChangeScope | null;

const NOTHING: ScopeOf = () => null;
const OWN_MEMBER: ScopeOf = (_match, actor) => (actor ? { memberId: actor.memberId } : null);
const MEMBER_IN_PATH: ScopeOf = (match) => {
  const memberId = param(match[1]);
  return memberId === null ? 'everyone' : { memberId };
};
const MUNICIPALITY_IN_PATH: ScopeOf = (match) => {
  const municipalityId = param(match[1]);
  return municipalityId === null ? 'everyone' : { municipalityId };
};
/** A push of these collections may change who someone is (their member or municipality document). */
const IDENTITY_COLLECTIONS = new Set(['members', 'municipalities']);

/**
 * A push of members or municipalities: a moderator may change anyone; anyone else only members of
 * their own municipality (domain/permissions.ts, judged with this same actor), and no verification.
 */
const PUSH: ScopeOf = (match, actor) => {
  const collection = param(match[1]);
  if (collection === null) return 'everyone';
  if (!IDENTITY_COLLECTIONS.has(collection.toLowerCase()) || !actor) return null;
  return actor.role === 'moderator' ? 'everyone' : { municipalityId: actor.municipalityId };
};

/**
 * The non-GET routes under /api (paths relative to it; Express matches them case-insensitively and
 * with or without a trailing slash) and whose resolutions each may change. A route missing here
 * forgets everyone's.
 */
const CHANGE_SCOPES: [RegExp, ScopeOf][] = [
  [/^\/sync\/([^/]+)\/push\/?$/i, PUSH],
  [/^\/photos\//i, NOTHING],
  // They open new sessions for new or signed-in-again members; a session already resolved stays what it was.
  [/^\/auth\/(?:login|register)\/?$/i, NOTHING],
  [/^\/invitations(?:\/accept)?\/?$/i, NOTHING],
  [/^\/auth\/(?:logout|password)\/?$/i, OWN_MEMBER],
  [/^\/members\/([^/]+)\/remove\/?$/i, MEMBER_IN_PATH],
  [/^\/moderation\/members\/([^/]+)\/(?:verify|reject)\/?$/i, MEMBER_IN_PATH],
  // A municipality's verification is part of each of its members' actor; its registrant is one of them.
  [/^\/moderation\/municipalities\/([^/]+)\/(?:verify|reject)\/?$/i, MUNICIPALITY_IN_PATH],
];

/** Whose session resolutions `req`, asked by `actor`, may change (the cache must forget them around it); null: nobody's. */
export function changeScopeOf(req: Request, actor: Actor | null): ChangeScope | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  // Mounted under /api: `req.path` is relative to it.
  for (const [pattern, scopeOf] of CHANGE_SCOPES) {
    const match = req.path.match(pattern);
    if (match) return scopeOf(match, actor);
  }
  return 'everyone';
}

/**
 * Resolves the session cookie to `res.locals.actor` / `res.locals.session` (see the module header);
 * `cacheMs` is SESSION_CACHE_MS (0: read the store on every request).
 */
export function sessionMiddleware(couch: Couch, sessions: SessionStore, cacheMs = 0): RequestHandler {
  const cache = new SessionCache(cacheMs);

  /** Sets `res.locals.session` / `res.locals.actor` from the cookie; the actor, or null. */
  async function resolve(req: Request, res: Response): Promise<Actor | null> {
    res.locals.actor = null;
    res.locals.session = null;
    const hasCookie = req.get('cookie')?.includes(`${SESSION_COOKIE}=`) ?? false;
    const token = readSessionToken(req);
    if (!token) {
      if (hasCookie) clearSessionCookie(req, res);
      return null;
    }
    const now = Date.now();
    const cached = cache.get(token, now);
    // A remembered session is re-read once it is due a touch: the touch is a write, and it must not resurrect a revoked session.
    if (cached && now - cached.session.lastSeenAt < SESSION_TOUCH_INTERVAL_MS) {
      res.locals.session = cached.session;
      res.locals.actor = cached.actor;
      return cached.actor;
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
      return null;
    }
    cache.set(token, { session, actor, at: now }, ticket);
    res.locals.session = session;
    res.locals.actor = actor;
    return actor;
  }

  return async (req, res, next) => {
    const actor = await resolve(req, res);
    // Before the route runs: what it changes is never read from the cache once it has begun.
    const scope = changeScopeOf(req, actor);
    if (scope !== null) cache.forgetAround(res, scope);
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
