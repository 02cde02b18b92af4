/** How cases are found, in the officials' words: each rule's name and what it means, and what is not counted. */
import { useTranslation } from 'react-i18next';
import { RULES } from './list-state';

export function RulesExplained({ passAround }: { passAround: { transfers: number; holders: number } | null }) {
  const { t } = useTranslation('buckPassing');
  return (
    <details className="bp-rules" data-testid="bp-rules">
      <summary>{t('rulesTitle')}</summary>
      <dl>
        {RULES.map((rule) => (
          <div key={rule} className="bp-rules__item">
            <dt>
              <span className={`bp-rule bp-rule--${rule}`}>{t(`rule.${rule}`)}</span>
            </dt>
            <dd>{t(`ruleHint.${rule}`, { transfers: passAround?.transfers ?? '…', holders: passAround?.holders ?? '…' })}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('notFlagged')}</p>
    </details>
  );
}
