import { describe, expect, it } from 'vitest';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { buildCityModel } from '../../../server/simulator/city-model.js';
import { procedures, tinyCity } from './helpers.js';

const hcmc = loadJurisdiction();

describe('buildCityModel', () => {
  const model = buildCityModel({ seed: 79, jurisdiction: hcmc, procedures });

  it('is a pure function of its seed', () => {
    const again = buildCityModel({ seed: 79, jurisdiction: hcmc, procedures });
    expect(JSON.stringify(again.units.map((u) => [u.code, u.dailyVolume, u.lateRate, u.specialists]))).toBe(
      JSON.stringify(model.units.map((u) => [u.code, u.dailyVolume, u.lateRate, u.specialists])),
    );
    const other = buildCityModel({ seed: 80, jurisdiction: hcmc, procedures });
    expect(other.chronicallyLate).not.toEqual(model.chronicallyLate);
  });

  it('spreads 15,000 dossiers a working day, about a tenth to departments', () => {
    const total = model.units.reduce((s, u) => s + u.dailyVolume, 0);
    const departments = model.units.filter((u) => u.kind === 'department').reduce((s, u) => s + u.dailyVolume, 0);
    expect(total).toBeCloseTo(15_000, 6);
    expect(departments / total).toBeCloseTo(0.1, 6);
    // Wards in proportion to population (± local variation).
    const big = model.byCode.get(hcmc.units.reduce((a, b) => (a.population > b.population ? a : b)).code)!;
    const small = model.byCode.get(hcmc.units.reduce((a, b) => (a.population < b.population ? a : b)).code)!;
    expect(big.dailyVolume).toBeGreaterThan(small.dailyVolume * 3);
  });

  it('routes department procedures by name and leaves non-service departments without dossiers', () => {
    const justice = model.byCode.get('STP')!;
    expect(justice.procedures.map((p) => p.field)).toContain('Tư pháp - Lý lịch tư pháp');
    expect(model.byCode.get('TTTP')!.dailyVolume).toBe(0);
  });

  it('staffs every unit with 4–12 officials with stable ids and Vietnamese names', () => {
    const ids = new Set<string>();
    for (const u of model.units) {
      const staff = [...u.receivers, ...u.specialists, ...u.leaders];
      expect(staff.length).toBeGreaterThanOrEqual(4);
      expect(staff.length).toBeLessThanOrEqual(12);
      expect(u.specialists.length).toBeGreaterThanOrEqual(2);
      for (const o of staff) {
        expect(o.id).toMatch(new RegExp(`^79-${u.code}-cb\\d{2}$`));
        expect(o.name.split(' ')).toHaveLength(3);
        expect(o.wire).toEqual({ id: o.id, name: o.name, unit: u.code });
        ids.add(o.id);
      }
    }
    expect(ids.size).toBe(model.units.reduce((s, u) => s + u.receivers.length + u.specialists.length + u.leaders.length, 0));
  });

  it('marks about ten chronically late wards, some slow officials and a few buck-passers', () => {
    expect(model.chronicallyLate).toHaveLength(10);
    for (const code of model.chronicallyLate) {
      const u = model.byCode.get(code)!;
      expect(u.kind).toBe('unit');
      expect(u.lateRate).toBeGreaterThanOrEqual(0.15);
    }
    expect(model.slowOfficials.length).toBeGreaterThan(30);
    expect(model.buckPassers.length).toBeGreaterThanOrEqual(3);
    expect(model.buckPassers.length).toBeLessThanOrEqual(10);
  });

  it('calibrates late rates so the city lands near 96% on time', () => {
    let volume = 0;
    let late = 0;
    for (const u of model.units) {
      volume += u.dailyVolume;
      late += u.dailyVolume * u.lateRate;
    }
    // Late share of processed dossiers; withdrawn/refused/stopped (≈2%) always end on time.
    expect(late / volume).toBeGreaterThan(0.035);
    expect(late / volume).toBeLessThan(0.045);
    const ordinary = model.units.filter((u) => !u.chronicallyLate && u.dailyVolume > 0);
    expect(Math.max(...ordinary.map((u) => u.lateRate))).toBeLessThan(0.15);
  });

  it('works for a hand-made city with a chronic unit and routed departments', () => {
    const tiny = buildCityModel({ seed: 1, jurisdiction: tinyCity, procedures });
    expect(tiny.units).toHaveLength(11);
    expect(tiny.chronicallyLate).toHaveLength(1);
    expect(tiny.byCode.get('SXD')!.procedures.some((p) => p.field === 'Xây dựng')).toBe(true);
  });
});
