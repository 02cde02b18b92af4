/** A breakdown (by field or by procedure): client-sorted, client-paged, exportable. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakdownRow } from '../../../shared/contract/api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { BREAKDOWN_DEFAULT_SORT, BREAKDOWN_PAGE_SIZE, BREAKDOWN_SORT_KEYS } from './columns';
import { ExportButtons } from './ExportButtons';
import { DataTable } from './DataTable';
import type { Column } from './DataTable';
import { Pager } from './Pager';
import { paginate, sortRows } from './sorting';
import type { SortValue } from './sorting';
import { useTableView } from './use-table-view';

export interface BreakdownTableProps {
  kind: 'field' | 'procedure';
  code: string;
  rows: readonly BreakdownRow[];
}

type Key = (typeof BREAKDOWN_SORT_KEYS)[number];

function sortValue(row: BreakdownRow, key: string): SortValue {
  return row[key as Key];
}

export function BreakdownTable({ kind, code, rows }: BreakdownTableProps) {
  const { t } = useTranslation('unit');
  const { period } = useViewParams();
  const f = useFormat();
  const view = useTableView(kind, BREAKDOWN_SORT_KEYS, BREAKDOWN_DEFAULT_SORT);
  const title = t(kind === 'field' ? 'breakdown.byField' : 'breakdown.byProcedure');
  const labelKey = kind === 'field' ? 'breakdown.field' : 'breakdown.procedure';

  const sorted = useMemo(
    () => (view.key ? sortRows(rows, (r) => sortValue(r, view.key as string), view.dir) : [...rows]),
    [rows, view.key, view.dir],
  );
  const paged = paginate(sorted, view.page, BREAKDOWN_PAGE_SIZE);

  const columns = useMemo<Column<BreakdownRow>[]>(
    () => [
      { key: 'label', header: t(labelKey), cell: (r) => r.label },
      { key: 'received', header: t('breakdown.received'), numeric: true, cell: (r) => f.count(r.received) },
      { key: 'inProgress', header: t('breakdown.inProgress'), numeric: true, cell: (r) => f.count(r.inProgress) },
      {
        key: 'overdue',
        header: t('breakdown.overdue'),
        numeric: true,
        cell: (r) => (r.overdue > 0 ? <strong className="text-danger">{f.count(r.overdue)}</strong> : f.count(0)),
      },
      { key: 'finishedOnTime', header: t('breakdown.finishedOnTime'), numeric: true, cell: (r) => f.count(r.finishedOnTime) },
      { key: 'finishedLate', header: t('breakdown.finishedLate'), numeric: true, cell: (r) => f.count(r.finishedLate) },
      // Worst (lowest) on-time rate first on the first click.
      { key: 'onTimeRate', header: t('breakdown.onTimeRate'), numeric: true, firstDir: 'asc', cell: (r) => f.percent(r.onTimeRate) },
      {
        key: 'processingDaysMedian',
        header: t('breakdown.processingDaysMedian'),
        numeric: true,
        cell: (r) => f.fixed(r.processingDaysMedian),
      },
    ],
    [t, f, labelKey],
  );

  return (
    <section className="block" aria-labelledby={`breakdown-${kind}-title`}>
      <div className="block-head">
        <h2 id={`breakdown-${kind}-title`}>{title}</h2>
        <ExportButtons
          label={title}
          request={{ table: kind === 'field' ? 'by_field' : 'by_procedure', code, period, sort: view.key, dir: view.dir }}
        />
      </div>
      <DataTable
        caption={title}
        hideCaption
        columns={columns}
        rows={paged.items}
        rowKey={(r) => r.key}
        sort={view}
        onSort={view.onSort}
        empty={t('breakdown.empty')}
        testId={`unit-by-${kind}`}
      />
      <Pager label={title} page={paged.page} pageCount={paged.pageCount} total={paged.total} onPage={view.onPage} />
    </section>
  );
}
