/**
 * Runs the project's CLIs (server/cli/*.ts) as a user does, through npx tsx, against a DB file of a
 * temp folder removed after the test file; and opens that DB to check what they wrote.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { openDatabase } from '../../server/db/connection.js';
import { createStore } from '../../server/db/store.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

export function cliWorkspace(prefix: string) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const dbFile = join(work, 'dashboard.db');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Each run starts npx + tsx: 1–2 s, more on a busy two-core CI runner. */
  function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    const r = spawnSync('npx', ['tsx', `server/cli/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DASHBOARD_DB: dbFile, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function withStore<T>(fn: (store: ReturnType<typeof createStore>) => T): T {
    const store = createStore(openDatabase(dbFile), dbFile);
    try {
      return fn(store);
    } finally {
      store.close();
    }
  }

  return { work, dbFile, run, withStore };
}
