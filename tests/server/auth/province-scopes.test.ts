/**
 * Users bound to a province (national packs), without a server: which roles may hold `province:<code>`,
 * what such a principal reaches (its communes, not another province's, not the country's ministries),
 * and what an administrator's role change keeps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { principalOfUser } from '../../../server/auth/auth-service.js';
import {
  canListDossiers,
  canReadDossier,
  canReadTask,
  canSeeMetrics,
  canSendRequest,
  capabilities,
  type Principal,
} from '../../../server/auth/policy.js';
import { provinceAccess } from '../../../server/auth/province-reach.js';
import { checkUserChanges } from '../../../server/auth/users.js';
import { checkUserScopes } from '../../../server/auth/user-scopes.js';
import type { UserRow } from '../../../server/db/users-repo.js';
import type { ScopeKey } from '../../../server/metrics/types.js';

const UNITS = [
  { code: '00004', province: '01' },
  { code: '00008', province: '01' },
  { code: '26740', province: '79' },
];
const access = provinceAccess(UNITS);
const plain = (c: string): ScopeKey | null => (UNITS.some((u) => u.code === c) ? `unit:${c}` : c === 'BTP' ? 'department:BTP' : null);
const scopeOf = access.userScopeOf(plain);

const user = (role: UserRow['role'], scopes: string[]): UserRow => ({
  id: 9,
  username: 'hn',
  displayName: 'Hà Nội',
  role,
  scopes,
  createdAt: 0,
  disabledAt: null,
  lastLoginAt: null,
});
const hanoi: Principal = principalOfUser(user('city_leader', ['province:01']), undefined, access);

describe('checkUserScopes: province scopes', () => {
  it('a leader or supervisor may hold one or more provinces of the jurisdiction', () => {
    expect(checkUserScopes('city_leader', 'province:01', scopeOf)).toEqual({ ok: true, scopes: ['province:01'] });
    expect(checkUserScopes('supervisor', ['province:01', 'province:79', 'province:01'], scopeOf)).toEqual({
      ok: true,
      scopes: ['province:01', 'province:79'],
    });
  });

  it('refuses an unknown province, a province mixed with units, and a province for a unit leader, naming why', () => {
    expect(checkUserScopes('city_leader', 'province:99', scopeOf)).toEqual({
      ok: false,
      problems: ['scopes[0]: "province:99" is not a province of this jurisdiction'],
    });
    expect(checkUserScopes('city_leader', 'province:01,unit:00004', scopeOf)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/one or more provinces \(province:<code>\)/)],
    });
    expect(checkUserScopes('unit_leader', 'province:01', scopeOf)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^scopes\[0\]: a province is held by a city_leader or supervisor/)],
    });
    expect(checkUserScopes('admin', 'province:01', scopeOf)).toMatchObject({ ok: false });
  });

  it('a city pack knows no province', () => {
    expect(checkUserScopes('city_leader', 'province:01', provinceAccess([]).userScopeOf(plain))).toMatchObject({ ok: false });
  });

  it('a role change between leader and supervisor keeps the provinces; to a unit leader it needs units', () => {
    const leader = user('city_leader', ['province:01']);
    expect(checkUserChanges(leader, { role: 'supervisor' }, scopeOf)).toEqual({
      ok: true,
      changes: { role: 'supervisor', scopes: ['province:01'] },
    });
    expect(checkUserChanges(leader, { role: 'unit_leader' }, scopeOf)).toMatchObject({ ok: false });
    expect(checkUserChanges(leader, { scopes: [] }, scopeOf)).toEqual({ ok: true, changes: { scopes: [] } });
  });
});

describe('policy: a province-bound leader', () => {
  it('is bound to its province: home, scopes and the communes it reaches', () => {
    expect(hanoi).toMatchObject({ scope: 'province:01', scopes: ['province:01'] });
    expect([...hanoi.reach!].sort()).toEqual(['unit:00004', 'unit:00008']);
    expect(capabilities(hanoi, { publicView: false })).toMatchObject({ home: 'province:01', scopes: ['province:01'], cityOverview: false });
  });

  it('lists and reads its communes’ dossiers, not another province’s, the country’s or a ministry’s', () => {
    expect(canListDossiers(hanoi, 'unit:00004')).toBe(true);
    expect(canListDossiers(hanoi, 'province:01')).toBe(true);
    expect(canListDossiers(hanoi, 'unit:26740')).toBe(false);
    expect(canListDossiers(hanoi, 'province:79')).toBe(false);
    expect(canListDossiers(hanoi, 'city')).toBe(false);
    expect(canListDossiers(hanoi, 'department:BTP')).toBe(false);
    // A dossier without a unit yet is the country's: a province leader does not open it.
    expect(canReadDossier(hanoi, null)).toBe(false);
    expect(canReadTask(hanoi, null)).toBe(false);
  });

  it('sends requests to its communes only', () => {
    expect(canSendRequest(hanoi, { type: 'dossier', to: 'unit:00008', holderUnit: null })).toBe(true);
    expect(canSendRequest(hanoi, { type: 'unit', to: 'unit:26740', holderUnit: null })).toBe(false);
    expect(canSendRequest(hanoi, { type: 'dossier', to: 'department:BTP', holderUnit: 'BTP' })).toBe(false);
  });

  it('sees the metrics of a scope exactly when it lies in the province (without the public view)', () => {
    const scopes: ScopeKey[] = ['city', 'province:01', 'province:79', 'unit:00004', 'unit:00008', 'unit:26740', 'department:BTP'];
    fc.assert(
      fc.property(fc.constantFrom(...scopes), (s) => {
        const inside = s === 'province:01' || UNITS.some((u) => u.province === '01' && s === `unit:${u.code}`);
        expect(canSeeMetrics(hanoi, s, { publicView: false })).toBe(inside);
      }),
    );
  });

  it('a province scope stored for a server running a city pack reaches nothing (fails closed)', () => {
    const stranded = principalOfUser(user('city_leader', ['province:01']), undefined, provinceAccess([]));
    expect(stranded.reach).toBeUndefined();
    expect(canListDossiers(stranded, 'unit:00004')).toBe(false);
    expect(canListDossiers(stranded, 'city')).toBe(false);
  });
});
