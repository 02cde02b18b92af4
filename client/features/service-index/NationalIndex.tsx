/**
 * The Index page of a national pack: at country level the 34 provinces ranked among the country's
 * provinces (a row drills into the province: `?province=`); inside a province the path back to the
 * country and the province's own line (its total, grade and rank among the provinces).
 */
import { useTranslation } from 'react-i18next';
import type { IndexRankingResponse, IndexRow } from '../../../shared/contract/service-index';
import { useFormat } from '../../i18n';
import { GradeBadge } from './GradeBadge';
import { RankingTable } from './RankingTable';
import type { RankingOrder } from './index-model';

/** The province's row of the ranking (null when the answer has none: a city pack, or an unknown code). */
export function provinceRow(data: IndexRankingResponse, province: string | null): IndexRow | null {
  return (province !== null && data.provinces?.find((r) => r.code === province)) || null;
}

export function ProvinceRanking(props: { rows: readonly IndexRow[]; order: RankingOrder; onDrill: (code: string) => void }) {
  const { t } = useTranslation('serviceIndex');
  return (
    <RankingTable
      id="si-provinces"
      title={t('provinces', { count: props.rows.length })}
      rows={props.rows}
      order={props.order}
      selected={null}
      onSelect={(r) => props.onDrill(r.code)}
    />
  );
}

/** Inside a province: Cả nước › the province, and the province's own figures among the provinces. */
export function ProvinceLine({ row, of, onUp }: { row: IndexRow; of: number; onUp: () => void }) {
  const { t } = useTranslation('serviceIndex');
  const { t: to } = useTranslation('overview');
  const f = useFormat();
  return (
    <>
      <nav className="level-crumbs" aria-label={to('level.label')} data-testid="si-level-crumbs">
        <ol>
          <li>
            <button type="button" className="si-name" onClick={onUp}>
              {to('level.country')}
            </button>
          </li>
          <li aria-current="page">{row.name}</li>
        </ol>
      </nav>
      <p className="si-city" data-testid="si-province">
        <span className="si-name">{row.name}</span>{' '}
        <strong className="si-big">{row.total === null ? t('noData') : f.number(row.total, 2)}</strong> <GradeBadge grade={row.grade} />{' '}
        <span className="muted">
          · {t('provinceRank', { rank: row.rank ?? '—', of })} · {t('col.change')}: {f.signed(row.change, 2)} · {t('col.dossiers')}:{' '}
          {f.count(row.dossiers)}
        </span>
      </p>
    </>
  );
}
