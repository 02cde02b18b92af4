import type { ReplayInfo } from '../../shared/contract/replay';
/**
 * Typed wrappers of every read endpoint under /api/v1. Each takes an optional AbortSignal and
 * throws ApiError on failure.
 */
import type {
  BoundariesResponse,
  DossierDetailResponse,
  DossierListItem,
  DossierListStatus,
  HealthResponse,
  JurisdictionResponse,
  OverviewResponse,
  Page,
  RecentAlertsResponse,
  TaskDetailResponse,
  TaskListItem,
  TaskListStatus,
  UnitDetailResponse,
} from '../../shared/contract/api';
import type { Period, ScopeKey } from '../../shared/contract/metrics';
import { apiUrl, getJson } from './client';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListQuery<S extends string> {
  status?: S | null;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** Pseudo unit code the API accepts for the whole city's detail (trend, by field, histogram). */
export const CITY_CODE = 'city';

const enc = encodeURIComponent;

/** GET /api/v1/jurisdiction: units and departments. */
export function fetchJurisdiction(o: CallOptions = {}): Promise<JurisdictionResponse> {
  return getJson(apiUrl('/jurisdiction'), o);
}

/** GET /api/v1/jurisdiction/boundaries: GeoJSON; `schematic` when generated, not official. */
export function fetchBoundaries(o: CallOptions = {}): Promise<BoundariesResponse> {
  return getJson(apiUrl('/jurisdiction/boundaries'), o);
}

/** GET /api/v1/jurisdiction/province-boundaries: a national pack's province cells (the country level's map). */
export function fetchProvinceBoundaries(o: CallOptions = {}): Promise<BoundariesResponse> {
  return getJson(apiUrl('/jurisdiction/province-boundaries'), o);
}

/** GET /api/v1/overview?period=: the city, every unit and department, the previous period; with `replay`, as they stood at `at` (issue 16). */
export function fetchOverview(
  period: Period,
  o: CallOptions = {},
  replay?: { at: string; asOf: 'received' | 'corrected' },
  /** National pack: the province drilled into (its communes); absent: the top level. */
  province?: string | null,
): Promise<OverviewResponse & { replay?: ReplayInfo }> {
  const level = province ? { province } : {};
  return getJson(apiUrl('/overview', replay ? { period, at: replay.at, asOf: replay.asOf, ...level } : { period, ...level }), o);
}

/** GET /api/v1/units/:code?period=: a unit's, a department's, or (`city`) the city's detail. */
export function fetchUnitDetail(
  code: string,
  period: Period,
  o: CallOptions & { officials?: boolean; replay?: { at: string; asOf: 'received' | 'corrected' } } = {},
): Promise<UnitDetailResponse & { replay?: ReplayInfo }> {
  // officials=0 skips the per-official scorecards (the overview's charts do not show them).
  const q = o.officials === false ? { period, officials: '0' } : { period };
  // With `replay`: the figures as they stood at `at` (issue 16), the tables left empty.
  return getJson(apiUrl(`/units/${enc(code)}`, o.replay ? { ...q, at: o.replay.at, asOf: o.replay.asOf } : q), o);
}

/** GET /api/v1/units/:code/dossiers?status=&page=&pageSize= */
export function fetchUnitDossiers(code: string, q: ListQuery<DossierListStatus> = {}, o: CallOptions = {}): Promise<Page<DossierListItem>> {
  return getJson(apiUrl(`/units/${enc(code)}/dossiers`, { status: q.status, page: q.page, pageSize: q.pageSize }), o);
}

/** GET /api/v1/units/:code/tasks?status=&page=&pageSize= */
export function fetchUnitTasks(code: string, q: ListQuery<TaskListStatus> = {}, o: CallOptions = {}): Promise<Page<TaskListItem>> {
  return getJson(apiUrl(`/units/${enc(code)}/tasks`, { status: q.status, page: q.page, pageSize: q.pageSize }), o);
}

/** GET /api/v1/dossiers/:id: one dossier with holds and timeline. */
export function fetchDossier(
  id: string,
  o: CallOptions = {},
  /** A past moment (issue 16): the answer then carries `stateAt`. */
  replay?: { at: string; asOf: 'received' | 'corrected' },
): Promise<DossierDetailResponse> {
  return getJson(apiUrl(`/dossiers/${enc(id)}`, replay ? { at: replay.at, asOf: replay.asOf } : {}), o);
}

/** GET /api/v1/tasks/:id: one task with timeline. */
export function fetchTask(id: string, o: CallOptions = {}): Promise<TaskDetailResponse> {
  return getJson(apiUrl(`/tasks/${enc(id)}`), o);
}

/** GET /api/v1/health: database and per-source freshness. */
export function fetchHealth(o: CallOptions = {}): Promise<HealthResponse> {
  return getJson(apiUrl('/health'), o);
}

/**
 * The scope's most recently overdue dossiers and tasks (latest due date passed first): what the feed shows
 * at start and after a reconnect, before new `alert:raised` arrive.
 */
export async function fetchRecentOverdue(
  scope: ScopeKey,
  count: number,
  signal?: AbortSignal,
  /** Which lists to ask for (a role may read dossiers but not tasks). */
  lists: { dossiers: boolean; tasks: boolean } = { dossiers: true, tasks: true },
): Promise<{ dossiers: DossierListItem[]; tasks: TaskListItem[] }> {
  const code = scope === 'city' ? 'city' : scope.slice(scope.indexOf(':') + 1);
  const q = { sort: 'dueAt', dir: 'desc', pageSize: count };
  const [d, t] = await Promise.all([
    lists.dossiers
      ? getJson<Page<DossierListItem>>(apiUrl(`/units/${encodeURIComponent(code)}/dossiers`, { ...q, status: 'overdue', pastDue: 1 }), {
          signal,
        })
      : null,
    lists.tasks
      ? getJson<Page<TaskListItem>>(apiUrl(`/units/${encodeURIComponent(code)}/tasks`, { ...q, status: 'open_overdue' }), { signal })
      : null,
  ]);
  return { dossiers: d?.items ?? [], tasks: t?.items ?? [] };
}

/**
 * GET /api/v1/alerts/recent: what most recently became overdue in a scope, in the live alerts'
 * shape (officials' names only for those who may see them), and the counts of the last hour and today.
 */
export function fetchRecentAlerts(scope: ScopeKey, limit: number, signal?: AbortSignal): Promise<RecentAlertsResponse> {
  const code = scope === 'city' ? CITY_CODE : scope.slice(scope.indexOf(':') + 1);
  return getJson(apiUrl('/alerts/recent', { code, limit }), { signal });
}
