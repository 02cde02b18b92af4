import { describe, expect, it } from 'vitest';
import { formatVnDate, formatVnDayTime, isVnEndOfDay, parseVnInstant } from '../../shared/datetime.js';
import { parseDueDate, parseDvcqgDate } from '../../server/domain/time.js';

describe('parseVnInstant', () => {
  it('reads a bare date as the end of that Vietnam day, exactly as the server stores a due date', () => {
    expect(parseVnInstant('2026-11-24')).toBe(Date.parse('2026-11-24T23:59:59.999+07:00'));
    expect(parseVnInstant('2026-11-24')).toBe(parseDueDate('2026-11-24'));
    expect(parseVnInstant('2026-02-30')).toBeNull();
  });

  it('reads ISO instants, epoch ms and Dates as they are, and refuses the rest', () => {
    expect(parseVnInstant('2026-11-24T08:30:00+07:00')).toBe(Date.parse('2026-11-24T01:30:00Z'));
    expect(parseVnInstant(42)).toBe(42);
    expect(parseVnInstant(new Date(42))).toBe(42);
    expect(parseVnInstant('')).toBeNull();
    expect(parseVnInstant('soon')).toBeNull();
    expect(parseVnInstant(null)).toBeNull();
  });
});

describe('isVnEndOfDay', () => {
  it('is true in the last second of a Vietnam day only', () => {
    expect(isVnEndOfDay(Date.parse('2026-11-24T23:59:59.999+07:00'))).toBe(true);
    expect(isVnEndOfDay(parseDvcqgDate('20261124235959')!)).toBe(true);
    expect(isVnEndOfDay(Date.parse('2026-11-24T23:59:00+07:00'))).toBe(false);
    expect(isVnEndOfDay(Date.parse('2026-11-25T00:00:00+07:00'))).toBe(false);
    // The end of a UTC day is 06:59:59.999 in Vietnam: not a bare date.
    expect(isVnEndOfDay(Date.parse('2026-11-24T23:59:59.999Z'))).toBe(false);
  });
});

describe('formatVnDayTime: one rule for bare dates', () => {
  it('shows a bare date as the date alone, whether it comes bare, as its ISO end of day or as epoch ms', () => {
    const end = Date.parse('2026-11-24T23:59:59.999+07:00');
    expect(formatVnDayTime('2026-11-24')).toBe('24/11/2026');
    expect(formatVnDayTime('2026-11-24T23:59:59.999+07:00')).toBe('24/11/2026');
    expect(formatVnDayTime('2026-11-24T16:59:59.999Z')).toBe('24/11/2026');
    expect(formatVnDayTime(end)).toBe('24/11/2026');
  });

  it('shows any other instant with its time, in Vietnam time', () => {
    expect(formatVnDayTime('2026-11-24T17:00:00+07:00')).toBe('24/11/2026 17:00');
    expect(formatVnDayTime('2026-11-24T00:00:00+07:00')).toBe('24/11/2026 00:00');
    expect(formatVnDayTime('2026-11-24T23:59:00+07:00')).toBe('24/11/2026 23:59');
    expect(formatVnDayTime('2026-11-24T10:15:00Z')).toBe('24/11/2026 17:15');
  });

  it('gives the fallback for a missing or unparsable value', () => {
    expect(formatVnDayTime(null)).toBe('—');
    expect(formatVnDayTime('x', '')).toBe('');
    expect(formatVnDate(undefined, '')).toBe('');
    expect(formatVnDate('2026-11-24')).toBe('24/11/2026');
  });
});
