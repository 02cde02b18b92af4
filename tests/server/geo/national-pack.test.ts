import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JURISDICTION_DIR, jurisdictionDirOf, loadJurisdiction, parseCsv } from '../../../server/geo/jurisdiction-loader.js';
import { resolveBoundaries } from '../../../server/geo/boundaries-store.js';
import { generateNationalSchematic } from '../../../server/geo/national-schematic.js';
import { pointInRing, ringSignedArea } from '../../../server/geo/schematic-boundaries.js';

const VN_DIR = join(DEFAULT_JURISDICTION_DIR, 'vn');
type Ring = [number, number][];
const ringOf = (f: { geometry: { coordinates: unknown } }) => (f.geometry.coordinates as Ring[])[0];

/** Distance from a point to a closed ring's nearest edge, in degrees. */
function distanceToRing([px, py]: [number, number], ring: Ring): number {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[i + 1];
    const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2 || 1)));
    best = Math.min(best, Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay))));
  }
  return best;
}

describe('the national pack (fixtures/jurisdiction/vn)', () => {
  const vn = loadJurisdiction(jurisdictionDirOf('vn'), 'vn');

  it('is found in its own directory, while hcmc stays in fixtures/jurisdiction', () => {
    expect(jurisdictionDirOf('vn')).toBe(VN_DIR);
    expect(jurisdictionDirOf('hcmc')).toBe(DEFAULT_JURISDICTION_DIR);
    expect(() => jurisdictionDirOf('../etc')).toThrow(/invalid jurisdiction name/);
  });

  it('has the 34 provinces and 3,321 communes of the statistics office list, codes unique', () => {
    expect(vn.code).toBe('VN');
    expect(vn.provinces).toHaveLength(34);
    expect(vn.units).toHaveLength(3321);
    expect(new Set(vn.units.map((u) => u.code)).size).toBe(3321);
    expect(new Set(vn.provinces!.map((p) => p.code)).size).toBe(34);
    const byType = (t: string) => vn.units.filter((u) => u.type === t).length;
    expect([byType('Phường'), byType('Xã'), byType('Đặc khu')]).toEqual([697, 2611, 13]);
  });

  it('puts every commune in a listed province, with the counts of the list (Hà Nội 126, HCMC 168)', () => {
    const codes = new Set(vn.provinces!.map((p) => p.code));
    expect(vn.units.every((u) => u.province && codes.has(u.province))).toBe(true);
    const count = (p: string) => vn.units.filter((u) => u.province === p).length;
    expect(count('01')).toBe(126);
    expect(count('79')).toBe(168);
    expect(vn.provinces!.find((p) => p.code === '79')?.name).toBe('Thành phố Hồ Chí Minh');
  });

  it('copies the facts of the shared list when it is at hand (code, province, type, name)', () => {
    let text: string;
    try {
      text = readFileSync(join(DEFAULT_JURISDICTION_DIR, '../../../shared/data/vn-units-2025.csv'), 'utf8');
    } catch {
      return; // The list lives beside the repository on the build machine only; the counts above still hold.
    }
    const [, ...rows] = parseCsv(text.normalize('NFC'));
    const byCode = new Map(vn.units.map((u) => [u.code, u]));
    for (const { fields } of rows) {
      const u = byCode.get(fields[0]);
      expect(u && [u.province, u.type, u.name]).toEqual([fields[1], fields[3], fields[4]]);
    }
  });

  it('ships valid schematic geometry: one closed counter-clockwise cell per commune and per province', () => {
    const communes = resolveBoundaries('vn', { jurisdictionDir: VN_DIR, boundariesDir: '/nonexistent' });
    expect(communes.schematic).toBe(true);
    expect(communes.features.map((f) => f.properties.code).sort()).toEqual(vn.units.map((u) => u.code).sort());
    const provinces = JSON.parse(readFileSync(join(VN_DIR, 'vn-province-boundaries.geojson'), 'utf8')) as typeof communes;
    expect(provinces.features).toHaveLength(34);
    for (const f of [...communes.features, ...provinces.features]) {
      const ring = ringOf(f);
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(ringSignedArea(ring)).toBeGreaterThan(0);
    }
  });

  it("keeps each commune's point and cell inside its province's cell", () => {
    const communes = resolveBoundaries('vn', { jurisdictionDir: VN_DIR, boundariesDir: '/nonexistent' });
    const provinces = JSON.parse(readFileSync(join(VN_DIR, 'vn-province-boundaries.geojson'), 'utf8')) as typeof communes;
    const provinceRing = new Map(provinces.features.map((f) => [f.properties.code, ringOf(f)]));
    const unit = new Map(vn.units.map((u) => [u.code, u]));
    const outside: string[] = [];
    for (const f of communes.features) {
      const u = unit.get(f.properties.code)!;
      const pr = provinceRing.get(u.province!)!;
      const own = ringOf(f);
      if (!pointInRing([u.lon, u.lat], own) || !pointInRing([u.lon, u.lat], pr)) outside.push(`${u.code} point`);
      // Both rings are rounded to 0.001°, so a vertex on the province edge may land up to ~0.0014° off it.
      for (const v of own) if (!pointInRing(v, pr) && distanceToRing(v, pr) > 0.0015) outside.push(`${u.code} vertex ${v.join(',')}`);
    }
    expect(outside).toEqual([]);
  });

  it('stays small (quantised coordinates)', () => {
    const size = (f: string) => readFileSync(join(VN_DIR, f)).length;
    expect(size('vn-boundaries.geojson')).toBeLessThan(1_000_000);
    expect(size('vn-units.csv')).toBeLessThan(400_000);
  });
});

describe('generateNationalSchematic', () => {
  const provinces = [
    { code: '01', name: 'A', lat: 21, lon: 105.8 },
    { code: '02', name: 'B', lat: 20, lon: 106.2 },
  ];
  const communes = Array.from({ length: 12 }, (_, i) => ({
    code: String(i).padStart(5, '0'),
    name: `c${i}`,
    province: i < 7 ? '01' : '02',
  }));

  it('is deterministic and gives one cell per commune', () => {
    const a = generateNationalSchematic(provinces, communes);
    expect(JSON.stringify(generateNationalSchematic(provinces, communes))).toBe(JSON.stringify(a));
    expect(a.communes.map((c) => c.feature.properties.code)).toEqual(communes.map((c) => c.code));
    expect(a.communes.every((c) => c.areaKm2 > 0)).toBe(true);
  });

  it('refuses a commune of an unknown province and duplicate provinces', () => {
    expect(() => generateNationalSchematic(provinces, [{ code: '1', name: 'x', province: '99' }])).toThrow(/unknown province 99/);
    expect(() => generateNationalSchematic([provinces[0], provinces[0]], [])).toThrow(/duplicate province/);
  });
});
