/**
 * The server's operating figures for Prometheus (GET /metrics, http/metrics-route.ts), through prom-client.
 *
 * One Registry per app instance (tests build many apps in one process: the global default registry
 * would mix them). Counters and histograms are incremented where the figure is already known, once per
 * batch or request (never per event: the ingest path is measured by issues 11 and 15); gauges are
 * read at scrape time by `collect()` (ops-gauges.ts). Node's own figures (event-loop delay, heap, GC)
 * come from prom-client's default collectors, registered once per process (processRegistry below).
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { EventResult } from '../ingest/service.js';
import type { IngestKind } from '../ingest/validate.js';

/** Every metric of ours starts with this. */
export const METRIC_PREFIX = 'bdtt_';

const OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;
const KINDS: readonly IngestKind[] = ['dossier', 'task'];

/** Distinct rule labels kept per kind; the rest are counted as `other` (a sender's stray field names must not grow the series without limit). */
export const MAX_RULE_LABELS = 100;

/** Seconds: an ingest request of one event takes ~1 ms, a batch of 5,000 some hundreds. */
const INGEST_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: a realtime flush is usually well under a millisecond, and must stay under DELTA_FLUSH_MS. */
const FLUSH_BUCKETS_S = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** The ingest routes a request's latency is labelled with (the path under /api/v1/ingest). */
const INGEST_ROUTES = new Set(['/dossiers', '/tasks', '/dvcqg']);

export interface OpsMetrics {
  registry: Registry;
  /** Counts one ingest batch's answers by outcome, and its rejected events by rule. */
  recordBatch(kind: IngestKind, results: readonly EventResult[]): void;
  /** One ingest HTTP request's latency (seconds), by route and status class. */
  observeIngestRequest(path: string, status: number, seconds: number): void;
  /** One realtime flush's latency (seconds). */
  observeFlush(seconds: number): void;
}

export function createOpsMetrics(): OpsMetrics {
  const registry = new Registry();
  const events = new Counter({
    name: `${METRIC_PREFIX}ingest_events_total`,
    help: 'Events received by ingest (HTTP, DVCQG, simulator), by kind and outcome: accepted into the log, duplicate of one already logged, or rejected (quarantined).',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  // Children made once (and shown at 0, so that rate() sees the first event): a batch increments them without hashing its labels.
  const byOutcome = new Map(
    KINDS.map(
      (k) =>
        [
          k,
          OUTCOMES.map((o) => {
            const child = events.labels(k, o);
            child.inc(0);
            return child;
          }),
        ] as const,
    ),
  );
  const rejections = new Counter({
    name: `${METRIC_PREFIX}ingest_rejections_total`,
    help: `Rejected events by the rule they broke: the field the error names (array indexes as []), "(event)" for a non-object, "other" past ${MAX_RULE_LABELS} distinct fields. An event breaking several rules counts once under each.`,
    labelNames: ['kind', 'rule'],
    registers: [registry],
  });
  const rulesSeen = new Map<IngestKind, Set<string>>(KINDS.map((k) => [k, new Set()]));
  const ingestLatency = new Histogram({
    name: `${METRIC_PREFIX}ingest_request_duration_seconds`,
    help: 'Time from an ingest request reaching the server to its answer being sent, by route (dossiers, tasks, dvcqg) and status class (2xx, 4xx, 5xx).',
    labelNames: ['route', 'status'],
    buckets: INGEST_BUCKETS_S,
    registers: [registry],
  });
  const flushLatency = new Histogram({
    name: `${METRIC_PREFIX}realtime_flush_duration_seconds`,
    help: 'Time one realtime flush takes (computing changed metrics for every subscribed room and sending them), every DELTA_FLUSH_MS.',
    buckets: FLUSH_BUCKETS_S,
    registers: [registry],
  });

  return {
    registry,
    recordBatch(kind, results) {
      let accepted = 0;
      let duplicate = 0;
      let rejected = 0;
      for (const r of results) {
        if (r.status === 'accepted') accepted++;
        else if (r.status === 'duplicate') duplicate++;
        else {
          rejected++;
          countRules(r.errors, kind);
        }
      }
      const [a, d, x] = byOutcome.get(kind)!;
      if (accepted) a.inc(accepted);
      if (duplicate) d.inc(duplicate);
      if (rejected) x.inc(rejected);
    },
    observeIngestRequest(path, status, seconds) {
      ingestLatency.labels(INGEST_ROUTES.has(path) ? path.slice(1) : 'other', `${Math.floor(status / 100)}xx`).observe(seconds);
    },
    observeFlush(seconds) {
      flushLatency.observe(seconds);
    },
  };

  /** Each distinct rule of one rejected event, once. */
  function countRules(errors: readonly { path: string }[], kind: IngestKind): void {
    const seen = rulesSeen.get(kind)!;
    // Rejections are the rare path, and an event has few errors: the earlier ones are simply searched.
    errors.forEach((e, i) => {
      let rule = ruleOf(e.path);
      if (errors.findIndex((f) => ruleOf(f.path) === rule) < i) return;
      if (!seen.has(rule)) {
        if (seen.size >= MAX_RULE_LABELS) rule = 'other';
        else seen.add(rule);
      }
      rejections.labels(kind, rule).inc();
    });
  }
}

/** The rule label of an error's field path: array indexes folded (`a.3.b` → `a[].b`), the event itself `(event)`, at most 64 characters. */
export function ruleOf(path: string): string {
  if (path === '') return '(event)';
  return path
    .replace(/\.\d+(?=\.|$)/g, '[]')
    .replace(/^\d+(?=\.|$)/, '[]')
    .slice(0, 64);
}

let processMetrics: Registry | null = null;

/**
 * Node's own figures (event-loop delay, heap, GC, CPU, handles) in a registry of their own, created
 * once per process on first use: they describe the process, which every app in it shares, and their
 * collectors (an event-loop delay histogram, a GC observer) must not be started twice.
 */
export function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}
