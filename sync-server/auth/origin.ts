/**
 * Cross-site request defence for routes that change state (together with SameSite=Strict cookies).
 * The rule, in its safe reading: a request that carries an `Origin` header must come from this
 * server's own origin (`req.protocol://req.host`, which honour TRUST_PROXY), else 403 `bad-origin`.
 * A request without `Origin` passes: browsers send it on every cross-origin request and on every
 * non-GET fetch (all the browsers DESIGN.md supports), so its absence means a non-browser client
 * (the CLI, curl, tests), which carries no victim's cookie. `Origin: null` (sandboxed frames,
 * some redirects) is present and does not match, so it is refused.
 */
import type { RequestHandler } from 'express';
import { ApiError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const requireSameOrigin: RequestHandler = (req, _res, next) => {
  const origin = req.get('origin');
  if (SAFE_METHODS.has(req.method) || origin === undefined) {
    next();
    return;
  }
  const own = `${req.protocol}://${req.host}`;
  if (origin === own) {
    next();
    return;
  }
  // Behind a TLS-terminating proxy without TRUST_PROXY the server sees http while the browser says https.
  next(new ApiError(403, 'bad-origin', 'This request came from another site', { origin, expected: own }));
};
