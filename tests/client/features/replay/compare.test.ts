import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  changeViews,
  DIVERGING,
  divergingClasses,
  divergingColor,
  divergingInk,
  maxAbsChange,
  orderMoments,
  worsened,
} from '../../../../client/features/replay/compare';

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

  it('puts every change the map can show in exactly one legend class, of the colour the map draws it in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: -500, max: 500 }), (maxAbs, raw) => {
        const change = maxAbs === 0 ? 0 : Math.max(-maxAbs, Math.min(maxAbs, raw));
        const classes = divergingClasses(maxAbs).filter((c) => c.min <= change && change <= c.max);
        expect(classes).toHaveLength(1);
        expect(classes[0].color).toBe(divergingColor(change, maxAbs));
      }),
    );
  });

  it('names the legend classes from much fewer to much more, without empty ones', () => {
    expect(divergingClasses(0).map((c) => c.kind)).toEqual(['same']);
    expect(divergingClasses(1).map((c) => [c.kind, c.min, c.max])).toEqual([
      ['muchFewer', -1, -1],
      ['same', 0, 0],
      ['muchMore', 1, 1],
    ]);
    expect(divergingClasses(6).map((c) => [c.kind, c.min, c.max])).toEqual([
      ['muchFewer', -6, -4],
      ['fewer', -3, -1],
      ['same', 0, 0],
      ['more', 1, 3],
      ['muchMore', 4, 6],
    ]);
  });

  it('colours each unit by its own change, scaled by the units only, with white text on the strong ends', () => {
    const rows = [row('unit:a', 4), row('unit:b', -1), row('department:x', 40)];
    const views = changeViews(rows);
    expect([...views.keys()]).toEqual(['a', 'b']);
    expect(views.get('a')).toMatchObject({ fill: DIVERGING[4], ink: '#FFFFFF' });
    expect(views.get('b')).toMatchObject({ fill: DIVERGING[1], ink: divergingInk(DIVERGING[1]) });
    expect(divergingInk(DIVERGING[1])).not.toBe('#FFFFFF');
  });
});
