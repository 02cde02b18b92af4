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

  it('counts the entry and its preloaded chunks as the first visit', () => {
    expect(m.initialGzip).toBeGreaterThan(50_000);
    expect(m.initialGzip).toBeLessThanOrEqual(m.totalGzip);
  });
});
