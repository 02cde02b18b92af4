/**
 * HTTP hardening in one place: security headers with a Content-Security-Policy (helmet), CORS closed
 * unless origins are configured, an Origin check and a per-session CSRF token on state-changing
 * requests, and the small JSON body limit of everything but ingest.
 */
import express, { type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';
import { csrfMatches } from '../auth/auth-service.js';
import type { ResolvedSession } from '../auth/auth-service.js';

/** Body limit of every JSON endpoint except ingest (logins, reminders, admin forms are small). */
export const MAX_JSON_BODY = '16kb';
/** The header a signed-in browser sends its session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

export interface SecurityOptions {
  /** Tile URL template (TILE_SERVER_URL) whose origin images may load from; null: none. */
  tileServerUrl: string | null;
  /** Origins allowed to call from another site (CORS_ORIGINS); empty: same origin only. */
  corsOrigins: readonly string[];
}

/**
 * The CSP source of a tile URL template: its origin, with a `{s}` subdomain placeholder widened to `*`
 * (`https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`).
 */
export function tileSource(template: string | null): string | null {
  if (!template) return null;
  const wild = template.includes('://{s}.');
  try {
    const u = new URL(template.replace('{s}', 'a').replace(/\{[a-z]+\}/g, '0'));
    return wild ? `${u.protocol}//*.${u.host.slice(2)}` : u.origin;
  } catch {
    return null;
  }
}

/** helmet with our CSP: scripts only from this origin, images also from the tile server, no framing. */
export function securityHeaders(o: SecurityOptions): RequestHandler {
  const tiles = tileSource(o.tileServerUrl);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        // React and Leaflet set styles through the CSSOM (allowed); inline style attributes from
        // libraries are the only reason for 'unsafe-inline', which cannot run code.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
        'font-src': ["'self'", 'data:'],
        // 'self' covers the same-origin WebSocket of Socket.IO (CSP level 3).
        'connect-src': ["'self'", ...o.corsOrigins],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    // The dashboard is often served over plain HTTP on an office network: no upgrade-insecure-requests
    // (it would break every request), and HSTS only matters (and is only honoured) over HTTPS.
    crossOriginEmbedderPolicy: false,
  });
}

/** The origin a browser would send for a same-origin request to this server. */
function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

/** True when a browser request's Origin is this server or a configured one; requests without Origin are not from a foreign page. */
export function originAllowed(origin: string | undefined, own: string, allowed: readonly string[]): boolean {
  if (!origin) return true;
  return origin === own || allowed.includes(origin);
}

/** For the Socket.IO handshake (`allowRequest`): refuses a WebSocket or polling request from a foreign page. */
export function socketOriginAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers.host ?? '';
  const proto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  // Behind a TLS-terminating proxy the origin is https while this hop is http: compare hosts then.
  return origin === `${proto}://${host}` || origin === `https://${host}` || allowed.includes(origin);
}

/** CORS: answers only configured origins, with credentials; every other cross-site caller gets no CORS headers. */
export function cors(allowed: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!origin || !allowed.includes(origin)) return next();
    res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' });
    if (req.method === 'OPTIONS') {
      res
        .set({
          'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
          'Access-Control-Allow-Headers': `Content-Type, Authorization, ${CSRF_HEADER}`,
          'Access-Control-Max-Age': '600',
        })
        .status(204)
        .end();
      return;
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection of state-changing requests: a foreign Origin is refused outright, and a request
 * authenticated by the session cookie must carry that session's token in X-CSRF-Token (a page on
 * another site can make the browser send the cookie, never read the token). `exempt` paths (the
 * login, which has no session yet) get the Origin check only.
 */
export function csrfProtection(allowed: readonly string[], exempt: readonly string[] = ['/auth/login']): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!originAllowed(req.get('origin'), ownOrigin(req), allowed)) {
      return next(new HttpError(403, 'csrf_origin', 'cross-site request refused'));
    }
    if (exempt.includes(req.path)) return next();
    const session = res.locals.session as ResolvedSession | undefined;
    if (session && !csrfMatches(session.csrfToken, req.get(CSRF_HEADER))) {
      return next(new HttpError(403, 'csrf_token', `missing or wrong ${CSRF_HEADER} header (get it from GET /api/v1/auth/me)`));
    }
    next();
  };
}

/** JSON bodies up to MAX_JSON_BODY, parsed only when the Content-Type says JSON (a form post stays unparsed). */
export const smallJson = (): RequestHandler => express.json({ limit: MAX_JSON_BODY });
