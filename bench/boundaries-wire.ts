/**
 * Bytes on the wire of GET /api/v1/jurisdiction/boundaries for the demo jurisdiction (hcmc, 168 units):
 * the shipped schematic file, and an official-like import of the same units (the schematic polygons
 * densified with jitter to the size of an official GIS export, full double precision, shared borders
 * kept identical between neighbours). For each: what the route sent before (JSON of the file as it is,
 * never compressed), what it sends now for identity / gzip / br, and a 304; and, not served, what a
 * per-feature Douglas-Peucker simplification would save and how many shared-border vertices it would
 * keep on one side only (gaps and overlaps between wards).
 *
 * Run: npx tsx bench/boundaries-wire.ts [--target-mb 4.9]
 */
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { resolveBoundaries, stringifyFeatureCollection, writeImportedBoundaries } from '../server/geo/boundaries-store.js';
import { roundBoundaries } from '../server/geo/boundaries-wire.js';
import type { BoundariesResponse } from '../shared/contract/api.js';
import { isMain, numArg, round, runMain, startInProcess, tempDir } from './lib.js';

type Pos = number[];
type Ring = Pos[];
const PATH = '/api/v1/jurisdiction/boundaries';

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function ringsOf(fc: BoundariesResponse): Ring[] {
  return fc.features.flatMap((f) =>
    f.geometry.type === 'Polygon' ? (f.geometry.coordinates as Ring[]) : (f.geometry.coordinates as Ring[][]).flat(),
  );
}

function mapRings(fc: BoundariesResponse, fn: (r: Ring) => Ring): BoundariesResponse {
  return {
    ...fc,
    features: fc.features.map((f) => ({
      ...f,
      geometry:
        f.geometry.type === 'Polygon'
          ? { ...f.geometry, coordinates: (f.geometry.coordinates as Ring[]).map(fn) }
          : { ...f.geometry, coordinates: (f.geometry.coordinates as Ring[][]).map((p) => p.map(fn)) },
    })),
  };
}

/** Deterministic pseudo-random in [0, 1) from a string (FNV-1a, then xorshift). */
function seeded(key: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  let x = h >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * Each edge gets `perEdge` points with a small wobble. The points of an edge depend only on its two
 * endpoints (generated from the lexically smaller one), so neighbours that share an edge share them.
 */
function densify(fc: BoundariesResponse, perEdge: number): BoundariesResponse {
  return mapRings(fc, (ring) => {
    const out: Ring = [];
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i], ring[i + 1]];
      const forward = `${a}` < `${b}`;
      const [p, q] = forward ? [a, b] : [b, a];
      const rnd = seeded(`${p}|${q}`);
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
      const [nx, ny] = len ? [-(q[1] - p[1]) / len, (q[0] - p[0]) / len] : [0, 0];
      const pts: Pos[] = [];
      for (let k = 1; k <= perEdge; k++) {
        const t = k / (perEdge + 1);
        const off = (rnd() - 0.5) * len * 0.04 * Math.sin(Math.PI * t);
        // A GIS export's doubles: 15–17 significant digits.
        pts.push([p[0] + (q[0] - p[0]) * t + nx * off + rnd() * 1e-9, p[1] + (q[1] - p[1]) * t + ny * off + rnd() * 1e-9]);
      }
      out.push(a, ...(forward ? pts : pts.reverse()));
    }
    out.push(ring[ring.length - 1]);
    return out;
  });
}

/** Douglas-Peucker on one ring (planar, degrees), keeping its first/last position. Bench-only. */
function douglasPeucker(ring: Ring, tol: number): Ring {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  // A closed ring's first and last positions coincide: split at the farthest point first.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = Math.hypot(ring[i][0] - ring[0][0], ring[i][1] - ring[0][1]);
    if (d > farD) [far, farD] = [i, d];
  }
  keep[far] = 1;
  stack.splice(0, 1, [0, far], [far, ring.length - 1]);
  while (stack.length) {
    const [s, e] = stack.pop()!;
    const [ax, ay] = ring[s];
    const [bx, by] = ring[e];
    const len = Math.hypot(bx - ax, by - ay) || 1e-12;
    let idx = -1;
    let max = tol;
    for (let i = s + 1; i < e; i++) {
      const d = Math.abs((bx - ax) * (ay - ring[i][1]) - (ax - ring[i][0]) * (by - ay)) / len;
      if (d > max) [idx, max] = [i, d];
    }
    if (idx >= 0) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  const out = ring.filter((_, i) => keep[i]);
  return out.length >= 4 ? out : ring;
}

/** Vertices shared by two or more features that some keep and some drop after simplifying. */
function brokenSharedVertices(before: BoundariesResponse, after: BoundariesResponse): { shared: number; broken: number } {
  const owners = new Map<string, Set<number>>();
  before.features.forEach((f, i) => {
    for (const r of ringsOf({ ...before, features: [f] }))
      for (const p of r) {
        const k = `${p[0]},${p[1]}`;
        (owners.get(k) ?? owners.set(k, new Set()).get(k)!).add(i);
      }
  });
  const kept = after.features.map((f) => new Set(ringsOf({ ...after, features: [f] }).flatMap((r) => r.map((p) => `${p[0]},${p[1]}`))));
  let shared = 0;
  let broken = 0;
  for (const [k, who] of owners) {
    if (who.size < 2) continue;
    shared += 1;
    const n = [...who].filter((i) => kept[i].has(k)).length;
    if (n !== 0 && n !== who.size) broken += 1;
  }
  return { shared, broken };
}

const positions = (fc: BoundariesResponse) => ringsOf(fc).reduce((n, r) => n + r.length, 0);
const sizes = (json: string) => {
  const buf = Buffer.from(json);
  return { identity: buf.length, gzip: gzipSync(buf).length, br: brotliCompressSync(buf).length };
};

async function measureServed(url: string) {
  const identity = await rawGet(url + PATH, { 'accept-encoding': 'identity' });
  const gzip = await rawGet(url + PATH, { 'accept-encoding': 'gzip' });
  const br = await rawGet(url + PATH, { 'accept-encoding': 'gzip, deflate, br' });
  const revalidated = await rawGet(url + PATH, { 'accept-encoding': 'gzip', 'if-none-match': gzip.headers.etag ?? '' });
  return {
    identity: identity.bytes,
    gzip: { bytes: gzip.bytes, encoding: gzip.headers['content-encoding'] ?? 'identity' },
    br: { bytes: br.bytes, encoding: br.headers['content-encoding'] ?? 'identity' },
    revalidated: { status: revalidated.status, bytes: revalidated.bytes },
  };
}

export async function main(args: Map<string, string>) {
  const targetBytes = numArg(args, 'target-mb', 4.9) * 1e6;
  const tmp = tempDir('bdt-bench-boundaries-');
  const srv = await startInProcess({ dbFile: join(tmp.dir, 'bench.db') });
  try {
    const boundariesDir = join(tmp.dir, 'boundaries');
    const schematic = resolveBoundaries('hcmc', { boundariesDir });
    const schematicBefore = Buffer.byteLength(JSON.stringify(schematic));
    const schematicNow = await measureServed(srv.url);

    // Points per edge so that the densified file is about the target size.
    const base = Buffer.byteLength(stringifyFeatureCollection(schematic));
    const probe = Buffer.byteLength(stringifyFeatureCollection(densify(schematic, 10)));
    const perEdge = Math.max(1, Math.round((10 * (targetBytes - base)) / (probe - base)));
    const official = densify(schematic, perEdge);
    writeImportedBoundaries('hcmc', official.features, { boundariesDir });
    const officialBefore = Buffer.byteLength(JSON.stringify(resolveBoundaries('hcmc', { boundariesDir })));
    const officialNow = await measureServed(srv.url);

    const simplified = [1e-5, 5e-5, 1e-4].map((tol) => {
      const fc = roundBoundaries(mapRings(official, (r) => douglasPeucker(r, tol)));
      return {
        toleranceDeg: tol,
        toleranceM: round(tol * 111_000, 0),
        positions: positions(fc),
        ...sizes(JSON.stringify(fc)),
        sharedBorder: brokenSharedVertices(official, fc),
      };
    });

    return {
      file: {
        features: official.features.length,
        positionsSchematic: positions(schematic),
        positionsOfficialLike: positions(official),
        perEdge,
        onDiskBytes: Buffer.byteLength(stringifyFeatureCollection(official)),
      },
      schematic: { before: { identity: schematicBefore, gzipRequested: schematicBefore }, now: schematicNow },
      officialLike: {
        before: { identity: officialBefore, gzipRequested: officialBefore },
        now: officialNow,
        roundedOnly: sizes(JSON.stringify(roundBoundaries(official))),
      },
      simplifiedNotServed: simplified,
    };
  } finally {
    await srv.close();
    tmp.remove();
  }
}

if (isMain(import.meta.url)) await runMain('boundaries-wire', main);
