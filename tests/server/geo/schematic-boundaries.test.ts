import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringifyFeatureCollection } from '../../../server/geo/boundaries-store.js';
import { DEFAULT_JURISDICTION_DIR, loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { generateSchematicBoundaries } from '../../../server/geo/schematic-boundaries.js';
import type { SchematicUnit } from '../../../server/geo/schematic-boundaries.js';

// Independent of the module's own helpers, so a bug there cannot hide itself.
function signedArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
function inside([x, y]: number[], ring: number[][]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
/** Area in km² of a lon/lat ring near latitude lat. */
function areaKm2(ring: number[][], lat: number): number {
  return signedArea(ring) * 110.574 * 111.32 * Math.cos((lat * Math.PI) / 180);
}

const j = loadJurisdiction();
const fc = generateSchematicBoundaries(j.units);

describe('generateSchematicBoundaries (HCMC)', () => {
  it('is a schematic FeatureCollection with one Polygon feature per unit, sorted by code', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.schematic).toBe(true);
    expect(fc.features).toHaveLength(168);
    const codes = fc.features.map((f) => f.properties.code);
    expect(codes).toEqual(j.units.map((u) => u.code).sort());
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Polygon');
      expect(f.properties.name).toBe(j.units.find((u) => u.code === f.properties.code)?.name);
    }
  });

  it('has valid rings: closed, at least 4 positions, counter-clockwise, [lon, lat] with 5 decimals', () => {
    for (const f of fc.features) {
      expect(f.geometry.coordinates).toHaveLength(1);
      const ring = f.geometry.coordinates[0];
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea(ring)).toBeGreaterThan(0);
      for (const [lon, lat] of ring) {
        expect(lon).toBeGreaterThan(105);
        expect(lon).toBeLessThan(108.5);
        expect(lat).toBeGreaterThan(8);
        expect(lat).toBeLessThan(12);
        expect(Math.round(lon * 1e5) / 1e5).toBe(lon);
        expect(Math.round(lat * 1e5) / 1e5).toBe(lat);
      }
      for (let i = 1; i < ring.length; i++) expect(ring[i]).not.toEqual(ring[i - 1]);
    }
  });

  it("puts each unit's point inside its own cell and in no other", () => {
    const rings = new Map(fc.features.map((f) => [f.properties.code, f.geometry.coordinates[0]]));
    for (const u of j.units) {
      const containing = [...rings].filter(([, ring]) => inside([u.lon, u.lat], ring)).map(([code]) => code);
      expect(containing, `${u.code} ${u.name}`).toEqual([u.code]);
    }
  });

  it('gives Côn Đảo its own disc about the size of its area, not a giant Voronoi cell', () => {
    const conDao = j.units.find((u) => u.name === 'Côn Đảo')!;
    const ring = fc.features.find((f) => f.properties.code === conDao.code)!.geometry.coordinates[0];
    const area = areaKm2(ring, conDao.lat);
    expect(area).toBeGreaterThan(conDao.areaKm2 * 0.97);
    expect(area).toBeLessThan(conDao.areaKm2 * 1.01);
    const lats = ring.map((p) => p[1]);
    expect(Math.max(...lats)).toBeLessThan(9); // stays in the sea south-east, far from the mainland
  });

  it('keeps edge cells bounded by the unit area and the city total plausible', () => {
    let total = 0;
    for (const f of fc.features) {
      const u = j.units.find((x) => x.code === f.properties.code)!;
      const a = areaKm2(f.geometry.coordinates[0], u.lat);
      // A cell never exceeds the clip disc of 1.6 equivalent radii (area 2.56 × the unit's).
      expect(a, u.name).toBeLessThan(2.56 * u.areaKm2);
      total += a;
    }
    const official = j.units.reduce((s, u) => s + u.areaKm2, 0);
    expect(total / official).toBeGreaterThan(0.9);
    expect(total / official).toBeLessThan(1.2);
  });

  it('is deterministic and independent of input order', () => {
    const again = generateSchematicBoundaries(j.units);
    expect(JSON.stringify(again)).toBe(JSON.stringify(fc));
    const shuffled = [...j.units].reverse();
    expect(JSON.stringify(generateSchematicBoundaries(shuffled))).toBe(JSON.stringify(fc));
  });

  it('matches the committed fixture (run scripts/generate-boundaries.ts after changing the generator)', () => {
    const committed = readFileSync(join(DEFAULT_JURISDICTION_DIR, 'hcmc-boundaries.geojson'), 'utf8');
    expect(committed).toBe(stringifyFeatureCollection(fc));
  });
});

describe('generateSchematicBoundaries (edge cases)', () => {
  const u = (code: string, lat: number, lon: number, areaKm2 = 4): SchematicUnit => ({ code, name: `U${code}`, lat, lon, areaKm2 });

  it('handles a single unit and collinear points', () => {
    expect(generateSchematicBoundaries([u('00001', 10, 106)]).features).toHaveLength(1);
    const line = generateSchematicBoundaries([u('00001', 10, 106), u('00002', 10, 106.02), u('00003', 10, 106.04)]);
    expect(line.features).toHaveLength(3);
    for (const f of line.features) {
      const ring = f.geometry.coordinates[0];
      expect(signedArea(ring)).toBeGreaterThan(0);
    }
    const f2 = line.features[1].geometry.coordinates[0];
    expect(inside([106.02, 10], f2)).toBe(true);
  });

  it('returns an empty collection for no units and rejects bad input', () => {
    expect(generateSchematicBoundaries([]).features).toEqual([]);
    expect(() => generateSchematicBoundaries([u('00001', 10, 106), u('00001', 10, 106.1)])).toThrow(/duplicate unit code 00001/);
    expect(() => generateSchematicBoundaries([u('00001', Number.NaN, 106)])).toThrow(/invalid point/);
    expect(() => generateSchematicBoundaries([u('00001', 10, 106, 0)])).toThrow(/area must be positive/);
  });
});
