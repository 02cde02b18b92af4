/**
 * Picks the units and departments a user holds: chips of those chosen (the first is the user's home
 * page), and a search by name with or without diacritics ("ben thanh" finds "Bến Thành"), as the
 * header's unit search.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchItems } from '../../../lib/search';
import { scopeLabel, type ScopeOption } from './scope-names';

const MAX_RESULTS = 8;

interface Props {
  options: readonly ScopeOption[];
  value: string[];
  onChange(next: string[]): void;
  /** The server's reason, shown under the field. */
  error?: string;
  /** Picking provinces (a province's leaders in a national pack) rather than units and departments. */
  provinces?: boolean;
}

export function ScopePicker({ options, value, onChange, error, provinces = false }: Props) {
  const { t } = useTranslation('adminUsers');
  const id = useId();
  const [query, setQuery] = useState('');
  const results = useMemo(
    () =>
      searchItems(query, options, (o) => o.texts, MAX_RESULTS + value.length)
        .filter((o) => !value.includes(o.scope))
        .slice(0, MAX_RESULTS),
    [query, options, value],
  );
  return (
    <fieldset className="users-scopes" aria-describedby={error ? `${id}-err` : undefined} data-testid="scope-picker">
      <legend>{t(provinces ? 'form.provinces' : 'form.scopes')}</legend>
      <p className="hint">{t(provinces ? 'form.provincesHint' : 'form.scopesHint')}</p>
      {value.length > 0 ? (
        <ul className="users-chips" aria-label={t('form.scopesChosen')}>
          {value.map((s, i) => (
            <li key={s} className="users-chip">
              <span>
                {scopeLabel(options, s)}
                {i === 0 && value.length > 1 && <small className="muted"> · {t('form.home')}</small>}
              </span>
              <button
                type="button"
                onClick={() => onChange(value.filter((v) => v !== s))}
                aria-label={t('form.removeScope', { name: scopeLabel(options, s) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(provinces ? 'form.noProvinces' : 'form.noScopes')}</p>
      )}
      <label htmlFor={`${id}-q`}>{t('form.scopeSearch')}</label>
      <input
        id={`${id}-q`}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder={t(provinces ? 'form.provinceSearchPlaceholder' : 'form.scopeSearchPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="scope-search"
      />
      {query.trim() && (
        <ul className="users-scope-results" aria-label={t('form.scopeResults')}>
          {results.length === 0 && <li className="muted">{t('form.scopeNone')}</li>}
          {results.map((o) => (
            <li key={o.scope}>
              <button
                type="button"
                onClick={() => {
                  onChange([...value, o.scope]);
                  setQuery('');
                }}
              >
                + {o.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
