/**
 * Serves the built PWA. Hashed assets are cached for a year; the service worker, the manifest and
 * index.html are always revalidated so an update reaches phones. Unknown non-API paths get
 * index.html (client-side routes).
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

const ALWAYS_REVALIDATE = /(^|\/)(sw\.js|workbox-[^/]*\.js|index\.html|manifest\.webmanifest|registerSW\.js)$/;

export function staticRoutes(distDir: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');
  router.use(
    express.static(distDir, {
      index: 'index.html',
      setHeaders(res, file) {
        if (ALWAYS_REVALIDATE.test(file)) res.setHeader('cache-control', 'no-cache');
        else if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  router.get(/^\/(?!api\/|healthz).*/, (req, res, next) => {
    if (!req.accepts('html') || !fs.existsSync(indexFile)) {
      next();
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
