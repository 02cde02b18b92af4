import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Serves the built client with SPA fallback; says how to build it when it is missing. */
export function staticClient(dir: string): Router {
  const r = Router();
  const index = join(dir, 'index.html');
  r.use(
    express.static(dir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, path) => {
        // index.html must never be cached: a new build has to reach displays that reload on a version change.
        // Nor the service worker and the manifest: the browser must see a new build's worker at once.
        if (/\.(html|webmanifest)$|[\\/]sw\.js$/.test(path)) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  r.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('The client is not built yet: run `npm run build` (npm start does it).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return r;
}
