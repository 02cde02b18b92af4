import { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { firstRequests, withPreloads } from './index-preloads.js';

/**
 * Serves the built client with SPA fallback; says how to build it when it is missing. Scripts and
 * stylesheets go as the build compressed them (brotli 11 or gzip 9 beside each file, see vite.config.ts),
 * in the encoding the browser accepts, brotli first; the rest as it is (the compression middleware
 * still compresses what it should).
 */
export function staticClient(dir: string, provinces?: ReadonlySet<string>): Router {
  const r = Router();
  const index = join(dir, 'index.html');
  r.use(
    expressStaticGzip(dir, {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: false,
      serveStatic: {
        index: false,
        maxAge: '1h',
        setHeaders: (res, path) => {
          // index.html must never be cached: a new build has to reach displays that reload on a version change.
          // Nor the service worker and the manifest: the browser must see a new build's worker at once.
          if (/\.(html|webmanifest)$|[\\/]sw\.js$/.test(path)) res.setHeader('Cache-Control', 'no-cache');
        },
      },
    }),
  );
  const readIndex = indexReader(index);
  r.get(/^(?!\/api\/|\/socket\.io\/).*/, (req, res) => {
    const html = readIndex();
    if (html === null) {
      res.status(503).type('text/plain; charset=utf-8').send('The client is not built yet: run `npm run build` (npm start does it).');
      return;
    }
    const query = new URL(req.originalUrl, 'http://x').searchParams;
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(withPreloads(html, firstRequests(req.path, query, provinces)));
  });
  return r;
}

/** index.html's text, read again only when a new build replaced it; null while there is none. */
function indexReader(file: string): () => string | null {
  let cached: { mtimeMs: number; html: string } | null = null;
  return () => {
    if (!existsSync(file)) return null;
    const { mtimeMs } = statSync(file);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: readFileSync(file, 'utf8') };
    return cached.html;
  };
}
