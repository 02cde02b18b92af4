import { describe, expect, it } from 'vitest';
import {
  parseDueDate,
  parseDvcqgDate,
  parseIsoWithOffset,
  toVnIso,
  vnDayKey,
  vnEndOfDay,
  vnMonthStart,
  vnNextPeriodStart,
  vnQuarterStart,
  vnStartOfDay,
  vnWeekStart,
  vnYearStart,
} from '../../../server/domain/time.js';

const vn = (local: string): number => parseIsoWithOffset(`${local}+07:00`)!;

describe('time', () => {
  it('keys a day by its Vietnam date, which starts at 17:00 UTC the day before', () => {
    expect(vnDayKey(Date.UTC(2026, 10, 21, 16, 59, 59, 999))).toBe('2026-11-21');
    expect(vnDayKey(Date.UTC(2026, 10, 21, 17, 0))).toBe('2026-11-22');
  });

  it('writes ISO strings with the +07:00 offset', () => {
    expect(toVnIso(Date.UTC(2026, 10, 22, 1, 30))).toBe('2026-11-22T08:30:00.000+07:00');
  });

  it('starts and ends a day in Vietnam time', () => {
    expect(vnStartOfDay('2026-11-22')).toBe(Date.UTC(2026, 10, 21, 17));
    expect(toVnIso(vnEndOfDay('2026-11-22'))).toBe('2026-11-22T23:59:59.999+07:00');
    expect(vnStartOfDay(vn('2026-11-22T23:00'))).toBe(vnStartOfDay('2026-11-22'));
    expect(() => vnStartOfDay('2026-02-30')).toThrow(RangeError);
  });

  it('parses ISO date-times only with an explicit offset', () => {
    expect(parseIsoWithOffset('2026-11-22T08:30:00+07:00')).toBe(Date.UTC(2026, 10, 22, 1, 30));
    expect(parseIsoWithOffset('2026-11-22T01:30:00.250Z')).toBe(Date.UTC(2026, 10, 22, 1, 30, 0, 250));
    expect(parseIsoWithOffset('2026-11-22T08:30+0700')).toBe(Date.UTC(2026, 10, 22, 1, 30));
    expect(parseIsoWithOffset('2026-11-22T08:30:00')).toBeNull();
    expect(parseIsoWithOffset('2026-11-22')).toBeNull();
    expect(parseIsoWithOffset('2026-02-29T08:00:00Z')).toBeNull();
    expect(parseIsoWithOffset('2026-11-22T24:00:00Z')).toBeNull();
  });

  it('treats a bare due date as the end of that day in Vietnam time', () => {
    expect(toVnIso(parseDueDate('2026-02-25')!)).toBe('2026-02-25T23:59:59.999+07:00');
    expect(parseDueDate('2026-02-25T17:00:00+07:00')).toBe(vn('2026-02-25T17:00'));
    expect(parseDueDate('25/02/2026')).toBeNull();
  });

  it('parses DVCQG yyyyMMddHHmmss timestamps as Vietnam time', () => {
    expect(parseDvcqgDate('20261122083000')).toBe(vn('2026-11-22T08:30'));
    expect(parseDvcqgDate('2026112208300')).toBeNull();
    expect(parseDvcqgDate('20261322083000')).toBeNull();
  });

  it('finds the start of the week (Monday), month, quarter and year in Vietnam time', () => {
    const sunday = vn('2026-11-22T23:30');
    expect(toVnIso(vnWeekStart(sunday))).toBe('2026-11-16T00:00:00.000+07:00');
    expect(toVnIso(vnWeekStart(vn('2026-11-16T00:00')))).toBe('2026-11-16T00:00:00.000+07:00');
    expect(toVnIso(vnMonthStart(sunday))).toBe('2026-11-01T00:00:00.000+07:00');
    expect(toVnIso(vnQuarterStart(sunday))).toBe('2026-10-01T00:00:00.000+07:00');
    expect(toVnIso(vnYearStart(sunday))).toBe('2026-01-01T00:00:00.000+07:00');
    // 31/12 18:00 UTC is already 1/1 in Vietnam.
    expect(toVnIso(vnYearStart(Date.UTC(2025, 11, 31, 18)))).toBe('2026-01-01T00:00:00.000+07:00');
  });

  it('finds the start of the next period', () => {
    const t = vn('2026-12-15T10:00');
    expect(toVnIso(vnNextPeriodStart(t, 'month'))).toBe('2027-01-01T00:00:00.000+07:00');
    expect(toVnIso(vnNextPeriodStart(t, 'quarter'))).toBe('2027-01-01T00:00:00.000+07:00');
    expect(toVnIso(vnNextPeriodStart(t, 'week'))).toBe('2026-12-21T00:00:00.000+07:00');
    expect(toVnIso(vnNextPeriodStart(t, 'day'))).toBe('2026-12-16T00:00:00.000+07:00');
    expect(toVnIso(vnNextPeriodStart(vn('2026-05-31T10:00'), 'quarter'))).toBe('2026-07-01T00:00:00.000+07:00');
  });
});
