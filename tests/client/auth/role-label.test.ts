import { describe, expect, it } from 'vitest';
import { roleLabel } from '../../../client/features/auth/role-label';
import type { ProvinceInfo } from '../../../shared/contract/provinces';

const PROVINCES: ProvinceInfo[] = [
  { code: '01', name: 'Thành phố Hà Nội', shortName: 'Hà Nội', nameEn: 'Ha Noi City', lat: 21, lon: 105.8 },
  { code: '04', name: 'Tỉnh Cao Bằng', shortName: 'Cao Bằng', nameEn: 'Cao Bang Province', lat: 22.7, lon: 106.2 },
];

describe('the header’s role label', () => {
  it('names a province leader’s province, not "Thành phố"', () => {
    expect(roleLabel({ role: 'city_leader', scopes: ['province:04'] }, PROVINCES, 'vi')).toEqual({
      key: 'roleIn.city_leader',
      values: { place: 'Tỉnh Cao Bằng' },
    });
    expect(roleLabel({ role: 'supervisor', scopes: ['province:01'] }, PROVINCES, 'en')).toEqual({
      key: 'roleIn.supervisor',
      values: { place: 'Ha Noi City' },
    });
  });

  it('names every province held', () => {
    expect(roleLabel({ role: 'city_leader', scopes: ['province:01', 'province:04'] }, PROVINCES, 'vi').values?.place).toBe(
      'Thành phố Hà Nội, Tỉnh Cao Bằng',
    );
  });

  it('says the country for a national pack’s leader bound to no province', () => {
    expect(roleLabel({ role: 'city_leader', scopes: ['city'] }, PROVINCES, 'vi')).toEqual({ key: 'roleCountry.city_leader' });
  });

  it('keeps the city pack’s label, and every other role’s', () => {
    expect(roleLabel({ role: 'city_leader', scopes: ['city'] }, undefined, 'vi')).toEqual({ key: 'role.city_leader' });
    expect(roleLabel({ role: 'unit_leader', scopes: ['unit:00004'] }, PROVINCES, 'vi')).toEqual({ key: 'role.unit_leader' });
  });
});
