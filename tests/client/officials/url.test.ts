import { describe, expect, it } from 'vitest';
import {
  heldOverdueLink,
  officialsApiUrl,
  readOfficialFilters,
  readStepFilter,
  writeOfficialFilter,
} from '../../../client/features/officials/url';
import { heldBarGeometry } from '../../../client/features/officials/HeldBar';
import { stepsOf } from '../../../client/features/officials/StepsTable';
import type { OfficialStep } from '../../../shared/contract/officials';

describe('officials list URL', () => {
  it('reads the filters, a unit winning over a department', () => {
    const f = readOfficialFilters(new URLSearchParams('unit=26740&department=STP&field=H%E1%BB%99%20t%E1%BB%8Bch&q=nguyen'));
    expect(f).toEqual({ unit: '26740', department: null, field: 'Hộ tịch', q: 'nguyen' });
  });

  it('goes back to page 1 when a filter changes, and a unit replaces the department', () => {
    const next = writeOfficialFilter(new URLSearchParams('department=STP&page=3&period=week'), 'unit', '26740');
    expect(next.toString()).toBe('period=week&unit=26740');
    expect(writeOfficialFilter(next, 'unit', '').has('unit')).toBe(false);
  });

  it('asks the API for the period, filters, sort and page', () => {
    const url = officialsApiUrl(
      'month',
      { unit: null, department: 'STP', field: null, q: ' dang ' },
      { key: 'beyondHours', dir: 'desc', page: 2 },
    );
    expect(url).toBe('/api/v1/officials?period=month&department=STP&q=dang&sort=beyondHours&dir=desc&page=2&pageSize=50');
  });

  it('drills "overdue held now" to the city’s narrowed list for a city-wide user only', () => {
    expect(heldOverdueLink('city', { id: 'A', name: 'Phạm Thị An' })).toEqual({
      path: '/units/city',
      extra: { tab: 'overdue', holder: 'A', holderName: 'Phạm Thị An' },
    });
    // A department's own list would miss the ward dossiers its staff hold: the official's page lists them.
    expect(heldOverdueLink('department:STP', { id: 'C', name: 'Lê Thị Cúc' })).toBeNull();
  });

  it('reads the steps chip, unknown values as all', () => {
    expect(readStepFilter(new URLSearchParams('steps=beyond'))).toBe('beyond');
    expect(readStepFilter(new URLSearchParams('steps=nonsense'))).toBe('all');
  });
});

describe('heldBarGeometry', () => {
  it('fills the allotted part and draws the time beyond it past the mark', () => {
    expect(heldBarGeometry(12, 8)).toEqual({ within: (8 / 12) * 100, beyond: (4 / 12) * 100, mark: (8 / 12) * 100 });
  });
  it('fills part of the track for a step within its time', () => {
    expect(heldBarGeometry(2, 8)).toEqual({ within: 25, beyond: 0, mark: 100 });
  });
  it('draws no mark for a step without an allotted time', () => {
    expect(heldBarGeometry(5, null)).toEqual({ within: 100, beyond: 0, mark: null });
  });
});

describe('stepsOf', () => {
  const step = (o: Partial<OfficialStep>): OfficialStep => ({
    dossierId: 'D',
    unit: '26740',
    from: '2026-11-16T08:00:00.000+07:00',
    to: null,
    stepDueAt: null,
    heldHours: 1,
    allottedHours: null,
    beyondHoursInPeriod: 0,
    done: false,
    within: null,
    cases: [],
    canOpen: true,
    ...o,
  });
  const rows = [
    step({ dossierId: 'late', beyondHoursInPeriod: 3 }),
    step({ dossierId: 'done', done: true }),
    step({ dossierId: 'back', cases: [{ id: 'back:sent_back:1', rule: 'sent_back' }], done: true }),
  ];
  it('keeps the steps behind each figure', () => {
    expect(stepsOf(rows, 'beyond').map((s) => s.dossierId)).toEqual(['late']);
    expect(stepsOf(rows, 'done').map((s) => s.dossierId)).toEqual(['done', 'back']);
    expect(stepsOf(rows, 'inCase').map((s) => s.dossierId)).toEqual(['back']);
    expect(stepsOf(rows, 'all')).toHaveLength(3);
  });
});
