/**
 * The officials pages' state in the URL (`/officials?unit=26740&field=Hộ tịch&q=nguyen&sort=beyondHours&dir=desc`,
 * `/officials/:id?steps=beyond#steps`), the API URLs built from it, and where each number drills to.
 * Pure: URLSearchParams in, strings out.
 */
import { OFFICIAL_LIST_SORT_KEYS } from '../../../shared/contract/officials';
import type { Period, ScopeKey } from '../../../shared/contract/metrics';
import { apiUrl } from '../../api';
import type { SortState } from '../unit/sorting';
import type { TableView } from '../unit/url-view';

/** The list's filters: the officials' own unit or department, the dossiers' field, a name search. */
export interface OfficialFilters {
  unit: string | null;
  department: string | null;
  field: string | null;
  q: string;
}

export const OFFICIAL_FILTER_KEYS = ['unit', 'department', 'field', 'q'] as const;
export type OfficialFilterKey = (typeof OFFICIAL_FILTER_KEYS)[number];

/** The list's columns the server sorts by: the contract's one list. */
export const OFFICIAL_SORT_KEYS = OFFICIAL_LIST_SORT_KEYS;

/** Worst first: the most overdue dossiers held now. */
export const OFFICIAL_DEFAULT_SORT: SortState = { key: 'overdueHeldNow', dir: 'desc' };
export const OFFICIALS_PAGE_SIZE = 50;

const nonEmpty = (v: string | null): string | null => (v && v.trim() ? v.trim() : null);

export function readOfficialFilters(params: URLSearchParams): OfficialFilters {
  const unit = nonEmpty(params.get('unit'));
  return {
    unit,
    // One scope at a time: a unit wins over a department.
    department: unit ? null : nonEmpty(params.get('department')),
    field: nonEmpty(params.get('field')),
    q: params.get('q') ?? '',
  };
}

/**
 * New params with one filter changed (empty removes it) and the list back on page 1; choosing a unit
 * clears the department and the other way round.
 */
export function writeOfficialFilter(params: URLSearchParams, key: OfficialFilterKey, value: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  const v = value?.trim() ?? '';
  if (v) next.set(key, key === 'q' ? (value ?? '') : v);
  else next.delete(key);
  if (v && key === 'unit') next.delete('department');
  if (v && key === 'department') next.delete('unit');
  next.delete('page');
  return next;
}

/** GET /api/v1/officials for the list's period, filters, sort and page. */
export function officialsApiUrl(period: Period, f: OfficialFilters, view: TableView, pageSize = OFFICIALS_PAGE_SIZE): string {
  return apiUrl('/officials', {
    period,
    unit: f.unit ?? undefined,
    department: f.department ?? undefined,
    field: f.field ?? undefined,
    q: f.q.trim() || undefined,
    sort: view.key ?? undefined,
    dir: view.key ? view.dir : undefined,
    page: view.page > 1 ? view.page : undefined,
    pageSize,
  });
}

/** GET /api/v1/officials/:id?period= */
export function officialApiUrl(id: string, period: Period): string {
  return apiUrl(`/officials/${encodeURIComponent(id)}`, { period });
}

/** The official's page (path only; the caller adds the shared view parameters). */
export function officialPath(id: string): string {
  return `/officials/${encodeURIComponent(id)}`;
}

/**
 * The overdue dossier list narrowed to what one official holds now, for a city-wide user (the city's
 * list holds every unit's dossiers). Null for a user bound to a unit or department: their own list
 * would miss the other units' dossiers their staff hold (inter-level steps), so the official's page
 * lists them instead.
 */
export function heldOverdueLink(
  home: ScopeKey | null,
  holder: { id: string; name: string },
): { path: string; extra: Record<string, string> } | null {
  if (home !== 'city') return null;
  // The name only labels the filter on the list page.
  return { path: '/units/city', extra: { tab: 'overdue', holder: holder.id, holderName: holder.name } };
}

/**
 * The buck-passing list narrowed to one official's cases: its total is the officials list's figure.
 * The page lists the city's cases for a city-wide user and the user's own unit's or department's
 * otherwise (BuckPassingPage): an official of theirs is a party to each of their cases there.
 */
export function buckPassingLink(id: string): { path: string; extra: Record<string, string> } {
  return { path: '/buck-passing', extra: { official: id } };
}

/** The list code (`city`, a unit's or department's code) of a user's home scope. */
export function homeCode(home: ScopeKey | null): string {
  return home && home !== 'city' ? home.slice(home.indexOf(':') + 1) : 'city';
}

/** Which of the period's steps the official's page lists (`inCase`: within a buck-passing case's cycle). */
export const STEP_FILTERS = ['all', 'beyond', 'done', 'inCase'] as const;
export type StepFilter = (typeof STEP_FILTERS)[number];

export function readStepFilter(params: URLSearchParams): StepFilter {
  const v = params.get('steps');
  return (STEP_FILTERS as readonly string[]).includes(v ?? '') ? (v as StepFilter) : 'all';
}
