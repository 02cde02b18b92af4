import { describe, expect, it } from 'vitest';
import { ANONYMOUS, homePath, isOwnScope, safeNext, type Capabilities } from '../../../client/features/auth/session';

describe('safeNext', () => {
  it('returns to a path of this site after sign-in', () => {
    expect(safeNext('/units/26740?tab=overdue')).toBe('/units/26740?tab=overdue');
    expect(safeNext(null)).toBe('/');
  });

  it('never sends the user to another site (open redirect)', () => {
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example/')).toBe('/');
    expect(safeNext('javascript:alert(1)')).toBe('/');
  });
});

describe('homePath and isOwnScope for a province’s leaders (national packs)', () => {
  const caps = { ...ANONYMOUS.capabilities, home: 'province:01', scopes: ['province:01'] } as Capabilities;

  it('opens the province’s communes on the overview, a unit’s page, or the overview', () => {
    expect(homePath('province:01')).toBe('/?province=01');
    expect(homePath('unit:26740')).toBe('/units/26740');
    expect(homePath('city')).toBe('/');
    expect(homePath(null)).toBe('/');
  });

  it('a commune of the province is the leader’s own; a commune of another province is not', () => {
    expect(isOwnScope(caps, 'unit:00004', '01')).toBe(true);
    expect(isOwnScope(caps, 'unit:26740', '79')).toBe(false);
    expect(isOwnScope(caps, 'unit:26740')).toBe(false);
    expect(isOwnScope(caps, 'province:01')).toBe(true);
  });
});
