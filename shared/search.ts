/**
 * Diacritic-insensitive matching of Vietnamese names, one rule for the client's searches and the
 * server's (the officials list's `q`): "tan dinh" finds "Tân Định", "nguyen van" finds "Nguyễn Văn";
 * "dakao" does not find "Đa Kao" but "da kao" does. đ/Đ are letters of their own (not a combining
 * mark), so they are mapped to d explicitly. Pure, no imports.
 */

/** Lower-case, strip tone and vowel marks, map đ→d, collapse whitespace. */
export function normalizeSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True when every word of the query occurs (as a prefix of a word) in the text. */
export function matchesSearch(query: string, text: string): boolean {
  const q = normalizeSearch(query);
  if (!q) return true;
  const words = normalizeSearch(text).split(' ');
  return q.split(' ').every((term) => words.some((w) => w.startsWith(term)));
}
