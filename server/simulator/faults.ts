/**
 * Deliberately bad data, so that quarantine and the data-trust checks have real content: the kinds,
 * and how a planned dossier or task is spoiled. Each planner decides whether (badEventRate per
 * event, from the item's own stream); these functions decide how, drawing from the same stream.
 */

import { MS_PER_DAY, MS_PER_HOUR } from '../domain/time.js';
import type { DossierPlanItem, DossierRun } from './dossier-plan.js';
import type { Random } from './random.js';
import { floorSecond } from './sim-calendar.js';
import type { TaskPlanItem, TaskRun } from './task-plan.js';

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
function fakeCode(rng: Random, knownCodes: ReadonlySet<string>): string {
  for (;;) {
    const c = String(rng.int(10000, 99999));
    if (!knownCodes.has(c)) return c;
  }
}

/** A due date with its offset dropped: a bare date gets a local 17:00, an instant loses its "+07:00". */
function dueWithoutOffset(due: string): string {
  return due.length === 10 ? `${due}T17:00:00` : due.slice(0, 19);
}

/** Spoils one event of a sorted plan; a bad receipt becomes the whole dossier. */
export function injectDossierFault(run: DossierRun, plan: DossierPlanItem[], rng: Random, knownCodes: ReadonlySet<string>): void {
  const kinds: InjectedFaultKind[] =
    plan.length > 1 ? ['unknown_unit', 'due_without_offset', 'future_at', 'end_before_receipt'] : ['unknown_unit', 'due_without_offset'];
  const kind = rng.pick(kinds);
  const first = plan[0]!;
  if (kind === 'unknown_unit' || kind === 'due_without_offset') {
    // The whole dossier is that one bad receipt: later events would only pile up as orphans.
    plan.length = 1;
    first.fault = kind;
    if (kind === 'unknown_unit') run.unitCode = fakeCode(rng, knownCodes);
    else run.dueWire = dueWithoutOffset(run.dueWire);
  } else if (kind === 'future_at') {
    const item = plan[rng.int(1, plan.length - 1)]!;
    item.fault = kind;
    item.wireAt = floorSecond(item.at + rng.range(200, 900) * MS_PER_DAY);
  } else {
    const end =
      plan.find(
        (p) => p.type === 'processed' || p.type === 'returned' || p.type === 'withdrawn' || p.type === 'refused' || p.type === 'stopped',
      ) ?? plan[plan.length - 1]!;
    end.fault = kind;
    end.wireAt = floorSecond(first.at - rng.range(1, 72) * MS_PER_HOUR);
  }
}

/** Spoils one event of the plan: a future `at`, or a bad assignment (then the task is that event alone). */
export function injectTaskFault(run: TaskRun, plan: TaskPlanItem[], rng: Random, knownCodes: ReadonlySet<string>): void {
  const kind: InjectedFaultKind =
    plan.length > 1 && rng.chance(0.34) ? 'future_at' : rng.chance(0.5) && run.dueWire ? 'task_due_without_offset' : 'unknown_assignee';
  if (kind === 'future_at') {
    const item = plan[rng.int(1, plan.length - 1)]!;
    item.fault = kind;
    item.wireAt = floorSecond(item.at + rng.range(200, 900) * MS_PER_DAY);
  } else {
    plan.length = 1;
    plan[0]!.fault = kind;
    if (kind === 'unknown_assignee') run.assigneeCode = fakeCode(rng, knownCodes);
    else run.dueWire = dueWithoutOffset(run.dueWire!);
  }
}
