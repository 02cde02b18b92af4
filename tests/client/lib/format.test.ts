import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatFixed,
  formatNumber,
  formatPercent,
  formatSigned,
  formatTime,
  NO_VALUE,
} from '../../../client/lib/format';

describe('formatNumber (Vietnamese conventions)', () => {
  it.each([
    [1234.5, '1.234,5'],
    [1234567, '1.234.567'],
    [0.25, '0,3'],
    [0, '0'],
    [-1234.5, '-1.234,5'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it('rounds counts to whole numbers', () => {
    expect(formatCount(15230.6)).toBe('15.231');
  });

  it('uses English separators in English', () => {
    expect(formatNumber(1234.5, 1, 'en')).toBe('1,234.5');
  });

  it('shows a dash for values that cannot be computed, never a zero', () => {
    expect(formatNumber(null)).toBe(NO_VALUE);
    expect(formatNumber(Number.NaN)).toBe(NO_VALUE);
    expect(formatPercent(null)).toBe(NO_VALUE);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.963, '96,3%'],
    [1, '100,0%'],
    [0.8516, '85,2%'],
    [0, '0,0%'],
  ])('formats %s as %s', (ratio, expected) => {
    expect(formatPercent(ratio)).toBe(expected);
  });

  it('can drop decimals', () => {
    expect(formatPercent(0.963, 0)).toBe('96%');
  });
});

describe('formatSigned', () => {
  it('shows the sign, with a true minus, and ±0 for no change', () => {
    expect(formatSigned(1204, 0)).toBe('+1.204');
    expect(formatSigned(-3.46, 1)).toBe('−3,5');
    expect(formatSigned(0.01, 1)).toBe('±0');
  });

  it('keeps every decimal in a table column', () => {
    expect(formatSigned(1.5, 2, 'vi', true)).toBe('+1,50');
    expect(formatSigned(-2, 2, 'en', true)).toBe('−2.00');
    expect(formatSigned(0.001, 2, 'vi', true)).toBe('±0,00');
  });
});

describe('formatFixed (table columns)', () => {
  it('keeps the trailing zero so a column of one-decimal figures aligns: 8,8 · 7,9 · 1,3 · 7,0', () => {
    expect([8.8, 7.9, 1.3, 7].map((v) => formatFixed(v))).toEqual(['8,8', '7,9', '1,3', '7,0']);
    expect(formatNumber(7, 1)).toBe('7');
  });

  it.each([
    [0, 1, 'vi', '0,0'],
    [1234, 1, 'vi', '1.234,0'],
    [1234, 1, 'en', '1,234.0'],
    [45.5, 2, 'vi', '45,50'],
    [0.25, 1, 'vi', '0,3'],
    [-3, 1, 'vi', '-3,0'],
  ] as const)('writes %s with %s decimals in %s as %s', (value, digits, lang, expected) => {
    expect(formatFixed(value, digits, lang)).toBe(expected);
  });

  it('shows a dash for a value that cannot be computed', () => {
    expect(formatFixed(null)).toBe(NO_VALUE);
    expect(formatFixed(Number.POSITIVE_INFINITY)).toBe(NO_VALUE);
  });
});

describe('dates and times in Vietnam time (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('formats dd/MM/yyyy on the Vietnamese calendar day, whatever the machine zone', () => {
    // 17:30 UTC on 31/12 is already 00:30 on 1/1 in Vietnam.
    expect(formatDate('2025-12-31T17:30:00Z')).toBe('01/01/2026');
    expect(formatDate('2025-07-01T08:00:00+07:00')).toBe('01/07/2025');
    expect(formatDate(Date.UTC(2025, 6, 1, 16, 59, 59))).toBe('01/07/2025');
    expect(formatDate(Date.UTC(2025, 6, 1, 17, 0, 0))).toBe('02/07/2025');
  });

  it('formats HH:mm:ss on a 24-hour clock', () => {
    expect(formatTime('2025-12-15T08:05:09+07:00')).toBe('08:05:09');
    expect(formatTime('2025-12-15T10:15:00Z')).toBe('17:15:00');
  });

  it('formats date and time together', () => {
    expect(formatDateTime('2025-12-15T16:45:00+07:00')).toBe('15/12/2025 16:45');
  });

  it('shows a bare date (the end of a Vietnam day) as the date alone, never with 23:59 or 07:00', () => {
    expect(formatDateTime('2025-12-15')).toBe('15/12/2025');
    expect(formatDateTime('2025-12-15T23:59:59.999+07:00')).toBe('15/12/2025');
    expect(formatDate('2025-12-15')).toBe('15/12/2025');
  });

  it('formats a calendar day as dd/MM without shifting it', () => {
    expect(formatDayMonth('2025-12-01')).toBe('01/12');
  });

  it('shows a dash for missing or invalid instants', () => {
    expect(formatDate(null)).toBe(NO_VALUE);
    expect(formatTime('not a date')).toBe(NO_VALUE);
  });
});

describe('numbers written without Intl (the first render skips loading ICU data)', () => {
  const langs = ['vi', 'en'] as const;
  const locale = { vi: 'vi-VN', en: 'en-GB' } as const;
  // Doubles of every size the page shows, halves of the last digit kept (rounding ties), and negatives.
  const value = fc.oneof(
    fc.double({ min: -1e15 + 1, max: 1e15 - 1, noNaN: true }),
    fc.integer({ min: -2_000_000, max: 2_000_000 }).map((n) => n / 1000),
    fc.integer({ min: -20_000, max: 20_000 }).map((n) => n / 2000),
    fc.constantFrom(0, -0, 0.5, 1.005, 2.675, 999.95, 1e-7, -1e-7),
  );

  it('writes a number as Intl.NumberFormat does, in both languages', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), fc.constantFrom(...langs), (v, digits, lang) => {
        const intl = new Intl.NumberFormat(locale[lang], { maximumFractionDigits: digits }).format(v);
        expect(formatNumber(v, digits, lang)).toBe(intl);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a percentage as Intl.NumberFormat does, in both languages', () => {
    fc.assert(
      fc.property(
        value.map((v) => v / 1000),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...langs),
        (r, digits, lang) => {
          const intl = new Intl.NumberFormat(locale[lang], {
            style: 'percent',
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          });
          expect(formatPercent(r, digits, lang)).toBe(intl.format(r));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('writes a fixed number of decimals as Intl.NumberFormat does, in both languages', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), fc.constantFrom(...langs), (v, digits, lang) => {
        const intl = new Intl.NumberFormat(locale[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
        expect(formatFixed(v, digits, lang)).toBe(intl);
      }),
      { numRuns: 3000 },
    );
  });

  it('hands numbers too large for exact units to Intl', () => {
    expect(formatNumber(1e21)).toBe('1.000.000.000.000.000.000.000');
    expect(formatCount(2 ** 60, 'en')).toBe('1,152,921,504,606,847,000');
  });
});
