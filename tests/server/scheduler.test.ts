import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushDelay, MIN_FLUSH_GAP_MS, startLiveScheduler, type LiveScheduler } from '../../server/scheduler.js';
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
          // As the runtime's ledger: no promise when none became at risk, else the alerts once recorded.
          return out.length === 0 ? null : Promise.resolve(out);
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

  it('publishes the dossiers that became at risk at the same instant as the overdue ones, once recorded as pushed', async () => {
    due = [{ kind: 'dossier', id: 'D-1', code: '26740', at: T0 }];
    atRisk = [{ kind: 'at_risk', id: 'D-2', code: '26740', at: T0 + 100, dueAt: T0 + 3_600_000 }];
    now = T0 + 500;
    await vi.advanceTimersByTimeAsync(500);
    // The flush does not wait for the record (on PostgreSQL a round trip): the alert follows it.
    expect(calls).toEqual(['advance@500', 'alert:D-1', 'atRisk@500', 'flush', 'alert:D-2']);
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

describe('startLiveScheduler: flushes driven by applied events', () => {
  let flushes: number[];
  let extra: number;
  let cost: number;
  let live: LiveScheduler;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    flushes = [];
    extra = 0;
    cost = 1;
    live = startLiveScheduler({
      metrics: { advance: () => [] },
      now: () => Date.now(),
      alertSources: { latestDossier: () => null, latestTask: () => null, unitName: (code) => code },
      hub: {
        publishAlert: () => {},
        // A flush "takes" `cost` ms of wall time.
        flush: () => {
          flushes.push(Date.now() + extra - T0);
          extra += cost;
        },
        tick: () => {},
      },
      deltaFlushMs: 500,
      clockTickMs: 5_000,
      wallNow: () => Date.now() + extra,
    });
  });
  afterEach(() => {
    live.stop();
    vi.useRealTimers();
  });

  it('flushes a change at once after a quiet spell, not at the next DELTA_FLUSH_MS', () => {
    vi.advanceTimersByTime(100);
    live.changed();
    vi.advanceTimersByTime(0);
    expect(flushes).toEqual([100]);
  });

  it('coalesces a stream of changes into flushes MIN_FLUSH_GAP_MS apart when flushing is cheap', () => {
    live.changed();
    vi.advanceTimersByTime(0);
    for (let i = 0; i < 5; i++) live.changed();
    vi.advanceTimersByTime(MIN_FLUSH_GAP_MS - 2);
    expect(flushes).toHaveLength(1);
    vi.advanceTimersByTime(2);
    expect(flushes).toHaveLength(2);
    // No change since: nothing more until the periodic step.
    vi.advanceTimersByTime(400);
    expect(flushes).toHaveLength(2);
  });

  it('spaces flushes by four times what the last one cost', () => {
    cost = 30;
    live.changed();
    vi.advanceTimersByTime(0);
    live.changed();
    vi.advanceTimersByTime(4 * 30 - 1);
    expect(flushes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    // Start to start: the first flush's 30 ms, then a gap of 4 × 30 ms.
    expect(flushes[1] - flushes[0]).toBe(30 + 4 * 30);
  });

  it('drops a pending flush on stop', () => {
    live.changed();
    live.stop();
    vi.advanceTimersByTime(10_000);
    expect(flushes).toEqual([]);
  });
});

describe('flushDelay', () => {
  it('is zero after a quiet spell', () => {
    expect(flushDelay({ end: -Infinity, cost: 0 }, 1_000, 500)).toBe(0);
    expect(flushDelay({ end: 0, cost: 5 }, 1_000, 500)).toBe(0);
  });
  it('waits out MIN_FLUSH_GAP_MS after a cheap flush', () => {
    expect(flushDelay({ end: 1_000, cost: 1 }, 1_005, 500)).toBe(MIN_FLUSH_GAP_MS - 5);
  });
  it('waits four times the last flush cost, at most DELTA_FLUSH_MS', () => {
    expect(flushDelay({ end: 1_000, cost: 50 }, 1_000, 500)).toBe(200);
    expect(flushDelay({ end: 1_000, cost: 400 }, 1_000, 500)).toBe(500);
  });
});
