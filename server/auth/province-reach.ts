/**
 * Users bound to a province (national packs): a `province:<code>` scope held by a province's leaders
 * (city_leader) or its administration centre (supervisor) reaches every commune of that province.
 * The policy asks `within` on the principal's `reach`, computed here once per jurisdiction. Pure.
 */
import type { ScopeKey } from '../metrics/types.js';
import { provinceScope } from '../metrics/scope-rollup.js';

/** What a jurisdiction's provinces mean for access: which provinces exist and what each reaches. */
export interface ProvinceAccess {
  /** Resolves a user's scope entry: `province:<code>` when that province exists, else as `scopeOf`. */
  userScopeOf(scopeOf: (code: string) => ScopeKey | null): (code: string) => ScopeKey | null;
  /** The communes of the provinces among `held` (undefined when none is a province: nothing beyond `held`). */
  reachOf(held: readonly ScopeKey[]): ReadonlySet<ScopeKey> | undefined;
}

export function provinceAccess(units: readonly { code: string; province?: string }[]): ProvinceAccess {
  const communes = new Map<ScopeKey, ScopeKey[]>();
  for (const u of units) {
    if (u.province === undefined) continue;
    const key = provinceScope(u.province);
    const list = communes.get(key) ?? [];
    list.push(`unit:${u.code}`);
    communes.set(key, list);
  }
  // One set per held combination (nearly always a single province), shared by every request of its users.
  const cache = new Map<string, ReadonlySet<ScopeKey>>();
  return {
    userScopeOf: (scopeOf) => (code) =>
      code.startsWith('province:') ? (communes.has(code as ScopeKey) ? (code as ScopeKey) : null) : scopeOf(code),
    reachOf(held) {
      const provinces = held.filter((s) => communes.has(s));
      if (provinces.length === 0) return undefined;
      const key = provinces.join(',');
      let set = cache.get(key);
      if (!set) {
        set = new Set(provinces.flatMap((p) => communes.get(p)!));
        cache.set(key, set);
      }
      return set;
    },
  };
}

/** A jurisdiction without provinces (a city pack): province entries are unknown, nothing reaches further. */
export const NO_PROVINCES: ProvinceAccess = provinceAccess([]);
