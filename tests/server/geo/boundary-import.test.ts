import { describe, expect, it } from 'vitest';
import type { Jurisdiction, Unit } from '../../../server/domain/types.js';
import { BoundaryFileError, formatImportReport, normaliseUnitCode, validateBoundaries } from '../../../server/geo/boundary-import.js';

function unit(code: string, name: string, lat: number, lon: number): Unit {
  return { code, type: 'Xã', name, fullName: `Xã ${name}`, nameEn: name, lat, lon, areaKm2: 4, population: 1000 };
}

/** Three units on a line, 0.1° apart; each owns the 0.1° square around its point. */
const J: Jurisdiction = {
  code: '01',
  name: 'Tỉnh Thử',
  nameEn: 'Test Province',
  units: [unit('00004', 'Bốn', 10.05, 106.05), unit('25747', 'Thủ Dầu Một', 10.05, 106.15), unit('26732', 'Côn Đảo', 10.05, 106.25)],
  departments: [],
};

/** Counter-clockwise square [x0, y0]–[x0+0.1, y0+0.1], closed. */
function square(x0: number, y0 = 10, s = 0.1): number[][] {
  return [
    [x0, y0],
    [x0 + s, y0],
    [x0 + s, y0 + s],
    [x0, y0 + s],
    [x0, y0],
  ];
}

function feature(properties: Record<string, unknown> | null, geometry: unknown) {
  return { type: 'Feature', properties, geometry };
}

function fc(...features: unknown[]) {
  return { type: 'FeatureCollection', features };
}

const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });

describe('validateBoundaries', () => {
  it('accepts a clean file and normalises properties to {code, name}', () => {
    const r = validateBoundaries(
      fc(
        feature({ code: '00004', name: 'Bốn', extra: 1 }, poly(square(106))),
        feature({ code: '25747' }, poly(square(106.1))),
        feature({ code: '26732' }, { type: 'MultiPolygon', coordinates: [[square(106.2)], [square(106.4)]] }),
      ),
      J,
    );
    expect(r.total).toBe(3);
    expect(r.invalid).toEqual([]);
    expect(r.missingUnits).toEqual([]);
    expect(r.unknownCodes).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.features.map((f) => f.properties)).toEqual([
      { code: '00004', name: 'Bốn' },
      { code: '25747', name: 'Thủ Dầu Một' },
      { code: '26732', name: 'Côn Đảo' },
    ]);
    expect(r.features[2].geometry.type).toBe('MultiPolygon');
  });

  it('reports missing units and unknown codes (skipping the unknown features)', () => {
    const r = validateBoundaries(
      fc(
        feature({ code: '25747' }, poly(square(106.1))),
        feature({ code: '99999' }, poly(square(107))),
        feature({ code: '99999' }, poly(square(107.2))),
        feature({ code: 'Phường X' }, { type: 'Point', coordinates: [1, 2] }),
      ),
      J,
    );
    expect(r.missingUnits).toEqual(['00004', '26732']);
    expect(r.unknownCodes).toEqual(['99999', 'Phường X']);
    expect(r.features.map((f) => f.properties.code)).toEqual(['25747']);
    // Features of other jurisdictions are not judged: a national file must not fail on them.
    expect(r.invalid).toEqual([]);
  });

  it('pads numeric codes to 5 digits', () => {
    const r = validateBoundaries(fc(feature({ code: 4 }, poly(square(106))), feature({ code: '4' }, poly(square(106)))), J);
    expect(r.features.map((f) => f.properties.code)).toEqual(['00004']);
    expect(r.invalid).toEqual([{ index: 1, code: '00004', reason: 'duplicate code (first at index 0)' }]);
    expect(normaliseUnitCode(25747)).toBe('25747');
    expect(normaliseUnitCode(' 747 ')).toBe('00747');
    expect(normaliseUnitCode(4.5)).toBe('4.5');
    expect(normaliseUnitCode('')).toBeNull();
    expect(normaliseUnitCode(undefined)).toBeNull();
  });

  it('reads the code from a custom property', () => {
    const r = validateBoundaries(fc(feature({ ma_xa: 25747, code: 'ignored' }, poly(square(106.1)))), J, { codeProp: 'ma_xa' });
    expect(r.features.map((f) => f.properties.code)).toEqual(['25747']);
    expect(r.unknownCodes).toEqual([]);
  });

  it('reports invalid geometry with the feature index and a reason', () => {
    const open = square(106).slice(0, 4);
    const r = validateBoundaries(
      fc(
        feature({ code: '00004' }, { type: 'Point', coordinates: [106.05, 10.05] }),
        feature({ code: '25747' }, poly(open)),
        feature(
          { code: '26732' },
          poly([
            [106.2, 10],
            [106.3, 10],
            [106.2, 10],
          ]),
        ),
      ),
      J,
    );
    expect(r.features).toEqual([]);
    expect(r.invalid).toEqual([
      { index: 0, code: '00004', reason: 'geometry type "Point" is not Polygon or MultiPolygon' },
      { index: 1, code: '25747', reason: expect.stringMatching(/^ring 0: ring not closed/) },
      { index: 2, code: '26732', reason: 'ring 0: 3 positions, a ring needs at least 4' },
    ]);
  });

  it.each([
    [
      'non-finite',
      [
        [106, 10],
        [106.1, Number.POSITIVE_INFINITY],
        [106.1, 10.1],
        [106, 10],
      ],
      /position 1: non-finite coordinate/,
    ],
    [
      'string',
      [
        [106, 10],
        [106.1, '10'],
        [106.1, 10.1],
        [106, 10],
      ],
      /position 1: non-finite coordinate/,
    ],
    [
      'swapped lat/lon',
      [
        [10, 106],
        [10, 106.1],
        [10.1, 106.1],
        [10, 106],
      ],
      /position 0: coordinate \[10, 106\] out of range$/,
    ],
    [
      'projected metres',
      [
        [600000, 1100000],
        [600100, 1100000],
        [600100, 1100100],
        [600000, 1100000],
      ],
      /out of range \(projected metres\?/,
    ],
    [
      'zero area',
      [
        [106, 10],
        [106.1, 10],
        [106.2, 10],
        [106, 10],
      ],
      /zero area/,
    ],
  ])('rejects %s coordinates', (_, ring, reason) => {
    const r = validateBoundaries(fc(feature({ code: '00004' }, poly(ring as number[][]))), J);
    expect(r.invalid).toHaveLength(1);
    expect(r.invalid[0].index).toBe(0);
    expect(r.invalid[0].reason).toMatch(reason);
  });

  it('reports features without geometry or code, and non-features', () => {
    const r = validateBoundaries(
      fc(feature({ code: '00004' }, null), feature({ ten: 'Bốn' }, poly(square(106))), feature(null, poly(square(106))), 42),
      J,
    );
    expect(r.invalid).toEqual([
      { index: 0, code: '00004', reason: 'no geometry' },
      { index: 1, code: null, reason: 'no "code" property (properties: ten)' },
      { index: 2, code: null, reason: 'no "code" property (no properties)' },
      { index: 3, code: null, reason: 'not a GeoJSON Feature' },
    ]);
  });

  it('names the polygon and ring of a MultiPolygon problem', () => {
    const r = validateBoundaries(
      fc(feature({ code: '00004' }, { type: 'MultiPolygon', coordinates: [[square(106)], [square(106.5).slice(0, 3)]] })),
      J,
    );
    expect(r.invalid[0].reason).toBe('polygon 1 ring 0: 3 positions, a ring needs at least 4');
  });

  it('rewinds rings to RFC 7946 (exterior counter-clockwise, holes clockwise) and drops repeated positions', () => {
    const cwExterior = [...square(106)].reverse();
    const ccwHole = square(106.02, 10.02, 0.01); // wrong way for a hole
    const repeated = [
      [106.1, 10],
      [106.1, 10],
      [106.2, 10],
      [106.2, 10.1],
      [106.1, 10.1],
      [106.1, 10],
    ];
    const r = validateBoundaries(fc(feature({ code: '00004' }, poly(cwExterior, ccwHole)), feature({ code: '25747' }, poly(repeated))), J);
    expect(r.invalid).toEqual([]);
    expect(r.rewoundRings).toBe(2);
    expect(r.duplicatePositionsRemoved).toBe(1);
    const [outer, hole] = r.features[0].geometry.coordinates as number[][][];
    const area = (ring: number[][]) => ring.slice(0, -1).reduce((s, p, i) => s + p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1], 0);
    expect(area(outer)).toBeGreaterThan(0);
    expect(area(hole)).toBeLessThan(0);
    expect(r.features[1].geometry.coordinates[0]).toHaveLength(5);
  });

  it('warns when the unit point is outside its geometry or the name differs', () => {
    const r = validateBoundaries(
      fc(
        feature({ code: '00004', name: 'Phường Bốn' }, poly(square(106.1))), // drawn where 25747 is
        feature({ code: '25747', name: 'Thu Dau Mot' }, poly(square(106.1))), // same name without diacritics: fine
        feature({ code: '26732', name: 'Phú Quốc' }, poly(square(106.2))),
      ),
      J,
    );
    expect(r.features).toHaveLength(3);
    expect(r.warnings).toEqual([
      { index: 0, code: '00004', reason: expect.stringMatching(/point \(10\.05, 106\.05\) is outside this geometry/) },
      { index: 2, code: '26732', reason: 'name in file "Phú Quốc" differs from "Côn Đảo"' },
    ]);
  });

  it('throws on input that is not a FeatureCollection', () => {
    expect(() => validateBoundaries({ type: 'Feature' }, J)).toThrowError(BoundaryFileError);
    expect(() => validateBoundaries([], J)).toThrowError(/got an array/);
    expect(() => validateBoundaries({ type: 'FeatureCollection' }, J)).toThrowError(/without a "features" array/);
  });
});

describe('formatImportReport', () => {
  it('prints counts and lists', () => {
    const r = validateBoundaries(
      fc(
        feature({ code: '25747' }, poly(square(106.1))),
        feature({ code: '00004' }, poly(square(106).slice(0, 4))),
        feature({ code: '70000' }, poly(square(107))),
      ),
      J,
    );
    const text = formatImportReport(r, J, { file: 'x.geojson', codeProp: 'code' });
    expect(text).toContain('Valid features (hợp lệ): 1 / 3 units');
    expect(text).toContain('Missing units (đơn vị chưa có ranh giới): 1');
    expect(text).toContain('Unknown codes (mã không thuộc Tỉnh Thử, skipped): 1');
    expect(text).toContain('Invalid features (không hợp lệ): 1');
    expect(text).toMatch(/#1 \[00004 Xã Bốn\]: ring 0: ring not closed/);
    expect(text).toContain('  26732 Xã Côn Đảo');
    expect(text).toContain('  70000');
  });
});
