/**
 * The officials list cut from a window's scorecards (official-scorecards.ts): filtered by the
 * officials' own units, the dossiers' field and a diacritic-insensitive name search, sorted and paged.
 * Pure.
 */
import { normalizeSearch } from '../../shared/search.js';
import type { OfficialIdentity, OfficialListRow, OfficialListSortKey, OfficialScorecard } from '../../shared/contract/officials.js';
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

/**
 * What ordering and searching need of a set of scorecards, computed once per set (a snapshot is
 * listed many times): each official's place by name and by unit name in Vietnamese order (comparing
 * with Intl.Collator at every sort cost tens of ms), and their names without marks.
 */
interface ListIndex {
  nameRank: Map<string, number>;
  unitRank: Map<string, number>;
  words: Map<string, string[]>;
}
const indexes = new WeakMap<readonly OfficialCard[], ListIndex>();

function listIndex(cards: readonly OfficialCard[], identity: (o: OfficialCard) => OfficialIdentity): ListIndex {
  let index = indexes.get(cards);
  if (index) return index;
  const byName = [...cards].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const unitNames = [...new Set(cards.map((o) => identity(o).unitName))].sort(collator.compare);
  const unitPlace = new Map(unitNames.map((n, i) => [n, i]));
  index = {
    nameRank: new Map(byName.map((o, i) => [o.id, i])),
    unitRank: new Map(cards.map((o) => [o.id, unitPlace.get(identity(o).unitName) ?? 0])),
    words: new Map(cards.map((o) => [o.id, normalizeSearch(o.name).split(' ')])),
  };
  indexes.set(cards, index);
  return index;
}

/** Orders two rows by `key`: missing values (null) last in either direction; ties by name (then id). */
export function compareOfficialRows(a: OfficialListRow, b: OfficialListRow, key: OfficialListSortKey, dir: 'asc' | 'desc'): number {
  const byName = () => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return compareBy(a, b, key, dir, byName, () => collator.compare(a.unitName, b.unitName));
}

/** The ordering rule of the list, given how two rows compare by name and by unit name. */
function compareBy(
  a: OfficialScorecard,
  b: OfficialScorecard,
  key: OfficialListSortKey,
  dir: 'asc' | 'desc',
  byName: () => number,
  byUnit: () => number,
): number {
  const sign = dir === 'asc' ? 1 : -1;
  if (key === 'name') return sign * byName();
  if (key === 'unit') return sign * byUnit() || byName();
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
  const index = listIndex(cards, identity);
  const terms = query.q ? normalizeSearch(query.q).split(' ').filter(Boolean) : [];
  const fields = new Set<string>();
  // Sorted as (official, scorecard) pairs; rows are built for the page only.
  const found: { o: OfficialCard; card: OfficialScorecard; name: number; unit: number }[] = [];
  for (const o of cards) {
    if (query.units && !query.units.has(o.unit)) continue;
    for (const f of o.byField.keys()) if (f) fields.add(f);
    // Every word of the query starts a word of the name (shared/search.ts matchesSearch, names normalized once).
    const words = index.words.get(o.id) ?? [];
    if (terms.length && !terms.every((t) => words.some((w) => w.startsWith(t)))) continue;
    const card = query.field === null ? o.all : o.byField.get(query.field);
    if (card) found.push({ o, card, name: index.nameRank.get(o.id) ?? 0, unit: index.unitRank.get(o.id) ?? 0 });
  }
  found.sort((a, b) =>
    compareBy(
      a.card,
      b.card,
      query.sort,
      query.dir,
      () => a.name - b.name,
      () => a.unit - b.unit,
    ),
  );
  const start = (query.page - 1) * query.pageSize;
  const items = found.slice(start, start + query.pageSize).map(({ o, card }) => ({ ...identity(o), ...card }));
  return { total: found.length, items, fields: [...fields].sort(collator.compare) };
}
