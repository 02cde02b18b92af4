import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import { MetricsEngine } from '../../../server/metrics/engine.js';
import { calendar, ctx, received, scopeOf, settings, vn } from './factories.js';

function setup(start: number) {
  const clock = { now: start };
  const engine = new MetricsEngine({ calendar, settings, scopeOf, now: () => clock.now });
  return { clock, engine };
}

describe('MetricsEngine revision', () => {
  it('stays the same while nothing changes, however often figures are read', () => {
    const { engine } = setup(vn('2025-11-17T09:00'));
    const r = engine.revision();
    engine.metrics('city', 'month');
    engine.metrics('unit:26734', 'today');
    expect(engine.revision()).toBe(r);
  });

  it('moves with every applied dossier, even one whose counters stay the same', () => {
    const { engine } = setup(vn('2025-11-17T09:00'));
    const state = foldDossier([received('d1', vn('2025-11-17T08:00'), vn('2025-11-19T17:00'))], ctx);
    const r0 = engine.revision();
    engine.applyDossier(null, state);
    const r1 = engine.revision();
    expect(r1).not.toBe(r0);
    engine.applyDossier(state, state);
    expect(engine.revision()).not.toBe(r1);
  });

  it('moves when the clock turns a dossier overdue and when a new day begins, with no event', () => {
    const { clock, engine } = setup(vn('2025-11-19T16:00'));
    engine.applyDossier(null, foldDossier([received('d1', vn('2025-11-17T08:00'), vn('2025-11-19T17:00'))], ctx));
    const r0 = engine.revision();
    clock.now = vn('2025-11-19T17:30');
    const r1 = engine.revision();
    expect(r1).not.toBe(r0);
    expect(engine.metrics('unit:26734', 'month').overdue).toBe(1);
    clock.now = vn('2025-11-20T00:01');
    expect(engine.revision()).not.toBe(r1);
  });
});
