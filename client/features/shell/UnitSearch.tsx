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
  const navigate = useNavigate();
  const { linkTo } = useViewParams();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const { entries, loaded } = useSearchEntries(open || query !== '');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

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
        aria-activedescendant={showList && results[active] ? optionId(listId, active) : undefined}
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
      <SearchOptions listId={listId} results={results} active={active} shown={showList} loaded={loaded} onPick={go} onHover={setActive} />
    </div>
  );
}

const optionId = (listId: string, i: number): string => `${listId}-opt-${i}`;

/**
 * Units and departments to search, named in the current language, with every name they may be typed as;
 * built once the search is used (`wanted`), not while the first screen is drawn.
 */
function useSearchEntries(wanted: boolean): { entries: SearchEntry[]; loaded: boolean } {
  const { t } = useTranslation();
  const lang = useLang();
  const jurisdiction = useJurisdiction();
  const entries = useMemo<SearchEntry[]>(() => {
    const j = jurisdiction.data;
    if (!j || !wanted) return [];
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
  }, [jurisdiction.data, lang, t, wanted]);
  return { entries, loaded: jurisdiction.data != null };
}

interface SearchOptionsProps {
  listId: string;
  results: readonly SearchEntry[];
  active: number;
  /** Whether the list is open (something typed, input focused). */
  shown: boolean;
  /** Whether the units are loaded: "no results" means something only then. */
  loaded: boolean;
  onPick: (entry: SearchEntry) => void;
  onHover: (index: number) => void;
}

/** The combobox's list: each result's name and type, or why there is none. */
function SearchOptions({ listId, results, active, shown, loaded, onPick, onHover }: SearchOptionsProps) {
  const { t } = useTranslation();
  return (
    <ul id={listId} role="listbox" className="search__list" hidden={!shown}>
      {results.map((r, i) => (
        <li
          key={r.code}
          id={optionId(listId, i)}
          role="option"
          aria-selected={i === active}
          className="search__option"
          onMouseDown={(e) => {
            e.preventDefault(); // keep focus; the click selects
            onPick(r);
          }}
          onMouseEnter={() => onHover(i)}
        >
          <span className="search__name">{r.label}</span>
          <span className="search__kind">{r.kind}</span>
        </li>
      ))}
      {shown && results.length === 0 && (
        <li className="search__empty" role="presentation">
          {loaded ? t('search.noResults') : t('loading')}
        </li>
      )}
    </ul>
  );
}
