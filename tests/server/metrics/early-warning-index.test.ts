import { describe, expect, it } from 'vitest';
import { applyDossierEvent, foldDossier } from '../../../server/domain/dossier.js';
import type { DossierEvent, DossierState } from '../../../server/domain/types.js';
import { foldTask } from '../../../server/domain/task.js';
import { EarlyWarningIndex } from '../../../server/metrics/early-warning-index.js';
import { ctx, calendar, dossierEvent, received, scopeOf, settings, taskAssigned, taskEvent, vn } from './factories.js';
import { forecastHorizons } from '../../../server/metrics/forecast.js';
import { officeCloseMs } from '../../../server/domain/forecast.js';

const forecastHorizonsAt = (now: number) => forecastHorizons(now, 'month', calendar, officeCloseMs(settings.officeHours));

let n = 0;
const assigned = (id: string, at: number): DossierEvent => ({
  id: `ix${++n}`,
  type: 'assigned',
  dossierId: id,
  at,
  handler: { id: 'cb1', name: 'Nguyễn Thị Lan', unit: '26734' },
});

function setup(start: number) {
  let now = start;
  const index = new EarlyWarningIndex({ ...ctx, scopeOf, now: () => now });
  return {
    index,
    set(t: number) {
      now = t;
    },
  };
}

describe('EarlyWarningIndex: at-risk alerts', () => {
  // Due Monday 7/12 17:00, last touched Friday 4/12 10:00: at risk from Monday 10:00.
  const state = foldDossier([received('A', vn('2026-12-01T08:00'), vn('2026-12-07T17:00')), assigned('A', vn('2026-12-04T10:00'))], ctx);

  it('reports a dossier at the instant its idle time is reached, with no event, and only once', () => {
    const { index, set } = setup(vn('2026-12-04T11:00'));
    index.applyDossier(state);
    expect(index.advance(vn('2026-12-07T09:59:59.999'))).toEqual([]);
    expect(index.advance(vn('2026-12-07T10:00'))).toEqual([
      { kind: 'at_risk', id: 'A', code: '26734', at: vn('2026-12-07T10:00'), dueAt: vn('2026-12-07T17:00') },
    ]);
    set(vn('2026-12-07T12:00'));
    expect(index.advance(vn('2026-12-07T12:00'))).toEqual([]);
    expect(index.advance(vn('2026-12-07T17:30'))).toEqual([]);
  });

  it('reports it when a scheduler step runs late, with the instant it became at risk', () => {
    const { index } = setup(vn('2026-12-04T11:00'));
    index.applyDossier(state);
    expect(index.advance(vn('2026-12-07T10:00:00.400')).map((a) => a.at)).toEqual([vn('2026-12-07T10:00')]);
  });

  it('forgets the crossing on an event (no longer at risk) and reports the next one when it is idle again (due within 16 h)', () => {
    let now = vn('2026-12-07T17:00');
    const wide = {
      ...ctx,
      settings: { ...ctx.settings, accountability: { ...ctx.settings.accountability, atRiskDueWithinWorkingHours: 16 } },
    };
    const index = new EarlyWarningIndex({ ...wide, scopeOf, now: () => now });
    // Due Wednesday 17:00, last touched Friday: at risk from Monday 17:00 (16 working hours before).
    const s = foldDossier([received('B', vn('2026-12-01T08:00'), vn('2026-12-09T17:00')), assigned('B', vn('2026-12-04T10:00'))], wide);
    index.applyDossier(s);
    expect(index.advance().map((a) => a.at)).toEqual([vn('2026-12-07T17:00')]);
    now = vn('2026-12-08T09:00');
    index.applyDossier(applyDossierEvent(s, assigned('B', now), wide));
    expect(index.advance()).toEqual([]);
    expect(index.forecast('unit:26734', horizonsStub()).atRisk).toBe(0);
    expect(index.advance(vn('2026-12-09T09:00')).map((a) => a.at)).toEqual([vn('2026-12-09T09:00')]);
  });

  it('cannot be at risk twice for one due date with the default settings: an event after the start leaves less than 8 idle hours', () => {
    const { index, set } = setup(vn('2026-12-07T10:30'));
    index.applyDossier(state);
    expect(index.advance()).toHaveLength(1);
    set(vn('2026-12-07T11:00'));
    index.applyDossier(applyDossierEvent(state, assigned('A', vn('2026-12-07T11:00')), ctx));
    expect(index.advance(vn('2026-12-07T17:00'))).toEqual([]);
  });

  it('reports a dossier that arrives already at risk (its events were sent late)', () => {
    const { index } = setup(vn('2026-12-07T12:00'));
    index.applyDossier(state);
    expect(index.advance()).toMatchObject([{ id: 'A', at: vn('2026-12-07T10:00') }]);
  });

  it('drops a finished dossier: no alert and no count', () => {
    const { index } = setup(vn('2026-12-04T11:00'));
    index.applyDossier(state);
    index.applyDossier(applyDossierEvent(state, dossierEvent('A', 'processed', vn('2026-12-04T12:00')), ctx));
    expect(index.advance(vn('2026-12-07T12:00'))).toEqual([]);
    expect(index.dueSoonCandidates('city')).toEqual([]);
  });

  it('keeps the at-risk count of the unit and the city in step with the clock', () => {
    const { index } = setup(vn('2026-12-04T11:00'));
    index.applyDossier(state);
    index.advance(vn('2026-12-07T10:00'));
    expect(index.forecast('city', horizonsStub()).atRisk).toBe(1);
    index.advance(vn('2026-12-07T17:00:00.001'));
    expect(index.forecast('unit:26734', horizonsStub()).atRisk).toBe(0);
  });
});

describe('EarlyWarningIndex: states applied after the answer (applyDossierLater)', () => {
  const state = foldDossier([received('A', vn('2026-12-01T08:00'), vn('2026-12-07T17:00')), assigned('A', vn('2026-12-04T10:00'))], ctx);

  it('shows a queued state to the next read: forecast, list candidates and at-risk count', () => {
    const { index } = setup(vn('2026-12-07T12:00'));
    index.applyDossierLater(state);
    expect(index.queuedSize).toBe(1);
    expect(index.forecast('unit:26734', horizonsStub()).atRisk).toBe(1);
    expect(index.queuedSize).toBe(0);
    expect(index.dueSoonCandidates('city').map((s) => s.id)).toEqual(['A']);
  });

  it('applies a dossier changed by several batches once, in its latest state', () => {
    const { index } = setup(vn('2026-12-04T11:00'));
    index.applyDossierLater(state);
    index.applyDossierLater(applyDossierEvent(state, dossierEvent('A', 'processed', vn('2026-12-04T12:00')), ctx));
    expect(index.queuedSize).toBe(1);
    expect(index.dueSoonCandidates('city')).toEqual([]);
  });

  it('raises nothing at the next clock step for a dossier finished before it became at risk (queued states first, then the clock)', () => {
    const { index, set } = setup(vn('2026-12-04T11:00'));
    index.applyDossier(state);
    set(vn('2026-12-07T09:00'));
    index.applyDossierLater(applyDossierEvent(state, dossierEvent('A', 'processed', vn('2026-12-07T09:00')), ctx));
    expect(index.advance(vn('2026-12-07T12:00'))).toEqual([]);
  });

  it('holds at most 50,000 states: a caller that never yields to the clock step gets them applied as it goes', () => {
    const { index } = setup(vn('2026-12-04T11:00'));
    for (let i = 0; i < 49_999; i++) index.applyDossierLater({ ...state, id: `Q${i}` });
    expect(index.queuedSize).toBe(49_999);
    index.applyDossierLater({ ...state, id: 'Q-last' });
    expect(index.queuedSize).toBe(0);
    expect(index.dueSoonCandidates('unit:26734')).toHaveLength(50_000);
    expect(index.forecast('city', forecastHorizonsAt(vn('2026-12-04T11:00'))).periodEnd).toBe(50_000);
  });

  it('raises a queued dossier’s crossing at the clock step, with the instant it became at risk', () => {
    const { index } = setup(vn('2026-12-04T11:00'));
    index.applyDossierLater(state);
    expect(index.advance(vn('2026-12-07T10:00:00.400'))).toMatchObject([{ id: 'A', at: vn('2026-12-07T10:00') }]);
  });
});

describe('EarlyWarningIndex: candidates of the early-warning list', () => {
  it('reads only the due days within the window: Friday 10:00 reaches Monday, not Tuesday', () => {
    const { index } = setup(vn('2026-12-04T10:00'));
    const ids = ['fri', 'sat', 'mon', 'tue'];
    const dues = [vn('2026-12-04T17:00'), vn('2026-12-05T23:59:59.999'), vn('2026-12-07T10:00'), vn('2026-12-08T10:00')];
    ids.forEach((id, i) => index.applyDossier(foldDossier([received(id, vn('2026-12-01T08:00'), dues[i])], ctx)));
    expect(
      index
        .dueSoonCandidates('unit:26734')
        .map((s: DossierState) => s.id)
        .sort(),
    ).toEqual(['fri', 'mon', 'sat']);
    expect(index.dueSoonCandidates('unit:26740')).toEqual([]);
  });

  it('moves a dossier’s counts and list entry when a correction changes its unit and due date, and counts it once', () => {
    const { index } = setup(vn('2026-12-04T10:00'));
    const first = foldDossier([received('M', vn('2026-12-01T08:00'), vn('2026-12-04T17:00'))], ctx);
    index.applyDossier(first);
    index.applyDossier(first);
    const h = forecastHorizonsAt(vn('2026-12-04T10:00'));
    expect(index.forecast('unit:26734', h).today).toBe(1);
    const moved = applyDossierEvent(first, received('M', vn('2026-12-01T08:00'), vn('2026-12-08T17:00'), { unit: '26740' }), ctx);
    index.applyDossier(moved);
    expect(index.forecast('unit:26734', h).today).toBe(0);
    expect(index.forecast('unit:26740', h)).toMatchObject({ today: 0, week: 0 });
    expect(index.forecast('city', h).periodEnd).toBe(1);
    expect(index.dueSoonCandidates('unit:26734')).toEqual([]);
    expect(index.dueSoonCandidates('city').map((s) => s.id)).toEqual([]);
  });

  it('keeps the open tasks of a scope, not the finished ones', () => {
    const { index } = setup(vn('2026-12-04T10:00'));
    index.applyTask(foldTask([taskAssigned('T1', vn('2026-12-01T08:00'), '26734')]));
    index.applyTask(foldTask([taskAssigned('T2', vn('2026-12-01T08:00'), '26734')]));
    index.applyTask(foldTask([taskAssigned('T2', vn('2026-12-01T08:00'), '26734'), taskEvent('T2', 'completed', vn('2026-12-02T08:00'))]));
    expect([...index.openTasks('unit:26734')].map((t) => t.id)).toEqual(['T1']);
    expect([...index.openTasks('city')].map((t) => t.id)).toEqual(['T1']);
  });
});

/** Horizons that do not matter to the at-risk count. */
function horizonsStub() {
  const d = 0;
  return {
    now: 0,
    today: { day: d, at: 0 },
    nextWorkingDay: { day: d, close: 0, tomorrow: true },
    week: { day: d, at: 0 },
    periodEnd: { period: 'today' as const, basis: 'new' as const, fromDay: d, lastDay: d, at: 0 },
  };
}
