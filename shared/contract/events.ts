/**
 * The one typed Socket.IO contract, shared by server and client. Names: `domain:verb` for what a
 * client asks, `domain:past-participle` for pushed facts. Imports nothing outside the contract.
 * (The server's per-socket data, which holds a principal, is server/realtime/events.ts's `SocketData`.)
 */
import type { Period, ScopeKey, ScopeMetrics } from './metrics.js';
import type { CalendarCoverage, SourceFreshness } from './api.js';
import type { ErrorCode } from './errors.js';
import type { RequestCreated, RequestUpdated } from './requests.js';
import type { IndexFigureChanges } from './live-index.js';
import type { HistoryLoadState } from './history-load.js';

export const EVENTS = {
  scopeSubscribe: 'scope:subscribe',
  scopeUnsubscribe: 'scope:unsubscribe',
  metricsUpdated: 'metrics:updated',
  alertRaised: 'alert:raised',
  clockTicked: 'clock:ticked',
  requestCreated: 'request:created',
  requestUpdated: 'request:updated',
  historyLoadChanged: 'history-load:changed',
} as const;

/** What a subscription asks for: `city`, `unit:<code>` or `department:<code>`, and a period. */
export interface SubscribeRequest {
  scope: ScopeKey;
  period: Period;
}

/** Metrics of every scope the subscription covers, keyed by ScopeKey (city: the city, every unit and department). */
export interface ScopeSnapshot {
  period: Period;
  window: { from: string; to: string };
  metrics: Partial<Record<ScopeKey, ScopeMetrics>>;
}

/** Why a subscription is refused: its arguments fail the schema, the scope is unknown, or not the asker's to watch. */
export type SubscribeErrorCode = Extract<ErrorCode, 'invalid' | 'forbidden' | 'not_found' | 'unavailable'>;

export type SubscribeAck =
  { ok: true; seq: number; asOf: string; snapshot: ScopeSnapshot } | { ok: false; error: { code: SubscribeErrorCode; message: string } };

/** Coalesced changes for one subscription (scope + period); `seq` increases by 1 per message. */
export interface MetricsUpdated {
  scope: ScopeKey;
  period: Period;
  seq: number;
  asOf: string;
  /**
   * Per scope that changed since the room's last message, the fields that changed (`tasks` whole when
   * any of its counters did): the subscriber merges them into what it holds. Every field of every covered
   * scope when the window rolled (then `window` is set).
   */
  changes: Partial<Record<ScopeKey, Partial<ScopeMetrics>>>;
  window?: { from: string; to: string };
  /**
   * The service index of the covered scopes for the current month, quarter and year (live-index.ts),
   * whatever the subscription's period: per scope, only the periods whose figure changed since the last
   * message of any room (the same figure as GET /api/v1/index's row). Absent when none changed; a
   * screen takes its starting figures from GET /api/v1/index.
   */
  index?: IndexFigureChanges;
}

/**
 * An item that just became overdue (`dossier`, `task`), or a dossier that just became at risk of being
 * late (`at_risk`: due soon and untouched for a while; the early warning's rule), pushed once per dossier
 * and due date.
 */
export interface AlertRaised {
  kind: 'dossier' | 'task' | 'at_risk';
  id: string;
  /** Unit or department code. */
  unit: string;
  unitName: string;
  /** Procedure name (dossier) or task title. */
  title: string;
  dueAt: string | null;
  /** When it became overdue (`at_risk`: when it became at risk). */
  at: string;
  /** The official holding it; always null for those who may see aggregates only (the public). */
  holderName: string | null;
}

export interface ClockTicked {
  now: string;
  /** Build version of the server; a display reloads when it changes. */
  build: string;
  /** Per source: last event, lag and state (live / late / silent). */
  sources: SourceFreshness[];
  /** Whether the working calendar covers this year and, from 1 October, the next. */
  calendar: CalendarCoverage;
  /** A history load running or still being projected, with its progress (null: none). */
  historyLoad: HistoryLoadState | null;
}

export interface ServerToClientEvents {
  'metrics:updated': (msg: MetricsUpdated) => void;
  'alert:raised': (msg: AlertRaised) => void;
  'clock:ticked': (msg: ClockTicked) => void;
  /**
   * Reminders and explanation requests (shared/contract/requests.ts), pushed without any subscription:
   * the server joins each socket at connection to the rooms its principal may read (its own unit's
   * requests, the ones its user sent, every unit's for city-wide readers).
   */
  'request:created': (msg: RequestCreated) => void;
  'request:updated': (msg: RequestUpdated) => void;
  /** A history load started, its batches stopped, or its events are all projected (null); to every socket. */
  'history-load:changed': (msg: HistoryLoadState | null) => void;
}

export interface ClientToServerEvents {
  'scope:subscribe': (req: SubscribeRequest, ack: (res: SubscribeAck) => void) => void;
  'scope:unsubscribe': (req: SubscribeRequest) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Socket.IO's generic slot: no events between servers (one process)
export interface InterServerEvents {}
