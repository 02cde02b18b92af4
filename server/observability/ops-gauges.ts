/**
 * Gauges read at scrape time (`collect()`): nothing is kept up to date between scrapes, so they cost
 * nothing on the ingest or realtime path.
 */
import { statSync } from 'node:fs';
import { Gauge, type Registry } from 'prom-client';
import { ROLES, type Role } from '../../shared/contract/roles.js';
import { METRIC_PREFIX } from './ops-metrics.js';

/** One source's clock skew as the gauges read it (sources without events are left out: no series). */
export interface SourceSkewFigure {
  name: string;
  kind: string;
  medianMs: number | null;
  samples: number;
}

export interface StoreGaugeSources {
  /** Events logged but not yet written to the projections. */
  projectionLagEvents(): number;
  /** The SQLite database file (its `-wal` beside it). */
  dbFile: string;
  /** The database's size in bytes (pages × page size, WAL-resident pages included). */
  databaseBytes(): number;
  /** Every active source's skew. */
  sourceSkews(): SourceSkewFigure[];
}

/** Projection lag, SQLite file sizes and per-source clock skew. */
export function registerStoreGauges(registry: Registry, sources: StoreGaugeSources): void {
  new Gauge({
    name: `${METRIC_PREFIX}projection_lag_events`,
    help: 'Events in the log not yet written to the projections by the projection writer (ingest answers 503 past INGEST_MAX_LAG_EVENTS).',
    registers: [registry],
    collect() {
      this.set(sources.projectionLagEvents());
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}sqlite_database_bytes`,
    help: 'Size of the SQLite database (DASHBOARD_DB): its pages × page size, pages still only in the WAL included.',
    registers: [registry],
    collect() {
      this.set(sources.databaseBytes());
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}sqlite_wal_bytes`,
    help: 'Size of the SQLite write-ahead log (DASHBOARD_DB-wal); the projection writer truncates it past 64 MiB.',
    registers: [registry],
    collect() {
      this.set(fileBytes(`${sources.dbFile}-wal`));
    },
  });
  registerSkewGauges(registry, sources);
}

function registerSkewGauges(registry: Registry, sources: StoreGaugeSources): void {
  // Each gauge reads the figures itself (a median per source, twice a scrape): scrapes are rare, sources few.
  new Gauge({
    name: `${METRIC_PREFIX}source_clock_skew_seconds`,
    help: "Median of (arrival − event time) over a source's last 1,001 accepted events: positive, events arrive after they happened (sent late, or a clock behind ours); negative, a clock ahead of ours.",
    labelNames: ['source', 'kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of sources.sourceSkews()) if (s.medianMs !== null) this.labels(s.name, s.kind).set(s.medianMs / 1000);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}source_clock_skew_samples`,
    help: "Accepted events the source's clock-skew median is taken over (at most 1,001; fewer after a start or for a new source).",
    labelNames: ['source', 'kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of sources.sourceSkews()) if (s.samples > 0) this.labels(s.name, s.kind).set(s.samples);
    },
  });
}

/** Connected Socket.IO clients by role (`display` for wall displays, `public` for nobody signed in); every role is reported, 0 included. */
export function registerSocketGauge(registry: Registry, roles: () => Iterable<Role | undefined>): void {
  new Gauge({
    name: `${METRIC_PREFIX}realtime_sockets`,
    help: 'Connected Socket.IO clients by role of who opened them (a user role, display, or public).',
    labelNames: ['role'],
    registers: [registry],
    collect() {
      const counts = new Map<Role, number>(ROLES.map((r) => [r, 0]));
      for (const r of roles()) if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
      for (const [role, n] of counts) this.labels(role).set(n);
    },
  });
}

/** A file's size in bytes; 0 when it does not exist (a WAL just truncated, an in-memory database). */
function fileBytes(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
