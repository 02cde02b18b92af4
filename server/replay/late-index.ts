/**
 * The time machine's time index of late events (issue 16, replay_late): "as corrected" at T needs the
 * items with an event about a time ≤ T that arrived after its starting checkpoint, and the log has no
 * index by event time. An event is late when it is about a time up to the log's first arrival (the
 * history a load or the demo's seed brings at once), or more than LATE_MS before the latest arrival
 * up to it. So every event that arrived after the log first held an arrival later than T + LATE_MS,
 * and is about a time ≤ T, is in the index (the lookup stays exact with a clock that steps back);
 * the few others are found by scanning the log from the checkpoint to that arrival.
 */
import type { EventTimes, LateMark } from '../db/replay-late-repo.js';
import type { ReplayRepo } from '../db/replay-repo.js';

/** How long after the latest arrival an event about an earlier time counts as late. */
export const LATE_MS = 3_600_000;

/** Events read per transaction (5,000 held the main thread for tens of ms during a backlog). */
const SLICE = 1_000;

/** Whether `e` is late, given the latest arrival before it (`mark`) and the log's first arrival. */
export function isLate(e: Pick<EventTimes, 'at' | 'receivedAt'>, maxReceivedAt: number, firstArrival: number): boolean {
  return e.at <= firstArrival || e.at + LATE_MS < Math.max(maxReceivedAt, e.receivedAt);
}

/**
 * Indexes the log's events past the mark, one slice per transaction, yielding between slices; answers
 * the mark reached (every event with seq ≤ it is indexed).
 */
export async function catchUpLateIndex(
  repo: ReplayRepo,
  transaction: (fn: () => void) => void,
  yieldNow: () => Promise<void>,
): Promise<number> {
  const first = repo.firstReceivedAt();
  let mark: LateMark = repo.lateMark();
  if (first === null) return mark.seq;
  for (;;) {
    const rows = repo.eventTimes(mark.seq, SLICE);
    if (rows.length === 0) return mark.seq;
    const late: EventTimes[] = [];
    let max = mark.maxReceivedAt;
    for (const e of rows) {
      if (isLate(e, max, first)) late.push(e);
      max = Math.max(max, e.receivedAt);
    }
    const next = { seq: rows[rows.length - 1].seq, maxReceivedAt: max };
    transaction(() => repo.addLate(late, next));
    mark = next;
    if (rows.length < SLICE) return mark.seq;
    await yieldNow();
  }
}
