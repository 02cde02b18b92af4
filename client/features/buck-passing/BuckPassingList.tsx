/**
 * A buck-passing list (the city's, a unit's or a department's): the rule chips with their counts,
 * the order, the cases, the pager. Its view is in the URL (list-state.ts); the period is the page's.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BuckPassingListResponse, BuckPassingRule } from '../../../shared/contract/buck-passing';
import { useApi } from '../../api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { formatDate } from '../../lib/format';
import { LoadError } from '../unit/LoadError';
import { Pager } from '../unit/Pager';
import { pageCountOf } from '../unit/sorting';
import { buckPassingUrl, fetchBuckPassing } from './api';
import { CaseRow } from './CaseRow';
import { readListState, RULES, SORTS, writeListState, type ListState } from './list-state';
import './buck-passing.css';

export interface BuckPassingListProps {
  /** `city`, or a unit's or department's code. */
  code: string;
  /** Prefix of the list's URL keys (`bp` on the unit page, beside its other tables). */
  prefix?: string;
  /** Called with each answer (the page's explanation reads the pass-around settings from it). */
  onData?: (data: BuckPassingListResponse) => void;
  /** Only this official's cases, always (an official's page); else the URL's `official` filter, which can be cleared. */
  official?: string;
}

export function BuckPassingList({ code, prefix = '', onData, official }: BuckPassingListProps) {
  const { t } = useTranslation('buckPassing');
  const [params, setParams] = useSearchParams();
  const { period } = useViewParams();
  const fromUrl = readListState(params, prefix);
  const state = official === undefined ? fromUrl : { ...fromUrl, official };
  const url = buckPassingUrl(code, period, state);
  const res = useApi(
    (signal) =>
      fetchBuckPassing(url, signal).then((d) => {
        onData?.(d);
        return d;
      }),
    [url],
  );
  const change = useCallback(
    (patch: Partial<ListState>) => setParams((prev) => writeListState(prev, prefix, patch), { preventScrollReset: true }),
    [setParams, prefix],
  );
  const data = res.data;

  return (
    <div className="bp-list" data-testid={`bp-list-${code}`} aria-busy={res.loading || undefined}>
      {data && <ListToolbar data={data} state={state} onChange={change} />}
      {state.official && official === undefined && (
        <p className="bp-filter" data-testid="bp-official-filter">
          {t('officialFilter', { id: state.official })}{' '}
          <button type="button" className="bp-chip" onClick={() => change({ official: null })}>
            {t('clearFilter')}
          </button>
        </p>
      )}
      {res.error && <LoadError error={res.error} onRetry={res.reload} />}
      {data === null && res.loading && <p role="status">{t('loading')}</p>}
      {data && <CasesTable data={data} ruleFiltered={state.rule !== null} />}
      {data && (
        <Pager
          label={t('caption')}
          page={data.page}
          pageCount={pageCountOf(data.total, data.pageSize)}
          total={data.total}
          onPage={(page) => change({ page })}
        />
      )}
    </div>
  );
}

function ListToolbar({
  data,
  state,
  onChange,
}: {
  data: BuckPassingListResponse;
  state: ListState;
  onChange: (p: Partial<ListState>) => void;
}) {
  const { t } = useTranslation('buckPassing');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const all = data.byRule.reduce((a, r) => ({ cases: a.cases + r.cases, hours: a.hours + r.lostWorkingHours }), { cases: 0, hours: 0 });
  const chip = (rule: BuckPassingRule | null, label: string, cases: number, hours: number) => (
    <button
      key={rule ?? 'all'}
      type="button"
      className="bp-chip"
      aria-pressed={state.rule === rule}
      data-rule={rule ?? 'all'}
      title={t('totals', { cases: f.count(cases), hours: f.number(hours, 1) })}
      onClick={() => onChange({ rule })}
    >
      {label} <span className="bp-chip__n">{f.count(cases)}</span>
    </button>
  );
  return (
    <div className="bp-toolbar">
      <p className="bp-window muted">
        {t('windowNote', {
          period: tc(`period.${data.window.period}`),
          from: formatDate(data.window.from),
          // The window's end is exclusive: its last day is the day before.
          to: formatDate(Date.parse(data.window.to) - 1),
        })}{' '}
        <strong>{t('totals', { cases: f.count(all.cases), hours: f.number(all.hours, 1) })}</strong>
      </p>
      <div className="bp-chips" role="group" aria-label={t('filterLabel')}>
        {chip(null, t('all'), all.cases, all.hours)}
        {RULES.map((rule) => {
          const r = data.byRule.find((x) => x.rule === rule);
          return chip(rule, t(`rule.${rule}`), r?.cases ?? 0, r?.lostWorkingHours ?? 0);
        })}
      </div>
      <div className="bp-chips" role="group" aria-label={t('sortLabel')}>
        <span className="bp-chips__label">{t('sortLabel')}:</span>
        {SORTS.map((s) => (
          <button
            key={s}
            type="button"
            className="bp-chip"
            aria-pressed={state.sort === s}
            data-sort={s}
            onClick={() => onChange({ sort: s })}
          >
            {t(`sort.${s}`)}
          </button>
        ))}
      </div>
      {data.namesHidden && <p className="hint">{t('namesHidden')}</p>}
    </div>
  );
}

function CasesTable({ data, ruleFiltered }: { data: BuckPassingListResponse; ruleFiltered: boolean }) {
  const { t } = useTranslation('buckPassing');
  if (data.items.length === 0) return <p className="bp-empty">{ruleFiltered ? t('emptyRule') : t('empty')}</p>;
  return (
    <div className="bp-table-wrap" role="region" aria-label={t('caption')} tabIndex={0}>
      <table className="bp-table" data-testid="bp-table">
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.rule')}</th>
            <th scope="col">{t('col.officials')}</th>
            <th scope="col">{t('col.dossier')}</th>
            <th scope="col" className="bp-num" title={t('lostHint')}>
              {t('col.lost')}
            </th>
            <th scope="col">{t('col.when')}</th>
            <th scope="col">{t('col.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((c) => (
            <CaseRow key={c.id} c={c} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
