/**
 * The server's 400 message for a user ("username: …; scopes[1]: …") split by field, so each reason
 * is shown next to its field. Parts naming no known field stay general.
 */
export type UserField = 'username' | 'password' | 'displayName' | 'role' | 'scopes';
const FIELDS: readonly UserField[] = ['username', 'password', 'displayName', 'role', 'scopes'];

export interface FieldErrors {
  fields: Partial<Record<UserField, string>>;
  general: string[];
}

export function splitFieldErrors(message: string): FieldErrors {
  const out: FieldErrors = { fields: {}, general: [] };
  for (const part of message.split(/;\s+/).filter(Boolean)) {
    const m = /^([A-Za-z]+)(\[\d+\])?:\s*(.+)$/.exec(part);
    const field = m && (FIELDS as readonly string[]).includes(m[1]) ? (m[1] as UserField) : null;
    if (!field || !m) {
      out.general.push(part);
      continue;
    }
    const reason = m[2] ? `${m[2]} ${m[3]}` : m[3];
    out.fields[field] = out.fields[field] ? `${out.fields[field]}; ${reason}` : reason;
  }
  return out;
}

/**
 * The i18n key (under `adminUsers:reason`) of a server reason the tab knows, with its values; null
 * for any other, which is then shown as the server wrote it.
 */
export function reasonKey(field: UserField, reason: string): { key: string; values?: Record<string, string> } | null {
  const min = /at least (\d+) characters/.exec(reason);
  if (field === 'password' && min) return { key: 'passwordShort', values: { n: min[1] } };
  if (field === 'username' && /already exists/.test(reason)) return { key: 'usernameTaken' };
  if (field === 'username') return { key: 'usernameFormat' };
  if (field === 'scopes' && /needs at least one/.test(reason)) return { key: 'scopesNeeded' };
  if (field === 'scopes' && /holds no unit/.test(reason)) return { key: 'scopesNotForRole' };
  if (field === 'displayName' && /non-empty/.test(reason)) return { key: 'displayNameEmpty' };
  return null;
}
