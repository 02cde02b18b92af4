/** The tab's filters: source, rule, state and the period (Vietnam days, the last included). */
import { useTranslation } from 'react-i18next';
import { QUARANTINE_RULES, QUARANTINE_STATES } from '../../../../shared/contract/quarantine';
import type { QualityFilter } from './api';

interface Props {
  value: QualityFilter;
  sources: string[];
  onChange: (f: QualityFilter) => void;
}

export function QualityFilters({ value, sources, onChange }: Props) {
  const { t } = useTranslation('adminQuality');
  const set = (patch: Partial<QualityFilter>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="aq-filters">
      <legend>{t('filters.label')}</legend>
      <label>
        {t('filters.source')}
        <select value={value.source} onChange={(e) => set({ source: e.target.value })} data-testid="aq-filter-source">
          <option value="">{t('filters.any')}</option>
          {[...new Set([...sources, ...(value.source ? [value.source] : [])])].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.rule')}
        <select value={value.rule} onChange={(e) => set({ rule: e.target.value as QualityFilter['rule'] })}>
          <option value="">{t('filters.any')}</option>
          {QUARANTINE_RULES.map((r) => (
            <option key={r} value={r}>
              {t(`rule.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.state')}
        <select
          value={value.state}
          onChange={(e) => set({ state: e.target.value as QualityFilter['state'] })}
          data-testid="aq-filter-state"
        >
          <option value="">{t('filters.any')}</option>
          {QUARANTINE_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.from')}
        <input type="date" value={value.from} max={value.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label>
        {t('filters.to')}
        <input type="date" value={value.to} min={value.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </label>
    </fieldset>
  );
}
