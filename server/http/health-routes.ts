import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../db/store.js';
import type { PastReads } from '../db/past-store/contract.js';
import { toVnIso } from '../domain/time.js';
import type { HealthResponse, SourceFreshness } from '../../shared/contract/api.js';
import type { HistoryLoadState } from '../../shared/contract/history-load.js';
import type { WorkCalendar } from '../domain/types.js';
import type { CalendarCoverage } from '../domain/calendar-coverage.js';
import { sourceSilence } from '../metrics/source-silence.js';
import { DEFAULT_CLOCK_SKEW_WARN_MS, isSkewLarge, type SourceSkew } from '../metrics/clock-skew.js';
import { HttpError, RECOVERING_RETRY_AFTER_S } from './errors.js';
import type { RecoveryProgress } from '../projection/projector.js';
import { denied, principalOf } from './principal.js';
import { isAdmin } from '../auth/policy.js';

/** How sources are judged silent: the server default threshold, and the calendar for working time. */
export interface SilenceSettings {
  /** SOURCE_SILENT_MS: the threshold of a source without its own. */
  defaultSilentAfterMs: number;
  calendar: Pick<WorkCalendar, 'workingMsBetween'>;
  /** Per-source clock skew and the size over which it is a warning (absent: no source has any yet). */
  skew?: { of(sourceId: number): SourceSkew; warnMs: number };
}

/** Per-source freshness: when each active source last sent something, its lag and state (metrics/source-silence.ts). */
export function sourceFreshness(store: Store, now: number, silence: SilenceSettings): SourceFreshness[] {
  return store.sources
    .list()
    .filter((s) => s.revokedAt === null)
    .map((s) => {
      const silentAfterMs = s.silentAfterMs ?? silence.defaultSilentAfterMs;
      const judged = sourceSilence({ lastSeenAt: s.lastSeenAt, now, silentAfterMs, hours: s.hours }, silence.calendar);
      const skew = silence.skew?.of(s.id) ?? { medianMs: null, samples: 0 };
      const warnMs = silence.skew?.warnMs ?? DEFAULT_CLOCK_SKEW_WARN_MS;
      return {
        name: s.name,
        kind: s.kind,
        lastEventAt: s.lastEventAt === null ? null : toVnIso(s.lastEventAt),
        lastSeenAt: s.lastSeenAt === null ? null : toVnIso(s.lastSeenAt),
        lagMs: judged.lagMs,
        quietMs: judged.quietMs,
        silentAfterMs,
        hours: s.hours,
        state: judged.state,
        silent: judged.state === 'silent',
        clockSkewMs: skew.medianMs === null ? null : Math.round(skew.medianMs),
        clockSkewSamples: skew.samples,
        clockSkewLarge: isSkewLarge(skew.medianMs, warnMs),
        clockSkewWarnMs: warnMs,
      };
    });
}

export function healthRoutes(deps: {
  store: Store;
  /** The rows counted (either engine). */
  past: Pick<PastReads, 'counts'>;
  now: () => number;
  build: string;
  silence: SilenceSettings;
  calendarCoverage: () => CalendarCoverage;
  /** How far the recovery at start is, while it runs (null: serving). */
  recovering?: () => RecoveryProgress | null;
  /** A history load running or still being projected (null: none). */
  historyLoad?: () => HistoryLoadState | null;
}): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    const now = deps.now();
    const p = deps.recovering?.() ?? null;
    if (p) {
      // Not ready (503, what a load balancer takes out of rotation) but alive, with how far it is.
      // Nothing is counted: the projections are being rewritten and a read would wait for them.
      const body: HealthResponse = {
        status: 'recovering',
        now: toVnIso(now),
        build: deps.build,
        progress: {
          done: p.done,
          total: p.total,
          percent: p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0,
          events: p.events,
          eventsTotal: p.eventsTotal,
          elapsedMs: Math.round(p.elapsedMs),
        },
      };
      res.set('Retry-After', String(RECOVERING_RETRY_AFTER_S)).status(503).json(body);
      return;
    }
    let ok: boolean;
    let counts = { events: 0, dossiers: 0, tasks: 0 };
    try {
      ok = deps.store.ping();
      counts = { events: deps.store.events.count(), ...(await deps.past.counts()) };
    } catch {
      ok = false;
    }
    const body: HealthResponse = {
      status: ok ? 'ok' : 'degraded',
      now: toVnIso(now),
      build: deps.build,
      database: { ok, file: deps.store.file.split('/').pop() ?? deps.store.file, ...counts },
      sources: ok ? sourceFreshness(deps.store, now, deps.silence) : [],
      calendar: deps.calendarCoverage(),
      historyLoad: deps.historyLoad?.() ?? null,
    };
    res.status(ok ? 200 : 503).json(body);
  });

  const q = z.object({
    source: z.string().max(200).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  });
  // Rejected payloads carry officials' and citizens' data as sent: for the admin who fixes sources.
  r.get('/quarantine', (req, res) => {
    const p = principalOf(res);
    if (!isAdmin(p)) throw denied(p, 'the quarantine');
    const parsed = q.safeParse(req.query);
    if (!parsed.success)
      throw new HttpError(400, 'invalid_query', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { source, page, pageSize } = parsed.data;
    const result = deps.store.quarantine.page({ source: source ?? null, limit: pageSize, offset: (page - 1) * pageSize });
    res.json({
      total: result.total,
      page,
      pageSize,
      items: result.items.map((i) => ({
        ...i,
        receivedAt: toVnIso(i.receivedAt),
        reviewedAt: i.reviewedAt === null ? null : toVnIso(i.reviewedAt),
      })),
    });
  });
  return r;
}
