/**
 * What a live delta carries for one scope: the fields of its metrics that differ from the ones the
 * room last sent. An event moves two or three counters of a unit, so a delta of a busy minute is a few
 * numbers per unit instead of every unit's thirty fields, and each of a thousand screens is written that
 * much less. `tasks` goes whole when any of its counters moved.
 */
import type { ScopeMetrics, TaskCounters } from '../metrics/types.js';

const sameTasks = (a: TaskCounters, b: TaskCounters): boolean => (Object.keys(b) as (keyof TaskCounters)[]).every((k) => a[k] === b[k]);

/** The fields of `next` that differ from `sent` (all of them without `sent`); null when none does. */
export function changedMetrics(sent: ScopeMetrics | undefined, next: ScopeMetrics): Partial<ScopeMetrics> | null {
  if (sent === undefined) return next;
  let out: Partial<ScopeMetrics> | null = null;
  for (const k of Object.keys(next) as (keyof ScopeMetrics)[]) {
    const same = k === 'tasks' ? sameTasks(sent.tasks, next.tasks) : sent[k] === next[k];
    if (!same) (out ??= {})[k] = next[k] as never;
  }
  return out;
}
