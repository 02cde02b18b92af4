import { describe, expect, it } from 'vitest';
import { breakdownOf, gradeLevel, isIndexPeriod, orderRows, pastPeriods } from '../../../client/features/service-index/index-model';
import { periodPatch, readIndexView } from '../../../client/features/service-index/url';
import { row, wardIndex } from './fixtures';

describe('pastPeriods', () => {
  it('lists the closed months, quarters and years before the city’s today, most recent first', () => {
    const p = pastPeriods('2026-12-04T10:30:00.000+07:00');
    expect(p.months.slice(0, 3)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(p.months).toHaveLength(12);
    expect(p.months[11]).toBe('2025-12');
    expect(p.quarters).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    expect(p.years).toEqual(['2025', '2024']);
  });

  it('crosses the year in January: December and Q4 of the year before are the latest closed ones', () => {
    const p = pastPeriods('2027-01-01T00:00:00.000+07:00');
    expect(p.months[0]).toBe('2026-12');
    expect(p.quarters[0]).toBe('2026-Q4');
    expect(p.years[0]).toBe('2026');
  });

  it('reads the date as written in Vietnam time (00:30 on the 1st is already the new month)', () => {
    // 2026-10-31T17:30Z is 1 November 00:30 in Vietnam: October is closed.
    expect(pastPeriods('2026-11-01T00:30:00.000+07:00').months[0]).toBe('2026-10');
  });
});

describe('isIndexPeriod', () => {
  it('accepts the current month, quarter, year and named ones', () => {
    for (const p of ['month', 'quarter', 'year', '2026-11', '2026-Q3', '2026']) expect(isIndexPeriod(p)).toBe(true);
  });
  it('refuses periods the index is not computed for and malformed names', () => {
    for (const p of ['today', 'week', 'live', '2026-13', '2026-Q5', '26', '', null]) expect(isIndexPeriod(p)).toBe(false);
  });
});

describe('the page’s period in the URL', () => {
  it('follows the header’s current month, quarter or year unless a closed period is named', () => {
    expect(readIndexView(new URLSearchParams('period=quarter')).period).toBe('quarter');
    expect(readIndexView(new URLSearchParams('period=today')).period).toBe('month');
    expect(readIndexView(new URLSearchParams('period=quarter&iperiod=2026-Q2')).period).toBe('2026-Q2');
  });
  it('sets the header’s period for a current one and only the page’s for a closed one', () => {
    expect(periodPatch('year')).toEqual({ period: 'year', iperiod: null });
    expect(periodPatch('2026-10')).toEqual({ iperiod: '2026-10' });
  });
});

describe('gradeLevel', () => {
  it('maps the five grades onto the map’s three levels and no grade onto none', () => {
    expect(gradeLevel('excellent')).toBe('good');
    expect(gradeLevel('good')).toBe('good');
    expect(gradeLevel('fair')).toBe('warn');
    expect(gradeLevel('average')).toBe('warn');
    expect(gradeLevel('weak')).toBe('bad');
    expect(gradeLevel(null)).toBe('none');
  });
});

describe('orderRows', () => {
  const rows = [
    row({ code: 'a', name: 'A', rank: 2, improvementRank: 1 }),
    row({ code: 'b', name: 'B', rank: 1, improvementRank: 3 }),
    row({ code: 'c', name: 'C', rank: null, improvementRank: null, total: null }),
    row({ code: 'd', name: 'D', rank: 3, improvementRank: 2 }),
  ];
  it('orders by rank, rows without a total last', () => {
    expect(orderRows(rows, 'rank').map((r) => r.code)).toEqual(['b', 'a', 'd', 'c']);
  });
  it('orders by rank of improvement, rows without a previous period last', () => {
    expect(orderRows(rows, 'improvement').map((r) => r.code)).toEqual(['a', 'd', 'b', 'c']);
  });
});

describe('breakdownOf', () => {
  it('under the full rule, the group subtotals (points + maxima granted for indicators without data) add up to the total', () => {
    const index = wardIndex('full');
    const b = breakdownOf(index);
    expect(b.groups.map((g) => g.group)).toEqual(['transparency', 'progress', 'online', 'payment', 'digitisation', 'satisfaction']);
    expect(b.sumOfSubtotals).toBe(index.total);
    expect(b.recomputedTotal).toBe(index.total);
    const transparency = b.groups.find((g) => g.group === 'transparency')!;
    expect(transparency).toMatchObject({ points: 0, applicableMax: 0, grantedPoints: 18, subtotal: 18, subtotalMax: 18 });
    // Reuse of digitised data has no known field: its 2 points are granted with the catalogue ones (2 + 2).
    const digitisation = b.groups.find((g) => g.group === 'digitisation')!;
    expect(digitisation.grantedPoints).toBe(6);
    expect(digitisation.indicators.find((i) => i.id === 'digitised_data_reuse')).toMatchObject({ applicable: false, reason: 'no_data' });
  });

  it('under the scaled rule, the subtotals add up to the computed points, scaled to 100 they make the total', () => {
    const index = wardIndex('scaled');
    const b = breakdownOf(index);
    expect(b.grantedPoints).toBe(0);
    expect(b.sumOfSubtotals).toBeCloseTo(index.computedPoints, 2);
    expect(b.recomputedTotal).toBe(index.total);
    expect(b.groups.find((g) => g.group === 'transparency')).toMatchObject({ subtotal: 0, subtotalMax: 0 });
  });
});
