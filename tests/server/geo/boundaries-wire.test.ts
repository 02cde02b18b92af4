import { describe, expect, it } from 'vitest';
import { boundariesWire, roundBoundaries } from '../../../server/geo/boundaries-wire.js';
import type { BoundariesResponse } from '../../../shared/contract/api.js';

function collection(rings: number[][][]): BoundariesResponse {
  return {
    type: 'FeatureCollection',
    schematic: false,
    features: rings.map((ring, i) => ({
      type: 'Feature',
      properties: { code: String(i), name: `U${i}` },
      geometry: { type: 'Polygon', coordinates: [ring] },
    })),
  };
}

describe('roundBoundaries', () => {
  it('rounds coordinates to 5 decimals (about 1 m) and drops positions that become repeated', () => {
    const fc = collection([
      [
        [106.123456789, 10.987654321],
        [106.123457, 10.987654],
        [106.2, 10.9],
        [106.2, 11.0],
        [106.123456789, 10.987654321],
      ],
    ]);
    expect(roundBoundaries(fc).features[0].geometry.coordinates).toEqual([
      [
        [106.12346, 10.98765],
        [106.2, 10.9],
        [106.2, 11],
        [106.12346, 10.98765],
      ],
    ]);
  });

  it('keeps a shared border shared: the same vertex rounds the same way in both neighbours', () => {
    const shared = [106.7000049, 10.8000051];
    const fc = collection([
      [[106.6, 10.8], shared, [106.7, 10.9], [106.6, 10.8]],
      [[106.8, 10.8], [106.7, 10.9], shared, [106.8, 10.8]],
    ]);
    const [a, b] = roundBoundaries(fc).features.map((f) => (f.geometry.coordinates as number[][][])[0]);
    expect(a[1]).toEqual(b[2]);
  });

  it('keeps a ring that rounding would collapse as it was', () => {
    const tiny = [
      [106.1, 10.1],
      [106.100001, 10.1],
      [106.100001, 10.100001],
      [106.1, 10.1],
    ];
    expect(roundBoundaries(collection([tiny])).features[0].geometry.coordinates).toEqual([tiny]);
  });
});

describe('boundariesWire', () => {
  it('gives the same bytes and ETag for the same collection, and a new ETag for new geometry', () => {
    const fc = collection([
      [
        [106.6, 10.8],
        [106.7, 10.8],
        [106.7, 10.9],
        [106.6, 10.8],
      ],
    ]);
    const w = boundariesWire(fc);
    expect(boundariesWire(fc)).toBe(w);
    expect(JSON.parse(w.body.toString('utf8'))).toEqual(fc);
    const moved = collection([
      [
        [106.6, 10.8],
        [106.71, 10.8],
        [106.7, 10.9],
        [106.6, 10.8],
      ],
    ]);
    expect(boundariesWire(moved).etag).not.toBe(w.etag);
  });
});
