/**
 * Rate limits of the sign-in and registration routes (express-rate-limit). Guarantees:
 * - sign-in: at most `LOGIN_LIMIT_PER_ACCOUNT` failed attempts per account and
 *   `LOGIN_LIMIT_PER_IP` per IP address in LOGIN_LIMIT_WINDOW_MS; successful sign-ins do not count,
 *   so a city hall behind one NAT is not locked out by its own officials;
 * - the per-account count is kept whether or not the account exists (no hint about which emails do);
 * - password changes count per member like sign-ins per account (a stolen session cannot guess
 *   the current password at leisure); registrations count per IP;
 * - refusals are 429 `too-many-attempts` in the usual error shape, with `Retry-After`.
 * The counters live in this server instance's memory: with several instances the limits apply per
 * instance (a shared store for express-rate-limit is the step when that matters).
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { Config } from '../config';
import { ApiError } from '../errors';
import { normaliseEmail } from './accounts';
import { LOGIN_LIMIT_WINDOW_MS, REGISTRATIONS_PER_IP_PER_HOUR } from './constants';

const refuse: Options['handler'] = (req, _res, next) => {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const retryAfterSeconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : undefined;
  next(new ApiError(429, 'too-many-attempts', 'Too many attempts; wait a while and try again', { retryAfterSeconds }));
};

const COMMON = { standardHeaders: 'draft-8', legacyHeaders: false, handler: refuse } as const satisfies Partial<Options>;

function emailOf(req: Request): string | null {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normaliseEmail(email) : null;
}

export type AuthLimits = { loginPerIp: RequestHandler; loginPerAccount: RequestHandler; passwordPerMember: RequestHandler; registerPerIp: RequestHandler };

/** The limiters of one app instance (fresh counters per instance). Mount after the JSON body parser. */
export function authLimits(config: Pick<Config, 'loginLimitPerAccount' | 'loginLimitPerIp'>): AuthLimits {
  return {
    loginPerIp: rateLimit({ ...COMMON, windowMs: LOGIN_LIMIT_WINDOW_MS, limit: config.loginLimitPerIp, skipSuccessfulRequests: true }),
    loginPerAccount: rateLimit({
      ...COMMON,
      windowMs: LOGIN_LIMIT_WINDOW_MS,
      limit: config.loginLimitPerAccount,
      skipSuccessfulRequests: true,
      // A body without an email is refused by the route (400) and counted per IP only.
      skip: (req) => emailOf(req) === null,
      keyGenerator: (req) => `account:${emailOf(req)}`,
    }),
    passwordPerMember: rateLimit({
      ...COMMON,
      windowMs: LOGIN_LIMIT_WINDOW_MS,
      limit: config.loginLimitPerAccount,
      skipSuccessfulRequests: true,
      // Mounted after requireSignedIn has run, so the member is known.
      keyGenerator: (_req, res) => `member:${String(res.locals.actor?.memberId)}`,
    }),
    registerPerIp: rateLimit({ ...COMMON, windowMs: 60 * 60 * 1000, limit: REGISTRATIONS_PER_IP_PER_HOUR }),
  };
}
