/**
 * The ingest node's internal route for web nodes: a room's snapshot and seq (the hub's, read in one
 * tick), so a web node's subscriber continues with exactly the deltas after it. Only the nodes of the
 * cluster may ask (Bearer CLUSTER_SECRET); who may watch a scope is checked by the web node first.
 */
import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { PERIODS, type Period, type ScopeKey } from '../metrics/types.js';
import type { LiveSnapshot } from '../realtime/hub.js';

export const LIVE_SNAPSHOT_PATH = '/internal/v1/live-snapshot';

const query = z.object({ scope: z.string().min(1).max(60), period: z.enum(PERIODS) });

export interface LiveSnapshotRouteDeps {
  secret: string;
  scopeExists(scope: ScopeKey): boolean;
  liveSnapshot(scope: ScopeKey, period: Period): LiveSnapshot;
}

function bearerMatches(secret: string, header: string | undefined): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function liveSnapshotRoute(deps: LiveSnapshotRouteDeps): Router {
  const r = Router();
  r.get(LIVE_SNAPSHOT_PATH, (req, res) => {
    if (!bearerMatches(deps.secret, req.get('authorization')))
      throw new HttpError(401, 'unauthorized', 'a cluster node’s secret is required');
    const q = query.safeParse(req.query);
    if (!q.success) throw new HttpError(400, 'invalid_query', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const scope = q.data.scope as ScopeKey;
    if (!deps.scopeExists(scope)) throw new HttpError(404, 'not_found', `no such scope: ${scope}`);
    res.set('Cache-Control', 'no-store').json(deps.liveSnapshot(scope, q.data.period));
  });
  return r;
}

/** A web node's way to ask the ingest node at `ingestUrl` for a room's snapshot. */
export function remoteLiveSnapshot(ingestUrl: string, secret: string, timeoutMs = 5_000) {
  return async (scope: ScopeKey, period: Period): Promise<LiveSnapshot> => {
    const url = `${ingestUrl}${LIVE_SNAPSHOT_PATH}?${new URLSearchParams({ scope, period })}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${secret}` }, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`the ingest node answered ${res.status} for ${scope} ${period}`);
    return (await res.json()) as LiveSnapshot;
  };
}
