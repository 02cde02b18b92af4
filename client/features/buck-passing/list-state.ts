/**
 * The buck-passing list's view in the URL (`?rule=bounce&sort=lost&page=2&official=…`; on the unit
 * page with a `bp` prefix: `bpRule`, `bpSort`, `bpPage`), so a copied link opens the same list.
 * Pure read/write on URLSearchParams; other keys (period, lang…) are kept.
 */
import type { BuckPassingRule, BuckPassingSort } from '../../../shared/contract/buck-passing';

/** The contract's rules and sorts, restated: the client imports the contract's types only. */
export const RULES = ['bounce', 'sent_back', 'pass_around', 'cross_unit'] as const satisfies readonly BuckPassingRule[];
export const SORTS = ['recent', 'lost'] as const satisfies readonly BuckPassingSort[];
// Compile-time checks that the lists above cover the contract's.
const _rules: Exclude<BuckPassingRule, (typeof RULES)[number]> extends never ? true : false = true;
const _sorts: Exclude<BuckPassingSort, (typeof SORTS)[number]> extends never ? true : false = true;
void _rules;
void _sorts;

export interface ListState {
  rule: BuckPassingRule | null;
  sort: BuckPassingSort;
  page: number;
  /** Only one official's cases (handler id), e.g. from the officials page. */
  official: string | null;
}

export function listKeys(prefix: string): Record<keyof ListState, string> {
  const k = (name: string) => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name);
  return { rule: k('rule'), sort: k('sort'), page: k('page'), official: k('official') };
}

export function readListState(params: URLSearchParams, prefix = ''): ListState {
  const k = listKeys(prefix);
  const rule = params.get(k.rule);
  const sort = params.get(k.sort);
  const page = Number.parseInt(params.get(k.page) ?? '', 10);
  const official = params.get(k.official);
  return {
    rule: (RULES as readonly string[]).includes(rule ?? '') ? (rule as BuckPassingRule) : null,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as BuckPassingSort) : 'recent',
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    official: official ? official : null,
  };
}

/** New params with the list's view changed; a new rule, sort or official goes back to page 1; defaults leave the URL. */
export function writeListState(params: URLSearchParams, prefix: string, patch: Partial<ListState>): URLSearchParams {
  const next = new URLSearchParams(params);
  const k = listKeys(prefix);
  const put = (key: string, value: string | null) => (value === null ? next.delete(key) : next.set(key, value));
  if (patch.rule !== undefined) put(k.rule, patch.rule);
  if (patch.sort !== undefined) put(k.sort, patch.sort === 'recent' ? null : patch.sort);
  if (patch.official !== undefined) put(k.official, patch.official);
  const page = patch.page ?? (patch.rule !== undefined || patch.sort !== undefined || patch.official !== undefined ? 1 : undefined);
  if (page !== undefined) put(k.page, page <= 1 ? null : String(page));
  return next;
}
