import { createHash, randomBytes } from 'node:crypto';
import type { ScopeKey } from '../metrics/types.js';

/** A new display token: 32 random bytes, shown once to whoever adds the display. */
export function generateDisplayToken(): string {
  return `bdd_${randomBytes(32).toString('base64url')}`;
}

/**
 * Tokens are long random secrets (not passwords), so a fast SHA-256 is the right hash, as for source
 * keys: it cannot be brute-forced from the store and finds the display with one indexed lookup.
 */
export function hashDisplayToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Longest token accepted in a handshake or header (ours are 47 characters); longer ones are refused unhashed. */
export const DISPLAY_TOKEN_MAX_LENGTH = 200;

/**
 * Reads a display scope given on the command line: `city`, `unit:<code>` or `department:<code>`,
 * checked against the jurisdiction by `scopeOf(code)`.
 */
export function parseDisplayScope(
  text: string | undefined,
  scopeOf: (code: string) => ScopeKey | null,
): { ok: true; scope: ScopeKey } | { ok: false; error: string } {
  const s = text?.trim() ?? '';
  if (s === 'city') return { ok: true, scope: 'city' };
  const m = /^(unit|department):([0-9A-Za-z_-]{1,40})$/.exec(s);
  if (!m) return { ok: false, error: `scope must be city, unit:<code> or department:<code> (got "${s}")` };
  const scope = scopeOf(m[2]);
  if (!scope || !scope.startsWith(`${m[1]}:`)) return { ok: false, error: `no ${m[1]} with code "${m[2]}" in the jurisdiction` };
  return { ok: true, scope };
}
