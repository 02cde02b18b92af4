import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLiveScheduler, type LiveScheduler } from '../../server/scheduler.js';
import type { Alert } from '../../server/metrics/engine.js';
import type { AtRiskAlert } from '../../server/metrics/early-warning-index.js';
import type { AlertRaised } from '../../server/realtime/events.js';

const T0 = Date.parse('2026-11-20T10:00:00+07:00');

describe('startLiveScheduler', () => {
  let calls: string[];
  let published: AlertRaised[];
  let due: Alert[];
  let atRisk: AtRiskAlert[];
  let now: number;
  let live: LiveScheduler;

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    published = [];
    due = [];
    atRisk = [];
    now = T0;
    live = startLiveScheduler({
      metrics: {
        advance: (t) => {
          calls.push(`advance@${t - T0}`);
          const out = due;
          due = [];
          return out;
        },
      },
      atRisk: {
        advance: (t) => {
          calls.push(`atRisk@${t - T0}`);
          const out = atRisk;
          atRisk = [];
          return out;
        },
      },
      now: () => now,
      alertSources: { latestDossier: () => null, latestTask: () => null, unitName: (code) => `Đơn vị ${code}` },
      hub: {
        publishAlert: (a) => {
          calls.push(`alert:${a.id}`);
          published.push(a);
        },
        flush: () => calls.push('flush'),
        tick: () => calls.push('tick'),
      },
      deltaFlushMs: 500,
      clockTickMs: 5_000,
    });
  });
  afterEach(() => {
    live.stop();
    vi.useRealTimers();
  });

  it('advances the metrics clock, publishes its alerts, then flushes, every DELTA_FLUSH_MS', () => {
    due = [{ kind: 'task', id: 'T-1', code: '26740', at: T0 }];
    now = T0 + 400;
    vi.advanceTimersByTime(499);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['advance@400', 'alert:T-1', 'atRisk@400', 'flush']);
    expect(published[0]).toMatchObject({ kind: 'task', id: 'T-1', unitName: 'Đơn vị 26740', at: '2026-11-20T10:00:00.000+07:00' });
    now = T0 + 900;
    vi.advanceTimersByTime(500);
    expect(calls.slice(4)).toEqual(['advance@900', 'atRisk@900', 'flush']);
  });

  it('publishes the dossiers that became at risk at the same instant as the overdue ones, before the flush', () => {
    due = [{ kind: 'dossier', id: 'D-1', code: '26740', at: T0 }];
    atRisk = [{ kind: 'at_risk', id: 'D-2', code: '26740', at: T0 + 100, dueAt: T0 + 3_600_000 }];
    now = T0 + 500;
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['advance@500', 'alert:D-1', 'atRisk@500', 'alert:D-2', 'flush']);
    expect(published[1]).toMatchObject({ kind: 'at_risk', id: 'D-2', at: '2026-11-20T10:00:00.100+07:00' });
  });

  it('ticks the clock every CLOCK_TICK_MS, apart from the flushes', () => {
    vi.advanceTimersByTime(10_000);
    expect(calls.filter((c) => c === 'tick')).toHaveLength(2);
    expect(calls.filter((c) => c === 'flush')).toHaveLength(20);
  });

  it('runs nothing after stop', () => {
    live.stop();
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual([]);
  });
});
