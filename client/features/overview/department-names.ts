/** Department names short enough for narrow lists (pure). */

/**
 * The English short form of a department's name, for lists titled "Departments": without the
 * leading "Department of " ("Department of Education and Training" → "Education and Training").
 * Other names are kept whole; a list shows the full name as the item's title.
 */
export function shortDepartmentNameEn(nameEn: string): string {
  const short = nameEn.replace(/^Department of\s+/i, '').trim();
  return short ? short.charAt(0).toUpperCase() + short.slice(1) : nameEn;
}

/** The name a list shows: the Vietnamese short name (Tư pháp), or the English short form. */
export function departmentListName(d: { name: string; nameEn: string; shortName?: string }, lang: string): string {
  return lang === 'en' ? shortDepartmentNameEn(d.nameEn || d.name) : d.shortName || d.name;
}
