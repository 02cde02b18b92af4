/**
 * Compare two moments (issue 16): under the time bar, a second moment A (`&compare=` in the URL);
 * once chosen, the legend says what the number is ("Thay đổi số hồ sơ quá hạn từ A đến B") on a
 * diverging palette, and the units that got worse most are ranked with their figures at A and at B.
 */
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReplayAsOf } from '../../../shared/contract/replay';
import { useJurisdiction } from '../../api';
import { errorText } from '../../api/error-text';
import { useFormat } from '../../i18n';
import { DIVERGING, divergingColor, maxAbsChange, worsened } from './compare';
import { MomentPicker } from './MomentPicker';
import { bannerParts, DAY_MS, replayRange, toAtParam } from './replay-time';
import { compareOf, useCompareAnswer, type CompareAnswer } from './useCompareAnswer';

const TOP = 10;

export interface ComparePanelProps {
  at: number;
  asOf: ReplayAsOf;
  /** The comparison when the page reads it already (the overview's map); else the panel asks for it. */
  answer?: CompareAnswer;
}

export function ComparePanel({ at, asOf, answer }: ComparePanelProps) {
  const { t } = useTranslation('replay');
  const [sp, setSp] = useSearchParams();
  const compare = compareOf(sp);
  const own = useCompareAnswer(at, asOf, answer === undefined);
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
        <MomentPicker
          at={compare}
          range={replayRange(Date.now())}
          label={t('compare.with')}
          showLabel
          testId="compare-picker"
          onPick={setCompare}
        />
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
      {compare !== null && <CompareResult answer={answer ?? own} />}
    </div>
  );
}

function CompareResult({ answer }: { answer: CompareAnswer }) {
  const { t } = useTranslation('replay');
  const f = useFormat();
  const { moments, res } = answer;
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
