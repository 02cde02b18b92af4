import type { AuditEntry, AuditOutcome } from '../db/audit-repo.js';
import type { Principal } from './policy.js';

/** Detail keys that could carry a secret: dropped from every audit row, whatever the caller passes. */
const SECRET_KEY_RE = /pass|secret|token|key|session|cookie|authorization|hash/i;

export interface AuditInput {
  principal?: Principal;
  /** Overrides the actor derived from the principal (e.g. `cli`, `source:<name>`, a username that failed to log in). */
  actor?: string;
  action: string;
  target?: string | null;
  outcome?: AuditOutcome;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** `user:<name>`, `display:<name>` or `anonymous`. */
export function actorOf(p: Principal | undefined): string {
  if (!p) return 'anonymous';
  if (p.username) return `user:${p.username}`;
  if (p.role === 'display') return `display:${p.displayName ?? p.displayId ?? '?'}`;
  return 'anonymous';
}

/** Removes anything secret-looking and bounds the size of each value. */
export function sanitizeDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!details) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (SECRET_KEY_RE.test(k)) continue;
    if (typeof v === 'string') out[k] = v.slice(0, 500);
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.slice(0, 50).map((x) => (typeof x === 'string' ? x.slice(0, 100) : x));
  }
  return Object.keys(out).length ? out : null;
}

/** The row of an entry at `at`: the actor derived from the principal unless given, bounded, details sanitized. */
export function auditRow(e: AuditInput, at: number): AuditEntry {
  return {
    at,
    actor: (e.actor ?? actorOf(e.principal)).slice(0, 120),
    role: e.principal?.role ?? null,
    action: e.action,
    target: e.target?.slice(0, 200) ?? null,
    outcome: e.outcome ?? 'ok',
    ip: e.ip ?? null,
    details: sanitizeDetails(e.details),
  };
}

/**
 * Writes audit rows: who (actor, role), what (action, target, outcome), when, from where (ip), into
 * the access store's log (either engine). `record` resolves once the row is written: a route awaits
 * it before answering, so the change and its row are seen together and a failure is the request's.
 */
export function createAuditLog(log: { add(e: AuditEntry): Promise<void> }, now: () => number) {
  return {
    record(e: AuditInput): Promise<void> {
      return log.add(auditRow(e, now()));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
