/**
 * Store variants for what-if measurements: the same store, engine and ingest service as
 * server/runtime.ts, over a database whose pragmas or schema differ from the server's, so a candidate
 * fix can be measured before anyone edits the server. The baseline is the server's own openDatabase;
 * only the ingest wiring of server/runtime.ts is repeated here (store → ingest service → engine).
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../server/db/migrate.js';
import { openDatabase } from '../server/db/connection.js';
import { createStore, type Store } from '../server/db/store.js';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../server/domain/types.js';
import { jurisdictionIndex, loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { MetricsEngine } from '../server/metrics/engine.js';
import type { ScopeKey } from '../server/metrics/types.js';
import { createIngestService, type IngestService } from '../server/ingest/service.js';
import { createWriteBehind } from '../server/projection/write-behind.js';
import { Projector } from '../server/projection/projector.js';
import { hashSourceKey, generateSourceKey } from '../server/ingest/keys.js';
import type { SourceRow } from '../server/db/sources-repo.js';
import { ROOT } from './lib.js';

export interface StoreVariant {
  name: string;
  /** Page size set before the schema is created (default 4096, SQLite's). */
  pageSize?: number;
  synchronous?: 'FULL' | 'NORMAL';
  /** PRAGMA wal_autocheckpoint (pages; SQLite's default 1000; 0 = never during commits). */
  walAutocheckpoint?: number;
  /** `dossiers` as an ordinary rowid table (the migration without WITHOUT ROWID). */
  rowidDossiers?: boolean;
  /** Extra SQL run after the migrations (e.g. an index). */
  extraSql?: string;
}

export const BASELINE: StoreVariant = { name: 'baseline (server as is)' };

// The dossiers table's own body only ([^;]: it cannot run on into the next table).
const ROWID_RE = /(CREATE TABLE dossiers \([^;]*?\n\)) WITHOUT ROWID;/;

/** Whether the variant changes anything over the server's current schema (false: it is the baseline). */
export function variantApplies(v: StoreVariant): boolean {
  if (!v.rowidDossiers) return true;
  const src = join(ROOT, 'server/db/migrations');
  return readdirSync(src).some((f) => f.endsWith('.sql') && ROWID_RE.test(readFileSync(join(src, f), 'utf8')));
}

/** The server's migrations, transformed for the variant, in a temp folder. */
function variantMigrations(v: StoreVariant): { dir: string; remove(): void } {
  const src = join(ROOT, 'server/db/migrations');
  const dir = mkdtempSync(join(tmpdir(), 'bdt-bench-mig-'));
  for (const f of readdirSync(src).filter((f) => f.endsWith('.sql'))) {
    let sql = readFileSync(join(src, f), 'utf8');
    if (v.rowidDossiers) sql = sql.replace(ROWID_RE, '$1;');
    writeFileSync(join(dir, f), sql);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Opens a database with the server's own openDatabase (its pragmas, its migrations), then applies the
 * variant's differences: the page size is written into the empty file first (it cannot change later in
 * WAL mode); pragmas are set after; the rowid schema needs transformed migrations (own path).
 */
export function openVariantDb(file: string, v: StoreVariant): Database.Database {
  mkdirSync(join(file, '..'), { recursive: true });
  if (v.pageSize) {
    const raw = new Database(file);
    raw.pragma(`page_size = ${v.pageSize}`);
    raw.exec('CREATE TABLE bench_page_size (x); DROP TABLE bench_page_size;');
    raw.close();
  }
  let db: Database.Database;
  if (v.rowidDossiers) {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    const mig = variantMigrations(v);
    try {
      migrate(db, mig.dir);
    } finally {
      mig.remove();
    }
  } else {
    db = openDatabase(file);
  }
  if (v.synchronous) db.pragma(`synchronous = ${v.synchronous}`);
  if (v.walAutocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${v.walAutocheckpoint}`);
  if (v.extraSql) db.exec(v.extraSql);
  return db;
}

export interface IngestStack {
  db: Database.Database;
  store: Store;
  engine: MetricsEngine;
  ingest: IngestService;
  dossierSource: SourceRow;
  close(): void;
}

/**
 * The ingest path of server/runtime.ts (store → ingest service → metrics engine) over a variant DB.
 * The projections are written by a Projector on this thread right after each batch (the server runs
 * it on a worker thread, behind the answer): the store's whole write cost lands in each batch.
 */
export function createIngestStack(file: string, v: StoreVariant, now: () => number = Date.now): IngestStack {
  const settings = DEFAULT_DOMAIN_SETTINGS;
  const calendar = loadWorkCalendar(undefined, settings.officeHours);
  const jurisdiction = loadJurisdiction();
  const index = jurisdictionIndex(jurisdiction);
  const scopeOf = (code: string): ScopeKey | null => index.scopeOf(code);
  const ctx = { calendar, settings };
  const db = openVariantDb(file, v);
  const store = createStore(db, file);
  const scopes: ScopeKey[] = [
    ...jurisdiction.units.map((u) => `unit:${u.code}` as const),
    ...jurisdiction.departments.map((d) => `department:${d.code}` as const),
  ];
  const engine = new MetricsEngine({ calendar, settings, scopeOf, now, scopes });
  const projector = new Projector(store, ctx);
  const projected: ((seq: number) => void)[] = [];
  const ingest = createIngestService({
    store,
    domain: ctx,
    now,
    isKnownCode: (code) => index.scopeOf(code) !== null,
    jurisdictionName: jurisdiction.name,
    latest: createWriteBehind({
      store,
      projections: {
        logged() {
          const seq = projector.catchUp();
          for (const l of projected) l(seq);
        },
        onProjected: (l) => projected.push(l),
      },
    }),
    onApplied(changes) {
      for (const d of changes.dossiers) engine.applyDossier(d.prev, d.next);
      for (const t of changes.tasks) engine.applyTask(t.prev, t.next);
    },
  });
  const dossierSource = store.sources.upsertKey('bench-dossiers', 'dossier', hashSourceKey(generateSourceKey()), now());
  return { db, store, engine, ingest, dossierSource, close: () => db.close() };
}
