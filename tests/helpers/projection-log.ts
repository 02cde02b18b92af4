/**
 * A seeded city's events logged into a SQLite file (the ingest service alone, no projection writer):
 * dossiers over the 12 days before T0 in batches of 500, with every 40th event held back and sent at the
 * end (late arrivals: the writers refold those dossiers from their log), and the city's tasks. For the
 * projection writers' tests on both engines (the same log copied into PostgreSQL: copyLogToPostgres).
 */
import type pg from 'pg';
import { openDatabase, type Db } from '../../server/db/connection.js';
import { createStore, type Store } from '../../server/db/store.js';
import { loadWorkCalendar } from '../../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../server/domain/types.js';
import { MS_PER_DAY } from '../../server/domain/time.js';
import { loadJurisdiction } from '../../server/geo/jurisdiction-loader.js';
import { hashSourceKey } from '../../server/ingest/keys.js';
import { createCityGenerator } from '../../server/simulator/generator.js';
import { loadProcedures } from '../../server/simulator/procedures.js';
import { copyTablesToPostgres } from './copy-to-postgres.js';
import { logOnlyIngest } from './log-only-ingest.js';
import { T0 } from './test-server.js';

export const settings = DEFAULT_DOMAIN_SETTINGS;
export const calendar = loadWorkCalendar(undefined, settings.officeHours);
export const jurisdiction = loadJurisdiction();
export const domain = { calendar, settings };

/** A new SQLite file at `file` whose log holds the city's events (the projections empty); answers its store. */
export function loggedCity(file: string, scale = 0.01): { store: Store; db: Db; accepted: number } {
  const gen = createCityGenerator({ seed: 7, jurisdiction, procedures: loadProcedures(), calendar, scale, badEventRate: 0 });
  const { dossiers, tasks } = gen.generate(T0 - 12 * MS_PER_DAY, T0);
  const onTime = dossiers.filter((_, i) => i % 40 !== 39);
  const late = dossiers.filter((_, i) => i % 40 === 39);
  const db = openDatabase(file);
  const store = createStore(db, file);
  const source = store.sources.upsertKey('test-dossiers', 'dossier', hashSourceKey('k'.repeat(24)), T0);
  const taskSource = store.sources.upsertKey('test-tasks', 'task', hashSourceKey('t'.repeat(24)), T0);
  const ingest = logOnlyIngest(store, jurisdiction, domain);
  let accepted = 0;
  const send = (kind: 'dossier' | 'task', list: unknown[]) => {
    for (let i = 0; i < list.length; i += 500) {
      const src = kind === 'dossier' ? source : taskSource;
      accepted += ingest.ingest(src, kind, list.slice(i, i + 500)).filter((r) => r.status === 'accepted').length;
    }
  };
  send('dossier', onTime);
  send('task', tasks);
  send('dossier', late);
  return { store, db, accepted };
}

/** The file's sources and event log into a migrated PostgreSQL database, seqs kept, log_head at the end. */
export async function copyLogToPostgres(db: Db, pool: pg.Pool): Promise<void> {
  await copyTablesToPostgres(db, pool, ['sources', 'events']);
  await pool.query('UPDATE log_head SET seq = (SELECT COALESCE(MAX(seq), 0) FROM events)');
}
