import type { AuditOutcome, AuditRepo } from '../db/audit-repo.js';
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

/** Writes audit rows: who (actor, role), what (action, target, outcome), when, from where (ip). */
export function createAuditLog(repo: AuditRepo, now: () => number) {
  return {
    record(e: AuditInput): void {
      repo.add({
        at: now(),
        actor: (e.actor ?? actorOf(e.principal)).slice(0, 120),
        role: e.principal?.role ?? null,
        action: e.action,
        target: e.target?.slice(0, 200) ?? null,
        outcome: e.outcome ?? 'ok',
        ip: e.ip ?? null,
        details: sanitizeDetails(e.details),
      });
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
