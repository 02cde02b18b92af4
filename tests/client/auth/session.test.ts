import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../client/features/auth/session';

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
