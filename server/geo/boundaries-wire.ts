/**
 * The boundaries as they go on the wire: coordinates rounded to {@link BOUNDARY_WIRE_DECIMALS}
 * decimals, serialised once, with a strong ETag of those bytes. Pure apart from a cache keyed by the
 * collection object (boundaries-store hands out a new object when the file changes, so a re-import
 * yields new bytes and a new ETag).
 */
import { createHash } from 'node:crypto';
import type { BoundariesResponse } from '../../shared/contract/api.js';

/** 5 decimals of a degree ≈ 1.1 m on the ground: below what a ward map can show, and about half the bytes of a GIS export's 15. */
export const BOUNDARY_WIRE_DECIMALS = 5;

type Position = number[];

export interface BoundariesWire {
  /** UTF-8 JSON of the collection with rounded coordinates. */
  body: Buffer;
  /** Strong validator, quoted: `"<base64url sha-256 of body>"`. */
  etag: string;
}

function roundTo(decimals: number): (v: number) => number {
  const f = 10 ** decimals;
  return (v) => Math.round(v * f) / f;
}

/**
 * A ring with its positions rounded; positions that become equal to the previous one are dropped. A
 * ring that rounding would shrink below 4 positions (a closed triangle) is kept unrounded-but-deduplicated
 * as it was, so no polygon disappears. Shared borders stay shared: equal inputs round to equal outputs.
 */
function roundRing(ring: Position[], round: (v: number) => number): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = p.map(round);
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    out.push(q);
  }
  return out.length >= 4 ? out : ring;
}

/**
 * A copy of the collection with every coordinate rounded to `decimals` decimals (default
 * {@link BOUNDARY_WIRE_DECIMALS}). Properties and everything else are kept as they are.
 */
export function roundBoundaries(fc: BoundariesResponse, decimals: number = BOUNDARY_WIRE_DECIMALS): BoundariesResponse {
  const round = roundTo(decimals);
  const features = fc.features.map((f) => {
    const g = f.geometry as { type: string; coordinates: unknown } | null;
    if (!g) return f;
    if (g.type === 'Polygon') {
      return { ...f, geometry: { ...g, coordinates: (g.coordinates as Position[][]).map((r) => roundRing(r, round)) } };
    }
    if (g.type === 'MultiPolygon') {
      return {
        ...f,
        geometry: { ...g, coordinates: (g.coordinates as Position[][][]).map((poly) => poly.map((r) => roundRing(r, round))) },
      };
    }
    return f;
  }) as BoundariesResponse['features'];
  return { ...fc, features };
}

const cache = new WeakMap<object, BoundariesWire>();

/** The wire bytes and ETag of a collection, computed once per collection object. */
export function boundariesWire(fc: BoundariesResponse): BoundariesWire {
  const hit = cache.get(fc);
  if (hit) return hit;
  const body = Buffer.from(JSON.stringify(roundBoundaries(fc)), 'utf8');
  const wire = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
  cache.set(fc, wire);
  return wire;
}
