/** The data-trust page's view in the URL: `?unit=<code>&kind=unit|department&rule=&status=&page=`. */
import { DATA_TRUST_RULES, DATA_TRUST_STATUSES, type DataTrustRule, type DataTrustStatus } from '../../../shared/contract/data-trust';
import { CITY_CODE } from '../../api';

export interface TrustView {
  /** A unit's or department's code, or `city`. */
  code: string;
  kind: 'unit' | 'department';
  rule: DataTrustRule | null;
  status: DataTrustStatus | null;
  page: number;
}

export function readTrustView(p: URLSearchParams): TrustView {
  const rule = p.get('rule');
  const status = p.get('status');
  const page = Number(p.get('page'));
  return {
    code: p.get('unit') || CITY_CODE,
    kind: p.get('kind') === 'department' ? 'department' : 'unit',
    rule: (DATA_TRUST_RULES as readonly string[]).includes(rule ?? '') ? (rule as DataTrustRule) : null,
    status: (DATA_TRUST_STATUSES as readonly string[]).includes(status ?? '') ? (status as DataTrustStatus) : null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The params with the view changed (a new filter or unit goes back to page 1). */
export function writeTrustView(prev: URLSearchParams, patch: Partial<TrustView>): URLSearchParams {
  const next = new URLSearchParams(prev);
  const v = { ...readTrustView(prev), page: 1, ...patch };
  const set = (k: string, value: string | null) => (value === null ? next.delete(k) : next.set(k, value));
  set('unit', v.code === CITY_CODE ? null : v.code);
  set('kind', v.code === CITY_CODE || v.kind === 'unit' ? null : v.kind);
  set('rule', v.rule);
  set('status', v.status);
  set('page', v.page > 1 ? String(v.page) : null);
  return next;
}
