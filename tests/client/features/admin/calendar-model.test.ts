import { describe, expect, it } from 'vitest';
import { monthGrids } from '../../../../client/features/admin/calendar/calendar-model';

describe('monthGrids', () => {
  const grids = monthGrids({
    year: 2026,
    daysOff: [{ date: '2026-02-17', name: 'Tết Nguyên đán' }],
    workingSaturdays: [{ date: '2026-01-10', name: 'Làm bù', compensates: '2026-02-17' }],
  });

  it('lays every month out Monday first, with each month’s real length', () => {
    expect(grids.map((g) => g.days.length)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(grids[0].leadingBlanks).toBe(3); // 1/1/2026 is a Thursday
    expect(grids[1].leadingBlanks).toBe(6); // 1/2/2026 is a Sunday
    expect(grids[5].leadingBlanks).toBe(0); // 1/6/2026 is a Monday
  });

  it('marks days off, worked Saturdays (with what they compensate, both ways) and weekends', () => {
    expect(grids[1].days[16]).toEqual({
      date: '2026-02-17',
      day: 17,
      kind: 'day_off',
      name: 'Tết Nguyên đán',
      compensates: null,
      compensatedBy: '2026-01-10',
    });
    expect(grids[0].days[9]).toMatchObject({ kind: 'working_saturday', compensates: '2026-02-17' });
    expect(grids[0].days[10].kind).toBe('weekend');
    expect(grids[0].days[11].kind).toBe('working');
  });
});
