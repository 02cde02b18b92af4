/** The flags of the city or of one unit: rule and status filters with their counts, the flags as cards, the pager. */
import { useTranslation } from 'react-i18next';
import type { Period } from '../../../shared/contract/metrics';
import { DATA_TRUST_RULES, DATA_TRUST_STATUSES, type DataTrustFlagsResponse } from '../../../shared/contract/data-trust';
import { CITY_CODE, useApi } from '../../api';
import { useFormat } from '../../i18n';
import { LoadError } from '../unit/LoadError';
import { Pager } from '../unit/Pager';
import { pageCountOf } from '../unit/sorting';
import { fetchFlags, flagsUrl } from './api';
import { FlagCard } from './FlagCard';
import type { TrustView } from './url';

interface Props {
  view: TrustView;
  period: Period;
  onChange: (patch: Partial<TrustView>) => void;
  nameOf: (code: string) => string;
}

export function FlagsList({ view, period, onChange, nameOf }: Props) {
  const { t } = useTranslation('dataTrust');
  const url = flagsUrl(view, period, view.kind);
  const res = useApi((signal) => fetchFlags(url, signal), [url]);
  const data = res.data;
  const name = view.code === CITY_CODE ? t('city') : nameOf(view.code);
  return (
    <section className="block dt-flags" aria-labelledby="dt-flags-title" aria-busy={res.loading || undefined} data-testid="dt-flags">
      <h2 id="dt-flags-title" className="dt-h2">
        {t('flags.title', { name })}
      </h2>
      {view.code !== CITY_CODE && (
        <button type="button" className="dt-chip dt-back" onClick={() => onChange({ code: CITY_CODE, kind: 'unit' })}>
          ‹ {t('flags.back')}
        </button>
      )}
      {data && <Filters data={data} view={view} onChange={onChange} />}
      {res.error && <LoadError error={res.error} onRetry={res.reload} />}
      {data === null && res.loading && <p role="status">{t('flags.loading')}</p>}
      {data && data.items.length === 0 && (
        <p className="dt-empty">{view.rule || view.status ? t('flags.emptyFilter') : t('flags.empty')}</p>
      )}
      {data && (
        <ol className="dt-cards">
          {data.items.map((flag) => (
            <FlagCard key={flag.id} flag={flag} canReview={data.canReview} kind={view.kind} onReviewed={res.reload} />
          ))}
        </ol>
      )}
      {data && (
        <Pager
          label={t('flags.caption')}
          page={data.page}
          pageCount={pageCountOf(data.total, data.pageSize)}
          total={data.total}
          onPage={(page) => onChange({ page })}
        />
      )}
    </section>
  );
}

function Filters({ data, view, onChange }: { data: DataTrustFlagsResponse; view: TrustView; onChange: (p: Partial<TrustView>) => void }) {
  const { t } = useTranslation('dataTrust');
  const f = useFormat();
  const all = data.byRule.reduce((n, r) => n + r.flags, 0);
  return (
    <div className="dt-filters">
      <div className="dt-chips" role="group" aria-label={t('filterRule')}>
        <button type="button" className="dt-chip" aria-pressed={view.rule === null} onClick={() => onChange({ rule: null })}>
          {t('allRules')} <span className="dt-chip__n">{f.count(all)}</span>
        </button>
        {DATA_TRUST_RULES.map((rule) => {
          const n = data.byRule.find((r) => r.rule === rule)?.flags ?? 0;
          if (n === 0 && view.rule !== rule) return null;
          return (
            <button
              key={rule}
              type="button"
              className="dt-chip"
              aria-pressed={view.rule === rule}
              data-rule={rule}
              onClick={() => onChange({ rule })}
            >
              {t(`rule.${rule}`)} <span className="dt-chip__n">{f.count(n)}</span>
            </button>
          );
        })}
      </div>
      <div className="dt-chips" role="group" aria-label={t('filterStatus')}>
        <button type="button" className="dt-chip" aria-pressed={view.status === null} onClick={() => onChange({ status: null })}>
          {t('allStatuses')}
        </button>
        {DATA_TRUST_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className="dt-chip"
            aria-pressed={view.status === s}
            data-status={s}
            onClick={() => onChange({ status: s })}
          >
            {t(`status.${s}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
