import { describe, expect, it } from 'vitest';
import { createUnitMatcher, foldName } from '../../../server/domain/dvcqg-units.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import type { Jurisdiction, Unit } from '../../../server/domain/types.js';

const unit = (code: string, type: Unit['type'], name: string, fullName: string): Unit => ({
  code,
  type,
  name,
  fullName,
  nameEn: name,
  lat: 0,
  lon: 0,
  areaKm2: 1,
  population: 1,
});

const jurisdiction: Jurisdiction = {
  code: '79',
  name: 'Thành phố Hồ Chí Minh',
  nameEn: 'Ho Chi Minh City',
  units: [
    unit('26740', 'Phường', 'Bến Thành', 'Phường Bến Thành'),
    unit('27001', 'Phường', 'Tân Hòa', 'Phường Tân Hòa'),
    unit('27002', 'Xã', 'Tân Hòa', 'Xã Tân Hòa'),
    // Real HCMC communes whose names differ only by a diacritic.
    unit('25807', 'Xã', 'Thanh An', 'Xã Thanh An'),
    unit('27676', 'Xã', 'Thạnh An', 'Xã Thạnh An'),
  ],
  departments: [{ code: 'STP', name: 'Sở Tư pháp', nameEn: 'Department of Justice', shortName: 'Tư pháp' }],
};
const match = createUnitMatcher(jurisdiction);

describe('foldName', () => {
  it('drops diacritics (đ included), case and punctuation', () => {
    expect(foldName('  Ủy ban nhân dân Phường ĐÔNG-Hưng Thuận ')).toBe('uy ban nhan dan phuong dong hung thuan');
  });
});

describe('createUnitMatcher', () => {
  it('takes a unit or department code as it is (a department code in any case)', () => {
    expect(match('26740')).toEqual({ ok: true, code: '26740' });
    expect(match('stp')).toEqual({ ok: true, code: 'STP' });
  });

  it('matches a name whatever its diacritics, case and "UBND" / "Ủy ban nhân dân" prefix', () => {
    for (const name of ['UBND phường Bến Thành', 'Ủy ban nhân dân Phường Ben Thanh', 'PHUONG BEN THANH', 'Bến Thành', 'ubnd ben thanh']) {
      expect(match(name), name).toEqual({ ok: true, code: '26740' });
    }
    expect(match('So Tu Phap')).toEqual({ ok: true, code: 'STP' });
  });

  it('tells a ward from a commune of the same name by the type the sender wrote', () => {
    expect(match('UBND Phường Tân Hòa')).toEqual({ ok: true, code: '27001' });
    expect(match('UBND xã Tân Hoà')).toEqual({ ok: true, code: '27002' });
  });

  it('tells apart names that differ only by a diacritic when the sender wrote them', () => {
    expect(match('UBND Xã Thạnh An')).toEqual({ ok: true, code: '27676' });
    expect(match('Ủy ban nhân dân xã Thanh An')).toEqual({ ok: true, code: '25807' });
    const m = match('UBND Xa Thanh An');
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.message).toMatch(/ambiguous.*25807, 27676/);
  });

  it('refuses a name two units share, listing both, instead of guessing', () => {
    const m = match('UBND Tân Hòa');
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.message).toMatch(/ambiguous.*27001, 27002/);
  });

  it('refuses an unknown code or name, naming the jurisdiction', () => {
    const m = match('Phường Không Có');
    expect(m).toEqual({ ok: false, message: expect.stringContaining('Thành phố Hồ Chí Minh') });
    expect(match('99999').ok).toBe(false);
  });
});

describe('createUnitMatcher over the real HCMC jurisdiction', () => {
  it('resolves every unit\u2019s full name, with the "UBND" prefix too, and every department\u2019s name to its own code', () => {
    const hcmc = loadJurisdiction();
    const m = createUnitMatcher(hcmc);
    const wrong = [
      ...hcmc.units.flatMap((u) => [u.fullName, `UBND ${u.fullName}`].map((n) => [n, u.code, m(n)] as const)),
      ...hcmc.departments.map((d) => [d.name, d.code, m(d.name)] as const),
    ].filter(([, code, r]) => !r.ok || r.code !== code);
    expect(wrong).toEqual([]);
  });
});
