/**
 * `/api/members`: a coordinator's changes to the members of their municipality (issue 4).
 * - POST /:id/remove → 200 `{ member, revokedSessions }`: status `removed` (a write of the synced
 *   member with server-set meta, so phones learn it through sync) and every session of that member
 *   revoked. Removing a removed member changes nothing and still revokes what is left. 401
 *   not-signed-in; 403 with the code of domain/permissions.ts (`coordinator-only`, `not-verified`,
 *   `removed-member`); 404 not-found for an unknown id and for a member the actor may not read
 *   (another municipality's), so the answer never tells which ids exist; 400 invalid-request for
 *   an id that is not one; 403 bad-origin. Moderators may remove anyone. The removal is judged
 *   before anything is done, sessions included, even when the member is removed already.
 */
import { Router } from 'express';
import { SessionStore } from '../auth/accounts';
import { requireSameOrigin } from '../auth/origin';
import { requireSignedIn, signedIn } from '../auth/session';
import type { Couch } from '../store/couch';
import { changeDocument } from '../store/server-writes';
import { checkIdParams } from './bodies';

export function memberRoutes(couch: Couch): Router {
  const sessions = new SessionStore(couch);
  const router = checkIdParams(Router(), 'id');
  router.use(requireSameOrigin);

  router.post('/:id/remove', signedIn, async (req, res) => {
    const { actor } = requireSignedIn(res);
    const now = Date.now();
    const member = await changeDocument(couch, 'members', req.params.id as string, actor, (doc) => ({ ...doc, status: 'removed' }), now);
    const revokedSessions = await sessions.revokeAllOfMember(member.id, now);
    res.json({ member, revokedSessions });
  });

  return router;
}
