/**
 * Which scopes an overview answer carries: a city pack's every unit and department (as always); a
 * national pack's provinces at country level, or one province's communes after a drill
 * (`?province=<code>`). 3,321 communes in every country answer weighed 1.5 MB; 34 provinces do not.
 */
import { z } from 'zod';
import type { Jurisdiction } from '../domain/types.js';
import { provinceScope } from '../metrics/scope-rollup.js';
import type { ScopeKey } from '../metrics/types.js';
import { HttpError } from './errors.js';

/** GET /overview: the period, and in a national pack the province drilled into. */
export const overviewLevelQuery = z.object({
  province: z
    .string()
    .regex(/^\d{2}$/, 'a 2-digit province code, e.g. 01 (Hà Nội)')
    .optional(),
});

export interface OverviewLevelPlan {
  /** The scope of the answer's top figures (`city`, previousCity, day): the city/country, or the province. */
  top: ScopeKey;
  /** Unit codes whose metrics the answer carries. */
  units: readonly string[];
  /** Whether the departments are carried (not inside a province: they are the country's). */
  departments: boolean;
  /** Province codes whose metrics are carried (country level of a national pack); empty otherwise. */
  provinces: readonly string[];
  /** The wire's `level` (national packs only). */
  level: { province: string | null } | undefined;
}

/** Plans the levels of one jurisdiction once; `plan(province)` answers per request. */
export function overviewLevels(j: Pick<Jurisdiction, 'units' | 'provinces'>) {
  const allUnits = j.units.map((u) => u.code);
  const communesOf = new Map<string, string[]>();
  for (const u of j.units) {
    if (u.province === undefined) continue;
    const list = communesOf.get(u.province) ?? [];
    list.push(u.code);
    communesOf.set(u.province, list);
  }
  const provinceCodes = (j.provinces ?? []).map((p) => p.code);

  return {
    /** The plan for `?province=` (undefined: the top level); 400 in a city pack, 404 for an unknown province. */
    plan(province: string | undefined): OverviewLevelPlan {
      if (!j.provinces) {
        if (province !== undefined)
          throw new HttpError(400, 'invalid_query', 'province: this jurisdiction has no provinces (JURISDICTION=vn has)');
        return { top: 'city', units: allUnits, departments: true, provinces: [], level: undefined };
      }
      if (province === undefined) return { top: 'city', units: [], departments: true, provinces: provinceCodes, level: { province: null } };
      const communes = communesOf.get(province);
      if (communes === undefined) throw new HttpError(404, 'not_found', `province: no province with code "${province}"`);
      return { top: provinceScope(province), units: communes, departments: false, provinces: [], level: { province } };
    },
  };
}
