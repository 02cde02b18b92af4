/**
 * npm run user:add, source:add, source:set, source:revoke and wall:preset with DATABASE_URL (issue 17),
 * as a user runs them against a real PostgreSQL server: their rows and their audit rows go to
 * PostgreSQL (the tool applies its migrations), they print and exit as on SQLite, and no SQLite file
 * is written.
 */
import { existsSync } from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../server/auth/passwords.js';
import type { AccessStore } from '../../../server/db/access-store/contract.js';
import { createPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { openPgPool } from '../../../server/db/pg/pool.js';
import { createPgWallStore } from '../../../server/db/wall-store/pg-wall-store.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { cliWorkspace } from '../../helpers/cli.js';
import { usePostgres } from '../../helpers/on-postgres.js';

const { dbFile, run } = cliWorkspace('access-pg-');
const postgres = usePostgres();

let env: NodeJS.ProcessEnv = {};
let pool: pg.Pool;
let access: AccessStore;

beforeAll(async () => {
  const url = await postgres.database('access_cli');
  env = { DATABASE_URL: url };
  pool = await openPgPool(url);
  access = createPgAccessStore(pool);
}, 120_000);
afterAll(() => pool?.end());

const auditOf = async (action: string) => (await access.audit.page({ action, actor: null, limit: 10, offset: 0 })).items;

// Each run starts npx + tsx (1–2 s; more on a busy two-core CI runner).
describe('the access and wall tools on PostgreSQL', { timeout: 180_000 }, () => {
  it('user:add stores the user with an argon2id hash in PostgreSQL, audits it, and refuses the name twice', async () => {
    const args = ['--username', 'admin', '--password', 'first admin pw', '--role', 'admin'];
    const r = run('user-add', args, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created user "admin" (admin) in postgres');
    const cred = await access.users.credentials('admin');
    expect(cred?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(cred!.passwordHash, 'first admin pw')).toBe(true);
    const again = run('user-add', [...args.slice(0, 1), 'ADMIN', ...args.slice(2)], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a user named "ADMIN" already exists');
    const audit = await auditOf('user.created');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target: 'admin', ip: 'cli', actor: expect.stringMatching(/^cli:/) });
    expect(JSON.stringify(audit)).not.toContain('first admin pw');
    expect(existsSync(dbFile)).toBe(false);
  });

  it('source:add prints the key once and PostgreSQL holds only its hash, with the units and settings given', async () => {
    const r = run('source-add', ['--name', 'ward-26740', '--kind', 'dossier', '--units', '26740,26743', '--hours', 'always'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('limited to units 26740, 26743 in postgres');
    const key = /^(bdt_[A-Za-z0-9_-]{43})$/m.exec(r.stdout)?.[1] ?? '';
    expect(key).not.toBe('');
    expect(r.stdout.split(key)).toHaveLength(2);
    expect(await access.sources.findActiveByKeyHash(hashSourceKey(key))).toMatchObject({
      name: 'ward-26740',
      units: ['26740', '26743'],
      hours: 'always',
    });
    const rows = await pool.query('SELECT * FROM sources');
    expect(JSON.stringify(rows.rows)).not.toContain(key);
    expect(run('source-add', ['--name', 'ward-26740', '--kind', 'dossier'], env).code).toBe(1);
    expect(await auditOf('source.created')).toHaveLength(1);
    expect(existsSync(dbFile)).toBe(false);
  });

  it('source:set changes the PostgreSQL source and audits it; an unknown name exits 1', async () => {
    const r = run('source-set', ['--name', 'ward-26740', '--units', 'none', '--silent-after-minutes', '60', '--history-load', 'yes'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Updated source "ward-26740" in postgres');
    expect(r.stdout).toContain('It may write any unit of the jurisdiction.');
    expect(await access.sources.findByName('ward-26740')).toMatchObject({ units: null, silentAfterMs: 3_600_000, historyLoad: true });
    const missing = run('source-set', ['--name', 'nobody', '--hours', 'office'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no source named "nobody" in postgres');
    expect(await auditOf('source.updated')).toHaveLength(1);
    expect(existsSync(dbFile)).toBe(false);
  });

  it('source:revoke revokes the PostgreSQL source once, says so the second time, and audits it', async () => {
    const r = run('source-revoke', ['--name', 'ward-26740'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await access.sources.findByName('ward-26740'))?.revokedAt).not.toBeNull();
    const again = run('source-revoke', ['--name', 'ward-26740'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('source "ward-26740" was already revoked');
    expect(run('source-revoke', ['--name', 'nobody'], env).code).toBe(1);
    expect(await auditOf('source.revoked')).toHaveLength(1);
    expect(existsSync(dbFile)).toBe(false);
  });

  it('wall:preset creates then updates a PostgreSQL preset, lists it, and rejects unknown scenes', async () => {
    const args = ['--name', 'ops', '--scenes', 'map,ranking,feed', '--interval', '20'];
    const created = run('wall-preset', args, env);
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Created wall preset "ops" in postgres');
    const updated = run('wall-preset', ['--name', 'ops', '--scenes', 'kpi,map', '--interval', '20'], env);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('Updated wall preset "ops"');
    expect(await createPgWallStore(pool).presets.get('ops')).toMatchObject({ scenes: ['kpi', 'map'], intervalSeconds: 20 });
    expect(run('wall-preset', ['--list'], env).stdout).toContain('ops\tkpi,map\t20 s');
    expect(run('wall-preset', ['--name', 'ops', '--scenes', 'map,weather'], env).code).toBe(2);
    expect(await auditOf('preset.saved')).toHaveLength(2);
    expect(existsSync(dbFile)).toBe(false);
  });
});
