/**
 * Which aggregate scopes an item counts in besides its own: the one definition the live engine, the
 * oracle and the store-backed figures of past periods share. Every counted item is in exactly one leaf
 * scope (`unit:` or `department:`) and in `city`; in a national jurisdiction a commune's items are also
 * in their province (`province:<code>`), which is the sum of its communes. Departments have no
 * province: they count in the country only. Pure.
 */
import type { ScopeKey } from './types.js';

/** The province scope above a leaf scope, or null (every scope of a city pack, and every department). */
export type ParentOf = (leaf: ScopeKey) => ScopeKey | null;

/** No level between the leaves and `city` (a city pack). */
export const NO_PARENT: ParentOf = () => null;

/** `province:<code>`. */
export const provinceScope = (code: string): `province:${string}` => `province:${code}`;

/** Scopes that are sums of leaf scopes, never written by an item directly. */
export function isAggregateScope(key: ScopeKey): boolean {
  return key === 'city' || key.startsWith('province:');
}

/**
 * The parent of each commune of a national pack: its province. Units without a province (a city
 * pack) have none, so the result is NO_PARENT's behaviour for them.
 */
export function provinceParents(units: readonly { code: string; province?: string }[]): ParentOf {
  const byUnit = new Map<ScopeKey, ScopeKey>();
  for (const u of units) if (u.province !== undefined) byUnit.set(`unit:${u.code}`, provinceScope(u.province));
  if (byUnit.size === 0) return NO_PARENT;
  return (leaf) => byUnit.get(leaf) ?? null;
}

/**
 * Every scope an item of leaf scope `leaf` counts in: `city`, the leaf, and its province if any (in
 * that order). Null for `null` or an aggregate (an item is never counted directly in a sum).
 */
export function rollupScopes(leaf: ScopeKey | null, parentOf: ParentOf): ScopeKey[] | null {
  if (leaf === null || isAggregateScope(leaf)) return null;
  const parent = parentOf(leaf);
  return parent === null ? ['city', leaf] : ['city', leaf, parent];
}

/** The province scopes of a jurisdiction's provinces (none for a city pack). */
export function provinceScopes(provinces: readonly { code: string }[] | undefined): ScopeKey[] {
  return (provinces ?? []).map((p) => provinceScope(p.code));
}

/** Every scope the engine keeps besides `city`: the units, the departments and, in a national pack, the provinces. */
export function jurisdictionScopes(j: {
  units: readonly { code: string }[];
  departments: readonly { code: string }[];
  provinces?: readonly { code: string }[];
}): ScopeKey[] {
  return [
    ...j.units.map((u) => `unit:${u.code}` as const),
    ...j.departments.map((d) => `department:${d.code}` as const),
    ...provinceScopes(j.provinces),
  ];
}
