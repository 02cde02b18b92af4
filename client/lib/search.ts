/**
 * Diacritic-insensitive search for Vietnamese names: "tan dinh" finds "Tân Định", "dakao" does not
 * find "Đa Kao" but "da kao" does. đ/Đ are letters of their own (not a combining mark), so they
 * are mapped to d explicitly. The matching rule is shared with the server (shared/search.ts).
 */
import { matchesSearch, normalizeSearch } from '../../shared/search';

export { matchesSearch, normalizeSearch };

/**
 * Ranks candidates for a query: an exact name first, then names starting with the query, then
 * any word-prefix match; ties keep the input order. Returns at most `limit` items.
 */
export function searchItems<T>(query: string, items: readonly T[], textOf: (item: T) => string[], limit = 10): T[] {
  const q = normalizeSearch(query);
  if (!q) return [];
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    let best = -1;
    for (const text of textOf(item)) {
      const n = normalizeSearch(text);
      let score = -1;
      if (n === q) score = 3;
      else if (n.startsWith(q)) score = 2;
      else if (matchesSearch(query, text)) score = 1;
      else if (n.includes(q)) score = 0;
      if (score > best) best = score;
    }
    if (best >= 0) scored.push({ item, score: best, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}
