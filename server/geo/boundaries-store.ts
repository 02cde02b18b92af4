/**
 * Where the map's boundaries come from: an imported official file under the boundaries directory
 * (data/boundaries/<name>.geojson, written by `npm run boundaries:import`) when there is one,
 * otherwise the schematic file shipped in fixtures/jurisdiction.
 *
 * data/ is git-ignored on purpose: official boundaries are installed per deployment, never committed.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoundariesResponse } from '../../shared/contract/api.js';
import { DEFAULT_JURISDICTION_DIR, readJurisdictionManifest } from './jurisdiction-loader.js';

/** <repo>/data/boundaries, whatever the working directory. */
export const DEFAULT_BOUNDARIES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/boundaries');

/** The boundaries directory: `dir` (BOUNDARIES_DIR, read by server/index.ts or the CLI) if set, else {@link DEFAULT_BOUNDARIES_DIR}. */
export function boundariesDirOf(dir: string | undefined): string {
  const d = dir?.trim();
  return d ? resolve(d) : DEFAULT_BOUNDARIES_DIR;
}

function checkName(jurisdictionName: string): void {
  // The name becomes a file name; it may come from configuration, so keep it to a safe alphabet.
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(jurisdictionName)) {
    throw new Error(`invalid jurisdiction name ${JSON.stringify(jurisdictionName)}`);
  }
}

/** Path of the imported boundaries of a jurisdiction: `<boundariesDir>/<name>.geojson`. */
export function importedBoundariesPath(jurisdictionName: string, boundariesDir: string = DEFAULT_BOUNDARIES_DIR): string {
  checkName(jurisdictionName);
  return join(boundariesDir, `${jurisdictionName}.geojson`);
}

export interface ResolveBoundariesOptions {
  /** Where imported files live (default: env BOUNDARIES_DIR, else <repo>/data/boundaries). */
  boundariesDir?: string;
  /** Where the jurisdiction manifest and the schematic file live (default: fixtures/jurisdiction). */
  jurisdictionDir?: string;
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  value: BoundariesResponse;
}
// Boundary files are 0.1–10 MB; the API may ask on every request. Re-parse only when the file
// changes (an import while the server runs is picked up on the next call).
const cache = new Map<string, CacheEntry>();

function readCollection(path: string, schematic: boolean): BoundariesResponse {
  const st = statSync(path);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read boundaries (${(err as Error).message})`, { cause: err });
  }
  const fc = parsed as Partial<BoundariesResponse> | null;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error(`${path}: not a GeoJSON FeatureCollection`);
  }
  // The flag follows where the file came from, not what it claims: a hand-copied official file
  // without the member must still not be labelled schematic, and vice versa.
  const value: BoundariesResponse = { type: 'FeatureCollection', schematic, features: fc.features };
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, value });
  return value;
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The boundaries to serve for a jurisdiction: the imported file if present, else the shipped
 * schematic one. `schematic` in the result says which. Parsed files are cached until they change;
 * treat the result as read-only.
 *
 * A present but unreadable imported file throws rather than falling back: serving the schematic
 * map while an official one is installed would hide a broken deployment.
 *
 * @param jurisdictionName manifest name, e.g. `hcmc`
 * @throws Error when the file to serve cannot be read or is not a FeatureCollection.
 */
export function resolveBoundaries(jurisdictionName: string, options: ResolveBoundariesOptions = {}): BoundariesResponse {
  const imported = importedBoundariesPath(jurisdictionName, boundariesDirOf(options.boundariesDir));
  if (exists(imported)) return readCollection(imported, false);
  const dir = options.jurisdictionDir ?? DEFAULT_JURISDICTION_DIR;
  const manifest = readJurisdictionManifest(dir, jurisdictionName);
  return readCollection(join(dir, manifest.boundaries), true);
}

/**
 * The schematic province cells of a national pack (its manifest's `provinceBoundaries`), or null for a
 * pack without provinces. Read once per file change, as the unit boundaries.
 */
export function resolveProvinceBoundaries(
  jurisdictionName: string,
  jurisdictionDir: string = DEFAULT_JURISDICTION_DIR,
): BoundariesResponse | null {
  const manifest = readJurisdictionManifest(jurisdictionDir, jurisdictionName);
  return manifest.provinceBoundaries ? readCollection(join(jurisdictionDir, manifest.provinceBoundaries), true) : null;
}

/**
 * Serialises a FeatureCollection with one feature per line: valid JSON, small, and a regenerated or
 * re-imported file diffs feature by feature instead of as one 5 MB line.
 */
export function stringifyFeatureCollection(fc: BoundariesResponse): string {
  const head = JSON.stringify({ type: fc.type, schematic: fc.schematic });
  const lines = fc.features.map((f) => JSON.stringify(f));
  return `${head.slice(0, -1)},"features":[\n${lines.join(',\n')}\n]}\n`;
}

/**
 * Writes imported (official) boundaries to `<boundariesDir>/<name>.geojson` with `schematic: false`,
 * creating the directory. Written to a temporary file and renamed, so a running server never reads
 * a half-written file.
 *
 * @returns the path written.
 */
export function writeImportedBoundaries(
  jurisdictionName: string,
  features: BoundariesResponse['features'],
  options: { boundariesDir?: string } = {},
): string {
  const path = importedBoundariesPath(jurisdictionName, boundariesDirOf(options.boundariesDir));
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, stringifyFeatureCollection({ type: 'FeatureCollection', schematic: false, features }));
  renameSync(tmp, path);
  return path;
}
