/**
 * Compare two moments (issue 16): under the time bar, a second moment A (`&compare=` in the URL);
 * once chosen, the legend says what the number is ("Thay đổi số hồ sơ quá hạn từ A đến B") on a
 * diverging palette, and the units that got worse most are ranked with their figures at A and at B.
 */
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReplayAsOf, ReplayCompareResponse } from '../../../shared/contract/replay';
import { apiUrl, getJson, useApi, useJurisdiction } from '../../api';
import { errorText } from '../../api/error-text';
import { useFormat } from '../../i18n';
import { DIVERGING, divergingColor, maxAbsChange, orderMoments, worsened } from './compare';
import { bannerParts, DAY_MS, fromLocalInput, parseReplayParams, toAtParam, toLocalInput } from './replay-time';

const TOP = 10;

/** The `compare` moment of the URL (an instant with its offset), or null. */
function compareOf(sp: URLSearchParams): number | null {
  const raw = sp.get('compare');
  if (!raw) return null;
  return parseReplayParams(new URLSearchParams({ at: raw }))?.at ?? null;
}

export function ComparePanel({ at, asOf }: { at: number; asOf: ReplayAsOf }) {
  const { t } = useTranslation('replay');
  const [sp, setSp] = useSearchParams();
  const compare = compareOf(sp);
  const setCompare = (v: number | null) =>
    setSp(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (v === null) p.delete('compare');
        else p.set('compare', toAtParam(v));
        return p;
      },
      { replace: false, preventScrollReset: true },
    );
  return (
    <div className="compare" data-testid="replay-compare">
      <div className="compare__controls">
        <label className="timebar__field">
          <span>{t('compare.with')}</span>
          <input
            type="datetime-local"
            value={compare === null ? '' : toLocalInput(compare)}
            onChange={(e) => setCompare(fromLocalInput(e.target.value))}
          />
        </label>
        {compare === null ? (
          <button type="button" className="btn" onClick={() => setCompare(at - DAY_MS)}>
            {t('compare.dayBefore')}
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => setCompare(null)}>
            {t('compare.clear')}
          </button>
        )}
      </div>
      {compare !== null && <CompareResult at={at} compare={compare} asOf={asOf} />}
    </div>
  );
}

function CompareResult({ at, compare, asOf }: { at: number; compare: number; asOf: ReplayAsOf }) {
  const { t } = useTranslation('replay');
  const f = useFormat();
  const moments = orderMoments(at, compare);
  const from = moments ? toAtParam(moments.from) : '';
  const to = moments ? toAtParam(moments.to) : '';
  const res = useApi(
    (signal) => getJson<ReplayCompareResponse>(apiUrl('/replay/compare', { from, to, asOf }), { signal }),
    [from, to, asOf],
  );
  const jurisdiction = useJurisdiction();
  if (!moments) return <p className="muted">{t('compare.same')}</p>;
  const a = bannerParts(moments.from);
  const b = bannerParts(moments.to);
  const nameOf = (scope: string) => {
    const code = scope.slice(scope.indexOf(':') + 1);
    const j = jurisdiction.data;
    return j?.units.find((u) => u.code === code)?.fullName ?? j?.departments.find((d) => d.code === code)?.name ?? code;
  };
  const rows = res.data ? worsened(res.data.rows, TOP) : [];
  const max = res.data ? maxAbsChange(res.data.rows) : 0;
  return (
    <section className="compare__result" aria-labelledby="compare-legend">
      <p id="compare-legend" className="compare__legend" data-testid="compare-legend">
        {t('compare.legend', { from: `${a.time} ${a.date}`, to: `${b.time} ${b.date}` })}
      </p>
      <p className="compare__scale" aria-hidden="true">
        <span>{t('compare.fewer')}</span>
        {DIVERGING.map((c) => (
          <span key={c} className="compare__swatch" style={{ background: c }} />
        ))}
        <span>{t('compare.more')}</span>
      </p>
      {res.error && <p role="alert">{t('error', { message: errorText(res.error) })}</p>}
      {res.data && res.data.city && (
        <p data-testid="compare-city">
          {t('compare.city', { from: f.count(res.data.city.from), to: f.count(res.data.city.to), n: f.signed(res.data.city.change, 0) })}
        </p>
      )}
      {res.data && (
        <>
          <h3 className="compare__title">{t('compare.worseTitle')}</h3>
          {rows.length === 0 ? (
            <p className="muted">{t('compare.noneWorse')}</p>
          ) : (
            <ol className="compare__list" data-testid="compare-worse">
              {rows.map((r) => (
                <li key={r.scope}>
                  <span className="compare__swatch" style={{ background: divergingColor(r.change, max) }} aria-hidden="true" />
                  <span className="compare__name">{nameOf(r.scope)}</span>
                  <span className="compare__figures">
                    {t('compare.row', { from: f.count(r.from), to: f.count(r.to), n: f.signed(r.change, 0) })}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
