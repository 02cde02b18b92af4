import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain ESM script without types
import { measureBundle } from '../../scripts/check-bundle.mjs';

const budget = JSON.parse(readFileSync(new URL('../../scripts/bundle-budget.json', import.meta.url), 'utf8')) as {
  initialGzipBytes: number;
  totalGzipBytes: number;
  chunkGzipBytes: number;
};

// npm test builds the client before running the tests, so dist/client is the current build.
describe('client bundle budget (BENCHMARKS.md)', () => {
  const m = measureBundle() as { initialGzip: number; totalGzip: number; chunks: { file: string; gzip: number }[] };

  it('keeps the JavaScript of a first visit within the initial budget', () => {
    expect(m.initialGzip).toBeLessThanOrEqual(budget.initialGzipBytes);
  });

  it('keeps all JavaScript and every chunk within budget', () => {
    expect(m.totalGzip).toBeLessThanOrEqual(budget.totalGzipBytes);
    for (const c of m.chunks) expect(c.gzip, c.file).toBeLessThanOrEqual(budget.chunkGzipBytes);
  });

  it('keeps the administration’s texts out of a first visit (fetched when an admin opens it)', () => {
    const html = readFileSync(new URL('../../dist/client/index.html', import.meta.url), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((x) => x[1]);
    const adminOnly = (
      JSON.parse(readFileSync(new URL('../../client/i18n/vi/admin.json', import.meta.url), 'utf8')) as { adminOnly: string }
    ).adminOnly;
    for (const file of initial) {
      const code = readFileSync(new URL(`../../dist/client/${file}`, import.meta.url), 'utf8');
      expect(code.includes(adminOnly), file).toBe(false);
    }
  });

  it('counts the entry and its preloaded chunks as the first visit', () => {
    expect(m.initialGzip).toBeGreaterThan(50_000);
    expect(m.initialGzip).toBeLessThanOrEqual(m.totalGzip);
  });
});
