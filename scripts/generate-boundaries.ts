/**
 * Regenerates the shipped schematic boundaries of a jurisdiction from its units CSV:
 *
 *   npx tsx scripts/generate-boundaries.ts [NAME] [--check]
 *
 * NAME is the manifest in fixtures/jurisdiction (default hcmc); the output is the manifest's
 * `boundaries` file. The output is deterministic, so it is committed and reviewed like code;
 * `--check` exits 1 when the committed file is out of date (for CI) instead of writing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { stringifyFeatureCollection } from '../server/geo/boundaries-store.js';
import { DEFAULT_JURISDICTION_DIR, loadJurisdiction, readJurisdictionManifest } from '../server/geo/jurisdiction-loader.js';
import { generateSchematicBoundaries } from '../server/geo/schematic-boundaries.js';

const { values, positionals } = parseArgs({
  options: { check: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const name = positionals[0] ?? 'hcmc';
const dir = DEFAULT_JURISDICTION_DIR;

const jurisdiction = loadJurisdiction(dir, name);
const manifest = readJurisdictionManifest(dir, name);
const fc = generateSchematicBoundaries(jurisdiction.units);
const text = stringifyFeatureCollection(fc);
const out = join(dir, manifest.boundaries);
const shown = relative(process.cwd(), out);

if (values.check) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : null;
  if (current !== text) {
    console.error(`${shown} is out of date: run npx tsx scripts/generate-boundaries.ts ${name}`);
    process.exit(1);
  }
  console.log(`${shown} is up to date (${fc.features.length} features)`);
} else {
  writeFileSync(out, text);
  console.log(`Wrote ${fc.features.length} schematic features to ${shown} (${(text.length / 1024).toFixed(0)} KiB)`);
}
