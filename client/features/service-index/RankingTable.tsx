/**
 * The ranking of wards (or of departments): rank, name, total, grade, change against the previous
 * period, rank by improvement, dossiers; the national portal's figure beside ours once imported.
 * A row's name opens its indicator breakdown.
 */
import { useTranslation } from 'react-i18next';
import type { IndexRow } from '../../../shared/contract/service-index';
import { useFormat } from '../../i18n';
import { GradeBadge } from './GradeBadge';
import { orderRows, type RankingOrder } from './index-model';

interface Props {
  id: string;
  title: string;
  rows: readonly IndexRow[];
  order: RankingOrder;
  selected: string | null;
  onSelect: (row: IndexRow) => void;
}

export function RankingTable({ id, title, rows, order, selected, onSelect }: Props) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const withPortal = rows.some((r) => r.portal !== null);
  const ordered = orderRows(rows, order);
  return (
    <section className="block si-ranking" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="si-table-wrap" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
        <table className="dt si-table" data-testid={id}>
          <RankingHead order={order} withPortal={withPortal} />
          <tbody>
            {ordered.length === 0 && (
              <tr>
                <td colSpan={withPortal ? 9 : 7} className="dt-empty">
                  {t('empty')}
                </td>
              </tr>
            )}
            {ordered.map((r) => (
              <tr
                key={r.code}
                data-code={r.code}
                aria-current={r.code === selected || undefined}
                className={r.portal?.flagged ? 'row-flagged' : undefined}
              >
                <td className="dt-num" data-col="rank">
                  {r.rank ?? '—'}
                </td>
                <th scope="row">
                  <button type="button" className="si-name" onClick={() => onSelect(r)} title={t('select', { name: r.name })}>
                    {r.name}
                  </button>
                </th>
                <td className="dt-num si-total" data-col="total" data-value={r.total ?? ''}>
                  {r.total === null ? t('noData') : f.fixed(r.total, 2)}
                </td>
                <td>
                  <GradeBadge grade={r.grade} />
                </td>
                <td className="dt-num">{f.signed(r.change, 2, true)}</td>
                <td className="dt-num">{r.improvementRank ?? '—'}</td>
                <td className="dt-num">{f.count(r.dossiers)}</td>
                {withPortal && <PortalCells row={r} />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PortalCells({ row }: { row: IndexRow }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const p = row.portal;
  if (p === null) {
    return (
      <>
        <td className="dt-num">—</td>
        <td className="dt-num">—</td>
      </>
    );
  }
  return (
    <>
      <td className="dt-num" data-col="portal">
        {f.fixed(p.total, 2)}
      </td>
      <td className="dt-num" data-col="difference">
        {f.signed(p.difference, 2, true)}
        {p.flagged && <span className="si-flag">{t('flagged')}</span>}
      </td>
    </>
  );
}

function RankingHead({ order, withPortal }: { order: RankingOrder; withPortal: boolean }) {
  const { t } = useTranslation('serviceIndex');
  return (
    <thead>
      <tr>
        <th scope="col" className="dt-num" aria-sort={order === 'rank' ? 'ascending' : undefined}>
          {t('col.rank')}
        </th>
        <th scope="col">{t('col.name')}</th>
        <th scope="col" className="dt-num">
          {t('col.total')}
        </th>
        <th scope="col">{t('col.grade')}</th>
        <th scope="col" className="dt-num">
          {t('col.change')}
        </th>
        <th scope="col" className="dt-num" aria-sort={order === 'improvement' ? 'ascending' : undefined}>
          {t('col.improvementRank')}
        </th>
        <th scope="col" className="dt-num">
          {t('col.dossiers')}
        </th>
        {withPortal && (
          <>
            <th scope="col" className="dt-num">
              {t('col.portal')}
            </th>
            <th scope="col" className="dt-num">
              {t('col.difference')}
            </th>
          </>
        )}
      </tr>
    </thead>
  );
}
