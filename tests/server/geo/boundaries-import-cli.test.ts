import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveBoundaries } from '../../../server/geo/boundaries-store.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { generateSchematicBoundaries } from '../../../server/geo/schematic-boundaries.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const work = mkdtempSync(join(tmpdir(), 'boundaries-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const j = loadJurisdiction();
// Three real units with generated polygons: small, valid, and covering only part of the city.
const three = generateSchematicBoundaries(j.units.slice(0, 3));

function writeInput(name: string, features: unknown[]): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
  return path;
}

function run(args: string[], boundariesDir: string) {
  const r = spawnSync('npx', ['tsx', 'server/cli/boundaries-import.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, BOUNDARIES_DIR: boundariesDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each run starts npx + tsx (1–2 s; more on a busy two-core CI runner).
describe('boundaries:import CLI', { timeout: 60_000 }, () => {
  it('imports valid features, reports missing units and unknown codes, writes schematic: false', () => {
    const dir = join(work, 'ok');
    const clockwise = three.features.map((f) => ({
      ...f,
      // Numeric codes and clockwise rings, as shapefile conversions often produce.
      properties: { code: Number(f.properties.code) },
      geometry: { type: 'Polygon', coordinates: [[...f.geometry.coordinates[0]].reverse()] },
    }));
    const stranger = { ...three.features[0], properties: { code: '99999' } };
    const file = writeInput('ok.geojson', [...clockwise, stranger]);

    const r = run([file], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Features in file (số đối tượng): 4');
    expect(r.stdout).toContain('Valid features (hợp lệ): 3 / 168 units');
    expect(r.stdout).toContain('Missing units (đơn vị chưa có ranh giới): 165');
    expect(r.stdout).toContain('Unknown codes (mã không thuộc Thành phố Hồ Chí Minh, skipped): 1');
    expect(r.stdout).toContain('Rings rewound to RFC 7946 winding: 3');
    expect(r.stdout).toContain(`Imported (đã nhập) 3 feature(s) to ${join(dir, 'hcmc.geojson')} (schematic: false)`);

    const written = JSON.parse(readFileSync(join(dir, 'hcmc.geojson'), 'utf8'));
    expect(written.schematic).toBe(false);
    expect(written.features.map((f: { properties: unknown }) => f.properties)).toEqual(three.features.map((f) => f.properties));

    // The API now serves the imported file; without it, the shipped schematic one.
    const served = resolveBoundaries('hcmc', { boundariesDir: dir });
    expect(served.schematic).toBe(false);
    expect(served.features).toHaveLength(3);
    const fallback = resolveBoundaries('hcmc', { boundariesDir: join(work, 'empty') });
    expect(fallback.schematic).toBe(true);
    expect(fallback.features).toHaveLength(168);
  });

  it('exits 1 and writes nothing when a feature is invalid', () => {
    const dir = join(work, 'bad');
    const broken = {
      ...three.features[1],
      geometry: { type: 'Polygon', coordinates: [three.features[1].geometry.coordinates[0].slice(0, -1)] },
    };
    const file = writeInput('bad.geojson', [three.features[0], broken]);
    const r = run([file], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Invalid features (không hợp lệ): 1');
    expect(r.stdout).toMatch(/#1 \[\d{5} Phường .+\]: ring 0: ring not closed/);
    expect(r.stdout).toContain('Not imported');
    expect(existsSync(join(dir, 'hcmc.geojson'))).toBe(false);
  });

  it('exits 1 when no feature is valid, hinting at --code-prop', () => {
    const file = writeInput(
      'wrongprop.geojson',
      three.features.map((f) => ({ ...f, properties: { ma_xa: f.properties.code } })),
    );
    const r = run([file], join(work, 'none'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Invalid features (không hợp lệ): 3');
    expect(r.stdout).toContain('no "code" property (properties: ma_xa)');

    const ok = run([file, '--code-prop', 'ma_xa', '--dry-run'], join(work, 'none'));
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Code property: "ma_xa"');
    expect(ok.stdout).toContain('Dry run: 3 feature(s) would be imported; nothing written.');
    expect(existsSync(join(work, 'none'))).toBe(false);
  });

  it('exits 2 on usage errors and unreadable input', () => {
    expect(run([], join(work, 'x')).code).toBe(2);
    const missing = run([join(work, 'does-not-exist.geojson')], join(work, 'x'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const notFc = join(work, 'point.geojson');
    writeFileSync(notFc, JSON.stringify({ type: 'Point', coordinates: [0, 0] }));
    const r = run([notFc], join(work, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a GeoJSON FeatureCollection (got type "Point")');
  });
});
