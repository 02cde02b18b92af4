/** A user holding several units sees the union: the policy's rules and the checks of a user's scopes, without a server. */
import { describe, expect, it } from 'vitest';
import {
  canAcknowledgeReminder,
  canListDossiers,
  canListTasks,
  canReadDossier,
  canSeeNames,
  canSeeOfficials,
  canSendRequest,
  capabilities,
  heldScopes,
  type Principal,
} from '../../../server/auth/policy.js';
import { checkNewUser, checkUserChanges } from '../../../server/auth/users.js';
import { checkUserScopes } from '../../../server/auth/user-scopes.js';
import type { UserRow } from '../../../server/db/users-repo.js';
import type { ScopeKey } from '../../../server/metrics/types.js';

const UNITS = new Set(['26740', '26743', '26737']);
const DEPTS = new Set(['STP', 'SXD']);
const scopeOf = (c: string): ScopeKey | null => (UNITS.has(c) ? `unit:${c}` : DEPTS.has(c) ? `department:${c}` : null);

const twoWards: Principal = { role: 'unit_leader', scope: 'unit:26740', scopes: ['unit:26740', 'unit:26743'], userId: 7 };
const policy = { publicView: false };

describe('policy: a user holding several units sees the union', () => {
  it('sees names, lists and dossiers of each ward held, and not of a third', () => {
    for (const s of ['unit:26740', 'unit:26743'] as const) {
      expect(canSeeNames(twoWards, s), s).toBe(true);
      expect(canListDossiers(twoWards, s), s).toBe(true);
      expect(canListTasks(twoWards, s), s).toBe(true);
      expect(canSeeOfficials(twoWards, s), s).toBe(true);
      expect(canReadDossier(twoWards, s), s).toBe(true);
      expect(canAcknowledgeReminder(twoWards, s), s).toBe(true);
    }
    expect(canListDossiers(twoWards, 'unit:26737')).toBe(false);
    expect(canReadDossier(twoWards, 'unit:26737')).toBe(false);
    expect(canAcknowledgeReminder(twoWards, 'unit:26737')).toBe(false);
    expect(canListDossiers(twoWards, 'city')).toBe(false);
  });

  it('a single-scope principal (no list) keeps its one scope', () => {
    const one: Principal = { role: 'unit_leader', scope: 'unit:26740' };
    expect(heldScopes(one)).toEqual(['unit:26740']);
    expect(canListDossiers(one, 'unit:26740')).toBe(true);
    expect(canListDossiers(one, 'unit:26743')).toBe(false);
  });

  it('a user holding two departments asks about the steps of each one’s staff, sent to that department', () => {
    const twoDepts: Principal = { role: 'department', scope: 'department:STP', scopes: ['department:STP', 'department:SXD'], userId: 9 };
    expect(canSendRequest(twoDepts, { type: 'dossier', to: 'department:SXD', holderUnit: 'SXD' })).toBe(true);
    expect(canSendRequest(twoDepts, { type: 'dossier', to: 'department:STP', holderUnit: 'SXD' })).toBe(false);
    expect(canSendRequest(twoDepts, { type: 'dossier', to: 'department:SYT', holderUnit: 'SYT' })).toBe(false);
  });

  it('capabilities name every scope held, the first as home', () => {
    expect(capabilities(twoWards, policy)).toMatchObject({ home: 'unit:26740', scopes: ['unit:26740', 'unit:26743'], dossierLists: true });
    expect(capabilities({ role: 'city_leader', scope: 'city', userId: 1 }, policy).scopes).toEqual(['city']);
    expect(capabilities({ role: 'admin', scope: null, userId: 2 }, policy).scopes).toEqual([]);
  });
});

describe('checkUserScopes: the units and departments a user of a role may hold', () => {
  it('takes a list or a comma-separated string, bare codes or unit:/department: keys, without repeats', () => {
    expect(checkUserScopes('unit_leader', 'unit:26740, 26743,unit:26740', scopeOf)).toEqual({
      ok: true,
      scopes: ['unit:26740', 'unit:26743'],
    });
    expect(checkUserScopes('department', ['department:STP', 'unit:26737'], scopeOf)).toEqual({
      ok: true,
      scopes: ['department:STP', 'unit:26737'],
    });
  });

  it('names the entry that is wrong and why', () => {
    expect(checkUserScopes('unit_leader', ['unit:26740', 'unit:99999'], scopeOf)).toEqual({
      ok: false,
      problems: ['scopes[1]: "unit:99999" is not a known unit or department code'],
    });
    expect(checkUserScopes('unit_leader', ['unit:STP'], scopeOf)).toEqual({
      ok: false,
      problems: ['scopes[0]: "STP" is a department, not a unit'],
    });
    expect(checkUserScopes('unit_leader', [], scopeOf)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^scopes: .*at least one/)],
    });
    expect(checkUserScopes('unit_leader', [1, 2], scopeOf)).toMatchObject({ ok: false });
  });

  it('city-wide roles and the admin hold no unit', () => {
    expect(checkUserScopes('city_leader', 'city', scopeOf)).toEqual({ ok: true, scopes: [] });
    expect(checkUserScopes('supervisor', ['unit:26740'], scopeOf)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^scopes: /)],
    });
  });
});

describe('checkNewUser and checkUserChanges', () => {
  const base = { username: 'hai-phuong', password: 'long enough pw', role: 'unit_leader' };
  it('a new user takes scopes, or the older single scope', () => {
    expect(checkNewUser({ ...base, scopes: ['unit:26740', 'unit:26743'] }, scopeOf)).toMatchObject({
      ok: true,
      user: { scopes: ['unit:26740', 'unit:26743'] },
    });
    expect(checkNewUser({ ...base, scope: 'unit:26740' }, scopeOf)).toMatchObject({ ok: true, user: { scopes: ['unit:26740'] } });
  });

  const user: UserRow = {
    id: 3,
    username: 'u',
    displayName: 'U',
    role: 'unit_leader',
    scopes: ['unit:26740'],
    createdAt: 0,
    disabledAt: null,
    lastLoginAt: null,
  };
  it('a new role alone keeps the units when still bound, drops them when city-wide', () => {
    expect(checkUserChanges(user, { role: 'department' }, scopeOf)).toEqual({
      ok: true,
      changes: { role: 'department', scopes: ['unit:26740'] },
    });
    expect(checkUserChanges(user, { role: 'supervisor' }, scopeOf)).toEqual({ ok: true, changes: { role: 'supervisor', scopes: [] } });
    const cityLeader = { ...user, role: 'city_leader' as const, scopes: [] };
    expect(checkUserChanges(cityLeader, { role: 'unit_leader' }, scopeOf)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^scopes: the unit_leader role needs at least one/)],
    });
  });

  it('refuses unknown fields, an empty name and an empty change, naming the field', () => {
    expect(checkUserChanges(user, { password: 'x' }, scopeOf)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^password: /)],
    });
    expect(checkUserChanges(user, { displayName: '  ' }, scopeOf)).toMatchObject({
      ok: false,
      problems: ['displayName: a non-empty name'],
    });
    expect(checkUserChanges(user, {}, scopeOf)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^body: nothing to change/)] });
    expect(checkUserChanges(user, { role: 'king' }, scopeOf)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^role: /)] });
  });
});
