import { describe, expect, it } from 'vitest';
import { correctionOf, otherAsOf } from '../../../../client/features/replay/correction';

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
});
