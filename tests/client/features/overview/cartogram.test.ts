import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutCartogram, type CartogramInput } from '../../../../client/features/overview/cartogram';

/** The 168 units' representative points (facts from the statistics office's list). */
const UNITS: CartogramInput[] = JSON.parse(readFileSync(new URL('../../fixtures/hcmc-unit-points.json', import.meta.url), 'utf8'));

/** Spearman rank correlation. */
function spearman(a: number[], b: number[]): number {
  const rank = (v: number[]): number[] => {
    const idx = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    let i = 0;
    while (i < idx.length) {
      let j = i;
      while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
      for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const mean = (n - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i] - mean) * (rb[i] - mean);
    da += (ra[i] - mean) ** 2;
    db += (rb[i] - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe('layoutCartogram', () => {
  const layout = layoutCartogram(UNITS);
  const byCode = new Map(layout.cells.map((c) => [c.code, c]));

  it('gives all 168 units a cell, each cell used once, inside the grid', () => {
    expect(UNITS).toHaveLength(168);
    expect(layout.cells).toHaveLength(168);
    const keys = new Set(layout.cells.map((c) => `${c.col},${c.row}`));
    expect(keys.size).toBe(168);
    for (const c of layout.cells) {
      expect(c.col).toBeGreaterThanOrEqual(0);
      expect(c.row).toBeGreaterThanOrEqual(0);
      expect(c.col).toBeLessThan(layout.cols);
      expect(c.row).toBeLessThan(layout.rows);
    }
  });

  it('is deterministic and does not depend on the input order', () => {
    const shuffled = [...UNITS].reverse();
    const rotated = [...UNITS.slice(50), ...UNITS.slice(0, 50)];
    expect(layoutCartogram(shuffled)).toEqual(layout);
    expect(layoutCartogram(rotated)).toEqual(layout);
  });

  it('is roughly geographic: west→east follows columns, north→south follows rows', () => {
    const cols = UNITS.map((u) => byCode.get(u.code)!.col);
    const rows = UNITS.map((u) => byCode.get(u.code)!.row);
    expect(
      spearman(
        UNITS.map((u) => u.lon),
        cols,
      ),
    ).toBeGreaterThan(0.8);
    expect(
      spearman(
        UNITS.map((u) => -u.lat),
        rows,
      ),
    ).toBeGreaterThan(0.8);
  });

  it('keeps the northernmost unit above the southernmost (Côn Đảo)', () => {
    const north = UNITS.reduce((a, b) => (b.lat > a.lat ? b : a));
    const south = UNITS.reduce((a, b) => (b.lat < a.lat ? b : a));
    expect(byCode.get(north.code)!.row).toBeLessThan(byCode.get(south.code)!.row);
  });

  it('packs the grid without much waste', () => {
    expect(layout.cols * layout.rows).toBeLessThan(168 * 1.6);
  });

  it('fills a wide panel when asked, still one cell each and still geographic', () => {
    const wide = layoutCartogram(UNITS, { aspect: 2.25 });
    expect(wide.cols).toBeGreaterThan(wide.rows * 1.6);
    expect(new Set(wide.cells.map((c) => `${c.col},${c.row}`)).size).toBe(168);
    const at = new Map(wide.cells.map((c) => [c.code, c]));
    expect(
      spearman(
        UNITS.map((u) => u.lon),
        UNITS.map((u) => at.get(u.code)!.col),
      ),
    ).toBeGreaterThan(0.75);
    expect(
      spearman(
        UNITS.map((u) => -u.lat),
        UNITS.map((u) => at.get(u.code)!.row),
      ),
    ).toBeGreaterThan(0.75);
  });

  it('handles tiny inputs', () => {
    expect(layoutCartogram([])).toEqual({ cols: 0, rows: 0, cells: [] });
    expect(layoutCartogram([{ code: 'a', lat: 10, lon: 106 }]).cells).toEqual([{ code: 'a', col: 0, row: 0 }]);
    const two = layoutCartogram([
      { code: 'w', lat: 10, lon: 106 },
      { code: 'e', lat: 10, lon: 107 },
    ]);
    const w = two.cells.find((c) => c.code === 'w')!;
    const e = two.cells.find((c) => c.code === 'e')!;
    expect(w.col).toBeLessThan(e.col);
  });

  it('places units sharing one point in distinct cells', () => {
    const same = Array.from({ length: 9 }, (_, i) => ({ code: `u${i}`, lat: 10.8, lon: 106.7 }));
    const l = layoutCartogram(same);
    expect(new Set(l.cells.map((c) => `${c.col},${c.row}`)).size).toBe(9);
  });
});
