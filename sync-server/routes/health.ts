/** `/healthz`: 200 when the store answers, 503 otherwise (for load balancers and start scripts). */
import { Router } from 'express';
import type { Couch } from '../store/couch';

export function healthRoutes(couch: Couch): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const storeUp = await couch.ping();
    res.status(storeUp ? 200 : 503).json({ status: storeUp ? 'ok' : 'degraded', store: storeUp ? 'up' : 'down' });
  });
  return router;
}
