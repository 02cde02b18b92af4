/** Chooses what a display may show: the whole city, one ward/commune, or one department. */
import { useTranslation } from 'react-i18next';
import type { ScopeKey } from '../../../../shared/contract/metrics';
import { useJurisdiction } from '../../../api';

export function ScopeSelect({ id, value, onChange }: { id: string; value: ScopeKey; onChange: (s: ScopeKey) => void }) {
  const { t } = useTranslation('adminWalls');
  const j = useJurisdiction().data;
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as ScopeKey)} data-testid="display-scope">
      <option value="city">{t('displays.city')}</option>
      <optgroup label={t('displays.units')}>
        {j?.units.map((u) => (
          <option key={u.code} value={`unit:${u.code}`}>
            {u.type} {u.name} ({u.code})
          </option>
        ))}
      </optgroup>
      <optgroup label={t('displays.departments')}>
        {j?.departments.map((d) => (
          <option key={d.code} value={`department:${d.code}`}>
            {d.name}
          </option>
        ))}
      </optgroup>
    </select>
  );
}

/** The scope's name for a person: the city, or the unit's or department's name. */
export function useScopeName(): (scope: ScopeKey) => string {
  const { t } = useTranslation('adminWalls');
  const j = useJurisdiction().data;
  return (scope) => {
    if (scope === 'city') return t('displays.city');
    const code = scope.slice(scope.indexOf(':') + 1);
    const unit = j?.units.find((u) => u.code === code);
    return unit ? `${unit.type} ${unit.name}` : (j?.departments.find((d) => d.code === code)?.name ?? code);
  };
}
