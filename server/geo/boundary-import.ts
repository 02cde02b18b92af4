/**
 * Validation of official boundary files before they replace the shipped schematic ones.
 *
 * Boundary files come from GIS departments in many shapes: codes as numbers (25747) or strings,
 * under different property names, Polygon or MultiPolygon, rings wound either way, sometimes still
 * in a projected system (VN-2000 metres) or with lat/lon swapped. Every such problem is reported
 * per feature with its index, so whoever prepared the file can fix it; nothing is guessed silently.
 *
 * Pure: no I/O. The CLI (server/cli/boundaries-import.ts) reads and writes the files.
 */
import type { Jurisdiction, Unit } from '../domain/types.js';
import { pointInRing, ringSignedArea } from './schematic-boundaries.js';
import type { Position } from './schematic-boundaries.js';

export type { Position };

export type BoundaryGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** A normalised feature: properties reduced to the unit's code and official name. */
export interface BoundaryFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: BoundaryGeometry;
}

/** A feature that cannot be imported. `code` is null when the feature has no usable code. */
export interface InvalidFeature {
  index: number;
  code: string | null;
  reason: string;
}

/** Importable, but suspicious: worth a look before trusting the map. */
export interface BoundaryWarning {
  index: number;
  code: string;
  reason: string;
}

export interface BoundaryImportReport {
  /** Features in the file. */
  total: number;
  /** Valid features of jurisdiction units, sorted by code, exterior rings counter-clockwise. */
  features: BoundaryFeature[];
  /** Codes of jurisdiction units with no feature in the file (valid or not), sorted. */
  missingUnits: string[];
  /** Distinct codes in the file that are not units of the jurisdiction, sorted. Those features are skipped. */
  unknownCodes: string[];
  /** Features of jurisdiction units that cannot be imported, in file order. */
  invalid: InvalidFeature[];
  /** Valid features that look wrong (point outside, name differs). */
  warnings: BoundaryWarning[];
  /** Rings whose winding was reversed to follow RFC 7946 (exterior counter-clockwise, holes clockwise). */
  rewoundRings: number;
  /** Repeated consecutive positions dropped from rings. */
  duplicatePositionsRemoved: number;
}

export interface ValidateBoundariesOptions {
  /** Name of the feature property holding the unit code (default `code`). */
  codeProp?: string;
}

/** The input is not a GeoJSON FeatureCollection at all: nothing per feature to report. */
export class BoundaryFileError extends Error {
  override name = 'BoundaryFileError';
}

/**
 * Normalises a unit code as found in a boundary file: integers and 1–5 digit strings are padded to
 * 5 digits (spreadsheets and shapefile DBF columns drop leading zeros); other values are returned
 * trimmed, as text, so they show up as unknown codes rather than disappear.
 *
 * @returns the code, or null when the value is absent or empty.
 */
export function normaliseUnitCode(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return Number.isInteger(value) && value >= 0 && value < 100000 ? String(value).padStart(5, '0') : String(value);
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (s === '') return null;
    return /^\d{1,5}$/.test(s) ? s.padStart(5, '0') : s;
  }
  return null;
}

/** Names compared without diacritics, case or type prefix: "Phường Hòa Bình" ~ "Hoà Bình". */
function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/^(phuong|xa|dac khu|thi tran)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class GeometryError extends Error {}

interface Counter {
  rewound: number;
  duplicates: number;
}

/** Checks one ring and returns it as [lon, lat] positions (altitude dropped). */
function checkRing(ring: unknown, where: string, counter: Counter): Position[] {
  if (!Array.isArray(ring)) throw new GeometryError(`${where}: not an array of positions`);
  if (ring.length < 4) throw new GeometryError(`${where}: ${ring.length} positions, a ring needs at least 4`);
  const out: Position[] = [];
  ring.forEach((p: unknown, k: number) => {
    if (!Array.isArray(p) || p.length < 2) throw new GeometryError(`${where} position ${k}: not a [lon, lat] pair`);
    const [lon, lat] = p as unknown[];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      throw new GeometryError(`${where} position ${k}: non-finite coordinate ${JSON.stringify(p)}`);
    }
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      // Large values are the usual sign of a projected file (VN-2000 / UTM metres).
      const hint = Math.abs(lon) > 1000 || Math.abs(lat) > 1000 ? ' (projected metres? reproject to WGS 84 lon/lat)' : '';
      throw new GeometryError(`${where} position ${k}: coordinate [${lon}, ${lat}] out of range${hint}`);
    }
    out.push([lon, lat]);
  });
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw new GeometryError(`${where}: ring not closed (first position ${JSON.stringify(first)} ≠ last ${JSON.stringify(last)})`);
  }
  // Repeated consecutive positions are legal but common in converted shapefiles (the real HCMC
  // file has ~1,000); they make zero-length edges that trip some renderers and simplifiers.
  const deduped = out.filter((p, k) => k === 0 || p[0] !== out[k - 1][0] || p[1] !== out[k - 1][1]);
  counter.duplicates += out.length - deduped.length;
  if (deduped.length < 4) throw new GeometryError(`${where}: fewer than 4 distinct positions`);
  if (ringSignedArea(deduped) === 0) throw new GeometryError(`${where}: ring has zero area`);
  return deduped;
}

/** Checks one polygon; returns it with exterior counter-clockwise and holes clockwise. */
function checkPolygon(rings: unknown, where: string, counter: Counter): Position[][] {
  if (!Array.isArray(rings) || rings.length === 0) throw new GeometryError(`${where.trim() || 'Polygon'}: no rings`);
  return rings.map((r: unknown, k: number) => {
    const ring = checkRing(r, `${where}ring ${k}`, counter);
    const ccw = ringSignedArea(ring) > 0;
    // d3-geo and other spherical renderers read a clockwise exterior as "everything but this
    // ward" and paint the whole globe; Leaflet does not care. Normalise once here.
    if (ccw !== (k === 0)) {
      counter.rewound++;
      return ring.reverse();
    }
    return ring;
  });
}

function checkGeometry(geometry: unknown, counter: Counter): BoundaryGeometry {
  if (!isObject(geometry)) throw new GeometryError('no geometry');
  const { type, coordinates } = geometry;
  if (type === 'Polygon') {
    return { type, coordinates: checkPolygon(coordinates, '', counter) };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) throw new GeometryError('MultiPolygon without polygons');
    return {
      type,
      coordinates: coordinates.map((p: unknown, k: number) => checkPolygon(p, `polygon ${k} `, counter)),
    };
  }
  throw new GeometryError(`geometry type ${JSON.stringify(type)} is not Polygon or MultiPolygon`);
}

function polygonsOf(g: BoundaryGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Whether [lon, lat] lies inside the geometry (inside an exterior ring, outside its holes). */
export function geometryContains(g: BoundaryGeometry, point: Position): boolean {
  return polygonsOf(g).some(([outer, ...holes]) => pointInRing(point, outer) && !holes.some((h) => pointInRing(point, h)));
}

/**
 * Validates a parsed boundary file against a jurisdiction and normalises the importable features.
 *
 * Per feature, in this order: the code (property `codeProp`, numbers padded to 5 digits) must be
 * present; codes of other jurisdictions are listed in `unknownCodes` and skipped (a national or
 * regional file is fine); the geometry must be a Polygon or MultiPolygon of closed rings of ≥ 4
 * finite positions within lon/lat range; a code may appear only once (later ones are invalid).
 * Valid features are rewound to RFC 7946 and get the jurisdiction's official name.
 *
 * @param geojson the parsed file
 * @param jurisdiction the units the file should cover
 * @param options `codeProp`: the code property name (default `code`)
 * @throws BoundaryFileError when the input is not a FeatureCollection.
 */
export function validateBoundaries(
  geojson: unknown,
  jurisdiction: Jurisdiction,
  options: ValidateBoundariesOptions = {},
): BoundaryImportReport {
  const features = featuresOf(geojson);
  const st: ImportState = {
    codeProp: options.codeProp ?? 'code',
    units: new Map<string, Unit>(jurisdiction.units.map((u) => [u.code, u])),
    firstIndexOf: new Map<string, number>(),
    unknown: new Set<string>(),
    features: [],
    invalid: [],
    warnings: [],
    counter: { rewound: 0, duplicates: 0 },
  };
  features.forEach((f: unknown, index: number) => importFeature(f, index, st));

  st.features.sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
  const missingUnits = jurisdiction.units
    .map((u) => u.code)
    .filter((c) => !st.firstIndexOf.has(c))
    .sort();
  return {
    total: features.length,
    features: st.features,
    missingUnits,
    unknownCodes: [...st.unknown].sort(),
    invalid: st.invalid,
    warnings: st.warnings,
    rewoundRings: st.counter.rewound,
    duplicatePositionsRemoved: st.counter.duplicates,
  };
}

/** The features array of a FeatureCollection; anything else is a BoundaryFileError. */
function featuresOf(geojson: unknown): unknown[] {
  if (!isObject(geojson) || geojson.type !== 'FeatureCollection') {
    const got = isObject(geojson) ? `type ${JSON.stringify(geojson.type)}` : Array.isArray(geojson) ? 'an array' : typeof geojson;
    throw new BoundaryFileError(`not a GeoJSON FeatureCollection (got ${got})`);
  }
  if (!Array.isArray(geojson.features)) throw new BoundaryFileError('FeatureCollection without a "features" array');
  return geojson.features;
}

/** What validateBoundaries gathers while it walks the features. */
interface ImportState {
  codeProp: string;
  units: Map<string, Unit>;
  firstIndexOf: Map<string, number>;
  unknown: Set<string>;
  features: BoundaryFeature[];
  invalid: InvalidFeature[];
  warnings: BoundaryWarning[];
  counter: Counter;
}

/** Checks one feature, in validateBoundaries' order, and records it as imported, invalid or of an unknown code. */
function importFeature(f: unknown, index: number, st: ImportState): void {
  if (!isObject(f) || f.type !== 'Feature') {
    st.invalid.push({ index, code: null, reason: 'not a GeoJSON Feature' });
    return;
  }
  const props = isObject(f.properties) ? f.properties : {};
  const code = normaliseUnitCode(props[st.codeProp]);
  if (code === null) {
    const present = Object.keys(props);
    const listed = present.length ? ` (properties: ${present.slice(0, 12).join(', ')})` : ' (no properties)';
    st.invalid.push({ index, code: null, reason: `no "${st.codeProp}" property` + listed });
    return;
  }
  const unit = st.units.get(code);
  if (!unit) {
    st.unknown.add(code);
    return;
  }
  const first = st.firstIndexOf.get(code);
  if (first !== undefined) {
    st.invalid.push({ index, code, reason: `duplicate code (first at index ${first})` });
    return;
  }
  st.firstIndexOf.set(code, index);

  let geometry: BoundaryGeometry;
  // Counted per feature and added only when it is valid, so the totals describe what is written.
  const fixes: Counter = { rewound: 0, duplicates: 0 };
  try {
    geometry = checkGeometry(f.geometry, fixes);
  } catch (err) {
    if (!(err instanceof GeometryError)) throw err;
    st.invalid.push({ index, code, reason: err.message });
    return;
  }
  st.counter.rewound += fixes.rewound;
  st.counter.duplicates += fixes.duplicates;
  st.warnings.push(...featureWarnings(index, unit, geometry, props.name));
  st.features.push({ type: 'Feature', properties: { code, name: unit.name }, geometry });
}

/** A valid feature that looks wrong: the unit's point outside it, or another name in the file. */
function featureWarnings(index: number, unit: Unit, geometry: BoundaryGeometry, fileName: unknown): BoundaryWarning[] {
  const out: BoundaryWarning[] = [];
  const code = unit.code;
  if (!geometryContains(geometry, [unit.lon, unit.lat])) {
    out.push({ index, code, reason: `the unit's point (${unit.lat}, ${unit.lon}) is outside this geometry — wrong code?` });
  }
  if (typeof fileName === 'string' && fileName.trim() && foldName(fileName) !== foldName(unit.name)) {
    out.push({ index, code, reason: `name in file "${fileName}" differs from "${unit.name}"` });
  }
  return out;
}

function wrapList(items: string[], indent = '    ', width = 100): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const item of items) {
    const piece = (line.trim() ? ', ' : '') + item;
    if (line.length + piece.length > width && line.trim()) {
      lines.push(line + ',');
      line = indent + item;
    } else {
      line += piece;
    }
  }
  if (line.trim()) lines.push(line);
  return lines;
}

/**
 * Formats a report for the terminal: counts first, then the lists, English with the Vietnamese
 * words officials use. Invalid features, missing units and warnings are listed in full (whoever
 * fixes the file needs every item); unknown codes are sampled.
 */
export function formatImportReport(
  report: BoundaryImportReport,
  jurisdiction: Jurisdiction,
  context: { file: string; codeProp: string },
): string {
  const unitName = new Map(jurisdiction.units.map((u) => [u.code, `${u.code} ${u.type} ${u.name}`]));
  const out: string[] = [];
  out.push(`Boundary import — ${jurisdiction.name} (${jurisdiction.code}), ${jurisdiction.units.length} units`);
  out.push(`File: ${context.file}`);
  out.push(`Code property: "${context.codeProp}"`);
  out.push(`Features in file (số đối tượng): ${report.total}`);
  out.push(`Valid features (hợp lệ): ${report.features.length} / ${jurisdiction.units.length} units`);
  out.push(`Missing units (đơn vị chưa có ranh giới): ${report.missingUnits.length}`);
  out.push(`Unknown codes (mã không thuộc ${jurisdiction.name}, skipped): ${report.unknownCodes.length}`);
  out.push(`Invalid features (không hợp lệ): ${report.invalid.length}`);
  out.push(`Warnings (cần kiểm tra): ${report.warnings.length}`);
  out.push(`Rings rewound to RFC 7946 winding: ${report.rewoundRings}`);
  out.push(`Repeated consecutive positions removed: ${report.duplicatePositionsRemoved}`);
  if (report.invalid.length) {
    out.push('', 'Invalid features:');
    for (const i of report.invalid) {
      const who = i.code ? (unitName.get(i.code) ?? i.code) : 'no code';
      out.push(`  #${i.index} [${who}]: ${i.reason}`);
    }
  }
  if (report.missingUnits.length) {
    out.push('', 'Missing units:');
    if (report.missingUnits.length === jurisdiction.units.length) {
      out.push(`  all ${jurisdiction.units.length} units — is "${context.codeProp}" the right code property? (--code-prop NAME)`);
    } else {
      out.push(...report.missingUnits.map((c) => `  ${unitName.get(c) ?? c}`));
    }
  }
  if (report.unknownCodes.length) {
    // A national or regional file has thousands of other codes: a sample is enough to recognise them.
    const shown = report.unknownCodes.slice(0, 60);
    const more = report.unknownCodes.length - shown.length;
    out.push('', 'Unknown codes:', ...wrapList(shown, '  '));
    if (more > 0) out.push(`  … and ${more} more`);
  }
  if (report.warnings.length) {
    out.push('', 'Warnings:');
    for (const w of report.warnings) out.push(`  #${w.index} [${unitName.get(w.code) ?? w.code}]: ${w.reason}`);
  }
  return out.join('\n');
}
