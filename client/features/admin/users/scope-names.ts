/** Scope keys (`unit:26740`, `department:STP`, `province:01`) as people read them, and the list a picker searches. */
import type { JurisdictionResponse } from '../../../../shared/contract/api';

export interface ScopeOption {
  /** `unit:<code>`, `department:<code>` or (national packs) `province:<code>`. */
  scope: string;
  /** The full name in the current language (Phường Sài Gòn, Sở Tư pháp). */
  label: string;
  /** Names and code it may be typed as (searched with or without diacritics). */
  texts: string[];
}

export function scopeOptions(j: JurisdictionResponse | null, lang: 'vi' | 'en'): ScopeOption[] {
  if (!j) return [];
  return [
    ...j.units.map((u) => ({
      scope: `unit:${u.code}`,
      label: lang === 'en' ? `${u.nameEn || u.name} (${u.type})` : u.fullName || `${u.type} ${u.name}`,
      texts: [u.name, u.fullName, u.nameEn, u.code],
    })),
    ...j.departments.map((d) => ({
      scope: `department:${d.code}`,
      label: lang === 'en' ? d.nameEn || d.name : d.name,
      texts: [d.name, d.shortName, d.nameEn, d.code],
    })),
    ...(j.provinces ?? []).map((p) => ({
      scope: `province:${p.code}`,
      label: lang === 'en' ? p.nameEn || p.name : p.name,
      texts: [p.name, p.shortName, p.nameEn, p.code],
    })),
  ];
}

export const isProvinceOption = (o: ScopeOption): boolean => o.scope.startsWith('province:');

/** A scope's name, or its key when the jurisdiction does not know it (any more). */
export function scopeLabel(options: readonly ScopeOption[], scope: string): string {
  return options.find((o) => o.scope === scope)?.label ?? scope;
}
