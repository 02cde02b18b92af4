/**
 * The write store on SQLite: the existing repositories (events-repo, quarantine-repo, sources-repo)
 * wrapped behind the asynchronous contract, unchanged. A batch is one BEGIN IMMEDIATE transaction.
 * Unlike the live ingest path (which keeps the ids logged since the projections' mark in the
 * write-behind), this store indexes the ids it logs in the batch's own transaction, so its duplicate
 * check needs nothing in memory; the projection writer's later indexing of the same rows does nothing.
 */
import type { Store } from '../store.js';
import type { AppendBatch, AppendOutcome, DismissOutcome, WriteStore } from './contract.js';
import { assignSeqs, maxAt, planBatch } from './plan-batch.js';

export function createSqliteWriteStore(store: Store): WriteStore {
  function appendSync(b: AppendBatch): AppendOutcome[] {
    return store.transaction(() => {
      const logged = store.events.indexedPayloads(
        b.sourceId,
        b.events.map((e) => e.eventId),
      );
      const plan = planBatch(b.events, logged);
      const seqs = plan.fresh.map((e) =>
        store.events.append(b.sourceId, e.eventId, e.kind, e.itemId, e.type, e.at, b.receivedAt, e.payload),
      );
      store.events.indexIds(plan.fresh.map((e, i) => ({ sourceId: b.sourceId, eventId: e.eventId, seq: seqs[i] })));
      store.events.indexItems(plan.fresh.map((e, i) => ({ kind: e.kind, itemId: e.itemId, seq: seqs[i] })));
      for (const r of [...(b.refused ?? []), ...plan.conflicts]) {
        store.quarantine.add(b.sourceId, b.kind, b.receivedAt, r.eventId, r.raw, r.errors);
      }
      if (plan.fresh.length) store.sources.markSeen(b.sourceId, b.receivedAt, maxAt(plan.fresh));
      return assignSeqs(plan.outcomes, seqs);
    });
  }

  function dismissSync(id: number, r: { at: number; by: string; note: string }): DismissOutcome {
    return store.transaction(() => {
      const row = store.quarantine.get(id);
      if (!row) return 'not_found';
      if (row.state !== 'open') return { alreadyReviewed: row.state };
      store.quarantine.review(id, { state: 'dismissed', at: r.at, by: r.by, note: r.note });
      return 'dismissed';
    });
  }

  // The contract is asynchronous (PostgreSQL's is); SQLite answers at once, errors as rejections.
  const later = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));
  return {
    engine: 'sqlite',
    addSource: (name, kind, keyHash, now) => later(() => store.sources.create(name, kind, keyHash, now).id),
    appendBatch: (b) => later(() => appendSync(b)),
    eventsOfItem: (kind, itemId) => later(() => store.events.ofItem(kind, itemId)),
    eventsAfter: (seq, limit) => later(() => [...store.events.after(seq, limit)]),
    maxSeq: () => later(() => store.events.maxSeq()),
    sourceSeen: (sourceId) =>
      later(() => {
        const s = store.sources.list().find((x) => x.id === sourceId);
        return { lastSeenAt: s?.lastSeenAt ?? null, lastEventAt: s?.lastEventAt ?? null };
      }),
    listQuarantine: (f) => later(() => store.quarantine.page(f)),
    dismissQuarantine: (id, r) => later(() => dismissSync(id, r)),
    close: () => later(() => store.close()),
  };
}
