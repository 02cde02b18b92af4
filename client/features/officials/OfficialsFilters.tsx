/**
 * The officials list's filters: the unit or the department the officials work for (city-wide users
 * only: a bound user sees their own), the dossiers' field, and a name search that ignores marks
 * ("nguyen van" finds "Nguyễn Văn …"). Every choice is in the URL.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JurisdictionResponse } from '../../../shared/contract/api';
import type { OfficialFilterKey, OfficialFilters as Filters } from './url';

/** Typing settles this long before the list is asked again. */
export const SEARCH_DEBOUNCE_MS = 300;

export interface OfficialsFiltersProps {
  filters: Filters;
  /** Fields of the dossiers behind the list, from the answer. */
  fields: readonly string[];
  jurisdiction: JurisdictionResponse | null;
  /** Whether the unit and department choices are offered (city-wide users). */
  chooseScope: boolean;
  onChange: (key: OfficialFilterKey, value: string | null) => void;
  onClear: () => void;
}

export function OfficialsFilters({ filters, fields, jurisdiction, chooseScope, onChange, onClear }: OfficialsFiltersProps) {
  const { t } = useTranslation('officials');
  const id = useId();
  const [q, setQ] = useState(filters.q);
  // The URL changed under us (back button, a link): follow it.
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => onChange('q', q), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, filters.q, onChange]);

  const fieldOptions = filters.field && !fields.includes(filters.field) ? [filters.field, ...fields] : fields;
  const any = filters.unit || filters.department || filters.field || filters.q;
  return (
    <form className="off-filters" aria-label={t('filters.label')} role="search" onSubmit={(e) => e.preventDefault()}>
      {chooseScope && (
        <>
          <label htmlFor={`${id}-unit`}>
            <span>{t('filters.unit')}</span>
            <select id={`${id}-unit`} value={filters.unit ?? ''} onChange={(e) => onChange('unit', e.target.value || null)}>
              <option value="">{t('filters.any')}</option>
              {jurisdiction?.units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.fullName}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={`${id}-dept`}>
            <span>{t('filters.department')}</span>
            <select id={`${id}-dept`} value={filters.department ?? ''} onChange={(e) => onChange('department', e.target.value || null)}>
              <option value="">{t('filters.any')}</option>
              {jurisdiction?.departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <label htmlFor={`${id}-field`}>
        <span>{t('filters.field')}</span>
        <select id={`${id}-field`} value={filters.field ?? ''} onChange={(e) => onChange('field', e.target.value || null)}>
          <option value="">{t('filters.any')}</option>
          {fieldOptions.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-q`} className="off-filters__search">
        <span>{t('filters.search')}</span>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          placeholder={t('filters.searchPlaceholder')}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
          data-testid="officials-search"
        />
      </label>
      {any && (
        <button type="button" className="off-filters__clear" onClick={onClear}>
          {t('filters.clear')}
        </button>
      )}
    </form>
  );
}
