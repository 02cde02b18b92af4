/**
 * URLs and paging helpers of the unit page's lists. The shared client (client/api) does the HTTP;
 * these add the list's sort (`sort`, `dir`), which its wrappers do not pass yet.
 */
import type { DossierListStatus, Page, TaskListStatus } from '../../../shared/contract/api';
import { apiUrl, getJson } from '../../api';
import type { SortDir } from './sorting';

/** Rows a CSV export fetches at most, whatever the list's size (keeps the browser responsive). */
export const EXPORT_MAX_ROWS = 10_000;
/** Page size asked for while fetching every page for an export (the server may clamp it). */
export const EXPORT_PAGE_SIZE = 500;

export interface ListQuery {
  /** 1-based. */
  page: number;
  pageSize: number;
  sort?: string | null;
  dir?: SortDir;
}

const enc = encodeURIComponent;

function listQuery(status: string, q: ListQuery): Record<string, string | number | undefined> {
  return {
    status,
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort ?? undefined,
    dir: q.sort ? q.dir : undefined,
  };
}

/** GET /api/v1/units/:code/dossiers?status=&page=&pageSize=&sort=&dir=[&holder=] (`holder`: what one official holds now). */
export function unitDossiersUrl(code: string, status: DossierListStatus, q: ListQuery, holder?: string | null): string {
  return apiUrl(`/units/${enc(code)}/dossiers`, { ...listQuery(status, q), holder: holder ?? undefined });
}

/** GET /api/v1/units/:code/tasks?status=&page=&pageSize=&sort=&dir= */
export function unitTasksUrl(code: string, status: TaskListStatus, q: ListQuery): string {
  return apiUrl(`/units/${enc(code)}/tasks`, listQuery(status, q));
}

/** One page of a list. */
export function fetchPage<T>(url: string, signal?: AbortSignal): Promise<Page<T>> {
  return getJson<Page<T>>(url, { signal });
}

/**
 * Fetches every page of a server-paged list, up to `maxRows` rows. Follows the page size the server
 * answers with (it may clamp ours) and stops on an empty page.
 * @returns the rows, the list's total, and whether the rows were cut at the cap.
 */
export async function fetchAllPages<T>(
  urlForPage: (page: number, pageSize: number) => string,
  maxRows = EXPORT_MAX_ROWS,
  pageSize = EXPORT_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<{ items: T[]; total: number; truncated: boolean }> {
  const items: T[] = [];
  let total = 0;
  for (let page = 1; items.length < maxRows; page += 1) {
    const res = await fetchPage<T>(urlForPage(page, pageSize), signal);
    total = res.total;
    items.push(...res.items);
    if (res.items.length === 0 || items.length >= res.total) break;
  }
  return { items: items.slice(0, maxRows), total, truncated: total > maxRows };
}
