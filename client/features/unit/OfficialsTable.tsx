/**
 * "Theo cán bộ xử lý": the officials' scorecard, worst first by default, with badges that make slow
 * officials and buck-passers visible. Client-sorted, client-paged, exportable.
 */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfficialRow } from '../../../shared/contract/api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { BREAKDOWN_PAGE_SIZE, OFFICIAL_DEFAULT_SORT, OFFICIAL_SORT_KEYS } from './columns';
import { ExportButtons } from './ExportButtons';
import { DataTable } from './DataTable';
import type { Column } from './DataTable';
import { officialBadges, officialsWorstFirst } from './officials';
import type { OfficialBadge } from './officials';
import { Pager } from './Pager';
import { paginate, sortRows } from './sorting';
import type { SortValue } from './sorting';
import { useTableView } from './use-table-view';

export interface OfficialsTableProps {
  code: string;
  rows: readonly OfficialRow[];
  /** Whether `code` is a department (its officials page is filtered by department, not unit). */
  department?: boolean;
}

type Key = (typeof OFFICIAL_SORT_KEYS)[number];

const BADGE_KEY: Record<OfficialBadge, string> = {
  overdue: 'officials.badgeOverdue',
  slow: 'officials.badgeSlow',
  buckPassing: 'officials.badgeBuckPassing',
};

export function OfficialsTable({ code, rows, department = false }: OfficialsTableProps) {
  const { t } = useTranslation('unit');
  const { period, linkTo } = useViewParams();
  const view = useTableView('official', OFFICIAL_SORT_KEYS, OFFICIAL_DEFAULT_SORT);
  const title = t('officials.title');

  const sorted = useMemo(() => {
    const worst = officialsWorstFirst(rows);
    // Stable sort over the worst-first order: ties stay worst first.
    return view.key ? sortRows(worst, (r): SortValue => r[view.key as Key], view.dir) : worst;
  }, [rows, view.key, view.dir]);
  const paged = paginate(sorted, view.page, BREAKDOWN_PAGE_SIZE);

  const columns = useOfficialColumns();

  return (
    <section className="block" aria-labelledby="officials-title">
      <div className="block-head">
        <h2 id="officials-title">{title}</h2>
        <ExportButtons label={title} request={{ table: 'officials', code, period, sort: view.key, dir: view.dir }} />
      </div>
      {/* The officials page filters by unit or department; a province's officials are its communes' (no filter for that yet). */}
      {!code.startsWith('province:') && (
        <p>
          <Link
            to={linkTo('/officials', code === 'city' ? {} : department ? { department: code } : { unit: code })}
            data-testid="unit-officials-link"
          >
            {t('unitLink', { ns: 'officials' })}
          </Link>
        </p>
      )}
      <p className="hint">{t('officials.hint')}</p>
      <DataTable
        caption={title}
        hideCaption
        columns={columns}
        rows={paged.items}
        rowKey={(r) => r.id}
        rowClassName={(r) => (officialBadges(r).length > 0 ? 'row-flagged' : undefined)}
        sort={view}
        onSort={view.onSort}
        empty={t('officials.empty')}
        testId="unit-by-official"
      />
      <Pager label={title} page={paged.page} pageCount={paged.pageCount} total={paged.total} onPage={view.onPage} />
    </section>
  );
}

/** The scorecard's columns: the name with its badges, then the counts, shares and durations. */
function useOfficialColumns(): Column<OfficialRow>[] {
  const { t } = useTranslation('unit');
  const f = useFormat();
  return useMemo<Column<OfficialRow>[]>(
    () => [
      {
        key: 'name',
        header: t('officials.name'),
        cell: (r) => (
          <>
            <span className="official-name">{r.name}</span>
            {officialBadges(r).map((b) => (
              <span key={b} className={`badge badge-${b}`}>
                {t(BADGE_KEY[b])}
              </span>
            ))}
          </>
        ),
      },
      { key: 'holdingNow', header: t('officials.holdingNow'), numeric: true, cell: (r) => f.count(r.holdingNow) },
      {
        key: 'overdueHeldNow',
        header: t('officials.overdueHeldNow'),
        numeric: true,
        cell: (r) => (r.overdueHeldNow > 0 ? <strong className="text-danger">{f.count(r.overdueHeldNow)}</strong> : f.count(0)),
      },
      { key: 'stepsDone', header: t('officials.stepsDone'), numeric: true, cell: (r) => f.count(r.stepsDone) },
      {
        key: 'stepOnTimeShare',
        header: t('officials.stepOnTimeShare'),
        numeric: true,
        firstDir: 'asc',
        cell: (r) => f.percent(r.stepOnTimeShare),
      },
      { key: 'medianHoldDays', header: t('officials.medianHoldDays'), numeric: true, cell: (r) => f.fixed(r.medianHoldDays) },
      {
        key: 'buckPassingCases',
        header: t('officials.buckPassingCases'),
        numeric: true,
        cell: (r) => f.count(r.buckPassingCases),
      },
    ],
    [t, f],
  );
}
