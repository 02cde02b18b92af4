/**
 * The province level of a national jurisdiction: a province's metrics are the sum of its communes',
 * live and after a restart's bulk load; departments count in the country only; a city pack has no
 * province scopes.
 */
import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import { foldTask } from '../../../server/domain/task.js';
import type { DossierState } from '../../../server/domain/types.js';
import { MetricsEngine } from '../../../server/metrics/engine.js';
import { dossierFacts } from '../../../server/metrics/footprint.js';
import { NO_PARENT, provinceParents, rollupScopes } from '../../../server/metrics/scope-rollup.js';
import { calendar, ctx, dossierEvent, received, scopeOf, settings, taskAssigned, vn } from './factories.js';

const units = [
  { code: '00004', province: '01' },
  { code: '00008', province: '01' },
  { code: '26734', province: '79' },
];
const parentOf = provinceParents(units);
const start = vn('2025-11-17T09:00'); // Monday
const dueAt = vn('2025-11-19T17:00');

function engineAt(now: () => number) {
  return new MetricsEngine({ calendar, settings, scopeOf, parentOf, now, scopes: ['province:01', 'province:79'] });
}

function dossier(id: string, unit: string, end?: 'processed'): DossierState {
  const log = [received(id, vn('2025-11-17T08:00'), dueAt, { unit })];
  if (end) log.push(dossierEvent(id, end, vn('2025-11-17T08:30')));
  return foldDossier(log, ctx);
}

describe('province rollup (scope-rollup.ts)', () => {
  it('names city, the commune and its province for a commune; city and the department for a department', () => {
    expect(rollupScopes('unit:00004', parentOf)).toEqual(['city', 'unit:00004', 'province:01']);
    expect(rollupScopes('department:SNV', parentOf)).toEqual(['city', 'department:SNV']);
    expect(rollupScopes('province:01', parentOf)).toBeNull();
    expect(rollupScopes(null, parentOf)).toBeNull();
  });

  it('gives a city pack (units without a province) no parent at all', () => {
    expect(provinceParents([{ code: '26734' }])).toBe(NO_PARENT);
    expect(rollupScopes('unit:26734', provinceParents([{ code: '26734' }]))).toEqual(['city', 'unit:26734']);
  });
});

describe('MetricsEngine with provinces', () => {
  it("counts a commune's dossiers and tasks in its province, and a department's in the country only", () => {
    const engine = engineAt(() => start);
    engine.applyDossier(null, dossier('a', '00004'));
    engine.applyDossier(null, dossier('b', '00008', 'processed'));
    engine.applyDossier(null, dossier('c', '26734'));
    engine.applyDossier(null, dossier('d', 'SNV'));
    engine.applyTask(null, foldTask([taskAssigned('t1', vn('2025-11-17T08:00'), '00008', dueAt)]));

    const hanoi = engine.metrics('province:01', 'today');
    expect(hanoi).toMatchObject({ received: 2, inProgress: 1, finishedEarly: 1 });
    expect(hanoi.tasks.assigned).toBe(1);
    expect(engine.metrics('province:79', 'today')).toMatchObject({ received: 1, inProgress: 1 });
    expect(engine.metrics('city', 'today')).toMatchObject({ received: 4, inProgress: 3 });
  });

  it("moves a province with the clock: its commune's dossier turns overdue there too", () => {
    const clock = { now: start };
    const engine = engineAt(() => clock.now);
    engine.applyDossier(null, dossier('a', '00004'));
    clock.now = dueAt + 60_000;
    engine.advance();
    expect(engine.metrics('province:01', 'live').overdue).toBe(1);
    expect(engine.drainChanged().has('province:01')).toBe(true);
  });

  it("rebuilds a province from its communes after a restart's bulk load, not counting it twice in the country", () => {
    const engine = engineAt(() => start);
    for (const [id, unit] of [
      ['a', '00004'],
      ['b', '00008'],
      ['c', '26734'],
      ['d', 'SNV'],
    ] as const) {
      const facts = dossierFacts(dossier(id, unit, 'processed'), ctx);
      if (facts === null) throw new Error('no facts');
      engine.finished.dossier(facts);
    }
    expect(engine.metrics('province:01', 'today').finishedEarly).toBe(2);
    expect(engine.metrics('province:79', 'today').finishedEarly).toBe(1);
    expect(engine.metrics('city', 'today').finishedEarly).toBe(4);
  });
});
