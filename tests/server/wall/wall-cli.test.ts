import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliWorkspace } from '../../helpers/cli.js';
import { hashDisplayToken } from '../../../server/wall/display-tokens.js';

const { dbFile, run, withStore } = cliWorkspace('wall-cli-');

// Each run starts npx + tsx (1–2 s; more on a busy two-core CI runner).
describe('display:add, display:revoke and wall:preset', { timeout: 60_000 }, () => {
  let token = '';

  it('display:add prints the token once and stores only its SHA-256 hash', () => {
    const r = run('display-add', ['--name', 'ops-room', '--scope', 'city']);
    expect(r.code).toBe(0);
    token = /^(bdd_[A-Za-z0-9_-]{43})$/m.exec(r.stdout)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(readFileSync(dbFile).includes(Buffer.from(token))).toBe(false);
    withStore((s) => expect(s.displays.findActiveByTokenHash(hashDisplayToken(token))).toMatchObject({ name: 'ops-room', scope: 'city' }));
  });

  it('display:add refuses a second active display of the same name and an unknown unit', () => {
    expect(run('display-add', ['--name', 'ops-room', '--scope', 'city']).code).toBe(1);
    const bad = run('display-add', ['--name', 'ward', '--scope', 'unit:99999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('99999');
  });

  it('display:revoke revokes the token (and says so when there is nothing to revoke)', () => {
    expect(run('display-revoke', ['--name', 'ops-room']).code).toBe(0);
    withStore((s) => expect(s.displays.findActiveByTokenHash(hashDisplayToken(token))).toBeNull());
    expect(run('display-revoke', ['--name', 'ops-room']).code).toBe(1);
    expect(run('display-revoke', ['--name', 'nobody']).code).toBe(1);
  });

  it('wall:preset saves a preset the API then serves, and rejects unknown scenes', () => {
    const r = run('wall-preset', ['--name', 'ops', '--scenes', 'map,ranking,feed,kpi,departments', '--interval', '20']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('/wall?preset=ops');
    withStore((s) =>
      expect(s.wallPresets.get('ops')).toMatchObject({ scenes: ['map', 'ranking', 'feed', 'kpi', 'departments'], intervalSeconds: 20 }),
    );
    const bad = run('wall-preset', ['--name', 'ops', '--scenes', 'map,weather']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"weather" is not a scene');
  });
});
