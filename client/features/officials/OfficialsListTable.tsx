/**
 * The officials list as a table sorted by the server: each figure links to the dossiers behind it
 * (the official's page, or the overdue list narrowed to what they hold). The name column stays in
 * view while the table scrolls sideways on a narrow screen.
 */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfficialListRow } from '../../../shared/contract/officials';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { DataTable, type Column } from '../unit/DataTable';
import type { SortDir, SortState } from '../unit/sorting';
import { buckPassingLink, heldOverdueLink, officialPath } from './url';

export interface OfficialsListTableProps {
  rows: readonly OfficialListRow[];
  sort: SortState;
  onSort: (key: string, firstDir: SortDir) => void;
  busy: boolean;
  /** The asker's home scope (where the overdue list narrowed to an official lives). */
  home: ScopeKey | null;
}

export function OfficialsListTable({ rows, sort, onSort, busy, home }: OfficialsListTableProps) {
  const { t } = useTranslation('officials');

  const columns = useOfficialColumns(home);

  return (
    <div className="off-table">
      <DataTable
        caption={t('title')}
        hideCaption
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        rowTestId={(r) => `official-row-${r.id}`}
        rowClassName={(r) => (r.overdueHeldNow > 0 ? 'row-flagged' : undefined)}
        sort={sort}
        onSort={onSort}
        empty={t('empty')}
        busy={busy}
        testId="officials-table"
      />
    </div>
  );
}

type Cell<T> = (r: OfficialListRow) => T;
type FigureArgs = [text: Cell<string>, to: Cell<string>, label: Cell<string>, alarm?: Cell<boolean>];

/** A numeric column whose figure opens the dossiers behind it (`alarm`: drawn in the danger colour). */
function figureColumn(key: string, header: string, ...[text, to, label, alarm = () => false]: FigureArgs): Column<OfficialListRow> {
  return {
    key,
    header,
    numeric: true,
    cell: (r) => (
      <Link to={to(r)} className={alarm(r) ? 'off-fig off-fig--alarm' : 'off-fig'} aria-label={label(r)}>
        {text(r)}
      </Link>
    ),
  };
}

/** The list's columns; each figure links to what is behind it. */
function useOfficialColumns(home: ScopeKey | null): Column<OfficialListRow>[] {
  const { t } = useTranslation('officials');
  const f = useFormat();
  const { linkTo } = useViewParams();
  return useMemo<Column<OfficialListRow>[]>(() => {
    const page = (r: OfficialListRow, hash: string, extra?: Record<string, string>) => `${linkTo(officialPath(r.id), extra)}${hash}`;
    const figure = (key: string, ...rest: FigureArgs) => figureColumn(key, t(`columns.${key}`), ...rest);
    const steps = (filter: string) => (r: OfficialListRow) => page(r, '#steps', { steps: filter });
    const stepsLabel = (r: OfficialListRow) => t('drill.steps', { name: r.name });
    const overdueList = (r: OfficialListRow) => {
      const list = heldOverdueLink(home, r);
      return list ? linkTo(list.path, list.extra) : page(r, '#holdings', { holdings: 'overdue' });
    };
    return [
      {
        key: 'name',
        header: t('columns.name'),
        cell: (r) => (
          <Link to={page(r, '')} className="off-name" data-testid="official-link">
            {r.name}
          </Link>
        ),
      },
      { key: 'unit', header: t('columns.unit'), cell: (r) => <span className="off-unit">{r.unitName}</span> },
      figure(
        'overdueHeldNow',
        (r) => f.count(r.overdueHeldNow),
        overdueList,
        (r) => t('drill.overdueHeld', { count: r.overdueHeldNow, name: r.name }),
        (r) => r.overdueHeldNow > 0,
      ),
      figure(
        'holdingNow',
        (r) => f.count(r.holdingNow),
        (r) => page(r, '#holdings'),
        (r) => t('drill.holding', { count: r.holdingNow, name: r.name }),
      ),
      figure('stepsDone', (r) => f.count(r.stepsDone), steps('done'), stepsLabel),
      {
        ...figure(
          'withinShare',
          (r) => f.percent(r.withinShare),
          steps('done'),
          (r) => `${stepsLabel(r)} (${t('hints.withinShare', { within: f.count(r.stepsWithin), timed: f.count(r.stepsTimed) })})`,
        ),
        firstDir: 'asc',
      },
      figure(
        'beyondHours',
        (r) => f.fixed(r.beyondHours),
        steps('beyond'),
        stepsLabel,
        (r) => r.beyondHours > 0,
      ),
      figure('beyondHoursMedian', (r) => f.fixed(r.beyondHoursMedian), steps('beyond'), stepsLabel),
      figure(
        'buckPassingCases',
        (r) => f.count(r.buckPassingCases),
        (r) => {
          const list = buckPassingLink(r.id);
          return linkTo(list.path, list.extra);
        },
        (r) => t('drill.buckPassingCases', { count: r.buckPassingCases, name: r.name }),
        (r) => r.buckPassingCases > 0,
      ),
      figure(
        'reminders',
        (r) => f.count(r.reminders),
        (r) => page(r, '#reminders'),
        (r) => t('drill.reminders', { count: r.reminders, name: r.name }),
      ),
      figure(
        'explanationRequests',
        (r) => f.count(r.explanationRequests),
        (r) => page(r, '#explanations'),
        (r) => t('drill.explanationRequests', { count: r.explanationRequests, name: r.name }),
      ),
    ];
  }, [t, f, linkTo, home]);
}
