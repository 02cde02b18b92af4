/**
 * The audit tab's filter and page kept in the URL (`/admin/audit?action=&actor=&from=&to=&page=`), so
 * a link or a reload opens the same rows; other parameters (the language, the period) are kept.
 */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditFilterValues } from './api';

const KEYS = ['action', 'actor', 'from', 'to'] as const;

export function useAuditUrl(): { filter: AuditFilterValues; page: number; show: (f: AuditFilterValues, page: number) => void } {
  const [params, setParams] = useSearchParams();
  const [action, actor, from, to] = KEYS.map((k) => params.get(k) ?? '');
  const filter = useMemo(() => ({ action, actor, from, to }), [action, actor, from, to]);
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const show = (f: AuditFilterValues, p: number) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const k of KEYS) {
        if (f[k]) next.set(k, f[k]);
        else next.delete(k);
      }
      if (p > 1) next.set('page', String(p));
      else next.delete('page');
      return next;
    });
  return { filter, page, show };
}
