/**
 * What a batch's events are, before any is written: new, a duplicate of one already logged (or earlier
 * in the batch) with the same content, or a conflict (same id, other content). Pure: both engines
 * decide the same way from the payloads already logged under the batch's ids.
 */
import { sameContent } from '../../ingest/canonical-json.js';
import { conflictError, type AppendOutcome, type NewEvent, type RefusedRecord } from './contract.js';

export interface BatchPlan {
  /** Per event, in order; an accepted one's seq is 0 until assignSeqs. */
  outcomes: AppendOutcome[];
  /** The events to log, in batch order. */
  fresh: NewEvent[];
  /** The conflicts, to quarantine with the batch (the raw record: the event as sent). */
  conflicts: RefusedRecord[];
}

/** `logged`: payload already logged from this source, by event id (only the batch's ids are needed). */
export function planBatch(events: readonly NewEvent[], logged: ReadonlyMap<string, string>): BatchPlan {
  const inBatch = new Map<string, string>();
  const fresh: NewEvent[] = [];
  const conflicts: RefusedRecord[] = [];
  const outcomes = events.map((e): AppendOutcome => {
    const earlier = inBatch.get(e.eventId) ?? logged.get(e.eventId);
    if (earlier === undefined) {
      inBatch.set(e.eventId, e.payload);
      fresh.push(e);
      return { eventId: e.eventId, status: 'accepted', seq: 0 };
    }
    if (sameContent(earlier, e.payload)) return { eventId: e.eventId, status: 'duplicate' };
    const errors = [conflictError(e.eventId)];
    conflicts.push({ eventId: e.eventId, raw: e.payload, errors });
    return { eventId: e.eventId, status: 'rejected', errors };
  });
  return { outcomes, fresh, conflicts };
}

/** Gives the accepted outcomes their seqs, in batch order: `seqs[i]` is the i-th fresh event's. */
export function assignSeqs(outcomes: AppendOutcome[], seqs: readonly number[]): AppendOutcome[] {
  let i = 0;
  return outcomes.map((o) => (o.status === 'accepted' ? { ...o, seq: seqs[i++] } : o));
}

/** The latest `at` among the events to log (0: none), for the source's last-event mark. */
export function maxAt(events: readonly NewEvent[]): number {
  let max = 0;
  for (const e of events) if (e.at > max) max = e.at;
  return max;
}
