/**
 * The scopes a user holds, checked for their role: the admin holds none; city-wide roles none (the city
 * is implied) or, in a national pack, one or more provinces (a province's leaders and administration
 * centre); unit leaders and departments one or more units and/or departments (they see the union).
 * Pure: the jurisdiction is asked through `scopeOf` (which resolves `province:<code>` in a national pack).
 */
import type { ScopeKey } from '../metrics/types.js';
import type { UserRole } from '../../shared/contract/roles.js';

/** More than this many scopes is a city-wide role, not a list to keep by hand. */
export const MAX_USER_SCOPES = 50;

/** Roles bound to units or departments (the others see the whole city, or no dossier at all). */
export const isBoundRole = (role: UserRole): boolean => role === 'unit_leader' || role === 'department';

/** Roles that see the whole city, or the whole of the provinces they hold. */
export const isProvinceRole = (role: UserRole): boolean => role === 'city_leader' || role === 'supervisor';

const isProvince = (s: ScopeKey): boolean => s.startsWith('province:');

/** The entries of a scope list: an array of strings, or one comma-separated string (the CLI's `--scope a,b`). */
function entriesOf(raw: unknown): string[] | null {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) return raw.map((s: string) => s.trim()).filter(Boolean);
  return null;
}

/** One entry: `unit:<code>`, `department:<code>`, `province:<code>` or a bare code (resolved to whichever it is). */
function resolveEntry(entry: string, scopeOf: (code: string) => ScopeKey | null): { scope: ScopeKey } | { problem: string } {
  if (entry.startsWith('province:'))
    return scopeOf(entry) === entry ? { scope: entry as ScopeKey } : { problem: `"${entry}" is not a province of this jurisdiction` };
  const m = /^(unit|department):(.+)$/.exec(entry);
  const code = m ? m[2] : entry;
  const resolved = scopeOf(code);
  if (!resolved || resolved === 'city') return { problem: `"${entry}" is not a known unit or department code` };
  if (m && !resolved.startsWith(`${m[1]}:`))
    return { problem: `"${code}" is a ${resolved.slice(0, resolved.indexOf(':'))}, not a ${m[1]}` };
  return { scope: resolved };
}

/**
 * The scopes of a user of `role`, in the order given, without repeats; or the problems, each
 * naming the field (`scopes`), the entry and why.
 */
export function checkUserScopes(
  role: UserRole,
  raw: unknown,
  scopeOf: (code: string) => ScopeKey | null,
): { ok: true; scopes: ScopeKey[] } | { ok: false; problems: string[] } {
  const entries = entriesOf(raw);
  if (entries === null) return { ok: false, problems: ['scopes: a list of unit or department codes (strings)'] };
  if (!isBoundRole(role)) {
    if (entries.every((e) => e === 'city')) return { ok: true, scopes: [] };
    if (isProvinceRole(role) && entries.every((e) => e.startsWith('province:'))) return provincesOf(entries, scopeOf);
    const provinces = isProvinceRole(role) ? ' or one or more provinces (province:<code>)' : '';
    return { ok: false, problems: [`scopes: the ${role} role sees the whole city${provinces} and holds no unit (leave scopes empty)`] };
  }
  if (entries.length === 0)
    return { ok: false, problems: [`scopes: the ${role} role needs at least one unit or department (unit:<code>, department:<code>)`] };
  if (entries.length > MAX_USER_SCOPES) return { ok: false, problems: [`scopes: at most ${MAX_USER_SCOPES} units and departments`] };
  const problems: string[] = [];
  const scopes: ScopeKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const r = resolveEntry(entry, scopeOf);
    if ('problem' in r) problems.push(`scopes[${i}]: ${r.problem}`);
    else if (isProvince(r.scope))
      problems.push(`scopes[${i}]: a province is held by a city_leader or supervisor (its leaders), not by the ${role} role`);
    else if (!scopes.includes(r.scope)) scopes.push(r.scope);
  }
  return problems.length ? { ok: false, problems } : { ok: true, scopes };
}

/** The provinces of a province-bound leader or supervisor, each known to the jurisdiction. */
function provincesOf(
  entries: string[],
  scopeOf: (code: string) => ScopeKey | null,
): { ok: true; scopes: ScopeKey[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const scopes: ScopeKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const r = resolveEntry(entry, scopeOf);
    if ('problem' in r) problems.push(`scopes[${i}]: ${r.problem}`);
    else if (!scopes.includes(r.scope)) scopes.push(r.scope);
  }
  return problems.length ? { ok: false, problems } : { ok: true, scopes };
}

/** The scopes a role keeps when only the role changes: its units if bound, its provinces if a province role. */
export function scopesKeptFor(role: UserRole, held: readonly ScopeKey[]): ScopeKey[] {
  if (isBoundRole(role)) return held.filter((s) => !isProvince(s));
  if (isProvinceRole(role)) return held.filter(isProvince);
  return [];
}
