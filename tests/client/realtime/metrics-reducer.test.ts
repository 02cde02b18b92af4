import { describe, expect, it } from 'vitest';
import type { Period, ScopeKey } from '../../../shared/contract/metrics';
import type { MetricsUpdated } from '../../../shared/contract/events';
import { initialMetricsState, metricsReducer, type MetricsAction, type MetricsState } from '../../../client/realtime/metrics-reducer';
import { metrics } from '../fixtures/metrics';

const WINDOW = { from: '2025-12-01T00:00:00+07:00', to: '2026-01-01T00:00:00+07:00' };

function snapshot(seq: number, overdueByKey: Partial<Record<ScopeKey, number>>, period: Period = 'month'): MetricsAction {
  const m: Partial<Record<ScopeKey, ReturnType<typeof metrics>>> = {};
  for (const [k, v] of Object.entries(overdueByKey)) m[k as ScopeKey] = metrics({ overdue: v });
  return {
    type: 'snapshot',
    scope: 'city',
    period,
    seq,
    asOf: `2025-12-15T08:00:${String(seq).padStart(2, '0')}+07:00`,
    snapshot: { period, window: WINDOW, metrics: m },
  };
}

function delta(seq: number, overdueByKey: Partial<Record<ScopeKey, number>>, extra: Partial<MetricsUpdated> = {}): MetricsAction {
  const changes: MetricsUpdated['changes'] = {};
  for (const [k, v] of Object.entries(overdueByKey)) changes[k as ScopeKey] = metrics({ overdue: v });
  return {
    type: 'delta',
    msg: { scope: 'city', period: 'month', seq, asOf: `2025-12-15T08:01:${String(seq).padStart(2, '0')}+07:00`, changes, ...extra },
  };
}

function run(actions: MetricsAction[], start: MetricsState = initialMetricsState('city', 'month')): MetricsState {
  return actions.reduce(metricsReducer, start);
}

const overdueOf = (s: MetricsState, k: ScopeKey): number | undefined => s.metrics[k]?.overdue;

describe('metricsReducer', () => {
  const cases: {
    name: string;
    actions: MetricsAction[];
    expect: {
      sync: MetricsState['sync'];
      seq: number | null;
      overdue?: Partial<Record<ScopeKey, number | undefined>>;
      resubscribeRequests?: number;
      changed?: ScopeKey[];
    };
  }[] = [
    {
      name: 'a snapshot replaces everything, including scopes it no longer lists',
      actions: [snapshot(5, { city: 10, 'unit:26734': 3 }), snapshot(9, { city: 12 })],
      expect: { sync: 'ready', seq: 9, overdue: { city: 12, 'unit:26734': undefined } },
    },
    {
      name: 'deltas apply in order',
      actions: [snapshot(5, { city: 10, 'unit:26734': 3 }), delta(6, { 'unit:26734': 4 }), delta(7, { city: 11 })],
      expect: { sync: 'ready', seq: 7, overdue: { city: 11, 'unit:26734': 4 }, changed: ['city'] },
    },
    {
      name: 'a gap in seq asks for a new subscription and applies nothing',
      actions: [snapshot(5, { city: 10 }), delta(7, { city: 99 })],
      expect: { sync: 'resubscribe_needed', seq: 5, overdue: { city: 10 }, resubscribeRequests: 1 },
    },
    {
      name: 'a stale delta (seq ≤ current) is ignored',
      actions: [snapshot(5, { city: 10 }), delta(6, { city: 11 }), delta(6, { city: 50 }), delta(4, { city: 60 })],
      expect: { sync: 'ready', seq: 6, overdue: { city: 11 } },
    },
    {
      name: 'a delta for another period is ignored',
      actions: [snapshot(5, { city: 10 }), delta(6, { city: 70 }, { period: 'today' })],
      expect: { sync: 'ready', seq: 5, overdue: { city: 10 } },
    },
    {
      name: 'a delta for another scope is ignored',
      actions: [snapshot(5, { city: 10 }), delta(6, { city: 70 }, { scope: 'unit:26734' })],
      expect: { sync: 'ready', seq: 5, overdue: { city: 10 } },
    },
    {
      name: 'a snapshot for another period (late ack) is ignored',
      actions: [snapshot(5, { city: 10 }), snapshot(8, { city: 80 }, 'today')],
      expect: { sync: 'ready', seq: 5, overdue: { city: 10 } },
    },
    {
      name: 'a reconnect waits for a snapshot and ignores deltas of the old connection',
      actions: [snapshot(5, { city: 10 }), { type: 'reconnect' }, delta(6, { city: 11 })],
      expect: { sync: 'awaiting_snapshot', seq: 5, overdue: { city: 10 } },
    },
    {
      name: 'after a reconnect, the new snapshot replaces the state',
      actions: [snapshot(5, { city: 10 }), { type: 'reconnect' }, snapshot(1, { city: 20 }), delta(2, { city: 21 })],
      expect: { sync: 'ready', seq: 2, overdue: { city: 21 } },
    },
    {
      name: 'deltas that overtake the ack are applied after it when newer',
      actions: [delta(6, { city: 11 }), delta(5, { city: 99 }), snapshot(5, { city: 10 })],
      expect: { sync: 'ready', seq: 6, overdue: { city: 11 } },
    },
    {
      name: 'buffered deltas with a hole ask for a new subscription',
      actions: [delta(8, { city: 11 }), snapshot(5, { city: 10 })],
      expect: { sync: 'resubscribe_needed', seq: 5, overdue: { city: 10 }, resubscribeRequests: 1 },
    },
    {
      name: 'deltas before any snapshot are not applied',
      actions: [delta(1, { city: 11 })],
      expect: { sync: 'awaiting_snapshot', seq: null, overdue: { city: undefined } },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const s = run(c.actions);
      expect(s.sync).toBe(c.expect.sync);
      expect(s.seq).toBe(c.expect.seq);
      for (const [k, v] of Object.entries(c.expect.overdue ?? {})) {
        expect(overdueOf(s, k as ScopeKey), k).toBe(v);
      }
      if (c.expect.resubscribeRequests != null) expect(s.resubscribeRequests).toBe(c.expect.resubscribeRequests);
      if (c.expect.changed) expect(s.changed).toEqual(c.expect.changed);
    });
  }

  it('returns the same state object for ignored actions (no re-render)', () => {
    const s = run([snapshot(5, { city: 10 })]);
    expect(metricsReducer(s, delta(5, { city: 1 }))).toBe(s);
    expect(metricsReducer(s, delta(6, { city: 1 }, { period: 'year' }))).toBe(s);
  });

  it('merges a delta’s changed fields into what it holds, keeping the others', () => {
    const s = run([snapshot(5, { city: 10 })]);
    const held = s.metrics.city!;
    const next = metricsReducer(s, {
      type: 'delta',
      msg: { scope: 'city', period: 'month', seq: 6, asOf: 'x', changes: { city: { overdue: 11 } } },
    });
    expect(next.metrics.city).toEqual({ ...held, overdue: 11 });
    expect(next.changed).toEqual(['city']);
  });

  it('asks for a snapshot when a delta has fields of a scope it does not hold', () => {
    const s = run([snapshot(5, { city: 10 })]);
    const next = metricsReducer(s, {
      type: 'delta',
      msg: { scope: 'city', period: 'month', seq: 6, asOf: 'x', changes: { 'unit:1': { overdue: 1 } } },
    });
    expect(next.sync).toBe('resubscribe_needed');
    expect(next.metrics['unit:1']).toBeUndefined();
  });

  it('takes the rolled window from a delta', () => {
    const rolled = { from: '2025-12-16T00:00:00+07:00', to: '2025-12-17T00:00:00+07:00' };
    const s = run([snapshot(5, { city: 10 }), delta(6, { city: 10 }, { window: rolled })]);
    expect(s.window).toEqual(rolled);
  });

  it('a new scope or period starts from empty', () => {
    const s = run([snapshot(5, { city: 10 }), { type: 'subscribe', scope: 'city', period: 'today' }]);
    expect(s.period).toBe('today');
    expect(s.sync).toBe('awaiting_snapshot');
    expect(s.seq).toBeNull();
    expect(s.metrics).toEqual({});
  });

  it('re-subscribing the same scope keeps the numbers on screen until the snapshot', () => {
    const s = run([snapshot(5, { city: 10 }), { type: 'subscribe', scope: 'city', period: 'month' }]);
    expect(s.sync).toBe('awaiting_snapshot');
    expect(overdueOf(s, 'city')).toBe(10);
  });

  it('highlights what a resync snapshot changed, but nothing on first load', () => {
    const first = run([snapshot(5, { city: 10, 'unit:1': 1, 'unit:2': 2 })]);
    expect(first.changed).toEqual([]);
    const resynced = run([{ type: 'reconnect' }, snapshot(1, { city: 10, 'unit:1': 5, 'unit:2': 2 })], first);
    expect(resynced.changed).toEqual(['unit:1']);
    expect(resynced.changeCount).toBe(first.changeCount + 1);
  });

  it('a batch of deltas applies each in order and highlights every scope any of them changed, as one update', () => {
    const s = run([snapshot(5, { city: 10, 'unit:1': 1, 'unit:2': 2 })]);
    const msgs = [delta(6, { 'unit:1': 3 }), delta(7, { 'unit:2': 4 }), delta(7, { city: 99 })].map(
      (a) => (a as { msg: MetricsUpdated }).msg,
    );
    const next = metricsReducer(s, { type: 'deltas', msgs });
    expect(next.seq).toBe(7);
    expect([overdueOf(next, 'unit:1'), overdueOf(next, 'unit:2'), overdueOf(next, 'city')]).toEqual([3, 4, 10]);
    expect([...next.changed].sort()).toEqual(['unit:1', 'unit:2']);
    expect(next.changeCount).toBe(s.changeCount + 1);
    expect(next.batches).toBe(s.batches + 1);
  });

  it('a batch that changes nothing is still counted (its sender waits for it), with no highlight', () => {
    const s = run([snapshot(5, { city: 10 })]);
    const next = metricsReducer(s, { type: 'deltas', msgs: [(delta(4, { city: 1 }) as { msg: MetricsUpdated }).msg] });
    expect(next).not.toBe(s);
    expect(next.batches).toBe(s.batches + 1);
    expect(next.changeCount).toBe(s.changeCount);
    expect(overdueOf(next, 'city')).toBe(10);
  });

  it('records a refused subscription', () => {
    const s = run([{ type: 'error', scope: 'city', period: 'month', error: { code: 'forbidden', message: 'no' } }]);
    expect(s.sync).toBe('error');
    expect(s.error?.code).toBe('forbidden');
  });
});
