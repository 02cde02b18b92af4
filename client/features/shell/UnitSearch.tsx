import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useJurisdiction } from '../../api';
import { useLang } from '../../i18n';
import { searchItems } from '../../lib/search';
import { useViewParams } from '../../lib/url-state';

interface SearchEntry {
  code: string;
  /** Display name in the current language. */
  label: string;
  /** Type label: Phường / Xã / Đặc khu / Sở, ban, ngành. */
  kind: string;
  texts: string[];
}

const MAX_RESULTS = 8;

/**
 * Finds a ward, commune or department by name, without needing diacritics ("tan dinh" finds
 * "Tân Định"), and opens its page. A combobox: arrows move, Enter opens, Escape closes.
 */
export function UnitSearch() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { linkTo } = useViewParams();
  const jurisdiction = useJurisdiction();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  const entries = useMemo<SearchEntry[]>(() => {
    const j = jurisdiction.data;
    if (!j) return [];
    return [
      ...j.units.map((u) => ({
        code: u.code,
        label: lang === 'en' ? u.nameEn || u.name : u.name,
        kind: t(`unitType.${u.type}`),
        texts: [u.name, u.fullName, u.nameEn, u.code],
      })),
      ...j.departments.map((d) => ({
        code: d.code,
        label: lang === 'en' ? d.nameEn || d.name : d.name,
        kind: t('unitType.department'),
        texts: [d.name, d.shortName, d.nameEn, d.code],
      })),
    ];
  }, [jurisdiction.data, lang, t]);

  const results = useMemo(() => searchItems(query, entries, (e) => e.texts, MAX_RESULTS), [query, entries]);
  const showList = open && query.trim().length > 0;

  const go = (entry: SearchEntry | undefined): void => {
    if (!entry) return;
    setOpen(false);
    setQuery('');
    inputRef.current?.blur();
    navigate(linkTo(`/units/${encodeURIComponent(entry.code)}`));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (results.length ? (a + 1) % results.length : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (results.length ? (a - 1 + results.length) % results.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(results[active] ?? results[0]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const optionId = (i: number): string => `${listId}-opt-${i}`;

  return (
    <div className="search" data-testid="unit-search">
      <label className="visually-hidden" htmlFor={`${listId}-input`}>
        {t('search.label')}
      </label>
      <span className="search__icon" aria-hidden="true">
        ⌕
      </span>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        className="search__input"
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && results[active] ? optionId(active) : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="search__list" hidden={!showList}>
        {results.map((r, i) => (
          <li
            key={r.code}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="search__option"
            onMouseDown={(e) => {
              e.preventDefault(); // keep focus; the click selects
              go(r);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="search__name">{r.label}</span>
            <span className="search__kind">{r.kind}</span>
          </li>
        ))}
        {showList && results.length === 0 && (
          <li className="search__empty" role="presentation">
            {jurisdiction.data ? t('search.noResults') : t('loading')}
          </li>
        )}
      </ul>
    </div>
  );
}
