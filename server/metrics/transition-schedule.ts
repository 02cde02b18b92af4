/**
 * When each open item's classification changes next with no event (due soon, overdue): a min-heap of
 * instants with lazy deletion. A rescheduled or closed item leaves its old entry behind, recognised as
 * stale by its key; stale entries are swept when they outnumber live ones.
 */
import { MinHeap } from './heap.js';

export const NOT_SCHEDULED = -1;
// Stale heap entries (rescheduled or closed items) are dropped when they outnumber live ones.
const HEAP_SLACK = 1024;

/** What the schedule needs of an item. */
export interface Scheduled {
  /** Heap key of the live entry, or NOT_SCHEDULED; heap entries with another key are stale. */
  scheduledAt: number;
  /** False once the item closed: its entries are stale. */
  live: boolean;
}

export class TransitionSchedule<T extends Scheduled> {
  private readonly heap = new MinHeap<T>();
  private scheduled = 0;

  /** Schedules `rec` at `at` (null: never); an instant at or before `present` becomes present + 1. */
  schedule(rec: T, at: number | null, present: number): void {
    // A transition at or before the present would be popped again at once; the next millisecond
    // keeps the caller's loop finite whatever the classifier answers.
    const key = at === null ? NOT_SCHEDULED : at > present ? at : present + 1;
    if (key === rec.scheduledAt) return; // its live entry is already in the heap
    if (rec.scheduledAt === NOT_SCHEDULED) this.scheduled += 1;
    if (key === NOT_SCHEDULED) this.scheduled -= 1;
    rec.scheduledAt = key;
    if (key === NOT_SCHEDULED) return;
    this.heap.push(key, rec);
    if (this.heap.size > 2 * this.scheduled + HEAP_SLACK) {
      this.heap.retain((r, k) => r.live && r.scheduledAt === k);
    }
  }

  /** Takes `rec` out for good (its entries become stale). */
  close(rec: T): void {
    rec.live = false;
    if (rec.scheduledAt !== NOT_SCHEDULED) this.scheduled -= 1;
    rec.scheduledAt = NOT_SCHEDULED;
  }

  /** The next live item due at or before `now`, unscheduled; null when none is. */
  popDue(now: number): T | null {
    while (this.heap.peekKey() <= now) {
      const key = this.heap.peekKey();
      const rec = this.heap.pop() as T;
      if (!rec.live || rec.scheduledAt !== key) continue;
      rec.scheduledAt = NOT_SCHEDULED;
      this.scheduled -= 1;
      return rec;
    }
    return null;
  }
}
