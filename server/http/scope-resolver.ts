/**
 * The codes a unit route (`/units/:code`, its lists) answers for: a unit or department, `city`, and in a
 * national pack a province as `province:<code>` (its communes taken together: country → province →
 * commune → dossier). Unknown codes are 404, whatever the pack.
 */
import type { Jurisdiction } from '../domain/types.js';
import { provinceScope } from '../metrics/scope-rollup.js';
import type { ScopeKey } from '../metrics/types.js';
import { HttpError } from './errors.js';
import { resolveScopeCode } from './query.js';

/** A resolved route code: its scope, and which dossiers its reads cover. */
export interface ResolvedScope {
  scope: ScopeKey;
  /** One unit or department; null for the city/country or a province. */
  unit: string | null;
  /** A province: its code and its communes (reads cover exactly these units). */
  province?: { code: string; units: readonly string[] };
}

/** A province's route code: `province:01`. */
export const PROVINCE_CODE = /^province:(\d{2})$/;

/** Resolves route codes of one jurisdiction (the provinces' communes grouped once). */
export function scopeResolver(
  j: Pick<Jurisdiction, 'units' | 'provinces'>,
  scopeOf: (code: string) => ScopeKey | null,
): (code: string) => ResolvedScope {
  const communesOf = new Map<string, string[]>();
  for (const u of j.units) {
    if (u.province === undefined) continue;
    const list = communesOf.get(u.province) ?? [];
    list.push(u.code);
    communesOf.set(u.province, list);
  }
  return (code) => {
    const m = PROVINCE_CODE.exec(code);
    if (m === null) return resolveScopeCode(code, scopeOf);
    const units = communesOf.get(m[1]);
    if (units === undefined) throw new HttpError(404, 'not_found', `no province with code "${m[1]}" in this jurisdiction`);
    return { scope: provinceScope(m[1]), unit: null, province: { code: m[1], units } };
  };
}
