/**
 * DATABASE_URL (issue 17): the server cannot run on PostgreSQL yet, so with it set the server refuses
 * to start and says what is missing, rather than run half on SQLite.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, POSTGRES_NOT_YET } from '../../../server/config.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');

describe('DATABASE_URL', () => {
  it('unset, the server runs on SQLite as before', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
  });

  it('set to a PostgreSQL URL, the configuration is refused with what is not yet supported and what to do', () => {
    const env = { DATABASE_URL: 'postgres://dash@127.0.0.1:55432/dashboard' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/DATABASE_URL: the server cannot run on PostgreSQL yet/);
    expect(() => loadConfig(env)).toThrow(/access store \(users, sessions, source keys, audit log/);
    expect(() => loadConfig(env)).toThrow(
      /the ingest path \(native batches[\s\S]*Still SQLite only: the data-trust checks[\s\S]*Unset DATABASE_URL to run on SQLite/,
    );
  });

  it('set to something that is not a PostgreSQL URL, it is refused as malformed', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('the server process started with it exits with code 2 and the message, listening on nothing', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: 'postgresql://dash@127.0.0.1:55432/dashboard', PORT: '5601', DEMO: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('DATABASE_URL: the server cannot run on PostgreSQL yet');
    expect(r.stdout).not.toMatch(/listening/i);
  }, 60_000);

  it('the refusal names the pushed alerts and the CLI tools as running on PostgreSQL, no longer as SQLite only', () => {
    const still = POSTGRES_NOT_YET.slice(POSTGRES_NOT_YET.indexOf('Still SQLite only'));
    expect(POSTGRES_NOT_YET).toMatch(/at-risk store \(the early warning's pushed alerts/);
    expect(still).not.toMatch(/pushed alerts|user:add|source:add|wall:preset|demo's start/);
    expect(still).toContain('npm run backup');
  });

  it("the refusal names the projection writer and the metrics' restore as running on PostgreSQL", () => {
    const still = POSTGRES_NOT_YET.slice(POSTGRES_NOT_YET.indexOf('Still SQLite only'));
    expect(POSTGRES_NOT_YET).toMatch(/restore at a start run on PostgreSQL too \(server\/projection\/pg-projector\.ts/);
    expect(still).not.toMatch(/nothing writes the projections|not restored/);
  });

  it('the refusal names the quarantine review, the daily-jump sweep and the demo as running on PostgreSQL, no longer as SQLite only', () => {
    const still = POSTGRES_NOT_YET.slice(POSTGRES_NOT_YET.indexOf('Still SQLite only'));
    expect(POSTGRES_NOT_YET).toMatch(/the quarantine's review \(replay through that path/);
    expect(still).not.toMatch(/quarantine|daily-jump|simulator/);
    expect(still).toContain('the time machine');
  });
});
