import { randomBytes } from 'node:crypto';
import type { UserRole } from '../db/users-repo.js';
import type { ScopeKey } from '../metrics/types.js';
import { createUser, type UserWriter } from './users.js';

/** The demo's people: one of each role that signs in. */
export const DEMO_USERS: { username: string; displayName: string; role: UserRole; scope: ScopeKey | null }[] = [
  { username: 'lanhdao', displayName: 'Lãnh đạo UBND Thành phố', role: 'city_leader', scope: null },
  { username: 'giamsat', displayName: 'Trung tâm Phục vụ hành chính công', role: 'supervisor', scope: null },
  { username: 'phuong-saigon', displayName: 'Chủ tịch UBND phường Sài Gòn', role: 'unit_leader', scope: 'unit:26740' },
  { username: 'so-tuphap', displayName: 'Sở Tư pháp', role: 'department', scope: 'department:STP' },
  { username: 'quantri', displayName: 'Quản trị hệ thống', role: 'admin', scope: null },
];

/**
 * Creates the demo users, or gives them new random passwords when they exist (a password is known
 * only at the start that made it, so every start prints fresh ones). Users bound to a scope the
 * jurisdiction does not have (`department:STP` in the national pack) are left out.
 * @returns each user with its password in clear, for the start-up log of the demo only.
 */
export async function ensureDemoUsers(
  store: { users: UserWriter },
  now: number,
  hasScope: (scope: ScopeKey) => boolean = () => true,
): Promise<{ username: string; password: string; role: UserRole; scope: ScopeKey | null }[]> {
  const out = [];
  for (const u of DEMO_USERS.filter((d) => d.scope === null || hasScope(d.scope))) {
    const password = randomBytes(9).toString('base64url');
    await createUser(store, { ...u, scopes: u.scope ? [u.scope] : [], password }, now, { replace: true });
    out.push({ username: u.username, password, role: u.role, scope: u.scope });
  }
  return out;
}

/** One line per demo user for the start-up log (the only place a password is ever printed). */
export function formatDemoUsers(users: { username: string; password: string; role: string; scope: string | null }[]): string[] {
  return users.map((u) => `demo user ${u.username} / password ${u.password} / ${u.role}${u.scope ? ` (${u.scope})` : ''}`);
}
