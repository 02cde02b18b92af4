import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Period } from '../../../shared/contract/metrics';
import { useFormat, useLang } from '../../i18n';
import { metricValue } from '../../lib/metrics';
import { useViewParams } from '../../lib/url-state';
import type { UnitRow } from './unit-rows';
import { compareVi } from '../../lib/collate';

const COLUMNS = [
  'unit',
  'type',
  'received',
  'inProgress',
  'overdue',
  'dueSoon',
  'overduePer1000',
  'onTimeRate',
  'buckPassingPer1000',
  'dataTrust',
] as const;
/** Shown while replaying as corrected: each unit's correction since (replay/correction.ts). */
const CORRECTION = 'correction';
type Column = (typeof COLUMNS)[number] | typeof CORRECTION;
type Dir = 'asc' | 'desc';

function isColumn(v: string | null): v is Column {
  return v != null && (v === CORRECTION || (COLUMNS as readonly string[]).includes(v));
}

function sortValue(r: UnitRow, c: Column, corrections?: ReadonlyMap<string, number>): number | string | null {
  const m = r.metrics;
  switch (c) {
    case CORRECTION:
      return corrections?.get(r.code) ?? null;
    case 'unit':
      return r.name;
    case 'type':
      return r.type;
    case 'received':
      return m?.received ?? null;
    case 'inProgress':
      return m?.inProgress ?? null;
    case 'overdue':
      return m?.overdue ?? null;
    case 'dueSoon':
      return m?.dueSoon ?? null;
    case 'overduePer1000':
      return metricValue(m, 'overduePer1000');
    case 'onTimeRate':
      return m?.onTimeRate ?? null;
    case 'buckPassingPer1000':
      return metricValue(m, 'buckPassingPer1000');
    case 'dataTrust':
      return metricValue(m, 'dataTrust');
  }
}

/** Sorts rows by a column; missing values always last, ties by name. */
export function sortRows(rows: readonly UnitRow[], c: Column, dir: Dir, corrections?: ReadonlyMap<string, number>): UnitRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, c, corrections);
    const vb = sortValue(b, c, corrections);
    if (va == null && vb == null) return compareVi(a.name, b.name);
    if (va == null) return 1;
    if (vb == null) return -1;
    const d = typeof va === 'string' ? compareVi(va, String(vb)) : va - (vb as number);
    return d !== 0 ? sign * d : compareVi(a.name, b.name);
  });
}

interface UnitTableProps {
  rows: readonly UnitRow[];
  period: Period;
  /** Overdue dossiers as corrected minus as received, by unit (a replay shown as corrected): a column of its own. */
  corrections?: ReadonlyMap<string, number>;
}

/**
 * The map's information as a table, sortable by any column (sort kept in the URL:
 * `sort=<column>&dir=asc|desc`). Default: the chosen metric, worst first.
 */
export function UnitTable({ rows, period, corrections }: UnitTableProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const { metric, searchParams, set, linkTo } = useViewParams();

  const defaultCol: Column = metric;
  const defaultDir: Dir = metric === 'onTimeRate' || metric === 'dataTrust' ? 'asc' : 'desc';
  const sortParam = searchParams.get('sort');
  const columns: readonly Column[] = corrections ? [...COLUMNS, CORRECTION] : COLUMNS;
  const col: Column = isColumn(sortParam) && columns.includes(sortParam) ? sortParam : defaultCol;
  const dir: Dir = searchParams.get('dir') === 'asc' ? 'asc' : searchParams.get('dir') === 'desc' ? 'desc' : defaultDir;
  const sorted = useMemo(() => sortRows(rows, col, dir, corrections), [rows, col, dir, corrections]);

  const toggle = (c: Column): void => {
    const firstDir: Dir = c === 'unit' || c === 'type' || c === 'onTimeRate' || c === 'dataTrust' ? 'asc' : 'desc';
    const nextDir: Dir = c === col ? (dir === 'asc' ? 'desc' : 'asc') : firstDir;
    set({ sort: c, dir: nextDir });
  };

  const numeric = (c: Column): boolean => c !== 'unit' && c !== 'type';

  return (
    <div className="table-wrap" data-testid="unit-table">
      <table className="data-table">
        <caption>{t('table.caption', { count: rows.length, period: tc(`period.${period}`) })}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c}
                scope="col"
                aria-sort={c === col ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                className={numeric(c) ? 'num' : undefined}
              >
                <button type="button" className="th-sort" onClick={() => toggle(c)} title={t('table.sortBy', { column: t(`table.${c}`) })}>
                  {t(`table.${c}`)}
                  <span className="th-sort__icon" aria-hidden="true">
                    {c === col ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.code} data-level={r.level}>
              <th scope="row">
                <Link to={linkTo(`/units/${encodeURIComponent(r.code)}`)}>{lang === 'en' ? r.nameEn || r.name : r.name}</Link>
              </th>
              <td>{r.type === 'department' ? tc('unitType.department') : tc(`unitType.${r.type}`)}</td>
              <td className="num">{f.count(r.metrics?.received)}</td>
              <td className="num">{f.count(r.metrics?.inProgress)}</td>
              <td className="num">{f.count(r.metrics?.overdue)}</td>
              <td className="num">{f.count(r.metrics?.dueSoon)}</td>
              <td className="num">{f.fixed(metricValue(r.metrics, 'overduePer1000'))}</td>
              <td className="num">
                <span className={`level-dot level-dot--${r.level}`} aria-hidden="true" />
                {f.percent(r.metrics?.onTimeRate ?? null)}
              </td>
              <td className="num">{f.fixed(metricValue(r.metrics, 'buckPassingPer1000'))}</td>
              <td className="num">{f.fixed(metricValue(r.metrics, 'dataTrust'))}</td>
              {corrections && (
                <td className="num" data-testid={`correction-${r.code}`} title={t('table.correctionHint')}>
                  {f.signed(corrections.get(r.code) ?? null, 0)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
