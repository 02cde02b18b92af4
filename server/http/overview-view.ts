/**
 * What a caller may see of an overview level, and the key of its kept answer (overview-cache.ts), kept
 * per principal object (issue 15: fewer allocations per request). A kept session's principal
 * (auth/session-cache.ts) and the public's are the same object from one request to the next, so a
 * request no longer filters every unit through the policy and joins their codes into its key; any other
 * principal (a display's, built per request) is worked out afresh, as before.
 */
import type { Principal } from '../auth/policy.js';
import type { ScopeKey } from '../metrics/types.js';
import type { OverviewLevelPlan } from './overview-level.js';

export interface OverviewSeen {
  units: string[];
  departments: string[];
  provinces: string[];
  /** Whether the level's top figures (city, country or province) are seen. */
  whole: boolean;
}

export interface OverviewView {
  seen: OverviewSeen;
  /** The kept answer's key: the period, the level and exactly what the caller may see of it. */
  key: string;
}

/** Views kept per principal (periods × levels asked by one screen). */
const VIEWS_PER_PRINCIPAL = 16;

/** `may`: whether a principal may see a scope's figures (a pure function of the two: the policy is fixed). */
export function createOverviewViews(departments: readonly string[], may: (p: Principal, scope: ScopeKey) => boolean) {
  const kept = new WeakMap<Principal, Map<string, OverviewView>>();
  return (p: Principal, period: string, province: string | undefined, level: OverviewLevelPlan): OverviewView => {
    const at = `${period}|${province ?? ''}`;
    let mine = kept.get(p);
    if (mine === undefined) kept.set(p, (mine = new Map()));
    const hit = mine.get(at);
    if (hit !== undefined) return hit;
    const seen: OverviewSeen = {
      units: level.units.filter((c) => may(p, `unit:${c}`)),
      departments: level.departments ? departments.filter((c) => may(p, `department:${c}`)) : [],
      provinces: level.provinces.filter((c) => may(p, `province:${c}`)),
      whole: may(p, level.top),
    };
    const key = `${at}|${seen.whole ? 1 : 0}|${seen.units.join()}|${seen.departments.join()}|${seen.provinces.join()}`;
    if (mine.size >= VIEWS_PER_PRINCIPAL) mine.clear();
    const view = { seen, key };
    mine.set(at, view);
    return view;
  };
}
