/**
 * The data-trust page (`/data-trust`): what the checks are and how the figure is made, every unit's
 * and department's figure, and the flags of the city or of the unit chosen, with their evidence and
 * (for a supervisor) the review buttons. The view is in the URL (url.ts); the period is the header's.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api';
import { useViewParams } from '../../lib/url-state';
import { formatDate } from '../../lib/format';
import { LoadError } from '../unit/LoadError';
import { fetchDataTrust } from './api';
import { FiguresTable } from './FiguresTable';
import { FlagsList } from './FlagsList';
import { RulesExplained } from './RulesExplained';
import { readTrustView, writeTrustView, type TrustView } from './url';
import '../unit/drill.css';
import './data-trust.css';

export function DataTrustPage() {
  const { t } = useTranslation('dataTrust');
  const { t: tc } = useTranslation();
  const { period } = useViewParams();
  const [params, setParams] = useSearchParams();
  const view = readTrustView(params);
  const summary = useApi((signal) => fetchDataTrust(period, signal), [period]);
  const change = useCallback(
    (patch: Partial<TrustView>) => setParams((prev) => writeTrustView(prev, patch), { preventScrollReset: true }),
    [setParams],
  );
  const data = summary.data;
  return (
    <div className="drill-page dt-page" data-testid="data-trust-page">
      <header className="page-head">
        <h1>{t('title')}</h1>
        <p className="page-meta">{t('intro')}</p>
        {data && (
          <p className="page-meta" data-testid="dt-window">
            {t('windowNote', {
              period: tc(`period.${data.window.period}`),
              from: formatDate(data.window.from),
              // The window ends at the next midnight: the last day it holds is the one before.
              to: formatDate(Date.parse(data.window.to) - 1),
            })}
          </p>
        )}
      </header>
      {summary.error && <LoadError error={summary.error} onRetry={summary.reload} />}
      {data && <RulesExplained data={data} />}
      {data && (
        <FiguresTable data={data} selected={view.code} onSelect={(code, kind) => change({ code, kind, rule: null, status: null })} />
      )}
      <FlagsList
        view={view}
        period={period}
        onChange={change}
        nameOf={(code) => data?.figures.find((f) => f.code === code)?.name ?? code}
      />
    </div>
  );
}
