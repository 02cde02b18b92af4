/** The early-warning lists of a scope (GET /city/at-risk, /units/:code/at-risk, …/at-risk/tasks). */
import type { AtRiskDossierList, AtRiskTaskList, WarningStatus } from '../../../shared/contract/early-warning';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { apiUrl, getJson } from '../../api';

const enc = encodeURIComponent;

/** The list's path prefix of a scope: `/city`, `/units/<code>` or `/departments/<code>`. */
export function scopePath(scope: ScopeKey): string {
  if (scope === 'city') return '/city';
  const i = scope.indexOf(':');
  return `/${scope.slice(0, i) === 'department' ? 'departments' : 'units'}/${enc(scope.slice(i + 1))}`;
}

/** The at-risk scope of a unit page's code (`city` for the city's page). */
export function scopeOfCode(code: string, department: boolean): ScopeKey {
  if (code === 'city') return 'city';
  return department ? `department:${code}` : `unit:${code}`;
}

export interface AtRiskQuery {
  page?: number;
  pageSize?: number;
  /** Only dossiers held now by this official (handler id). */
  official?: string | null;
  statuses?: readonly WarningStatus[];
}

export function atRiskDossiersUrl(scope: ScopeKey, q: AtRiskQuery = {}): string {
  return apiUrl(`${scopePath(scope)}/at-risk`, {
    page: q.page,
    pageSize: q.pageSize,
    official: q.official ?? undefined,
    status: q.statuses?.join(','),
  });
}

export function fetchAtRiskDossiers(scope: ScopeKey, q: AtRiskQuery, signal?: AbortSignal): Promise<AtRiskDossierList> {
  return getJson(atRiskDossiersUrl(scope, q), { signal });
}

export function fetchAtRiskTasks(scope: ScopeKey, q: AtRiskQuery, signal?: AbortSignal): Promise<AtRiskTaskList> {
  return getJson(apiUrl(`${scopePath(scope)}/at-risk/tasks`, { page: q.page, pageSize: q.pageSize, status: q.statuses?.join(',') }), {
    signal,
  });
}
