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
