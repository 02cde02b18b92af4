/**
 * The officials list cut from a window's scorecards (official-scorecards.ts): filtered by the
 * officials' own units, the dossiers' field and a diacritic-insensitive name search, sorted and paged.
 * Pure.
 */
import { matchesSearch } from '../../shared/search.js';
import type { OfficialIdentity, OfficialListRow, OfficialListSortKey } from '../../shared/contract/officials.js';
import type { OfficialCard } from './official-scorecards.js';

export interface OfficialListQuery {
  /** Officials whose own unit is one of these codes; null: any. */
  units: ReadonlySet<string> | null;
  /** Only steps (and holdings, reminders) of dossiers of this field; null: all. */
  field: string | null;
  /** Name search (every word a prefix of a word of the name, marks and case ignored); null: none. */
  q: string | null;
  sort: OfficialListSortKey;
  dir: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface OfficialListPage {
  total: number;
  items: OfficialListRow[];
  /** Fields of the dossiers of the officials in `units` (before the field and name filters), sorted. */
  fields: string[];
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Orders two rows by `key`: missing values (null) last in either direction; ties by name, then id. */
export function compareOfficialRows(a: OfficialListRow, b: OfficialListRow, key: OfficialListSortKey, dir: 'asc' | 'desc'): number {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = () => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (key === 'name') return sign * byName();
  if (key === 'unit') return sign * collator.compare(a.unitName, b.unitName) || byName();
  const x = a[key];
  const y = b[key];
  if (x === null || y === null) return x === y ? byName() : x === null ? 1 : -1;
  return sign * (x - y) || byName();
}

/** The page of officials `query` asks for; `identity` names an official's unit. */
export function listOfficials(
  cards: readonly OfficialCard[],
  query: OfficialListQuery,
  identity: (o: OfficialCard) => OfficialIdentity,
): OfficialListPage {
  const fields = new Set<string>();
  const rows: OfficialListRow[] = [];
  for (const o of cards) {
    if (query.units && !query.units.has(o.unit)) continue;
    for (const f of o.byField.keys()) if (f) fields.add(f);
    if (query.q && !matchesSearch(query.q, o.name)) continue;
    const card = query.field === null ? o.all : o.byField.get(query.field);
    if (card) rows.push({ ...identity(o), ...card });
  }
  rows.sort((a, b) => compareOfficialRows(a, b, query.sort, query.dir));
  const start = (query.page - 1) * query.pageSize;
  return { total: rows.length, items: rows.slice(start, start + query.pageSize), fields: [...fields].sort(collator.compare) };
}
