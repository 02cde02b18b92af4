import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import { forecastKey, officeCloseMs, overdueFromIfIdle } from '../../../server/domain/forecast.js';
import { dayKeyOfIndex, toVnIso } from '../../../server/domain/time.js';
import type { DossierEvent } from '../../../server/domain/types.js';
import { EarlyWarningIndex } from '../../../server/metrics/early-warning-index.js';
import { MetricsEngine } from '../../../server/metrics/engine.js';
import { forecastHorizons, horizonsWire, projectedOnTimeRate } from '../../../server/metrics/forecast.js';
import { calendar, ctx, dossierEvent, received, scopeOf, settings, supplementReceived, vn } from './factories.js';

const CLOSE = officeCloseMs(settings.officeHours);
const fold = (events: DossierEvent[]) => foldDossier(events, ctx);
const day = (d: number) => dayKeyOfIndex(d);

describe('forecastHorizons', () => {
  it('takes "tomorrow" literally on a Wednesday: 17:00 on Thursday', () => {
    const h = forecastHorizons(vn('2026-12-02T10:30'), 'month', calendar, CLOSE);
    expect(toVnIso(h.nextWorkingDay.close)).toBe('2026-12-03T17:00:00.000+07:00');
    expect(h.nextWorkingDay.tomorrow).toBe(true);
    expect(toVnIso(h.today.at)).toBe('2026-12-02T23:59:59.999+07:00');
  });

  it('goes from a Friday evening to Monday, and says it is not tomorrow', () => {
    const h = forecastHorizons(vn('2026-12-04T18:30'), 'today', calendar, CLOSE);
    expect(day(h.nextWorkingDay.day)).toBe('2026-12-07');
    expect(h.nextWorkingDay.tomorrow).toBe(false);
  });

  it('means the next working day by "tomorrow" on a Saturday (SIM_START 2026-12-05)', () => {
    const h = forecastHorizons(vn('2026-12-05T10:30'), 'today', calendar, CLOSE);
    expect(day(h.today.day)).toBe('2026-12-05');
    expect(day(h.nextWorkingDay.day)).toBe('2026-12-07');
    expect(day(h.week.day)).toBe('2026-12-06');
  });

  it('ends the week with today on a Sunday', () => {
    const h = forecastHorizons(vn('2026-12-06T09:00'), 'week', calendar, CLOSE);
    expect(h.week.at).toBe(h.today.at);
    expect(toVnIso(h.periodEnd.at)).toBe('2026-12-06T23:59:59.999+07:00');
    expect(h.periodEnd.basis).toBe('new');
    expect(day(h.periodEnd.fromDay)).toBe('2026-11-30');
  });

  it('skips a holiday: from Monday 23 November 2026 the next working day is Wednesday (24/11 is off)', () => {
    const h = forecastHorizons(vn('2026-11-23T16:00'), 'today', calendar, CLOSE);
    expect(day(h.nextWorkingDay.day)).toBe('2026-11-25');
  });

  it('at midnight starts the new day: 00:00 Saturday is Saturday', () => {
    const h = forecastHorizons(vn('2026-12-05T00:00'), 'today', calendar, CLOSE);
    expect(day(h.today.day)).toBe('2026-12-05');
    expect(day(h.nextWorkingDay.day)).toBe('2026-12-07');
  });

  it('at month end judges the month at its last millisecond, and the week runs into the next month', () => {
    const h = forecastHorizons(vn('2026-11-30T15:00'), 'month', calendar, CLOSE);
    expect(toVnIso(h.periodEnd.at)).toBe('2026-11-30T23:59:59.999+07:00');
    expect(h.periodEnd.basis).toBe('backlog');
    expect(day(h.week.day)).toBe('2026-12-06');
    expect(day(h.nextWorkingDay.day)).toBe('2026-12-01');
    expect(horizonsWire(h).nextWorkingDay).toEqual({ at: '2026-12-01T17:00:00.000+07:00', date: '2026-12-01', tomorrow: true });
  });
});

describe('overdueFromIfIdle and forecastKey', () => {
  it('is the millisecond after the due date for a dossier in term, and keeps the work day of its first late working hour', () => {
    const s = fold([received('A', vn('2026-12-01T08:00'), vn('2026-12-04T23:59:59.999'))]);
    expect(overdueFromIfIdle(s)).toBe(vn('2026-12-05T00:00'));
    // Overdue from Saturday 00:00, late in working time from Monday.
    expect(forecastKey(s, calendar, CLOSE)).toEqual({
      fromDay: expect.any(Number),
      afterClose: false,
      workDay: expect.any(Number),
    });
    const k = forecastKey(s, calendar, CLOSE)!;
    expect([day(k.fromDay), day(k.workDay)]).toEqual(['2026-12-05', '2026-12-07']);
  });

  it('is never for a dossier awaiting its supplement, and now for one under the two-supplements rule', () => {
    const waiting = fold([
      received('B', vn('2026-12-01T08:00'), vn('2026-12-03T17:00')),
      dossierEvent('B', 'supplement_requested', vn('2026-12-02T09:00')),
    ]);
    expect(overdueFromIfIdle(waiting)).toBeNull();
    const twice = fold([
      received('C', vn('2026-12-01T08:00'), vn('2026-12-18T17:00')),
      dossierEvent('C', 'supplement_requested', vn('2026-12-01T09:00')),
      supplementReceived('C', vn('2026-12-01T10:00')),
      dossierEvent('C', 'supplement_requested', vn('2026-12-02T09:00')),
    ]);
    expect(overdueFromIfIdle(twice)).toBe(vn('2026-12-02T09:00'));
  });

  it('marks as after the close one due later than the close of office that day', () => {
    expect(forecastKey(fold([received('D', vn('2026-12-01T08:00'), vn('2026-12-03T17:00'))]), calendar, CLOSE)?.afterClose).toBe(false);
    expect(forecastKey(fold([received('E', vn('2026-12-01T08:00'), vn('2026-12-03T18:00'))]), calendar, CLOSE)?.afterClose).toBe(true);
  });
});

describe('the forecast counts (EarlyWarningIndex.forecast)', () => {
  function indexAt(now: number, states: DossierEvent[][]) {
    const index = new EarlyWarningIndex({ ...ctx, scopeOf, now: () => now });
    for (const e of states) index.applyDossier(fold(e));
    return index;
  }

  it('counts, on a Friday evening, by Monday 17:00 those due by then — including one due at 17:00 sharp — and not one due Monday 17:30', () => {
    const now = vn('2026-12-04T18:00');
    const index = indexAt(now, [
      [received('overdue', vn('2026-12-01T08:00'), vn('2026-12-03T17:00'))],
      [received('fri-end', vn('2026-12-01T08:00'), vn('2026-12-04T23:59:59.999'))],
      [received('mon-10', vn('2026-12-01T08:00'), vn('2026-12-07T10:00'))],
      [received('mon-17', vn('2026-12-01T08:00'), vn('2026-12-07T17:00'))],
      [received('mon-1730', vn('2026-12-01T08:00'), vn('2026-12-07T17:30'))],
      [received('mon-end', vn('2026-12-01T08:00'), vn('2026-12-07T23:59:59.999'))],
      [
        received('waiting', vn('2026-12-01T08:00'), vn('2026-12-07T10:00')),
        dossierEvent('waiting', 'supplement_requested', vn('2026-12-02T09:00')),
      ],
    ]);
    const h = forecastHorizons(now, 'week', calendar, CLOSE);
    const c = index.forecast('unit:26734', h);
    // Today (Friday) ends before "fri-end" turns overdue at Saturday 00:00.
    expect(c.today).toBe(1);
    expect(c.nextWorkingDay).toBe(4);
    // The week (to Sunday) holds the overdue one and the one due at the end of Friday.
    expect(c.week).toBe(2);
    expect(c.periodEnd).toBe(2);
    // Of those, only "overdue" became late in working time this week (Thursday); "fri-end" is late from Monday.
    expect(c.periodNew).toBe(1);
    expect(index.forecast('city', h)).toEqual(c);
  });

  it('equals the engine’s overdue count and on-time rate when judged now, and projects the period’s rate at its end', () => {
    const now = vn('2026-11-30T10:00'); // Monday, the last day of November
    const events = [
      [received('late', vn('2026-11-20T08:00'), vn('2026-11-27T17:00'))],
      [received('tonight', vn('2026-11-20T08:00'), vn('2026-11-30T17:00'))],
      [received('dec', vn('2026-11-20T08:00'), vn('2026-12-02T17:00'))],
      [received('done', vn('2026-11-20T08:00'), vn('2026-11-26T17:00')), dossierEvent('done', 'processed', vn('2026-11-25T10:00'))],
    ];
    const index = indexAt(now, events);
    const engine = new MetricsEngine({ ...ctx, scopeOf, now: () => now });
    for (const e of events) engine.applyDossier(null, fold(e));
    const m = engine.metrics('unit:26734', 'month');
    const h = forecastHorizons(now, 'month', calendar, CLOSE);
    const c = index.forecast('unit:26734', h);
    expect(m.overdue).toBe(1);
    expect(projectedOnTimeRate(m, m.overdue)).toBe(m.onTimeRate);
    // By the end of November "tonight" is overdue too: 1 on time of 3 judged.
    expect(c.periodEnd).toBe(2);
    expect(projectedOnTimeRate(m, c.periodEnd)).toBeCloseTo(1 / 3);
  });
});
