/**
 * Schematic boundaries: polygons generated from each unit's representative point and area, for the
 * demo and for any installation that has not imported official boundaries yet.
 *
 * Official boundaries may not be shipped (see DOMAIN.md), so the map needs something that reads as
 * "this ward is here, roughly this big" without pretending to be a cadastral map. Method:
 *
 *  1. Project the points to a local plane in km (equirectangular around the mean latitude; over
 *     ~150 km the distortion is a few percent, far below what a schematic shows).
 *  2. A unit whose nearest neighbour is far away (Côn Đảo, ~180 km offshore) is drawn alone as a disc
 *     of its own area; left in the Voronoi diagram it would claim the whole sea in between.
 *  3. The other units get Voronoi cells (d3-delaunay), each intersected with
 *       - a disc around its point of radius `discFactor` × sqrt(area / π): edge cells would
 *         otherwise run to the bounding box, and the union of these discs gives the city a
 *         concave, recognisable outline (bays, river mouths, the Cần Giờ mangroves) for free;
 *       - the city outline: the convex hull of the points grown by `outlineBufferKm`, so no cell
 *         sticks far out of the area the units actually cover.
 *     All three shapes are convex, so plain convex clipping is exact and cells never overlap.
 *
 * Every unit's point lies inside its own cell by construction (it is the Voronoi site, the disc
 * centre and inside the grown hull), so the map can place labels and markers at the point.
 *
 * Pure: no I/O, deterministic for the same input (features sorted by code).
 */
import { Delaunay } from 'd3-delaunay';
import type { Unit } from '../domain/types.js';

/** What the generator needs of a unit. */
export type SchematicUnit = Pick<Unit, 'code' | 'name' | 'lat' | 'lon' | 'areaKm2'>;

/** A GeoJSON position [lon, lat]. */
export type Position = [number, number];

/** A GeoJSON Feature with a single Polygon (exterior ring only). */
export interface SchematicFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: { type: 'Polygon'; coordinates: Position[][] };
}

/** The generated FeatureCollection (assignable to BoundariesResponse). */
export interface SchematicBoundaries {
  type: 'FeatureCollection';
  /** Always true: the map must say these are not official boundaries. */
  schematic: true;
  features: SchematicFeature[];
}

export interface SchematicOptions {
  /** Cells are clipped to a disc of this many equivalent radii (sqrt(area/π)) around the point. */
  discFactor: number;
  /** The city outline is the convex hull of the points grown by this many km. */
  outlineBufferKm: number;
  /** A unit with no neighbour within this many km is drawn alone as a disc of its area. */
  isolatedKm: number;
  /** Vertices used to approximate a full circle. */
  circleSegments: number;
  /** Decimal places kept in output coordinates (5 ≈ 1 m). */
  precision: number;
}

export const DEFAULT_SCHEMATIC_OPTIONS: SchematicOptions = {
  discFactor: 1.6,
  outlineBufferKm: 4,
  isolatedKm: 30,
  circleSegments: 48,
  precision: 5,
};

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_EQUATOR = 111.32;

export type XY = [number, number];

/**
 * Signed area of a ring by the shoelace formula (positive = counter-clockwise with x east, y north).
 * Accepts closed or open rings. In lon/lat it gives the orientation RFC 7946 asks about.
 */
export function ringSignedArea(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % n];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Whether a point lies inside a ring (even-odd ray casting; points on the boundary may go either way). */
export function pointInRing(point: readonly number[], ring: readonly (readonly number[])[]): boolean {
  const [px, py] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Equirectangular projection around a reference latitude, in km. */
export function projection(lat0: number, lon0: number) {
  const kx = KM_PER_DEG_LON_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  return {
    forward: (lon: number, lat: number): XY => [(lon - lon0) * kx, (lat - lat0) * KM_PER_DEG_LAT],
    inverse: ([x, y]: XY): Position => [lon0 + x / kx, lat0 + y / KM_PER_DEG_LAT],
  };
}

/** A counter-clockwise regular polygon inscribed in the circle (so its area is slightly less). */
export function circle([cx, cy]: XY, r: number, segments: number): XY[] {
  const out: XY[] = [];
  for (let k = 0; k < segments; k++) {
    const a = (2 * Math.PI * k) / segments;
    out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return out;
}

/** Andrew's monotone chain; counter-clockwise, without the closing point. */
function convexHull(points: XY[]): XY[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: XY[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: XY[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/**
 * Sutherland–Hodgman: the part of `subject` inside the convex, counter-clockwise `clip` polygon.
 * Exact for a convex subject, which is all we ever clip (Voronoi cells, discs, hulls).
 */
export function clipConvex(subject: XY[], clip: XY[]): XY[] {
  let output = subject;
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i];
    const b = clip[(i + 1) % clip.length];
    const side = (p: XY) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const cur = input[j];
      const prev = input[(j + input.length - 1) % input.length];
      const sc = side(cur);
      const sp = side(prev);
      if (sc >= 0) {
        if (sp < 0) output.push(intersect(prev, cur, sp, sc));
        output.push(cur);
      } else if (sp >= 0) {
        output.push(intersect(prev, cur, sp, sc));
      }
    }
  }
  return output;
}

function intersect(p: XY, q: XY, sp: number, sq: number): XY {
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** Open CCW ring in km → closed, rounded, CCW GeoJSON ring; null if rounding collapsed it. */
export function toGeoRing(ring: XY[], inverse: (p: XY) => Position, precision: number): Position[] | null {
  const f = 10 ** precision;
  const round = (v: number) => Math.round(v * f) / f;
  const out: Position[] = [];
  for (const p of ring) {
    const [lon, lat] = inverse(p);
    const q: Position = [round(lon), round(lat)];
    const last = out[out.length - 1];
    // Clipping leaves near-coincident vertices where a disc grazes a cell corner; rounding merges them.
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3 || ringSignedArea(out) <= 0) return null;
  out.push([out[0][0], out[0][1]]);
  return out;
}

function equivalentRadiusKm(areaKm2: number): number {
  return Math.sqrt(areaKm2 / Math.PI);
}

/**
 * Generates schematic boundaries for the given units (see the module comment for the method).
 *
 * @param units units with a representative point inside them and an area in km²
 * @param options tuning; defaults in {@link DEFAULT_SCHEMATIC_OPTIONS}
 * @returns a FeatureCollection with `schematic: true`, one Polygon feature per unit, sorted by code,
 *   with closed counter-clockwise rings of ≥ 4 positions, coordinates [lon, lat] rounded to
 *   `precision` decimals.
 * @throws Error on duplicate codes, non-finite coordinates or non-positive areas.
 */
export function generateSchematicBoundaries(units: readonly SchematicUnit[], options: Partial<SchematicOptions> = {}): SchematicBoundaries {
  const opt: SchematicOptions = { ...DEFAULT_SCHEMATIC_OPTIONS, ...options };
  const sorted = sortedValidUnits(units);
  if (sorted.length === 0) return { type: 'FeatureCollection', schematic: true, features: [] };

  const isolated = isolatedUnits(sorted, opt.isolatedKm);
  const rings = new Map<number, Position[] | null>();
  // Isolated units: a disc of their own area, projected around their own latitude.
  for (const i of isolated) rings.set(i, discRing(sorted[i], opt));
  const mainland = sorted.map((_, i) => i).filter((i) => !isolated.has(i));
  if (mainland.length > 0) {
    const mainlandUnits = mainland.map((i) => sorted[i]);
    mainlandRings(mainlandUnits, opt).forEach((ring, k) => rings.set(mainland[k], ring));
  }

  const features: SchematicFeature[] = sorted.map((u, i) => {
    const ring = rings.get(i);
    if (!ring) throw new Error(`unit ${u.code}: generated cell collapsed at precision ${opt.precision}`);
    return {
      type: 'Feature',
      properties: { code: u.code, name: u.name },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });
  return { type: 'FeatureCollection', schematic: true, features };
}

/** The units sorted by code, after checking codes are unique, points are on the globe and areas positive. */
function sortedValidUnits(units: readonly SchematicUnit[]): SchematicUnit[] {
  const sorted = [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const seen = new Set<string>();
  for (const u of sorted) {
    if (seen.has(u.code)) throw new Error(`duplicate unit code ${u.code}`);
    seen.add(u.code);
    if (!Number.isFinite(u.lat) || !Number.isFinite(u.lon) || Math.abs(u.lat) > 90 || Math.abs(u.lon) > 180) {
      throw new Error(`unit ${u.code}: invalid point (${u.lat}, ${u.lon})`);
    }
    if (!(u.areaKm2 > 0)) throw new Error(`unit ${u.code}: area must be positive, got ${u.areaKm2}`);
  }
  return sorted;
}

/** Indexes of units with no neighbour within `isolatedKm`; the nearest neighbour is always a Delaunay neighbour. */
function isolatedUnits(sorted: readonly SchematicUnit[], isolatedKm: number): Set<number> {
  const isolated = new Set<number>();
  if (sorted.length <= 1) return isolated;
  const meanLat = sorted.reduce((s, u) => s + u.lat, 0) / sorted.length;
  const meanLon = sorted.reduce((s, u) => s + u.lon, 0) / sorted.length;
  const all = projection(meanLat, meanLon);
  const allXY = sorted.map((u) => all.forward(u.lon, u.lat));
  const d = Delaunay.from(allXY);
  sorted.forEach((_, i) => {
    let nearest = Infinity;
    for (const j of d.neighbors(i)) {
      nearest = Math.min(nearest, Math.hypot(allXY[i][0] - allXY[j][0], allXY[i][1] - allXY[j][1]));
    }
    // Collinear input yields no triangles, hence no neighbours: fall back to a scan.
    if (nearest === Infinity) {
      allXY.forEach((q, j) => {
        if (j !== i) nearest = Math.min(nearest, Math.hypot(allXY[i][0] - q[0], allXY[i][1] - q[1]));
      });
    }
    if (nearest > isolatedKm) isolated.add(i);
  });
  return isolated;
}

/** A disc of the unit's own area around its point. */
function discRing(u: SchematicUnit, opt: SchematicOptions): Position[] | null {
  const local = projection(u.lat, u.lon);
  const disc = circle([0, 0], equivalentRadiusKm(u.areaKm2), opt.circleSegments);
  return toGeoRing(disc, local.inverse, opt.precision);
}

/** Each unit's Voronoi cell clipped to its disc and to the grown hull of all points (see the module comment), in input order. */
function mainlandRings(units: readonly SchematicUnit[], opt: SchematicOptions): (Position[] | null)[] {
  const lat0 = units.reduce((s, u) => s + u.lat, 0) / units.length;
  const lon0 = units.reduce((s, u) => s + u.lon, 0) / units.length;
  const proj = projection(lat0, lon0);
  const pts = units.map((u) => proj.forward(u.lon, u.lat));
  const radii = units.map((u) => opt.discFactor * equivalentRadiusKm(u.areaKm2));

  const hullPts: XY[] = [];
  for (const p of convexHull(pts)) hullPts.push(...circle(p, opt.outlineBufferKm, opt.circleSegments));
  const outline = convexHull(hullPts.length ? hullPts : pts);

  const maxR = Math.max(...radii, opt.outlineBufferKm) + 1;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const bounds: [number, number, number, number] = [
    Math.min(...xs) - maxR,
    Math.min(...ys) - maxR,
    Math.max(...xs) + maxR,
    Math.max(...ys) + maxR,
  ];
  const voronoi = units.length > 1 ? Delaunay.from(pts).voronoi(bounds) : null;

  return units.map((_, k) => {
    const disc = circle(pts[k], radii[k], opt.circleSegments);
    // cellPolygon is null for a point coincident with another; such a unit still gets its disc.
    const raw = voronoi?.cellPolygon(k);
    let cell: XY[] = raw ? (raw.slice(0, -1) as XY[]) : disc;
    if (ringSignedArea(cell) < 0) cell = cell.reverse();
    const clipped0 = clipConvex(clipConvex(cell, disc), outline);
    // Cannot happen for distinct points (the site is inside all three), kept as a guard.
    const clipped = clipped0.length >= 3 ? clipped0 : disc;
    return toGeoRing(clipped, proj.inverse, opt.precision);
  });
}
