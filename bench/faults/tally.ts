/**
 * What the suite sent and what the server answered, counted the same way for every case; and the check
 * of an answer against what a case expects.
 */
import { resultsOf, type Answer } from './http.js';
import type { Expected } from './cases.js';

export interface Totals {
  /** Events (and DVCQG records) sent, resends included. */
  sent: number;
  /** Answered `accepted` (a DVCQG record that added events counts once). */
  accepted: number;
  /** Answered `duplicate` (or a DVCQG `unchanged`): already logged, nothing added. */
  duplicate: number;
  /** Answered `rejected` one by one: each must be in quarantine. */
  rejected: number;
  /** In requests refused whole (4xx): nothing of them was logged, the sender keeps them. */
  refused: number;
  /** In requests that got no answer (the server was killed): the sender must resend them. */
  unanswered: number;
}

export const emptyTotals = (): Totals => ({ sent: 0, accepted: 0, duplicate: 0, rejected: 0, refused: 0, unanswered: 0 });

/** Event ids the server acknowledged (accepted or duplicate), per source name: each must be in the log exactly once. */
export type Acked = Map<string, Set<string>>;

/** Counts one request's answer; `source` null: a DVCQG batch, whose results are per record, not per event id. */
export function count(t: Totals, acked: Acked, source: string | null, events: number, a: Answer): void {
  t.sent += events;
  if (a.status === 0) {
    t.unanswered += events;
    return;
  }
  if (a.status !== 200 || !a.body) {
    t.refused += events;
    return;
  }
  const n = (k: string) => (typeof a.body?.[k] === 'number' ? (a.body[k] as number) : 0);
  t.accepted += n('accepted');
  t.duplicate += n('duplicate') + n('unchanged');
  t.rejected += n('rejected');
  if (source === null) return;
  let ids = acked.get(source);
  if (!ids) acked.set(source, (ids = new Set()));
  for (const r of resultsOf(a)) if ((r.status === 'accepted' || r.status === 'duplicate') && r.id) ids.add(r.id);
}

/** What differs between an answer and what was expected; [] when it is the expected answer. */
export function mismatches(e: Expected, a: Answer): string[] {
  const out: string[] = [];
  if (a.status !== e.status) out.push(`status ${a.status}, expected ${e.status}`);
  const err = a.body?.error as { code?: string; message?: string } | undefined;
  if (e.code !== undefined && err?.code !== e.code) out.push(`code ${err?.code}, expected ${e.code}`);
  if (e.message && !e.message.test(err?.message ?? '')) out.push(`message "${err?.message}" does not match ${e.message}`);
  for (const k of ['accepted', 'duplicate', 'unchanged', 'rejected'] as const) {
    if (e[k] !== undefined && a.body?.[k] !== e[k]) out.push(`${k} ${String(a.body?.[k])}, expected ${e[k]}`);
  }
  const rejected = resultsOf(a).filter((r) => r.status === 'rejected');
  if (e.paths) {
    const got = rejected.map((r) => r.errors?.[0]?.path);
    if (JSON.stringify(got) !== JSON.stringify(e.paths)) out.push(`paths ${JSON.stringify(got)}, expected ${JSON.stringify(e.paths)}`);
  }
  if (e.allPaths) {
    const named = new Set(rejected.flatMap((r) => (r.errors ?? []).map((x) => x.path)));
    const missing = e.allPaths.filter((p) => !named.has(p));
    if (missing.length) out.push(`no error names ${missing.join(', ')} (named: ${[...named].join(', ')})`);
  }
  // Every rejection says why: a message on each error.
  if (rejected.some((r) => !r.errors?.length || r.errors.some((x) => !x.message))) out.push('a rejected result without a message');
  return out;
}
