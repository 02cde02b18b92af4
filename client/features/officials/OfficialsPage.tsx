/**
 * `/officials` (Cán bộ): every handling official the user may see, with their scorecard for the
 * period: sortable, filtered by unit, department, field and name, paged by the server. A city-wide
 * user sees the city (or the unit or department chosen); a unit or department user sees their own.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfficialsResponse } from '../../../shared/contract/officials';
import { getJson, useApi, useJurisdiction } from '../../api';
import { useLang } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useViewParams } from '../../lib/url-state';
import { useSession } from '../auth/session';
import { formatDayTime } from '../unit/datetime';
import { LoadError } from '../unit/LoadError';
import { Pager } from '../unit/Pager';
import { pageCountOf } from '../unit/sorting';
import { useTableView } from '../unit/use-table-view';
import { OfficialsFilters } from './OfficialsFilters';
import { OfficialsListTable } from './OfficialsListTable';
import {
  OFFICIAL_DEFAULT_SORT,
  OFFICIAL_SORT_KEYS,
  officialsApiUrl,
  readOfficialFilters,
  writeOfficialFilter,
  type OfficialFilterKey,
} from './url';
import '../unit/drill.css';
import './officials.css';

export function OfficialsPage() {
  const { t } = useTranslation('officials');
  const lang = useLang();
  const { period } = useViewParams();
  const [params, setParams] = useSearchParams();
  const filters = readOfficialFilters(params);
  const view = useTableView('', OFFICIAL_SORT_KEYS, OFFICIAL_DEFAULT_SORT);
  const url = officialsApiUrl(period, filters, view);
  const res = useApi((signal) => getJson<OfficialsResponse>(url, { signal }), [url]);
  const jurisdiction = useJurisdiction().data;
  const { me } = useSession();
  const home = me.capabilities.home;

  const onChange = useCallback(
    (key: OfficialFilterKey, value: string | null) => setParams((prev) => writeOfficialFilter(prev, key, value), { replace: true }),
    [setParams],
  );
  const onClear = useCallback(
    () =>
      setParams((prev) =>
        ['unit', 'department', 'field', 'q'].reduce((p, k) => writeOfficialFilter(p, k as OfficialFilterKey, null), prev),
      ),
    [setParams],
  );

  const data = res.data;
  const scopeName = scopeLabel(filters, home, jurisdiction, lang, t);
  return (
    <div className="drill-page officials-page" data-testid="officials-page" aria-busy={res.loading || undefined}>
      <header className="page-head">
        <p className="page-kicker">{scopeName}</p>
        <h1>{t('title')}</h1>
        {data && (
          <p className="page-meta">
            <span>{t('period', { from: formatDate(data.window.from), to: formatDate(Date.parse(data.window.to) - 1) })}</span>
            <span data-testid="officials-as-of">
              {t('asOf', { time: formatDayTime(data.asOf) })} {data.ageSeconds > 0 ? t('age', { seconds: data.ageSeconds }) : ''}
            </span>
          </p>
        )}
        <p className="hint off-lead">{t('lead')}</p>
      </header>
      <OfficialsFilters
        filters={filters}
        fields={data?.fields ?? []}
        jurisdiction={jurisdiction}
        chooseScope={home === 'city'}
        onChange={onChange}
        onClear={onClear}
      />
      {res.error && <LoadError error={res.error} onRetry={res.reload} />}
      {!data && res.loading ? (
        <p role="status">{t('loading')}</p>
      ) : data ? (
        <section className="block" aria-label={t('title')}>
          <p className="hint">{t('hints.table')}</p>
          <OfficialsListTable rows={data.items} sort={view} onSort={view.onSort} busy={res.loading} home={home} />
          <Pager
            label={t('title')}
            page={data.page}
            pageCount={pageCountOf(data.total, data.pageSize)}
            total={data.total}
            onPage={view.onPage}
          />
        </section>
      ) : null}
    </div>
  );
}

/** "Toàn thành phố", or whose officials the list holds. */
function scopeLabel(
  f: ReturnType<typeof readOfficialFilters>,
  home: string | null,
  j: ReturnType<typeof useJurisdiction>['data'],
  lang: 'vi' | 'en',
  t: (k: string, o?: Record<string, string>) => string,
): string {
  const code = f.unit ?? f.department ?? (home && home !== 'city' ? home.slice(home.indexOf(':') + 1) : null);
  if (!code) return t('scope.city');
  const unit = j?.units.find((u) => u.code === code);
  const dept = j?.departments.find((d) => d.code === code);
  const name = unit ? (lang === 'en' ? unit.nameEn : unit.fullName) : dept ? (lang === 'en' ? dept.nameEn : dept.name) : code;
  return t('scope.own', { name });
}
