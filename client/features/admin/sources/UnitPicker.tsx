/**
 * Chooses the units a source may write: a search by name or code (diacritics optional) adds a unit or
 * department; each chosen one is a chip that removes it. None chosen: no limit.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchItems } from '../../../lib/search';

export interface PickableUnit {
  code: string;
  name: string;
}

export interface UnitPickerProps {
  units: readonly PickableUnit[];
  value: readonly string[];
  onChange: (codes: string[]) => void;
}

export function UnitPicker({ units, value, onChange }: UnitPickerProps) {
  const { t } = useTranslation('adminSources');
  const [query, setQuery] = useState('');
  const id = useId();
  const byCode = useMemo(() => new Map(units.map((u) => [u.code, u])), [units]);
  const matches = searchItems(query, units, (u) => [u.name, u.code], 8).filter((u) => !value.includes(u.code));
  return (
    <fieldset className="admin-units">
      <legend>{t('units.label')}</legend>
      {value.length === 0 ? (
        <p className="muted">{t('units.none')}</p>
      ) : (
        <ul className="admin-chips">
          {value.map((code) => {
            const name = byCode.get(code)?.name ?? code;
            return (
              <li key={code}>
                <button
                  type="button"
                  className="admin-chip"
                  onClick={() => onChange(value.filter((c) => c !== code))}
                  aria-label={t('units.remove', { name })}
                >
                  {name} <span className="muted">{code}</span> <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <label htmlFor={id}>{t('units.search')}</label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        autoComplete="off"
        data-testid="source-unit-search"
      />
      {matches.length > 0 && (
        <ul className="admin-matches">
          {matches.map((u) => (
            <li key={u.code}>
              <button
                type="button"
                onClick={() => {
                  onChange([...value, u.code]);
                  setQuery('');
                }}
                aria-label={t('units.add', { name: u.name })}
              >
                {u.name} <span className="muted">{u.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
