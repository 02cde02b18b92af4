/** The users of the administration (`/api/v1/admin/users…`): what the server answers. Imports nothing but roles. */
import type { UserRole } from './roles.js';

/** A user as the administration sees it (never a password or its hash). Instants in ms since the epoch. */
export interface AdminUser {
  username: string;
  displayName: string;
  role: UserRole;
  /** `unit:<code>` / `department:<code>` held (unit leaders, departments; the first is their home); empty otherwise. */
  scopes: string[];
  createdAt: number;
  disabled: boolean;
  /** Null when the user never signed in. */
  lastLoginAt: number | null;
}

export interface AdminUserList {
  items: AdminUser[];
}

/** The answer to a password reset: the temporary password, in this answer only. */
export interface PasswordResetAnswer extends AdminUser {
  temporaryPassword: string;
}
