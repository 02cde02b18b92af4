/** Who may sign in, and every kind of principal the access rules know (server/auth/policy.ts). Imports nothing. */

/** Roles a user account may have (users.role). */
export const USER_ROLES = ['city_leader', 'supervisor', 'unit_leader', 'department', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A user's role, a wall display (token), or the public (nobody signed in). */
export type Role = UserRole | 'display' | 'public';
export const ROLES: readonly Role[] = ['city_leader', 'supervisor', 'unit_leader', 'department', 'display', 'public', 'admin'];
