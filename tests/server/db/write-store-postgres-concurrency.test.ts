/**
 * Several nodes writing at once (issue 17): four writers, each with its own pool on one real
 * PostgreSQL server, send the same source's events in overlapping batches while a fifth pool follows
 * the log by seq. Every event is stored exactly once, nothing is lost, each batch's events are
 * contiguous, and the follower never meets a gap (seqs are given in commit order).
 */
import { describe, expect, it } from 'vitest';
import type { AppendOutcome, WriteStore } from '../../../server/db/write-store/contract.js';
import { openPgWriteStore } from '../../../server/db/write-store/pg-write-store.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { T0, addSource, ev } from './write-store.shared.js';

const EVENTS = 2_000;
const BATCH = 100;
const WRITERS = 4;

const postgres = usePostgres();

/** A writer's own order of every id (deterministic per seed), so batches overlap across writers. */
function shuffled(seed: number): number[] {
  const ids = Array.from({ length: EVENTS }, (_, i) => i);
  let s = seed * 2654435761;
  for (let i = ids.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids;
}

async function write(store: WriteStore, sourceId: number, seed: number): Promise<AppendOutcome[][]> {
  const order = shuffled(seed);
  const answers: AppendOutcome[][] = [];
  for (let i = 0; i < order.length; i += BATCH) {
    const events = order.slice(i, i + BATCH).map((n) => ev(`e-${n}`, `D-${n % 50}`, T0 + n));
    answers.push(await store.appendBatch({ sourceId, kind: 'dossier', receivedAt: T0 + i, events }));
  }
  return answers;
}

/** Reads the log by seq until `done()` and caught up; fails on the first seq that is not the next one. */
async function follow(store: WriteStore, done: () => boolean): Promise<number[]> {
  const seen: number[] = [];
  let last = 0;
  for (;;) {
    const finished = done();
    const page = await store.eventsAfter(last, 500);
    for (const e of page) {
      if (e.seq !== last + 1) throw new Error(`the follower saw seq ${e.seq} after ${last}: a gap`);
      last = e.seq;
      seen.push(e.seq);
    }
    if (finished && page.length === 0) return seen;
  }
}

describe('the PostgreSQL write store under concurrent writers', () => {
  it('stores every event exactly once, each batch contiguous, and a follower by seq meets no gap', async () => {
    const url = await postgres.database('concurrent');
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => openPgWriteStore(url, { maxConnections: 2 })));
    const follower = await openPgWriteStore(url, { maxConnections: 1 });
    try {
      const sourceId = await addSource(writers[0], 'so-tu-phap');
      let writing = true;
      const following = follow(follower, () => !writing);
      let answers: AppendOutcome[][][];
      try {
        answers = await Promise.all(writers.map((w, i) => write(w, sourceId, i + 1)));
      } finally {
        // The follower stops too (before the pools close), whether the writers finished or failed.
        writing = false;
        await following.catch(() => {});
      }
      const followed = await following;

      const outcomes = answers.flat(2);
      const accepted = outcomes.filter((o): o is AppendOutcome & { status: 'accepted' } => o.status === 'accepted');
      expect(outcomes).toHaveLength(EVENTS * WRITERS);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(accepted).toHaveLength(EVENTS);
      expect(new Set(accepted.map((o) => o.eventId)).size).toBe(EVENTS);
      expect(accepted.map((o) => o.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: EVENTS }, (_, i) => i + 1));
      // A batch's accepted events took consecutive seqs: no other batch came between them.
      for (const batch of answers.flat()) {
        const seqs = batch.flatMap((o) => (o.status === 'accepted' ? [o.seq] : []));
        seqs.forEach((s, i) => expect(s).toBe(seqs[0] + i));
      }
      expect(followed).toHaveLength(EVENTS);
      expect(await follower.maxSeq()).toBe(EVENTS);
      const logged = await follower.eventsAfter(0, EVENTS + 1);
      expect(new Set(logged.map((e) => e.eventId))).toEqual(new Set(Array.from({ length: EVENTS }, (_, n) => `e-${n}`)));
      expect((await follower.eventsOfItem('dossier', 'D-7')).map((e) => e.at)).toEqual(
        Array.from({ length: EVENTS / 50 }, (_, k) => T0 + 7 + 50 * k),
      );
    } finally {
      await Promise.all([...writers, follower].map((w) => w.close()));
    }
  }, 120_000);
});
