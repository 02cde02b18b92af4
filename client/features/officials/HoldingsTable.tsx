/**
 * What an official holds now, in the server's order (overdue dossiers first, the most recently overdue
 * first; then by hours beyond the step's allotted time), each with a bar of time held against the
 * allotted time. A dossier of another unit (an inter-level step) is listed but not linked when the
 * user may not open it.
 */
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfficialHolding } from '../../../shared/contract/officials';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { TimelinessBadge } from '../item/TimelinessBadge';
import { SendRequest } from '../requests/SendRequest';
import { DataTable, type Column } from '../unit/DataTable';
import { formatDayTime } from '../unit/datetime';
import { HeldBar } from './HeldBar';

const NO_SORT = { key: null, dir: 'asc' } as const;

export function HoldingsTable({ rows, officialUnit }: { rows: readonly OfficialHolding[]; officialUnit: string }) {
  const { t } = useTranslation('officials');
  const [params, setParams] = useSearchParams();
  // In the URL (`?holdings=overdue`), so the list's "overdue held now" opens this view.
  const onlyOverdue = params.get('holdings') === 'overdue';
  const setOnlyOverdue = (on: boolean) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (on) p.set('holdings', 'overdue');
        else p.delete('holdings');
        return p;
      },
      { replace: true, preventScrollReset: true },
    );
  const shown = onlyOverdue ? rows.filter((r) => r.timeliness === 'overdue') : rows;
  const otherUnits = rows.some((r) => r.unit !== officialUnit);

  const columns = useHoldingColumns(otherUnits, officialUnit);

  return (
    <section className="block" id="holdings" aria-labelledby="holdings-title" tabIndex={-1}>
      <div className="block-head">
        <h2 id="holdings-title">{t('holdings.title')}</h2>
        <label className="off-check">
          <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} />
          {t('holdings.onlyOverdue')}
        </label>
      </div>
      <p className="hint">{t('holdings.hint')}</p>
      <div className="off-table off-table--holdings">
        <DataTable
          caption={t('holdings.title')}
          hideCaption
          columns={columns}
          rows={shown}
          rowKey={(r) => r.dossierId}
          rowTestId={(r) => `holding-row-${r.dossierId}`}
          rowClassName={(r) => (r.timeliness === 'overdue' ? 'row-flagged' : undefined)}
          sort={NO_SORT}
          onSort={() => {}}
          empty={t('holdings.empty')}
          testId="official-holdings"
        />
      </div>
    </section>
  );
}

/**
 * The holdings' columns (the dossier's unit only when some are another unit's: inter-level steps); the
 * dossier cell offers a reminder or explanation request about it, filled in, to those who may send one.
 */
function useHoldingColumns(otherUnits: boolean, officialUnit: string): Column<OfficialHolding>[] {
  const { t } = useTranslation('officials');
  const f = useFormat();
  const { linkTo } = useViewParams();
  return useMemo<Column<OfficialHolding>[]>(() => {
    const cols: Column<OfficialHolding>[] = [
      {
        key: 'dossierId',
        header: t('holdings.dossier'),
        sortable: false,
        cell: (r) => (
          <span className="off-holding">
            {r.canOpen ? (
              <Link to={linkTo(`/dossiers/${encodeURIComponent(r.dossierId)}`)} className="off-name">
                {r.dossierId}
              </Link>
            ) : (
              <span title={t('holdings.notOpenable')}>{r.dossierId}</span>
            )}
            {/* The official holds it now: their unit is the holder's, which a department's request needs. */}
            <SendRequest compact subject={{ type: 'dossier', id: r.dossierId, title: r.procedureName || null, holderUnit: officialUnit }} />
          </span>
        ),
      },
      {
        key: 'heldVsAllotted',
        header: t('holdings.heldVsAllotted'),
        sortable: false,
        cell: (r) => <HeldBar heldHours={r.heldHours} allottedHours={r.allottedHours} />,
      },
      {
        key: 'beyondHours',
        header: t('holdings.beyondHours'),
        sortable: false,
        numeric: true,
        cell: (r) => (r.beyondHours > 0 ? <strong className="text-danger">{f.fixed(r.beyondHours)}</strong> : f.fixed(0)),
      },
      {
        key: 'status',
        header: t('holdings.status'),
        sortable: false,
        cell: (r) => <TimelinessBadge value={r.timeliness} kind="dossier" />,
      },
      {
        key: 'procedureName',
        header: t('holdings.procedure'),
        sortable: false,
        cell: (r) => <span className="off-procedure">{r.procedureName}</span>,
      },
      { key: 'heldSince', header: t('holdings.heldSince'), sortable: false, cell: (r) => formatDayTime(r.heldSince) },
      {
        key: 'stepDueAt',
        header: t('holdings.stepDueAt'),
        sortable: false,
        cell: (r) => (r.stepDueAt ? formatDayTime(r.stepDueAt) : <span className="muted">{t('holdings.noAllotted')}</span>),
      },
      { key: 'dueAt', header: t('holdings.dueAt'), sortable: false, cell: (r) => formatDayTime(r.dueAt) },
    ];
    // The dossier's unit matters only for inter-level steps (liên thông).
    if (otherUnits) cols.splice(5, 0, { key: 'unit', header: t('holdings.unit'), sortable: false, cell: (r) => r.unitName });
    return cols;
  }, [t, f, linkTo, otherUnits, officialUnit]);
}
