import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import { foldTask } from '../../../server/domain/task.js';
import type { DossierEvent, DossierState } from '../../../server/domain/types.js';
import { MetricsEngine } from '../../../server/metrics/engine.js';
import { dossierFacts } from '../../../server/metrics/footprint.js';
import { calendar, ctx, dossierEvent, received, scopeOf, settings, taskAssigned, taskEvent, vn } from './factories.js';

const receivedAt = vn('2025-11-17T08:00'); // Monday
const dueAt = vn('2025-11-19T17:00'); // Wednesday 17:00

function setup(start: number) {
  const clock = { now: start };
  const engine = new MetricsEngine({ calendar, settings, scopeOf, now: () => clock.now });
  return { clock, engine };
}

/** Feeds events one at a time, as the ingest path does: re-fold the dossier, apply (prev, next). */
function feeder(engine: MetricsEngine) {
  const logs = new Map<string, DossierEvent[]>();
  const states = new Map<string, DossierState>();
  return (...events: DossierEvent[]): void => {
    for (const e of events) {
      const log = logs.get(e.dossierId) ?? [];
      log.push(e);
      logs.set(e.dossierId, log);
      const next = foldDossier(log, ctx);
      engine.applyDossier(states.get(e.dossierId) ?? null, next);
      states.set(e.dossierId, next);
    }
  };
}

describe('MetricsEngine', () => {
  it('turns a dossier overdue when its due time passes with no event, and alerts once', () => {
    const { engine } = setup(vn('2025-11-17T09:00'));
    const feed = feeder(engine);
    feed(received('d1', receivedAt, dueAt));
    expect(engine.metrics('unit:26734', 'today')).toMatchObject({ received: 1, inProgress: 1, overdue: 0 });

    expect(engine.advance(dueAt)).toEqual([]);
    expect(engine.metrics('unit:26734', 'live').overdue).toBe(0);

    const alerts = engine.advance(dueAt + 60_000);
    expect(alerts).toEqual([{ kind: 'dossier', id: 'd1', code: '26734', at: dueAt }]);
    expect(engine.metrics('unit:26734', 'live')).toMatchObject({ overdue: 1, inProgress: 1, dueSoon: 0 });
    expect(engine.metrics('city', 'live').overdue).toBe(1);
    expect(engine.advance(dueAt + 3_600_000)).toEqual([]);
  });

  it('flags a dossier due soon before it turns overdue', () => {
    const { engine } = setup(vn('2025-11-17T09:00'));
    feeder(engine)(received('d1', receivedAt, dueAt));
    engine.advance(vn('2025-11-18T16:59'));
    expect(engine.metrics('city', 'live').dueSoon).toBe(0);
    engine.advance(vn('2025-11-18T17:00'));
    expect(engine.metrics('city', 'live')).toMatchObject({ dueSoon: 1, overdue: 0 });
    engine.advance(dueAt + 1);
    expect(engine.metrics('city', 'live')).toMatchObject({ dueSoon: 0, overdue: 1 });
  });

  it('moves a finished dossier from in progress to finished on time or late', () => {
    const { engine, clock } = setup(vn('2025-11-17T09:00'));
    const feed = feeder(engine);
    feed(received('d1', receivedAt, dueAt), received('d2', receivedAt, dueAt));
    expect(engine.metrics('city', 'week').inProgress).toBe(2);

    clock.now = vn('2025-11-19T16:30');
    feed(dossierEvent('d1', 'processed', vn('2025-11-19T16:00')));
    expect(engine.metrics('city', 'week')).toMatchObject({ inProgress: 1, finishedOnTime: 1, finishedLate: 0 });

    clock.now = vn('2025-11-20T10:00');
    feed(dossierEvent('d2', 'processed', vn('2025-11-20T09:00')));
    const m = engine.metrics('city', 'week');
    expect(m).toMatchObject({ inProgress: 0, overdue: 0, finishedOnTime: 1, finishedLate: 1 });
    expect(m.processingDaysMedian).not.toBeNull();
    expect(engine.openCount.dossiers).toBe(0);
  });

  it('changes nothing when the same state is applied again', () => {
    const { engine } = setup(vn('2025-11-17T09:00'));
    const s = foldDossier([received('d1', receivedAt, dueAt)], ctx);
    engine.applyDossier(null, s);
    engine.drainChanged();
    const before = engine.metrics('unit:26734', 'month');
    engine.applyDossier(s, s);
    expect(engine.metrics('unit:26734', 'month')).toEqual(before);
    expect(engine.drainChanged().size).toBe(0);
  });

  it('drops today counts at Vietnam midnight and keeps them in the week', () => {
    const { engine } = setup(vn('2025-11-18T22:00'));
    feeder(engine)(received('d1', vn('2025-11-18T21:00'), dueAt));
    expect(engine.metrics('city', 'today').received).toBe(1);
    engine.drainChanged();

    engine.advance(vn('2025-11-18T23:59:59'));
    expect(engine.metrics('city', 'today').received).toBe(1);
    engine.advance(vn('2025-11-19T00:00'));
    expect(engine.metrics('city', 'today').received).toBe(0);
    expect(engine.metrics('city', 'week').received).toBe(1);
    expect(engine.window('today').from).toBe(vn('2025-11-19T00:00'));
    expect(engine.drainChanged().has('unit:26734')).toBe(true);
    expect(engine.previousMetrics('city', 'today').received).toBe(1);
  });

  it('compares a running month with the same days of the previous one, and says when those days are gone', () => {
    // Wednesday 3 December: last month's 1st–3rd count, its 4th does not.
    const { engine } = setup(vn('2025-12-03T10:00'));
    const feed = feeder(engine);
    const due = vn('2025-12-30T17:00');
    feed(
      received('n1', vn('2025-11-03T09:00'), due),
      received('n2', vn('2025-11-04T09:00'), due),
      received('n3', vn('2025-11-20T09:00'), due),
      received('d1', vn('2025-12-01T09:00'), due),
    );
    expect(engine.previousMetrics('city', 'month').received).toBe(3);
    expect(engine.previousMetricsToDate('city', 'month')?.received).toBe(1);
    expect(engine.previousMetricsToDate('unit:26734', 'week')?.received).toBe(0);
    // The first days of December 2024 are older than the days the engine keeps: no false comparison.
    expect(engine.previousMetricsToDate('city', 'year')).toBeNull();
  });

  it('counts open overdue dossiers in the DVCQG on-time rate', () => {
    const { engine, clock } = setup(vn('2025-11-17T09:00'));
    const feed = feeder(engine);
    feed(received('d1', receivedAt, dueAt), received('d2', receivedAt, dueAt), received('d3', receivedAt, dueAt));
    clock.now = vn('2025-11-18T10:00');
    feed(dossierEvent('d1', 'processed', vn('2025-11-18T09:00')));
    expect(engine.metrics('city', 'month').onTimeRate).toBe(1);

    engine.advance(vn('2025-11-20T08:00')); // d2 and d3 now overdue, still open
    const m = engine.metrics('city', 'month');
    expect(m).toMatchObject({ finishedEarly: 1, overdue: 2 });
    expect(m.onTimeRate).toBeCloseTo(1 / 3, 12);
  });

  it('alerts when a task passes its deadline and counts its completion', () => {
    const { engine, clock } = setup(vn('2025-11-17T09:00'));
    const due = vn('2025-11-21T17:00');
    const t1 = foldTask([taskAssigned('t1', vn('2025-11-17T08:00'), 'SNV', due)]);
    engine.applyTask(null, t1);
    expect(engine.metrics('department:SNV', 'week').tasks).toMatchObject({ assigned: 1, openInTerm: 1 });

    expect(engine.advance(due + 10)).toEqual([{ kind: 'task', id: 't1', code: 'SNV', at: due }]);
    expect(engine.metrics('department:SNV', 'week').tasks).toMatchObject({ openInTerm: 0, openOverdue: 1 });

    clock.now = vn('2025-11-22T09:00');
    const t1done = foldTask([taskAssigned('t1', vn('2025-11-17T08:00'), 'SNV', due), taskEvent('t1', 'completed', clock.now)]);
    engine.applyTask(t1, t1done);
    expect(engine.metrics('department:SNV', 'week').tasks).toMatchObject({ openOverdue: 0, doneLate: 1, doneOnTime: 0 });
  });

  it('keeps alerts raised while an update read the clock until the next advance', () => {
    const { engine, clock } = setup(vn('2025-11-17T09:00'));
    const feed = feeder(engine);
    feed(received('d1', receivedAt, dueAt));
    clock.now = vn('2025-11-20T09:00');
    feed(received('d2', vn('2025-11-20T08:00'), vn('2025-11-25T17:00')));
    expect(engine.advance().map((a) => a.id)).toEqual(['d1']);
  });

  it('never moves its present backwards', () => {
    const { engine } = setup(vn('2025-11-20T09:00'));
    engine.advance(vn('2025-11-10T09:00'));
    expect(engine.now).toBe(vn('2025-11-20T09:00'));
  });

  it('ignores codes outside the jurisdiction, in the city too', () => {
    const { engine } = setup(vn('2025-11-17T09:00'));
    feeder(engine)(received('d1', receivedAt, dueAt, { unit: 'nowhere' }));
    expect(engine.metrics('city', 'today').received).toBe(0);
    expect(engine.scopes()).toEqual(['city']);
  });

  it('moves a dossier between scopes when a corrected receipt changes its unit', () => {
    const { engine } = setup(vn('2025-11-17T09:00'));
    const feed = feeder(engine);
    feed(received('d1', receivedAt, dueAt, { unit: '26734' }));
    feed(received('d1', receivedAt, dueAt, { unit: 'SNV' }));
    expect(engine.metrics('unit:26734', 'week')).toMatchObject({ received: 0, inProgress: 0 });
    expect(engine.metrics('department:SNV', 'week')).toMatchObject({ received: 1, inProgress: 1 });
    expect(engine.metrics('city', 'week')).toMatchObject({ received: 1, inProgress: 1 });
  });

  it('lists pre-registered scopes with zero metrics before they have data', () => {
    const clock = { now: vn('2025-11-17T09:00') };
    const engine = new MetricsEngine({ calendar, settings, scopeOf, now: () => clock.now, scopes: ['unit:26737', 'department:STP'] });
    expect(engine.scopes()).toEqual(['city', 'unit:26737', 'department:STP']);
    expect(engine.metrics('unit:26737', 'today')).toMatchObject({ received: 0, onTimeRate: null, processingDaysMedian: null });
  });

  it('keeps counting incrementally after a bulk load of finished dossiers', () => {
    const now = vn('2025-11-25T09:00');
    const done = foldDossier([received('d1', receivedAt, dueAt), dossierEvent('d1', 'processed', vn('2025-11-20T10:00'))], ctx);
    const fresh = foldDossier([received('d2', vn('2025-11-25T08:00'), vn('2025-11-28T17:00'), { unit: '26737' })], ctx);
    const reference = setup(now).engine;
    reference.applyDossier(null, done);
    reference.applyDossier(null, fresh);

    const restarted = setup(now).engine;
    const facts = dossierFacts(done, ctx);
    if (facts !== null) restarted.finished.dossier(facts);
    restarted.applyDossier(null, fresh);
    for (const scope of ['city', 'unit:26734', 'unit:26737'] as const) {
      for (const period of ['today', 'week', 'month', 'live'] as const) {
        expect(restarted.metrics(scope, period)).toEqual(reference.metrics(scope, period));
      }
    }
  });

  it('answers for the previous period right after a bulk load, city included', () => {
    const now = vn('2025-12-03T09:00');
    const done = foldDossier([received('d1', receivedAt, dueAt), dossierEvent('d1', 'processed', vn('2025-11-20T10:00'))], ctx);
    const engine = setup(now).engine;
    const facts = dossierFacts(done, ctx);
    if (facts !== null) engine.finished.dossier(facts);
    expect(engine.previousMetrics('city', 'month')).toMatchObject({ received: 1, finishedLate: 1, onTimeRate: 0, overdue: 0 });
    expect(engine.previousMetrics('unit:26734', 'month').received).toBe(1);
    expect(engine.metrics('city', 'month').received).toBe(0);
  });

  it('gives the same metrics for a finished dossier loaded from its facts as for its state', () => {
    const now = vn('2025-11-25T09:00');
    const s = foldDossier([received('d1', receivedAt, dueAt), dossierEvent('d1', 'processed', vn('2025-11-20T10:00'))], ctx);
    const a = setup(now).engine;
    a.applyDossier(null, s);
    const b = setup(now).engine;
    const facts = dossierFacts(s, ctx);
    expect(facts).not.toBeNull();
    if (facts !== null) b.finished.dossier(facts);
    for (const period of ['live', 'week', 'month', 'year'] as const) {
      expect(b.metrics('unit:26734', period)).toEqual(a.metrics('unit:26734', period));
    }
  });
});
