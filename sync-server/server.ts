/**
 * Wiring only: the Express app of the sync server (security headers, compression, routes, errors).
 * Every `/api` answer (errors and the live stream included) is `Cache-Control: no-store`: it is
 * about, or only for, the member asking, and no browser or proxy cache may keep it.
 */
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config';
import { SessionStore } from './auth/accounts';
import { sessionMiddleware } from './auth/session';
import { errorHandler, notFound } from './errors';
import type { Logger } from './logger';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { invitationRoutes } from './routes/invitations';
import { memberRoutes } from './routes/members';
import { moderationRoutes } from './routes/moderation';
import { photoRoutes } from './routes/photos';
import { staticRoutes } from './routes/static';
import { syncRoutes } from './routes/sync';
import type { Couch } from './store/couch';
import type { ChangesHub } from './sync/changes-hub';

export type AppDependencies = { config: Config; couch: Couch; hub: ChangesHub; logger: Logger };

export function createApp({ config, couch, hub, logger }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use('/api', (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          // The photo compressor runs in a worker it starts from a blob: URL (the code itself comes from 'self').
          'worker-src': ["'self'", 'blob:'],
          'manifest-src': ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
      // Plain-http loopback development must keep working; HSTS is the reverse proxy's job.
      strictTransportSecurity: false,
    }),
  );
  // Server-Sent Events must not be buffered by gzip.
  app.use(compression({ filter: (req, res) => !String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') && compression.filter(req, res) }));
  app.use(healthRoutes(couch));
  // Who is asking, for every API route; each route decides what it requires (sync: a signed-in member).
  app.use('/api', sessionMiddleware(couch, new SessionStore(couch), config.sessionCacheMs));
  app.use('/api/auth', authRoutes(couch, config));
  app.use('/api/moderation', moderationRoutes(couch));
  app.use('/api/invitations', invitationRoutes(couch, config));
  app.use('/api/members', memberRoutes(couch));
  app.use('/api/sync', syncRoutes(couch, hub, logger, config));
  app.use('/api/photos', photoRoutes(couch, config));
  app.use('/api', notFound);
  app.use(staticRoutes(config.distDir));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
