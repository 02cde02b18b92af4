/**
 * The unit page's "Cảnh báo sớm" tab: the scope's dossiers due within the at-risk rule's working hours,
 * soonest first (the server's order), coloured, with the official holding each. The counts of each colour
 * are toggles of the levels listed (`?levels=`, red and orange by default: what needs acting on comes
 * first); `?official=<id>` keeps the dossiers one official holds (the officials page links here). Paged by the server; read again
 * when the live counts move (refreshToken) and every minute.
 */
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { WARNING_STATUSES, type AtRiskDossier, type WarningStatus } from '../../../shared/contract/early-warning';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { useApi } from '../../api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { DataTable, type Column } from '../unit/DataTable';
import { formatDayTime } from '../unit/datetime';
import { LoadError } from '../unit/LoadError';
import { Pager } from '../unit/Pager';
import { pageCountOf } from '../unit/sorting';
import { useReloadOn } from '../unit/use-reload-on';
import { useTableView } from '../unit/use-table-view';
import { fetchAtRiskDossiers } from './api';
import { WARNING_REFRESH_MS } from './EarlyWarningPanel';
import { WarningBadge, WarningCounts, WarningLegend } from './WarningBadge';
import { SendRequest } from '../requests/SendRequest';
import './early-warning.css';

const PAGE_SIZE = 50;
const DEFAULT_LEVELS: readonly WarningStatus[] = ['red', 'orange'];

/** The levels listed, from `?levels=red,orange` (unknown words dropped; none → the default). */
export function readLevels(raw: string | null): WarningStatus[] {
  const picked = (raw ?? '').split(',').filter((s): s is WarningStatus => (WARNING_STATUSES as readonly string[]).includes(s));
  return picked.length > 0 ? WARNING_STATUSES.filter((s) => picked.includes(s)) : [...DEFAULT_LEVELS];
}
const SORT = { key: 'dueAt', dir: 'asc' as const };
const noSort = () => {};

export interface AtRiskListProps {
  scope: ScopeKey;
  refreshToken?: number | null;
}

export function AtRiskList({ scope, refreshToken }: AtRiskListProps) {
  const { t } = useTranslation('warning');
  const [params, setParams] = useSearchParams();
  const official = params.get('official');
  const levels = readLevels(params.get('levels'));
  const levelsKey = levels.join(',');
  const toggle = (s: WarningStatus) => {
    const next = levels.includes(s) ? levels.filter((x) => x !== s) : [...levels, s];
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      p.set('levels', WARNING_STATUSES.filter((x) => next.includes(x)).join(',') || DEFAULT_LEVELS.join(','));
      p.delete('page');
      return p;
    });
  };
  const view = useTableView('', [], SORT);
  const res = useApi(
    (signal) =>
      fetchAtRiskDossiers(
        scope,
        { page: view.page, pageSize: PAGE_SIZE, official, statuses: levelsKey.split(',') as WarningStatus[] },
        signal,
      ),
    [scope, view.page, official, levelsKey],
  );
  const { reload } = res;
  useReloadOn(refreshToken, reload);
  useEffect(() => {
    const id = window.setInterval(reload, WARNING_REFRESH_MS);
    return () => window.clearInterval(id);
  }, [reload]);

  const columns = useAtRiskColumns(scope);
  const data = res.data;
  const hours = data?.rule.dueWithinWorkingHours ?? 8;
  const holder = official ? (data?.items.find((d) => d.holderId === official)?.holderName ?? official) : null;
  const caption = holder ? t('list.captionOfficial', { official: holder, hours }) : t('list.caption', { hours });
  return (
    <section className="list-block" aria-label={caption} data-testid="at-risk-block">
      <p className="warn-panel__caption">{caption}</p>
      {res.error && <LoadError error={res.error} onRetry={reload} />}
      {data && (
        <>
          <WarningCounts counts={data.counts} selected={new Set(levels)} onToggle={toggle} />
          <DataTable
            caption={caption}
            hideCaption
            columns={columns}
            rows={data.items}
            rowKey={(d) => d.id}
            rowTestId={(d) => `at-risk-row-${d.id}`}
            rowClassName={(d) => `warn-row warn-row--${d.status}`}
            sort={SORT}
            onSort={noSort}
            empty={t(levelsKey === DEFAULT_LEVELS.join(',') ? 'list.emptyUrgent' : 'list.emptyLevels', { hours })}
            busy={res.loading}
            testId="unit-at-risk-list"
            cards
          />
          <Pager
            label={caption}
            page={data.page}
            pageCount={pageCountOf(data.total, data.pageSize)}
            total={data.total}
            onPage={view.onPage}
          />
          <WarningLegend rule={data.rule} />
        </>
      )}
      {!data && res.loading && <p role="status">{t('loading', { ns: 'common' })}</p>}
    </section>
  );
}

/** The list's columns: colour, dossier, procedure, unit (city-wide only), holder, due time, hours left, why. */
function useAtRiskColumns(scope: ScopeKey): Column<AtRiskDossier>[] {
  const { t } = useTranslation('warning');
  const f = useFormat();
  const { linkTo } = useViewParams();
  return useMemo<Column<AtRiskDossier>[]>(
    () => [
      { key: 'status', header: t('list.status'), sortable: false, cell: (d) => <WarningBadge status={d.status} /> },
      {
        key: 'id',
        header: t('list.dossier'),
        sortable: false,
        cell: (d) => <Link to={linkTo(`/dossiers/${encodeURIComponent(d.id)}`)}>{d.id}</Link>,
      },
      { key: 'procedure', header: t('list.procedure'), sortable: false, cell: (d) => d.procedureName },
      ...(scope === 'city' ? [{ key: 'unit', header: t('list.unit'), sortable: false, cell: (d: AtRiskDossier) => d.unitName }] : []),
      {
        key: 'holder',
        header: t('list.holder'),
        sortable: false,
        cell: (d) => d.holderName ?? <span className="muted">{t('list.noHolder')}</span>,
      },
      { key: 'dueAt', header: t('list.dueAt'), sortable: false, cell: (d) => formatDayTime(d.dueAt) },
      { key: 'hoursLeft', header: t('list.hoursLeft'), sortable: false, numeric: true, cell: (d) => f.fixed(d.workingHoursLeft) },
      {
        key: 'reason',
        header: t('list.reason'),
        sortable: false,
        cell: (d) => t(`reason.${d.reason}`, { hours: f.number(d.idleWorkingHours, 1) }),
      },
      {
        // Act before it is late: a reminder or an explanation request about this dossier, in one click.
        key: 'act',
        header: t('list.act'),
        sortable: false,
        cell: (d) => (
          <SendRequest compact defaultKind="reminder" subject={{ type: 'dossier', id: d.id, unit: d.unit, title: d.procedureName }} />
        ),
      },
    ],
    [t, f, linkTo, scope],
  );
}
