/**
 * An online copy of the database file through SQLite's backup API, safe while the server writes:
 * the copy is one consistent snapshot (every committed transaction up to one instant, none after,
 * no half of one), written under a temporary name and renamed into place only when complete.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './connection.js';

export interface BackupResult {
  pages: number;
  bytes: number;
  ms: number;
}

export class BackupTargetExists extends Error {}

/**
 * Copies `db` into `dest`. Refuses an existing `dest` unless `force`. The copy is a single file in
 * rollback-journal mode (no -wal or -shm beside it), checked with quick_check before the rename.
 */
export async function backupDatabase(db: Db, dest: string, opts: { force?: boolean } = {}): Promise<BackupResult> {
  if (!opts.force && existsSync(dest)) throw new BackupTargetExists(`${dest} exists (use --force to replace it)`);
  const started = performance.now();
  const tmp = `${dest}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    // All remaining pages in one step: the step reads under one read transaction, so the copy is one
    // snapshot. (The default of 100 pages a step restarts from the first page whenever another
    // process commits in between, and under sustained ingest may never finish.)
    const done = await db.backup(tmp, { progress: () => 0x7fffffff });
    settleCopy(tmp);
    renameSync(tmp, dest);
    syncDir(dirname(dest));
    return { pages: done.totalPages, bytes: statSync(dest).size, ms: performance.now() - started };
  } catch (err) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
    throw err;
  }
}

/** Turns the copy into one self-contained file and checks its structure. */
function settleCopy(file: string): void {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed SQLite's quick_check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

/** The rename is durable only once the folder's entry is on disk. */
function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
