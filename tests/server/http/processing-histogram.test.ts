import { describe, expect, it } from 'vitest';
import { processingHistogram } from '../../../server/http/unit-detail.js';

describe("a detail page's processing-time histogram", () => {
  it('counts finished dossiers per whole working day, in order of days, from their processing days', () => {
    const days = [2.5, 0.1, 2, 0, 7.99, 2.999, 0.5];
    expect(processingHistogram(days.map((d) => ({ days: d })))).toEqual([
      { fromDays: 0, toDays: 1, count: 3 },
      { fromDays: 2, toDays: 3, count: 3 },
      { fromDays: 7, toDays: 8, count: 1 },
    ]);
  });
  it('is empty without finished dossiers', () => {
    expect(processingHistogram([])).toEqual([]);
  });
});
