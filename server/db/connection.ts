import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';
import { quarantineRuleOfJson } from '../domain/quarantine-rule.js';

export type Db = Database.Database;

/** Page cache of each connection that writes, MiB (SQLite keeps it full once filled). */
export const WRITE_CACHE_MIB = 16;

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date (the migrations of
 * `migrationsDir`, by default the server's). `:memory:` is accepted for tests that do not need a file.
 */
export function openDatabase(file: string, migrationsDir?: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL: readers (API, exports) never block the single writer (ingest), and commits are sequential appends.
  db.pragma('journal_mode = WAL');
  // FULL: a batch is answered only after its commit is fsynced to the WAL, so "accepted" survives a power cut.
  // Cost is one fsync per batch (≤ 5,000 events), not per event.
  db.pragma('synchronous = FULL');
  // Checkpoint every 64 MiB of WAL instead of 4 MiB: ingest batches rewrite the same hot pages, and
  // fewer, larger checkpoints copy each page once instead of many times.
  db.pragma('wal_autocheckpoint = 16384');
  // A second process (a CLI adding a source while the server runs) waits instead of failing at once.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // 16 MiB of page cache per writing connection (the server's, the projection writer's): the pages of the
  // indexes in use stay in it, and the rest comes from the OS's file cache. A connection's cache fills up to
  // its size and stays full (the log pages a burst wrote, never read again): 256 MiB each held ≈ 90 MiB more
  // RSS after 100k events, 64 MiB each ≈ 65 MiB more after a day of the demo (issue 15, BENCHMARKS.md §2b).
  db.pragma(`cache_size = -${WRITE_CACHE_MIB * 1024}`);
  // Temporary b-trees for GROUP BY/ORDER BY stay in memory.
  db.pragma('temp_store = MEMORY');
  // Migration 018 names the rule of the records quarantined before it with the server's own classifier.
  db.function('quarantine_rule', { deterministic: true }, (errors: unknown) => quarantineRuleOfJson(errors));
  migrate(db, migrationsDir);
  return db;
}

/**
 * Opens an existing database file for reading only: a worker thread's own connection for heavy read
 * queries. WAL lets it read committed data while the server's connection writes; it never migrates.
 */
export function openReadOnlyDatabase(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // City-wide breakdowns scan the projections: a 128 MiB page cache of its own keeps them in memory.
  db.pragma('cache_size = -131072');
  db.pragma('temp_store = MEMORY');
  return db;
}
