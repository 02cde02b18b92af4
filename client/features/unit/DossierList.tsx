/** One server-paged list of a unit's dossiers (overdue, due soon or awaiting supplement). */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DossierListItem } from '../../../shared/contract/api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { unitDossiersUrl } from './api';
import { indexDrillUrl, type IndexDrillView } from '../service-index/drill';
import { DOSSIER_DEFAULT_SORT, DOSSIER_SORT_KEYS, DOSSIER_SORT_VALUE } from './columns';
import type { DossierTab } from './columns';
import type { Column } from './DataTable';
import { formatDayTime } from './datetime';
import { PagedListBlock } from './PagedListBlock';
import { useSession } from '../auth/session';
import { SendRequest } from '../requests/SendRequest';
import { mayOfferRequest } from '../requests/offer';

/** A drilled list mixes open and finished dossiers: by code, a stable order for checking one by one. */
const DRILL_DEFAULT_SORT = { key: 'id', dir: 'asc' } as const;

/** A drilled list counts dossiers by their day of receipt or of finishing: both are shown, to check it. */
function drillColumns(t: TFunction): Column<DossierListItem>[] {
  return [
    { key: 'receivedAt', header: t('dossiers.receivedAt'), sortable: false, cell: (d) => formatDayTime(d.receivedAt) },
    { key: 'endAt', header: t('dossiers.endAt'), sortable: false, cell: (d) => formatDayTime(d.endAt) },
  ];
}

export interface DossierListProps {
  code: string;
  status: DossierTab;
  /** Changes when live metrics say the list may have changed; the page is then reloaded. */
  refreshToken?: number;
  /** Only the dossiers this official (handler id) holds now. */
  holder?: string | null;
  /** Instead of `status`: the dossiers behind a service index count, and the list's caption saying so. */
  drill?: { view: IndexDrillView; caption: string; totalText: (total: number) => string } | null;
}

export function DossierList({ code, status, refreshToken, holder = null, drill = null }: DossierListProps) {
  const { t } = useTranslation('unit');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const caption = drill ? drill.caption : t('dossiers.caption', { status: t(`tabs.${status}`) });
  const { me } = useSession();
  const drilled = drill !== null;
  // A late dossier's row offers a reminder or an explanation request in one click, the dossier filled in.
  const sends = mayOfferRequest(me.capabilities, { type: 'dossier', id: '' });
  const actionsHeader = t('send.column', { ns: 'requests' });

  const columns = useMemo<Column<DossierListItem>[]>(
    () => [
      {
        key: 'id',
        header: t('dossiers.id'),
        cell: (d) => <Link to={linkTo(`/dossiers/${encodeURIComponent(d.id)}`)}>{d.id}</Link>,
      },
      { key: 'procedureName', header: t('dossiers.procedure'), cell: (d) => d.procedureName },
      { key: 'field', header: t('dossiers.field'), cell: (d) => d.field },
      ...(drilled ? drillColumns(t) : []),
      {
        key: 'holderName',
        header: t('dossiers.holder'),
        cell: (d) => d.holderName ?? <span className="muted">{t('dossiers.noHolder')}</span>,
      },
      { key: 'dueAt', header: t('dossiers.dueAt'), cell: (d) => formatDayTime(d.dueAt), firstDir: 'asc' },
      {
        key: 'daysOverdue',
        header: t('dossiers.daysOverdue'),
        numeric: true,
        cell: (d) =>
          // Counted overdue by the two-supplements rule, maybe before its due date: say why, not "0".
          d.overdueReason === 'supplements' ? (
            <strong className="text-danger" data-testid="overdue-reason">
              {t('dossiers.overdueBySupplements', { n: f.count(d.supplementRequests) })}
            </strong>
          ) : d.daysOverdue > 0 ? (
            <strong className="text-danger">{f.fixed(d.daysOverdue)}</strong>
          ) : (
            f.fixed(0)
          ),
      },
      ...(sends
        ? [
            {
              key: 'actions',
              header: actionsHeader,
              sortable: false,
              cell: (d: DossierListItem) =>
                d.daysOverdue > 0 || d.overdueReason !== null ? (
                  <SendRequest compact subject={{ type: 'dossier', id: d.id, title: d.procedureName }} />
                ) : null,
            },
          ]
        : []),
    ],
    [t, f, linkTo, sends, actionsHeader, drilled],
  );

  return (
    <PagedListBlock<DossierListItem>
      caption={caption}
      urlOf={(v) => {
        const q = { page: v.page, pageSize: v.pageSize, sort: v.key, dir: v.dir };
        return drill ? indexDrillUrl(code, drill.view, q) : unitDossiersUrl(code, status, q, holder);
      }}
      // The exports serve the status lists only: a drilled list has none rather than the wrong one.
      exportRequest={drill ? undefined : { table: 'dossiers', code, status, holder: holder ?? undefined }}
      sortKeys={DOSSIER_SORT_KEYS}
      defaultSort={drill ? DRILL_DEFAULT_SORT : DOSSIER_DEFAULT_SORT[status]}
      sortValue={DOSSIER_SORT_VALUE}
      columns={columns}
      rowKey={(d) => d.id}
      rowTestId={(d) => `dossier-row-${d.id}`}
      empty={t('dossiers.empty')}
      testId={drill ? 'index-drill-list' : `unit-${status}-list`}
      refreshToken={refreshToken}
      totalText={drill?.totalText}
    />
  );
}
