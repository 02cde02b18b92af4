/**
 * The header's role label. In a national pack "Lãnh đạo Thành phố" would be wrong: a province's leaders
 * are named with their province ("Lãnh đạo Thành phố Hà Nội", "Lãnh đạo Tỉnh Cao Bằng"), the country's
 * with the country. Pure: returns an i18n key (auth namespace) and its values.
 */
import type { ProvinceInfo } from '../../../shared/contract/provinces';

/** Roles whose label names the place they watch (the others are the same in every pack). */
const PLACED = new Set(['city_leader', 'supervisor']);

export function roleLabel(
  user: { role: string; scopes: readonly string[] },
  provinces: readonly ProvinceInfo[] | undefined,
  lang: 'vi' | 'en',
): { key: string; values?: { place: string } } {
  if (!provinces || !PLACED.has(user.role)) return { key: `role.${user.role}` };
  const held = user.scopes
    .filter((s) => s.startsWith('province:'))
    .map((s) => provinces.find((p) => `province:${p.code}` === s))
    .filter((p): p is ProvinceInfo => p !== undefined);
  if (held.length === 0) return { key: `roleCountry.${user.role}` };
  return { key: `roleIn.${user.role}`, values: { place: held.map((p) => (lang === 'en' ? p.nameEn : p.name)).join(', ') } };
}
