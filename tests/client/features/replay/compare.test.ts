import { describe, expect, it } from 'vitest';
import { DIVERGING, divergingColor, maxAbsChange, orderMoments, worsened } from '../../../../client/features/replay/compare';

const row = (scope: string, change: number) => ({ scope, from: 5, to: 5 + change, change });

describe('comparing two moments', () => {
  it('puts the earlier moment first, whichever order the URL gives', () => {
    expect(orderMoments(20, 10)).toEqual({ from: 10, to: 20 });
    expect(orderMoments(10, 20)).toEqual({ from: 10, to: 20 });
    expect(orderMoments(10, 10)).toBeNull();
  });

  it('colours more overdue red, fewer blue, no change neutral, stronger past half the largest change', () => {
    expect(divergingColor(0, 10)).toBe(DIVERGING[2]);
    expect(divergingColor(8, 10)).toBe(DIVERGING[4]);
    expect(divergingColor(2, 10)).toBe(DIVERGING[3]);
    expect(divergingColor(-8, 10)).toBe(DIVERGING[0]);
    expect(divergingColor(-2, 10)).toBe(DIVERGING[1]);
  });

  it('ranks only the units that got worse, in the server’s order, and scales by the largest change either way', () => {
    const rows = [row('unit:a', 4), row('unit:b', 1), row('unit:c', 0), row('unit:d', -6)];
    expect(worsened(rows, 1).map((r) => r.scope)).toEqual(['unit:a']);
    expect(worsened(rows, 10).map((r) => r.scope)).toEqual(['unit:a', 'unit:b']);
    expect(maxAbsChange(rows)).toBe(6);
  });
});
