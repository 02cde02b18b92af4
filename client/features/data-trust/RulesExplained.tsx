/** The checks, each with its severity and settings, and how the figure is made (collapsed on a phone's first view). */
import { useTranslation } from 'react-i18next';
import { DATA_TRUST_RULES, type DataTrustSummaryResponse } from '../../../shared/contract/data-trust';
import { useFormat } from '../../i18n';

export function RulesExplained({ data }: { data: DataTrustSummaryResponse }) {
  const { t } = useTranslation('dataTrust');
  const f = useFormat();
  const s = data.settings;
  const vars = {
    days: s.backdatedWorkingDays,
    hours: s.supplementLastWorkingHours,
    n: s.burstCompletions,
    minutes: s.burstMinutes,
    k: f.number(s.jumpK, 1),
  };
  return (
    <details className="block dt-rules" data-testid="dt-rules">
      <summary>{t('rulesTitle')}</summary>
      <p className="dt-definition">
        {t('figureDefinition', {
          high: f.number(data.weights.high, 2),
          medium: f.number(data.weights.medium, 2),
          low: f.number(data.weights.low, 2),
        })}
      </p>
      <dl className="dt-rules__list">
        {DATA_TRUST_RULES.map((rule) => (
          <div key={rule} className="dt-rules__item">
            <dt>
              <span className={`dt-sev dt-sev--${data.severity[rule]}`}>{t(`severity.${data.severity[rule]}`)}</span> {t(`rule.${rule}`)}
            </dt>
            <dd>{t(`ruleHelp.${rule}`, vars)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
