/** The index headline shared by the REST ranking and the live channel (domain/service-index-figure.ts). */
import { describe, expect, it } from 'vitest';
import { emptyIndexCounts } from '../../../server/domain/service-index-facts.js';
import { DEFAULT_SERVICE_INDEX_SETTINGS } from '../../../server/domain/service-index-settings.js';
import { serviceIndex } from '../../../server/domain/service-index.js';
import { indexFigure, sameFigure, sameIndexCounts } from '../../../server/domain/service-index-figure.js';

describe('the service index headline', () => {
  it('gives no total and no grade when the period has nothing to judge', () => {
    expect(indexFigure(emptyIndexCounts(), DEFAULT_SERVICE_INDEX_SETTINGS)).toEqual({
      total: null,
      grade: null,
      computedPoints: 0,
      computedMax: 0,
    });
  });

  it('is the scored index’s total, grade, computed points and maximum when there is something to judge', () => {
    const c = { ...emptyIndexCounts(), progressTotal: 4, progressOnTime: 3, received: 4, receivedOnline: 1 };
    const index = serviceIndex(c, DEFAULT_SERVICE_INDEX_SETTINGS);
    expect(indexFigure(c, DEFAULT_SERVICE_INDEX_SETTINGS)).toEqual({
      total: index.total,
      grade: index.grade,
      computedPoints: index.computedPoints,
      computedMax: index.computedMax,
    });
    // 20 × 3/4 = 15 and 12 × (1/4 ÷ 0.5) = 6 of 32 computable points; the rest counted at their maximum (`full`).
    expect(index).toMatchObject({ computedPoints: 21, computedMax: 32, total: 89 });
  });

  it('tells equal counts and figures from different ones', () => {
    const a = { ...emptyIndexCounts(), received: 2 };
    expect(sameIndexCounts(a, { ...a })).toBe(true);
    expect(sameIndexCounts(a, { ...a, receivedOnline: 1 })).toBe(false);
    const f = indexFigure(a, DEFAULT_SERVICE_INDEX_SETTINGS);
    expect(sameFigure(f, { ...f })).toBe(true);
    expect(sameFigure(f, { ...f, total: 1 })).toBe(false);
  });
});
