import { describe, expect, it } from 'vitest';
import { correctedCount, correctionOf, otherAsOf, unitCorrections } from '../../../../client/features/replay/correction';

describe('as received vs as corrected at one moment', () => {
  it('is corrected minus received, whichever mode is on screen', () => {
    expect(correctionOf('received', 7, 10)).toEqual({ diff: 3, other: 10 });
    expect(correctionOf('corrected', 10, 7)).toEqual({ diff: 3, other: 7 });
    // Corrections can also take overdue dossiers away (a late "processed" event).
    expect(correctionOf('received', 5, 4).diff).toBe(-1);
  });

  it('reads the other mode to compare', () => {
    expect(otherAsOf('received')).toBe('corrected');
    expect(otherAsOf('corrected')).toBe('received');
  });

  it('gives each unit the same correction as its page, and counts the units whose two modes differ', () => {
    const corrected = { a: { overdue: 10 }, b: { overdue: 3 }, c: { overdue: 0 }, d: { overdue: 2 } };
    const received = { a: { overdue: 7 }, b: { overdue: 3 }, c: { overdue: 1 } };
    const byUnit = unitCorrections('corrected', corrected, received);
    expect(Object.fromEntries([...byUnit].map(([k, v]) => [k, v.diff]))).toEqual({ a: 3, b: 0, c: -1 });
    for (const [code, c] of byUnit) {
      const k = code as keyof typeof received;
      expect(c.diff).toBe(correctionOf('received', received[k].overdue, corrected[k].overdue).diff);
    }
    expect(correctedCount(byUnit)).toBe(2);
    // Shown as received, the same differences.
    expect(correctedCount(unitCorrections('received', received, corrected))).toBe(2);
    expect(unitCorrections('received', received, corrected).get('a')?.diff).toBe(3);
  });
});
