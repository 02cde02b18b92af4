/** Refused records of the period per source and rule, with how many are still open. */
import { useTranslation } from 'react-i18next';
import type { QuarantineCountsResponse } from '../../../../shared/contract/quarantine';
import { useFormat } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';

export function CountsTable({ counts }: { counts: QuarantineCountsResponse }) {
  const { t } = useTranslation('adminQuality');
  const f = useFormat();
  const title = t('counts.title', { from: formatDateTime(counts.from), to: formatDateTime(counts.to) });
  return (
    <div className="aq-counts">
      <h2 id="aq-counts-title">{title}</h2>
      {counts.bySourceRule.length === 0 ? (
        <p className="muted">{t('counts.empty')}</p>
      ) : (
        <div className="aq-table-wrap" role="region" aria-labelledby="aq-counts-title" tabIndex={0}>
          <table className="data-table" data-testid="aq-counts">
            <thead>
              <tr>
                <th scope="col">{t('counts.source')}</th>
                <th scope="col">{t('counts.rule')}</th>
                <th scope="col" className="num">
                  {t('counts.total')}
                </th>
                <th scope="col" className="num">
                  {t('counts.open')}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.bySourceRule.map((r) => (
                <tr key={`${r.source}|${r.rule}`}>
                  <td>{r.source ?? t('list.noSource')}</td>
                  <td>{t(`rule.${r.rule}`)}</td>
                  <td className="num">{f.count(r.total)}</td>
                  <td className="num">{f.count(r.open)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
