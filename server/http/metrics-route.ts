import { Router, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { OpsMetrics } from '../observability/ops-metrics.js';
import { HttpError } from './errors.js';
import { metricsAccess, type MetricsAccessSettings } from '../observability/metrics-access.js';

/**
 * GET /metrics in Prometheus' text format (outside /api/v1, where Prometheus looks by convention):
 * the process's figures then the app's. Who may read it: observability/metrics-access.ts.
 */
export function metricsRoute(deps: { access: MetricsAccessSettings; registries: () => readonly Registry[] }): Router {
  const r = Router();
  const access = metricsAccess(deps.access);
  r.get('/metrics', async (req, res) => {
    const verdict = access({ address: req.ip, authorization: req.get('authorization') });
    if (verdict === 'not_configured') throw new HttpError(404, 'not_found', 'no route GET /metrics');
    if (verdict === 'forbidden') throw new HttpError(403, 'forbidden', 'this address is not in METRICS_ALLOW');
    if (verdict === 'unauthorized') {
      throw new HttpError(401, 'unauthorized', 'missing or wrong "Authorization: Bearer <METRICS_TOKEN>" header', {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
    }
    const registries = deps.registries();
    const texts = await Promise.all(registries.map((reg) => reg.metrics()));
    res
      .set('Cache-Control', 'no-store')
      .type(registries[0]?.contentType ?? 'text/plain; version=0.0.4; charset=utf-8')
      .send(texts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join(''));
  });
  return r;
}

/** Times every request under /api/v1/ingest, from its arrival to its answer's last byte (mounted at '/ingest'). */
export function timeIngestRequests(ops: Pick<OpsMetrics, 'observeIngestRequest'>): RequestHandler {
  return (req, res, next) => {
    const t0 = performance.now();
    const path = req.path;
    res.once('finish', () => ops.observeIngestRequest(path, res.statusCode, (performance.now() - t0) / 1000));
    next();
  };
}
