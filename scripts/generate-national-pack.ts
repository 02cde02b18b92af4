/**
 * (Re)generates the national pack's units file and schematic geometry (fixtures/jurisdiction/vn):
 *
 *   npx tsx scripts/generate-national-pack.ts [--from vn-units-2025.csv] [--check]
 *
 * The facts (code, province, type, name of the 3,321 communes) come from `--from`, the statistics
 * office's list (columns code,province_code,province_name,type,name), or else from the committed
 * vn-units.csv itself; province centres from vn-provinces.json. Everything else (points, cells,
 * schematic areas) is generated deterministically (server/geo/national-schematic.ts), so the
 * output is committed and `--check` exits 1 when it is out of date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { stringifyFeatureCollection } from '../server/geo/boundaries-store.js';
import { DEFAULT_JURISDICTION_DIR, parseCsv } from '../server/geo/jurisdiction-loader.js';
import { generateNationalSchematic, type CommuneRef, type ProvinceCentre } from '../server/geo/national-schematic.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, check: { type: 'boolean', default: false } } });
const dir = join(DEFAULT_JURISDICTION_DIR, 'vn');
const unitsPath = join(dir, 'vn-units.csv');

interface Fact extends CommuneRef {
  type: string;
}

/** Rows of a CSV as objects keyed by the header. */
function readRows(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(
    readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .normalize('NFC'),
  );
  return rows.map((r) => Object.fromEntries(header.fields.map((h, i) => [h.trim(), (r.fields[i] ?? '').trim()])));
}

function readFacts(): Fact[] {
  if (values.from) {
    return readRows(values.from).map((r) => ({ code: r.code, province: r.province_code, type: r.type, name: r.name }));
  }
  return readRows(unitsPath).map((r) => ({ code: r.code, province: r.province, type: r.type, name: r.name }));
}

/** "Phường Ba Đình" → "Ba Dinh": the English name is the name without diacritics (as in hcmc-units.csv). */
function asciiName(name: string): string {
  return name
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
}

/** A CSV field: quoted only when it needs to be. */
function field(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const provinces = JSON.parse(readFileSync(join(dir, 'vn-provinces.json'), 'utf8')) as ProvinceCentre[];
const facts = readFacts().sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const schematic = generateNationalSchematic(provinces, facts);
const geometryOf = new Map(schematic.communes.map((c) => [c.feature.properties.code, c] as const));

const header = 'code,province,type,name,full_name,name_en,lat,lon,area_km2,population';
const lines = facts.map((f) => {
  const g = geometryOf.get(f.code)!;
  // population 0: the national list gives none (the loader and simulator read 0 as unknown).
  return [f.code, f.province, f.type, f.name, `${f.type} ${f.name}`, asciiName(f.name), g.lat, g.lon, g.areaKm2, 0].map(field).join(',');
});
const outputs: [string, string][] = [
  [unitsPath, `${header}\n${lines.join('\n')}\n`],
  [
    join(dir, 'vn-boundaries.geojson'),
    stringifyFeatureCollection({ type: 'FeatureCollection', schematic: true, features: schematic.communes.map((c) => c.feature) }),
  ],
  [
    join(dir, 'vn-province-boundaries.geojson'),
    stringifyFeatureCollection({ type: 'FeatureCollection', schematic: true, features: schematic.provinces }),
  ],
];

let stale = 0;
for (const [path, text] of outputs) {
  const shown = relative(process.cwd(), path);
  if (values.check) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current !== text) {
      console.error(`${shown} is out of date: run npx tsx scripts/generate-national-pack.ts`);
      stale++;
    }
  } else {
    writeFileSync(path, text);
    console.log(`Wrote ${shown} (${(text.length / 1024).toFixed(0)} KiB)`);
  }
}
if (stale) process.exit(1);
if (values.check) console.log(`fixtures/jurisdiction/vn is up to date (${facts.length} communes, ${provinces.length} provinces)`);
