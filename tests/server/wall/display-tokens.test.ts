import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createDisplaysRepo } from '../../../server/db/wall-repo.js';
import { jurisdictionIndex, loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { generateDisplayToken, hashDisplayToken, parseDisplayScope } from '../../../server/wall/display-tokens.js';

const index = jurisdictionIndex(loadJurisdiction());
const scopeOf = (code: string) => index.scopeOf(code);
const T0 = Date.parse('2026-11-20T09:00:00+07:00');

describe('display tokens', () => {
  it('are long random secrets with a recognisable prefix, hashed with SHA-256', () => {
    const a = generateDisplayToken();
    const b = generateDisplayToken();
    expect(a).toMatch(/^bdd_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashDisplayToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashDisplayToken(a)).toBe(hashDisplayToken(a));
    expect(hashDisplayToken(a)).not.toBe(hashDisplayToken(b));
  });
});

describe('parseDisplayScope', () => {
  it('accepts the city, a known unit and a known department', () => {
    expect(parseDisplayScope('city', scopeOf)).toEqual({ ok: true, scope: 'city' });
    expect(parseDisplayScope('unit:26740', scopeOf)).toEqual({ ok: true, scope: 'unit:26740' });
    expect(parseDisplayScope('department:stp', scopeOf)).toEqual({ ok: true, scope: 'department:STP' });
  });

  it('refuses unknown codes, a unit code given as a department, and other shapes', () => {
    expect(parseDisplayScope('unit:99999', scopeOf)).toMatchObject({ ok: false, error: expect.stringContaining('99999') });
    expect(parseDisplayScope('department:26740', scopeOf)).toMatchObject({ ok: false });
    expect(parseDisplayScope('province:79', scopeOf)).toMatchObject({ ok: false });
    expect(parseDisplayScope(undefined, scopeOf)).toMatchObject({ ok: false });
  });
});

describe('displays repository', () => {
  function repo() {
    return createDisplaysRepo(openDatabase(':memory:'));
  }

  it('stores only the hash, and finds an active display by the hash of its token', () => {
    const displays = repo();
    const token = generateDisplayToken();
    const d = displays.create('ops-room', 'city', hashDisplayToken(token), T0);
    expect(d).toMatchObject({ name: 'ops-room', scope: 'city', revokedAt: null });
    expect(JSON.stringify(displays.list())).not.toContain(token);
    expect(displays.findActiveByTokenHash(hashDisplayToken(token))?.id).toBe(d.id);
    expect(displays.findActiveByTokenHash(hashDisplayToken(generateDisplayToken()))).toBeNull();
  });

  it('revokes a token at once, and refuses a second active display of the same name', () => {
    const displays = repo();
    const token = generateDisplayToken();
    const d = displays.create('ward-1', 'unit:26740', hashDisplayToken(token), T0);
    expect(() => displays.create('ward-1', 'city', hashDisplayToken(generateDisplayToken()), T0)).toThrow(/already exists/);
    expect(displays.activeIds().has(d.id)).toBe(true);
    expect(displays.revoke('ward-1', T0 + 1)).toBe(true);
    expect(displays.revoke('ward-1', T0 + 2)).toBe(false);
    expect(displays.findActiveByTokenHash(hashDisplayToken(token))).toBeNull();
    expect(displays.activeIds().has(d.id)).toBe(false);
    expect(displays.findByName('ward-1')?.revokedAt).toBe(T0 + 1);
  });

  it('gives a revoked display a new token and scope; the old token stays refused', () => {
    const displays = repo();
    const old = generateDisplayToken();
    displays.create('lobby', 'city', hashDisplayToken(old), T0);
    displays.revoke('lobby', T0 + 1);
    const fresh = generateDisplayToken();
    const d = displays.create('lobby', 'unit:26740', hashDisplayToken(fresh), T0 + 2);
    expect(d).toMatchObject({ scope: 'unit:26740', revokedAt: null });
    expect(displays.findActiveByTokenHash(hashDisplayToken(old))).toBeNull();
    expect(displays.findActiveByTokenHash(hashDisplayToken(fresh))?.name).toBe('lobby');
  });
});
