/**
 * DATABASE_URL selects PostgreSQL for what runs on it (the write store, npm run db:pg-migrate);
 * without it, SQLite. Against a real PostgreSQL server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openWriteStore } from '../../../server/db/write-store/open-write-store.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { T0, addSource, ev } from './write-store.shared.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'write-store-select-'));
const postgres = usePostgres();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function migrateCli(databaseUrl: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  if (databaseUrl === undefined) delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/pg-migrate.ts'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('choosing the write store', () => {
  it('DATABASE_URL set: PostgreSQL, migrated and writable; unset: SQLite on the file', async () => {
    const pgStore = await openWriteStore({ databaseUrl: await postgres.database('select'), sqliteFile: join(dir, 'unused.db') });
    const sqliteStore = await openWriteStore({ sqliteFile: join(dir, 'd.db') });
    try {
      expect([pgStore.engine, sqliteStore.engine]).toEqual(['postgres', 'sqlite']);
      const src = await addSource(pgStore, 'so-tu-phap');
      expect(await pgStore.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0, events: [ev('a', 'D-1', T0)] })).toEqual([
        { eventId: 'a', status: 'accepted', seq: 1 },
      ]);
    } finally {
      await Promise.all([pgStore.close(), sqliteStore.close()]);
    }
    await expect(openWriteStore({ databaseUrl: 'mysql://x@y/z', sqliteFile: join(dir, 'x.db') })).rejects.toThrow(/postgres:\/\//);
  });

  it('npm run db:pg-migrate applies the migrations once, then finds the database up to date', async () => {
    const url = await postgres.database('cli');
    const first = migrateCli(url);
    expect(first).toMatchObject({ code: 0 });
    // Every migration of server/db/pg-migrations, in order, named once.
    const all = readdirSync(join(ROOT, 'server/db/pg-migrations'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => Number(f.slice(0, 3)))
      .sort((a, b) => a - b);
    expect(first.out).toContain(`Applied PostgreSQL migration(s) ${all.join(', ')} to`);
    const second = migrateCli(url);
    expect(second).toMatchObject({ code: 0 });
    expect(second.out).toContain('is up to date');
  }, 60_000);

  it('db:pg-migrate without DATABASE_URL exits 2 saying what to set; an unreachable server exits 1 with the cause', () => {
    const none = migrateCli(undefined);
    expect(none.code).toBe(2);
    expect(none.out).toContain('DATABASE_URL must be set');
    const unreachable = migrateCli(`postgres://postgres:secret@127.0.0.1:${postgres.server.port}/no_such_db`);
    expect(unreachable.code).toBe(1);
    expect(unreachable.out).toMatch(/Could not migrate postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/no_such_db: .*no_such_db/);
  }, 60_000);
});
