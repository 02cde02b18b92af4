/**
 * Client state of one live subscription (scope + period), as one pure reducer: snapshots
 * replace, deltas apply strictly in `seq` order, a gap asks for a new snapshot, stale or foreign
 * deltas are ignored, a reconnect waits for a fresh snapshot. No socket here: tested as a table.
 */
import type { Period, ScopeKey, ScopeMetrics } from '../../shared/contract/metrics';
import type { MetricsUpdated, ScopeSnapshot } from '../../shared/contract/events';

export type SyncStatus =
  /** Waiting for the ack of a subscription (first load, reconnect, or after a gap). */
  | 'awaiting_snapshot'
  /** Snapshot applied; deltas applying in order. */
  | 'ready'
  /** A seq gap was seen: the owner must subscribe again (see `resubscribeRequests`). */
  | 'resubscribe_needed'
  /** The server refused the subscription. */
  | 'error';

export type ScopeMetricsMap = Partial<Record<ScopeKey, ScopeMetrics>>;

export interface MetricsState {
  scope: ScopeKey;
  period: Period;
  sync: SyncStatus;
  /** seq of the last applied snapshot or delta; null before the first snapshot. */
  seq: number | null;
  /** Server time the numbers are as of. */
  asOf: string | null;
  /** The period's window (ISO instants), as of the last snapshot or rolled by a delta. */
  window: { from: string; to: string } | null;
  /** Metrics by scope key (city: `city`, `unit:<code>`, `department:<code>`). */
  metrics: ScopeMetricsMap;
  /** Scopes whose numbers changed in the last applied update (for a brief highlight). */
  changed: ScopeKey[];
  /** Increments on every update that changed something (an effect key for highlights). */
  changeCount: number;
  /** Deltas that arrived while waiting for a snapshot; applied after it when newer. */
  pending: MetricsUpdated[];
  /** Increments each time the reducer asks its owner to subscribe again. */
  resubscribeRequests: number;
  /** Snapshots applied so far for this scope + period. */
  snapshots: number;
  /** Batches of deltas (`deltas` actions) handled, applied or not: the owner sends the next after each. */
  batches: number;
  error: { code: string; message: string } | null;
}

export type MetricsAction =
  /** A subscription request was sent (a new scope/period starts from empty). */
  | { type: 'subscribe'; scope: ScopeKey; period: Period }
  /** The subscription's ack arrived. */
  | {
      type: 'snapshot';
      scope: ScopeKey;
      period: Period;
      seq: number;
      asOf: string;
      snapshot: ScopeSnapshot;
    }
  /** A `metrics:updated` message. */
  | { type: 'delta'; msg: MetricsUpdated }
  /**
   * Several `metrics:updated` messages applied as one update (those that arrived while the page was busy
   * drawing the previous one): `changed` lists every scope any of them changed, so none misses its highlight.
   */
  | { type: 'deltas'; msgs: readonly MetricsUpdated[] }
  /** The connection dropped or came back: seqs restart with the next snapshot. */
  | { type: 'reconnect' }
  /** The server refused the subscription. */
  | {
      type: 'error';
      scope: ScopeKey;
      period: Period;
      error: { code: string; message: string };
    };

/** At most this many deltas are kept while waiting for a snapshot (older ones are dropped). */
export const MAX_PENDING_DELTAS = 200;

export function initialMetricsState(scope: ScopeKey, period: Period): MetricsState {
  return {
    scope,
    period,
    sync: 'awaiting_snapshot',
    seq: null,
    asOf: null,
    window: null,
    metrics: {},
    changed: [],
    changeCount: 0,
    pending: [],
    resubscribeRequests: 0,
    snapshots: 0,
    batches: 0,
    error: null,
  };
}

function sameMetrics(a: ScopeMetrics | undefined, b: ScopeMetrics | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies one in-order delta (caller checked seq === state.seq + 1): each scope's changed fields over
 * what the state holds. Fields of a scope the state does not hold cannot be completed: subscribe again.
 */
function applyDelta(state: MetricsState, msg: MetricsUpdated): MetricsState {
  const keys = Object.keys(msg.changes) as ScopeKey[];
  const metrics: ScopeMetricsMap = { ...state.metrics };
  for (const k of keys) {
    const m = msg.changes[k];
    if (!m) continue;
    const held = metrics[k];
    if (held === undefined && msg.window === undefined) return requestResubscribe(state);
    metrics[k] = { ...held, ...m } as ScopeMetrics;
  }
  return {
    ...state,
    seq: msg.seq,
    asOf: msg.asOf,
    window: msg.window ?? state.window,
    metrics,
    changed: keys,
    changeCount: keys.length > 0 ? state.changeCount + 1 : state.changeCount,
  };
}

function requestResubscribe(state: MetricsState): MetricsState {
  return {
    ...state,
    sync: 'resubscribe_needed',
    pending: [],
    resubscribeRequests: state.resubscribeRequests + 1,
  };
}

/** The messages one after the other; one highlight for all that changed, counted as one update. */
function applyDeltas(state: MetricsState, msgs: readonly MetricsUpdated[]): MetricsState {
  let next = state;
  const changed = new Set<ScopeKey>();
  for (const msg of msgs) {
    next = metricsReducer(next, { type: 'delta', msg });
    if (next.changeCount !== state.changeCount) for (const k of next.changed) changed.add(k);
  }
  if (next === state || next.changeCount === state.changeCount) return next;
  return { ...next, changed: [...changed], changeCount: state.changeCount + 1 };
}

export function metricsReducer(state: MetricsState, action: MetricsAction): MetricsState {
  switch (action.type) {
    case 'subscribe': {
      if (action.scope !== state.scope || action.period !== state.period) {
        return {
          ...initialMetricsState(action.scope, action.period),
          changeCount: state.changeCount,
          resubscribeRequests: state.resubscribeRequests,
          batches: state.batches,
        };
      }
      return { ...state, sync: 'awaiting_snapshot', error: null };
    }

    case 'snapshot': {
      if (action.scope !== state.scope || action.period !== state.period) return state;
      if (action.snapshot.period !== state.period) return state;
      const metrics: ScopeMetricsMap = { ...action.snapshot.metrics };
      // After a resync, highlight what differs from what was on screen (not on first load).
      let changed: ScopeKey[] = [];
      if (state.snapshots > 0 || state.seq != null) {
        const keys = new Set([...Object.keys(state.metrics), ...Object.keys(metrics)] as ScopeKey[]);
        changed = [...keys].filter((k) => !sameMetrics(state.metrics[k], metrics[k]));
      }
      let next: MetricsState = {
        ...state,
        sync: 'ready',
        seq: action.seq,
        asOf: action.asOf,
        window: action.snapshot.window,
        metrics,
        changed,
        changeCount: changed.length > 0 ? state.changeCount + 1 : state.changeCount,
        pending: [],
        snapshots: state.snapshots + 1,
        error: null,
      };
      // Deltas that overtook the ack: apply the newer ones in order.
      const pending = [...state.pending].filter((d) => d.seq > action.seq).sort((a, b) => a.seq - b.seq);
      for (const d of pending) {
        if (d.seq <= (next.seq ?? -Infinity)) continue; // duplicate
        if (d.seq !== (next.seq ?? 0) + 1) return requestResubscribe(next);
        const changedBefore = next.changed;
        next = applyDelta(next, d);
        next.changed = [...new Set([...changedBefore, ...next.changed])];
      }
      return next;
    }

    case 'delta': {
      const msg = action.msg;
      if (msg.scope !== state.scope || msg.period !== state.period) return state;
      if (state.sync === 'awaiting_snapshot' || state.sync === 'resubscribe_needed') {
        const pending = [...state.pending, msg].slice(-MAX_PENDING_DELTAS);
        return { ...state, pending };
      }
      if (state.sync !== 'ready' || state.seq == null) return state;
      if (msg.seq <= state.seq) return state; // stale or duplicate
      if (msg.seq !== state.seq + 1) return requestResubscribe(state);
      return applyDelta(state, msg);
    }

    case 'deltas':
      return { ...applyDeltas(state, action.msgs), batches: state.batches + 1 };

    case 'reconnect':
      return { ...state, sync: 'awaiting_snapshot', pending: [] };

    case 'error': {
      if (action.scope !== state.scope || action.period !== state.period) return state;
      return { ...state, sync: 'error', error: action.error, pending: [] };
    }
  }
}
