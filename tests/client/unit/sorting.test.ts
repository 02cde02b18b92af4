import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, paginate, sortRows } from '../../../client/features/unit/sorting';

describe('sortRows', () => {
  it('sorts numbers numerically in both directions', () => {
    const rows = [{ v: 10 }, { v: 2 }, { v: 33 }];
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.v)).toEqual([2, 10, 33]);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.v)).toEqual([33, 10, 2]);
  });

  it('sorts Vietnamese text by Vietnamese collation (Đ after D, tones grouped with their letter)', () => {
    const rows = ['Đất đai', 'Xây dựng', 'Doanh nghiệp', 'Ánh', 'Bảo trợ'].map((s) => ({ s }));
    expect(sortRows(rows, (r) => r.s, 'asc').map((r) => r.s)).toEqual(['Ánh', 'Bảo trợ', 'Doanh nghiệp', 'Đất đai', 'Xây dựng']);
  });

  it('puts missing values last whatever the direction', () => {
    const rows = [{ v: null }, { v: 0.5 }, { v: 0.9 }];
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.v)).toEqual([0.5, 0.9, null]);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.v)).toEqual([0.9, 0.5, null]);
  });

  it('is stable: equal values keep their input order', () => {
    const rows = [
      { k: 'a', v: 1 },
      { k: 'b', v: 1 },
      { k: 'c', v: 0 },
    ];
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.k)).toEqual(['a', 'b', 'c']);
  });

  it('does not mutate its input', () => {
    const rows = [{ v: 2 }, { v: 1 }];
    sortRows(rows, (r) => r.v, 'asc');
    expect(rows.map((r) => r.v)).toEqual([2, 1]);
  });
});

describe('nextSort', () => {
  it('starts a new column in its preferred direction, then flips', () => {
    const s1 = nextSort({ key: null, dir: 'asc' }, 'daysOverdue', 'desc');
    expect(s1).toEqual({ key: 'daysOverdue', dir: 'desc' });
    expect(nextSort(s1, 'daysOverdue', 'desc')).toEqual({ key: 'daysOverdue', dir: 'asc' });
    expect(nextSort(s1, 'field')).toEqual({ key: 'field', dir: 'asc' });
  });
});

describe('ariaSort', () => {
  it('announces the sorted column only', () => {
    expect(ariaSort({ key: 'dueAt', dir: 'asc' }, 'dueAt')).toBe('ascending');
    expect(ariaSort({ key: 'dueAt', dir: 'desc' }, 'dueAt')).toBe('descending');
    expect(ariaSort({ key: 'dueAt', dir: 'desc' }, 'field')).toBe('none');
  });
});

describe('paginate', () => {
  it('returns one page and clamps the page into range', () => {
    const rows = Array.from({ length: 25 }, (_, i) => i);
    expect(paginate(rows, 2, 10)).toMatchObject({ items: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19], page: 2, pageCount: 3, total: 25 });
    expect(paginate(rows, 9, 10).page).toBe(3);
    expect(paginate(rows, 0, 10).page).toBe(1);
    expect(paginate([], 1, 10)).toMatchObject({ items: [], page: 1, pageCount: 1 });
  });
});
