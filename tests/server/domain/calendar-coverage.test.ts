import { describe, expect, it } from 'vitest';
import { calendarCoverage } from '../../../server/domain/calendar-coverage.js';

const at = (iso: string): number => Date.parse(iso);

describe('calendarCoverage', () => {
  it('warns on 6 December 2026 that there is no 2027 calendar', () => {
    const c = calendarCoverage(at('2026-12-06T10:00:00+07:00'), [2025, 2026]);
    expect(c).toMatchObject({ status: 'missing_next_year', year: 2027, years: [2025, 2026] });
    expect(c.status !== 'ok' && c.message).toContain('2027');
  });

  it('warns from 1 October, Vietnam time', () => {
    expect(calendarCoverage(at('2026-10-01T00:00:00+07:00'), [2026]).status).toBe('missing_next_year');
    // 30 September 23:59 in Vietnam is still September there (16:59 UTC).
    expect(calendarCoverage(at('2026-09-30T23:59:00+07:00'), [2026]).status).toBe('ok');
  });

  it('is ok before October and when next year is present', () => {
    expect(calendarCoverage(at('2026-06-15T10:00:00+07:00'), [2025, 2026])).toEqual({ status: 'ok', years: [2025, 2026] });
    expect(calendarCoverage(at('2026-12-06T10:00:00+07:00'), [2026, 2027]).status).toBe('ok');
  });

  it('says the fall-back to weekends only is in effect once in a year without a calendar', () => {
    // 1 January 2027 00:30 in Vietnam is still 31 December 2026 in UTC: the Vietnam year counts.
    const c = calendarCoverage(at('2027-01-01T00:30:00+07:00'), [2025, 2026]);
    expect(c).toMatchObject({ status: 'missing_current_year', year: 2027 });
    expect(c.status !== 'ok' && c.message).toMatch(/only Saturdays and Sundays/);
  });

  it('reports the missing current year before a missing next year', () => {
    expect(calendarCoverage(at('2027-11-01T10:00:00+07:00'), [2026])).toMatchObject({ status: 'missing_current_year', year: 2027 });
  });

  it('handles no calendar files at all', () => {
    expect(calendarCoverage(at('2026-03-01T10:00:00+07:00'), [])).toMatchObject({ status: 'missing_current_year', year: 2026, years: [] });
  });
});
