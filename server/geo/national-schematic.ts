/**
 * Schematic geometry for the national pack (fixtures/jurisdiction/vn): a cell per province and a
 * cell per commune inside it. It is a diagram ("sơ đồ minh hoạ, không phải ranh giới thật"), not a
 * map: official boundaries may not be shipped (DOMAIN.md), and the national list has no points.
 *
 * Method, in one plane (equirectangular around the country's middle, in km):
 *  1. Province cells: the Voronoi cells of approximate province centres, each cut to a disc of
 *     `provinceRadiusKm`, so the union follows the country's S shape instead of a bounding box.
 *  2. Commune cells: as many points as the province has communes, drawn inside its cell by a
 *     seeded generator, spread by a few Lloyd steps (each point moved to its cell's centroid),
 *     then the Voronoi cells of those points cut to the province cell. Both shapes are convex, so
 *     the cut is exact and a commune never leaves its province.
 *  3. Communes (by code) are laid on the points in a serpentine order, north to south, so that
 *     neighbouring codes (the same former district) sit near each other.
 *
 * Pure and deterministic: the same input gives the same output, byte for byte.
 */
import { Delaunay } from 'd3-delaunay';
import {
  circle,
  clipConvex,
  pointInRing,
  projection,
  ringSignedArea,
  toGeoRing,
  type Position,
  type SchematicFeature,
  type XY,
} from './schematic-boundaries.js';

export interface ProvinceCentre {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

export interface CommuneRef {
  code: string;
  name: string;
  province: string;
}

/** A commune's generated geometry: its cell, a point inside it and the cell's area. */
export interface CommuneGeometry {
  feature: SchematicFeature;
  lat: number;
  lon: number;
  /** Area of the schematic cell, km² (not the commune's real area). */
  areaKm2: number;
}

export interface NationalSchematic {
  provinces: SchematicFeature[];
  /** Sorted by commune code. */
  communes: CommuneGeometry[];
}

export interface NationalSchematicOptions {
  provinceRadiusKm: number;
  lloydSteps: number;
  circleSegments: number;
  /** Decimals kept in coordinates (3 ≈ 110 m: ample for cells several km wide, and keeps the file small). */
  precision: number;
}

export const DEFAULT_NATIONAL_OPTIONS: NationalSchematicOptions = {
  provinceRadiusKm: 95,
  lloydSteps: 4,
  circleSegments: 24,
  precision: 3,
};

/** The plane's origin: roughly the middle of the country. */
const ORIGIN = { lat: 16, lon: 106 };

/** mulberry32: a small seeded generator, so the drawn points never change between runs. */
function seededRandom(seedText: string): () => number {
  let a = 0x9e3779b9;
  for (const ch of seedText) a = Math.imul(a ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function bboxOf(ring: readonly XY[]): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Centroid of a simple polygon (open ring). */
function centroid(ring: readonly XY[]): XY {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    const f = x1 * y2 - x2 * y1;
    a += f;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Voronoi cells of `pts`, each cut to the convex counter-clockwise `outline` (open rings, in km). */
function cellsInside(pts: readonly XY[], outline: XY[]): XY[][] {
  const [x0, y0, x1, y1] = bboxOf(outline);
  const voronoi = Delaunay.from(pts).voronoi([x0 - 1, y0 - 1, x1 + 1, y1 + 1]);
  return pts.map((p, i) => {
    const raw = voronoi.cellPolygon(i);
    let cell = raw ? (raw.slice(0, -1) as XY[]) : [p];
    if (ringSignedArea(cell) < 0) cell = cell.reverse();
    return clipConvex(cell, outline);
  });
}

/** `n` points spread inside the convex outline: uniform draws, then Lloyd steps. */
function spreadPoints(outline: XY[], n: number, seed: string, steps: number): XY[] {
  const random = seededRandom(seed);
  const [x0, y0, x1, y1] = bboxOf(outline);
  let pts: XY[] = [];
  while (pts.length < n) {
    const p: XY = [x0 + random() * (x1 - x0), y0 + random() * (y1 - y0)];
    if (pointInRing(p, outline)) pts.push(p);
  }
  if (n < 2) return pts;
  for (let s = 0; s < steps; s++) {
    pts = cellsInside(pts, outline).map((cell, i) => (cell.length >= 3 ? centroid(cell) : pts[i]));
  }
  return pts;
}

/** Point indexes in serpentine order: bands from north to south, alternately west→east and east→west. */
function serpentine(pts: readonly XY[]): number[] {
  const bands = Math.max(1, Math.round(Math.sqrt(pts.length / 2)));
  const ys = pts.map((p) => p[1]);
  const top = Math.max(...ys);
  const height = top - Math.min(...ys) || 1;
  const band = (i: number) => Math.min(bands - 1, Math.floor(((top - pts[i][1]) / height) * bands));
  return pts
    .map((_, i) => i)
    .sort((a, b) => {
      const ba = band(a);
      const bb = band(b);
      if (ba !== bb) return ba - bb;
      return ba % 2 === 0 ? pts[a][0] - pts[b][0] : pts[b][0] - pts[a][0];
    });
}

/** Province cells in km (open CCW rings), sorted as `provinces`. */
function provinceCells(
  provinces: readonly ProvinceCentre[],
  forward: (lon: number, lat: number) => XY,
  opt: NationalSchematicOptions,
): XY[][] {
  const pts = provinces.map((p) => forward(p.lon, p.lat));
  const discs = pts.map((p) => circle(p, opt.provinceRadiusKm, opt.circleSegments));
  const all = discs.flat();
  return cellsInside(pts, bboxRing(all)).map((cell, i) => clipConvex(cell, discs[i]));
}

function bboxRing(points: readonly XY[]): XY[] {
  const [x0, y0, x1, y1] = bboxOf(points);
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

function feature(code: string, name: string, ring: Position[] | null): SchematicFeature {
  if (!ring) throw new Error(`${code}: generated cell collapsed`);
  return { type: 'Feature', properties: { code, name }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/**
 * Generates the province and commune cells (see the module comment).
 *
 * @throws Error on a duplicate province code, or a commune whose province is not in `provinces`.
 */
export function generateNationalSchematic(
  provincesIn: readonly ProvinceCentre[],
  communesIn: readonly CommuneRef[],
  options: Partial<NationalSchematicOptions> = {},
): NationalSchematic {
  const opt = { ...DEFAULT_NATIONAL_OPTIONS, ...options };
  const provinces = [...provincesIn].sort(byCode);
  if (new Set(provinces.map((p) => p.code)).size !== provinces.length) throw new Error('duplicate province code');
  const proj = projection(ORIGIN.lat, ORIGIN.lon);
  const cells = provinceCells(provinces, proj.forward, opt);
  const round = (v: number) => Math.round(v * 1e5) / 1e5;

  const grouped = new Map<string, CommuneRef[]>(provinces.map((p) => [p.code, []]));
  for (const c of communesIn) {
    const list = grouped.get(c.province);
    if (!list) throw new Error(`commune ${c.code}: unknown province ${c.province}`);
    list.push(c);
  }
  const communes: CommuneGeometry[] = [];
  provinces.forEach((p, k) => {
    const list = grouped.get(p.code)!.sort(byCode);
    if (list.length === 0) return;
    const pts = spreadPoints(cells[k], list.length, `vn-${p.code}`, opt.lloydSteps);
    const order = serpentine(pts);
    const communeCells = list.length > 1 ? cellsInside(pts, cells[k]) : [cells[k]];
    list.forEach((c, j) => {
      const i = order[j];
      const [lon, lat] = proj.inverse(pts[i]);
      const ring = toGeoRing(communeCells[i], proj.inverse, opt.precision);
      communes.push({
        feature: feature(c.code, c.name, ring),
        lat: round(lat),
        lon: round(lon),
        areaKm2: Math.round(ringSignedArea(communeCells[i]) * 10) / 10,
      });
    });
  });
  communes.sort((a, b) => byCode(a.feature.properties, b.feature.properties));
  return {
    provinces: provinces.map((p, k) => feature(p.code, p.name, toGeoRing(cells[k], proj.inverse, opt.precision))),
    communes,
  };
}
