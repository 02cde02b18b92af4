/**
 * Deliberately bad data, so that quarantine and the data-trust checks have real content: the kinds,
 * and the small rewrites both planners use to spoil an event.
 */

import type { Random } from './random.js';

/** Deliberately bad data, so that quarantine and the data-trust checks have real content. */
export type InjectedFaultKind =
  /** A `received` event for a unit code that is not in the jurisdiction. */
  | 'unknown_unit'
  /** A `received` event whose `dueAt` has no offset ("2026-11-27T17:00:00"). */
  | 'due_without_offset'
  /** An event whose `at` is far in the future (hundreds of days). */
  | 'future_at'
  /** The end of processing stamped before the receipt. */
  | 'end_before_receipt'
  /** A task assigned to a code that is not in the jurisdiction. */
  | 'unknown_assignee'
  /** A task whose `dueAt` has no offset. */
  | 'task_due_without_offset';

export const FAULT_KINDS: readonly InjectedFaultKind[] = [
  'unknown_unit',
  'due_without_offset',
  'future_at',
  'end_before_receipt',
  'unknown_assignee',
  'task_due_without_offset',
];

/** A code that looks like a unit code (5 digits) but is in no jurisdiction's list, e.g. a pre-merger ward. */
export function fakeCode(rng: Random, knownCodes: ReadonlySet<string>): string {
  for (;;) {
    const c = String(rng.int(10000, 99999));
    if (!knownCodes.has(c)) return c;
  }
}

/** A due date with its offset dropped: a bare date gets a local 17:00, an instant loses its "+07:00". */
export function dueWithoutOffset(due: string): string {
  return due.length === 10 ? `${due}T17:00:00` : due.slice(0, 19);
}
