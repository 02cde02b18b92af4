import { describe, expect, it } from 'vitest';
import type { JurisdictionResponse } from '../../../../shared/contract/api';
import { scopeDisplayName } from '../../../../client/features/wall/useSceneData';

const J = {
  code: '79',
  name: 'Thành phố Hồ Chí Minh',
  nameEn: 'Ho Chi Minh City',
  units: [{ code: '26740', type: 'Phường', name: 'Sài Gòn', fullName: 'Phường Sài Gòn', nameEn: 'Sai Gon Ward' }],
  departments: [{ code: 'STP', name: 'Sở Tư pháp', nameEn: 'Department of Justice', shortName: 'Tư pháp' }],
} as JurisdictionResponse;

describe('scopeDisplayName', () => {
  it("names the city with the translated city name, and in English with the jurisdiction's English name", () => {
    expect(scopeDisplayName('city', J, 'vi', 'Thành phố Hồ Chí Minh')).toBe('Thành phố Hồ Chí Minh');
    expect(scopeDisplayName('city', J, 'en', 'HCMC')).toBe('Ho Chi Minh City');
    expect(scopeDisplayName('city', null, 'en', 'HCMC')).toBe('HCMC');
  });

  it('names a unit by its full name, or its English name in English', () => {
    expect(scopeDisplayName('unit:26740', J, 'vi', '')).toBe('Phường Sài Gòn');
    expect(scopeDisplayName('unit:26740', J, 'en', '')).toBe('Sai Gon Ward');
  });

  it('names a department by its name, or its English name in English', () => {
    expect(scopeDisplayName('department:STP', J, 'vi', '')).toBe('Sở Tư pháp');
    expect(scopeDisplayName('department:STP', J, 'en', '')).toBe('Department of Justice');
  });

  it('falls back to the bare code before the jurisdiction is loaded or for an unknown code', () => {
    expect(scopeDisplayName('unit:26740', null, 'vi', '')).toBe('26740');
    expect(scopeDisplayName('unit:99999', J, 'en', '')).toBe('99999');
  });
});
