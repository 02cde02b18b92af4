/** The administration's users API (`/api/v1/admin/users…`): admin role, CSRF token sent by sendJson. */
import { apiUrl, getJson, sendJson } from '../../../api';
import type { AdminUser, AdminUserList, PasswordResetAnswer } from '../../../../shared/contract/admin-users';
import type { UserRole } from '../../../../shared/contract/roles';

export type { AdminUser, PasswordResetAnswer };

export interface NewUserBody {
  username: string;
  password: string;
  displayName: string;
  role: UserRole;
  scopes: string[];
}

export interface UserChangesBody {
  displayName?: string;
  role?: UserRole;
  scopes?: string[];
}

const one = (username: string, action = '') => apiUrl(`/admin/users/${encodeURIComponent(username)}${action}`);

export const fetchUsers = (signal?: AbortSignal) => getJson<AdminUserList>(apiUrl('/admin/users'), { signal });
export const createUser = (body: NewUserBody) => sendJson<AdminUser>('POST', apiUrl('/admin/users'), body);
export const changeUser = (username: string, body: UserChangesBody) => sendJson<AdminUser>('PATCH', one(username), body);
export const disableUser = (username: string) => sendJson<AdminUser>('POST', one(username, '/disable'), {});
export const enableUser = (username: string) => sendJson<AdminUser>('POST', one(username, '/enable'), {});
export const resetPassword = (username: string) => sendJson<PasswordResetAnswer>('POST', one(username, '/reset-password'), {});
