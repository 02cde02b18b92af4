import { describe, expect, it } from 'vitest';
import { cliWorkspace } from '../../helpers/cli.js';
import { verifyPassword } from '../../../server/auth/passwords.js';

const { run, withStore } = cliWorkspace('access-cli-');

// Each run starts npx + tsx (1–2 s; more on a busy two-core CI runner).
describe('user:add, source:add --units and source:revoke', { timeout: 60_000 }, () => {
  it('user:add creates the first admin with an argon2id hash and records it in the audit log', async () => {
    const r = run('user-add', ['--username', 'admin', '--password', 'first admin pw', '--role', 'admin']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created user "admin" (admin)');
    const cred = withStore((s) => s.users.credentials('admin'));
    expect(cred?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(cred!.passwordHash, 'first admin pw')).toBe(true);
    const audit = withStore((s) => s.audit.page({ limit: 10, offset: 0 }));
    expect(audit.items[0]).toMatchObject({ action: 'user.created', target: 'admin', ip: 'cli', actor: expect.stringMatching(/^cli:/) });
    expect(JSON.stringify(audit.items)).not.toContain('first admin pw');
  });

  it('user:add requires a known unit for a unit leader and refuses a short password or a bad role', () => {
    expect(run('user-add', ['--username', 'lan', '--password', 'long enough pw', '--role', 'unit_leader']).code).toBe(2);
    expect(
      run('user-add', ['--username', 'lan', '--password', 'long enough pw', '--role', 'unit_leader', '--scope', 'unit:99999']).code,
    ).toBe(2);
    const short = run('user-add', ['--username', 'lan', '--password', 'short', '--role', 'city_leader']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 10 characters');
    expect(run('user-add', ['--username', 'lan', '--password', 'long enough pw', '--role', 'king']).code).toBe(2);
    const ok = run('user-add', ['--username', 'lan', '--password', 'long enough pw', '--role', 'unit_leader', '--scope', 'unit:26740']);
    expect(ok.code).toBe(0);
    expect(withStore((s) => s.users.findByUsername('lan'))).toMatchObject({ role: 'unit_leader', scopes: ['unit:26740'] });
  });

  it('user:add --scope takes a comma-separated list of units and departments: the user holds them all, the first as home', () => {
    const args = ['--username', 'hai-phuong', '--password', 'long enough pw', '--role', 'unit_leader'];
    const bad = run('user-add', [...args, '--scope', 'unit:26740,unit:99999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('scopes[1]: "unit:99999" is not a known unit or department code');
    const ok = run('user-add', [...args, '--scope', 'unit:26740, 26743,department:STP']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('unit:26740, unit:26743, department:STP');
    expect(withStore((s) => s.users.findByUsername('hai-phuong')?.scopes)).toEqual(['unit:26740', 'unit:26743', 'department:STP']);
  });

  it('source:add --units limits a source to those units; source:revoke revokes it', () => {
    const add = run('source-add', ['--name', 'ward-26740', '--kind', 'dossier', '--units', '26740,26743']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('limited to units 26740, 26743');
    expect(withStore((s) => s.sources.findByName('ward-26740'))).toMatchObject({ units: ['26740', '26743'], revokedAt: null });
    expect(run('source-add', ['--name', 'bad', '--kind', 'dossier', '--units', '99999']).code).toBe(2);
    const revoke = run('source-revoke', ['--name', 'ward-26740']);
    expect(revoke.code).toBe(0);
    expect(withStore((s) => s.sources.findByName('ward-26740')?.revokedAt)).not.toBeNull();
    expect(run('source-revoke', ['--name', 'ward-26740']).code).toBe(1);
    expect(withStore((s) => s.audit.page({ action: 'source.revoked', limit: 10, offset: 0 }).total)).toBe(1);
  });
});
