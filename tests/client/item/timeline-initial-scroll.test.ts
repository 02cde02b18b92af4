import { describe, expect, it } from 'vitest';
import { initialScrollLeft, STRIP_WIDTH } from '../../../client/features/item/TimelineStrip';

describe('where a timeline strip that scrolls inside its frame starts', () => {
  it('brings the replayed moment into view about two thirds across, within the scroll range', () => {
    // A 560 px drawing in a 366 px frame, the moment at the far right of the axis.
    const left = initialScrollLeft(STRIP_WIDTH - 30, 560, 366);
    expect(left).toBe(560 - 366);
    const px = ((STRIP_WIDTH / 2) * 560) / STRIP_WIDTH;
    const mid = initialScrollLeft(STRIP_WIDTH / 2, 560, 366);
    expect(px - mid).toBeGreaterThan(0);
    expect(px - mid).toBeLessThan(366);
    expect(mid).toBe(Math.round(px - 366 * (2 / 3)));
  });

  it('starts at the left when nothing is replayed, nothing scrolls, or the moment is near the start', () => {
    expect(initialScrollLeft(null, 560, 366)).toBe(0);
    expect(initialScrollLeft(STRIP_WIDTH - 30, 900, 900)).toBe(0);
    expect(initialScrollLeft(200, 560, 366)).toBe(0);
  });
});
