import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { PERIODS, type Period, type PeriodWindow, type ScopeKey, type ScopeMetrics } from '../metrics/types.js';
import { toVnIso } from '../domain/time.js';
import { sameFigure } from '../domain/service-index-figure.js';
import type {
  AlertRaised,
  ClientToServerEvents,
  ClockTicked,
  InterServerEvents,
  MetricsUpdated,
  ScopeSnapshot,
  ServerToClientEvents,
  SocketData,
  SubscribeAck,
} from './events.js';
import { EVENTS } from './events.js';
import { changedMetrics } from './metrics-diff.js';
import { INDEX_KINDS, type IndexFigure, type IndexFigureChanges } from '../../shared/contract/live-index.js';
import type { HistoryLoadState } from '../../shared/contract/history-load.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What the hub needs from the metrics engine. */
export interface MetricsSource {
  metrics(scope: ScopeKey, period: Period): ScopeMetrics;
  window(period: Period): PeriodWindow;
  drainChanged(): Set<ScopeKey>;
  scopes(): ScopeKey[];
}

export interface HubDeps {
  io: IoServer;
  metrics: MetricsSource;
  now: () => number;
  /** True when the scope key names the city, a known unit or a known department. */
  scopeExists(scope: ScopeKey): boolean;
  /** May this socket watch that scope? (Access control hooks in here.) */
  canWatch(socket: IoSocket, scope: ScopeKey): boolean;
  /** May this socket see names (holders in alerts) in that scope? Otherwise its alerts come without them. */
  namesVisible?(socket: IoSocket, scope: ScopeKey): boolean;
  /** The `clock:ticked` payload as of now: sent to each new socket and with every tick. */
  clockTicked: () => ClockTicked;
  /** A scope's service index headline for a current month, quarter or year (metrics/live-index-figures.ts). */
  indexFigure?(scope: ScopeKey, kind: (typeof INDEX_KINDS)[number]): IndexFigure;
  /**
   * Several nodes (server/cluster/): on a web node, the snapshot and seq come from the ingest node, which
   * owns the metrics and the rooms' seqs; the socket joins its rooms before asking, so no delta falls between.
   */
  remoteSnapshot?(scope: ScopeKey, period: Period): Promise<LiveSnapshot>;
  /** On an ingest node of several: rooms live on other nodes' sockets, so flushes keep them until sweepRooms drops them. */
  clusterRooms?: boolean;
}

/** A room's snapshot with the seq its next delta follows. */
export interface LiveSnapshot {
  seq: number;
  asOf: string;
  snapshot: ScopeSnapshot;
}

const subscribeSchema = z.object({
  scope: z
    .string()
    .regex(
      /^(city|province:\d{2}|unit:[0-9A-Za-z_-]{1,40}|department:[0-9A-Za-z_-]{1,40})$/,
      'scope must be city, province:<code>, unit:<code> or department:<code>',
    ),
  period: z.enum(PERIODS),
});

interface Room {
  scope: ScopeKey;
  period: Period;
  seq: number;
  /** performance.now() of the last subscription to it (for sweepRooms). */
  subscribedAt: number;
  /**
   * Every covered scope's metrics as of `seq`, with the window and time they are of: the snapshot a new
   * subscriber gets, and what the next delta's fields are told apart from (so snapshot + deltas = live).
   */
  sent: Map<ScopeKey, ScopeMetrics>;
  window: { from: string; to: string };
  asOf: string;
}

const metricsRoom = (scope: ScopeKey, period: Period) => `m|${scope}|${period}`;
const alertRoom = (scope: ScopeKey) => `a|${scope}`;
/** Alerts without names, for those who may see aggregates only. */
const anonymousAlertRoom = (scope: ScopeKey) => `ap|${scope}`;

type SubscribeError = Extract<SubscribeAck, { ok: false }>['error'];

/** A subscription request checked: well-formed, of a scope that exists, that this socket may watch. */
function checkSubscription(deps: HubDeps, socket: IoSocket, req: unknown): { scope: ScopeKey; period: Period } | { error: SubscribeError } {
  const parsed = subscribeSchema.safeParse(req);
  if (!parsed.success) return { error: { code: 'invalid', message: parsed.error.issues.map((i) => i.message).join('; ') } };
  const scope = parsed.data.scope as ScopeKey;
  if (!deps.scopeExists(scope)) return { error: { code: 'not_found', message: `no such scope: ${scope}` } };
  if (!deps.canWatch(socket, scope)) return { error: { code: 'forbidden', message: `not allowed to watch ${scope}` } };
  return { scope, period: parsed.data.period };
}

/** Joins the socket to a checked subscription's rooms, then answers with the snapshot (here, or the ingest node's). */
function subscribe(
  deps: HubDeps,
  socket: IoSocket,
  req: unknown,
  reply: (r: SubscribeAck) => void,
  local: (s: ScopeKey, p: Period) => LiveSnapshot,
) {
  const checked = checkSubscription(deps, socket, req);
  if ('error' in checked) return reply({ ok: false, error: checked.error });
  const { scope, period } = checked;
  const names = deps.namesVisible ? deps.namesVisible(socket, scope) : true;
  void socket.join([metricsRoom(scope, period), names ? alertRoom(scope) : anonymousAlertRoom(scope)]);
  if (!deps.remoteSnapshot) return reply({ ok: true, ...local(scope, period) });
  // Deltas may reach the socket before this answer: the client keeps them and applies those after seq.
  deps.remoteSnapshot(scope, period).then(
    (s) => reply({ ok: true, ...s }),
    () => reply({ ok: false, error: { code: 'unavailable', message: 'the ingest node did not answer; try again' } }),
  );
}

/** The periods whose window moved since the last call (a new day, week, …), remembered in `lastWindowFrom`. */
function rolledPeriods(metrics: MetricsSource, lastWindowFrom: Map<Period, number>): Set<Period> {
  const rolled = new Set<Period>();
  for (const p of PERIODS) {
    const from = metrics.window(p).from;
    if (from !== lastWindowFrom.get(p)) {
      rolled.add(p);
      lastWindowFrom.set(p, from);
    }
  }
  return rolled;
}

/** Puts the index changes of these scopes in the message; none when no figure changed. */
function addIndexChanges(msg: MetricsUpdated, indexOf: (s: ScopeKey) => IndexFigureChanges[string] | null, scopes: ScopeKey[]): void {
  for (const s of scopes) {
    const d = indexOf(s);
    if (d !== null) (msg.index ??= {})[s] = d;
  }
}

function memoizedMetrics(metrics: MetricsSource): (s: ScopeKey, p: Period) => ScopeMetrics {
  const cache = new Map<string, ScopeMetrics>();
  return (s, p) => {
    const k = `${s}|${p}`;
    let m = cache.get(k);
    if (!m) {
      m = metrics.metrics(s, p);
      cache.set(k, m);
    }
    return m;
  };
}

/**
 * Per flush, per scope, the current periods whose index figure differs from the last one published,
 * computed once per scope per flush and only for scopes some room asks about.
 */
const indexDiffer = (figureOf: NonNullable<HubDeps['indexFigure']>) => {
  const last = new Map<string, IndexFigure>();
  return () => indexDiffs(figureOf, last);
};

function indexDiffs(figureOf: NonNullable<HubDeps['indexFigure']>, last: Map<string, IndexFigure>) {
  const diffs = new Map<ScopeKey, IndexFigureChanges[string] | null>();
  return (scope: ScopeKey) => {
    let d = diffs.get(scope);
    if (d !== undefined) return d;
    d = null;
    for (const kind of INDEX_KINDS) {
      const key = `${scope}|${kind}`;
      const figure = figureOf(scope, kind);
      const before = last.get(key);
      if (before !== undefined && sameFigure(before, figure)) continue;
      last.set(key, figure);
      (d ??= {})[kind] = figure;
    }
    diffs.set(scope, d);
    return d;
  };
}

/** A room at seq 0, holding the metrics a first subscriber gets. */
function openRoom(scope: ScopeKey, now: ScopeSnapshot, asOf: string): Room {
  const sent = new Map(Object.entries(now.metrics) as [ScopeKey, ScopeMetrics][]);
  return { scope, period: now.period, seq: 0, subscribedAt: 0, sent, window: now.window, asOf };
}

/**
 * The room's next message: each scope's fields changed against what the room sent (whole when its window
 * rolled), and the index figures that changed; null when neither. Moves the room to that message.
 */
function roomMessage(
  room: Room,
  scopes: ScopeKey[],
  f: {
    roll: boolean;
    asOf: string;
    metricsOf: (s: ScopeKey, p: Period) => ScopeMetrics;
    indexOf: ReturnType<ReturnType<typeof indexDiffer>> | null;
  },
): MetricsUpdated | null {
  const changes: MetricsUpdated['changes'] = {};
  let moved = f.roll;
  for (const s of scopes) {
    const m = f.metricsOf(s, room.period);
    const fields = f.roll ? m : changedMetrics(room.sent.get(s), m);
    if (fields === null) continue;
    changes[s] = fields;
    room.sent.set(s, m);
    moved = true;
  }
  const msg: MetricsUpdated = { scope: room.scope, period: room.period, seq: room.seq + 1, asOf: f.asOf, changes };
  if (f.indexOf) addIndexChanges(msg, f.indexOf, scopes);
  if (!moved && msg.index === undefined) return null;
  room.seq = msg.seq;
  room.asOf = f.asOf;
  return msg;
}

/**
 * The live hub: snapshot on subscribe, then coalesced sequenced deltas per (scope, period) room on each
 * `flush`, overdue alerts on `publishAlert`, and the clock on connect and on each `tick`. It runs no
 * timer: the live scheduler (server/scheduler.ts) calls flush every DELTA_FLUSH_MS and tick every
 * CLOCK_TICK_MS.
 */
export function createHub(deps: HubDeps) {
  const { io } = deps;
  const rooms = new Map<string, Room>();
  const lastWindowFrom = new Map<Period, number>();
  const indexFlush = deps.indexFigure ? indexDiffer(deps.indexFigure.bind(deps)) : null;
  for (const p of PERIODS) lastWindowFrom.set(p, deps.metrics.window(p).from);

  io.on('connection', (socket) => {
    // A new screen learns the server time and freshness at once, not after the next tick.
    socket.emit(EVENTS.clockTicked, deps.clockTicked());
    socket.on(EVENTS.scopeSubscribe, (req, ack) => subscribe(deps, socket, req, typeof ack === 'function' ? ack : () => {}, liveSnapshot));
    socket.on(EVENTS.scopeUnsubscribe, (req) => {
      const parsed = subscribeSchema.safeParse(req);
      if (!parsed.success) return;
      void socket.leave(metricsRoom(parsed.data.scope as ScopeKey, parsed.data.period));
    });
  });

  /**
   * The room's metrics as of its seq, read in the same tick as the join: the next delta is exactly seq + 1
   * and carries what changed since. A new room starts from the metrics now.
   */
  function liveSnapshot(scope: ScopeKey, period: Period): LiveSnapshot {
    const name = metricsRoom(scope, period);
    let room = rooms.get(name);
    if (room === undefined) rooms.set(name, (room = openRoom(scope, snapshot(scope, period), toVnIso(deps.now()))));
    room.subscribedAt = performance.now();
    return { seq: room.seq, asOf: room.asOf, snapshot: { period, window: room.window, metrics: Object.fromEntries(room.sent) } };
  }

  /**
   * Drops the rooms no socket of any node is in (`live`: the room names of every node's sockets, asked
   * at performance.now() `since`); a room subscribed to after that is kept (its socket joined meanwhile).
   */
  function sweepRooms(live: ReadonlySet<string>, since: number): void {
    for (const [name, room] of rooms) if (!live.has(name) && room.subscribedAt < since) rooms.delete(name);
  }

  function covered(scope: ScopeKey): ScopeKey[] {
    return scope === 'city' ? deps.metrics.scopes() : [scope];
  }

  function windowIso(period: Period) {
    const w = deps.metrics.window(period);
    return { from: toVnIso(w.from), to: toVnIso(w.to) };
  }

  function snapshot(scope: ScopeKey, period: Period): ScopeSnapshot {
    const metrics: ScopeSnapshot['metrics'] = {};
    for (const s of covered(scope)) metrics[s] = deps.metrics.metrics(s, period);
    return { period, window: windowIso(period), metrics };
  }

  /**
   * Sends each room the fields of the metrics that changed since its last message (every scope whole
   * when its window rolled), and the index figures that changed; nothing when neither did.
   */
  function flush(): void {
    const changed = deps.metrics.drainChanged();
    const rolled = rolledPeriods(deps.metrics, lastWindowFrom);
    if (!changed.size && !rolled.size) return;
    const asOf = toVnIso(deps.now());
    // Rooms of the city and of a unit share their scopes' metrics: each computed once per flush.
    const metricsOf = memoizedMetrics(deps.metrics);
    const indexOf = indexFlush?.() ?? null;
    for (const [name, room] of rooms) {
      if (!deps.clusterRooms && !io.sockets.adapter.rooms.get(name)?.size) {
        rooms.delete(name);
        continue;
      }
      const roll = rolled.has(room.period);
      const scopes = roll ? covered(room.scope) : covered(room.scope).filter((s) => changed.has(s));
      if (!scopes.length) continue;
      const msg = roomMessage(room, scopes, { roll, asOf, metricsOf, indexOf });
      if (msg === null) continue;
      if (roll) msg.window = room.window = windowIso(room.period);
      io.to(name).emit(EVENTS.metricsUpdated, msg);
    }
  }

  function publishAlert(alert: AlertRaised, scope?: ScopeKey): void {
    // Alerts name a unit or department code; both rooms may exist.
    const scopes: ScopeKey[] = ['city', ...(scope ? [scope] : [`unit:${alert.unit}` as const, `department:${alert.unit}` as const])];
    io.to(scopes.map(alertRoom)).emit(EVENTS.alertRaised, alert);
    io.to(scopes.map(anonymousAlertRoom)).emit(EVENTS.alertRaised, { ...alert, holderName: null });
  }

  /** The clock to every socket; volatile: only the latest tick matters. */
  function tick(): void {
    io.volatile.emit(EVENTS.clockTicked, deps.clockTicked());
  }

  return {
    flush,
    tick,
    publishAlert,
    /** A history load's start, end or catch-up, to every socket (not volatile: the banner must go away). */
    publishHistoryLoad: (state: HistoryLoadState | null) => void io.emit(EVENTS.historyLoadChanged, state),
    liveSnapshot,
    sweepRooms,
    roomCount: () => rooms.size,
  };
}

export type Hub = ReturnType<typeof createHub>;
