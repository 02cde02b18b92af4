/**
 * The write store on SQLite: the existing repositories (events-repo, quarantine-repo, sources-repo)
 * wrapped behind the asynchronous contract, unchanged. A batch is one BEGIN IMMEDIATE transaction.
 * Unlike the live ingest path (which keeps the ids logged since the projections' mark in the
 * write-behind), this store indexes the ids it logs in the batch's own transaction, so its duplicate
 * check needs nothing in memory; the projection writer's later indexing of the same rows does nothing.
 */
import type { Store } from '../store.js';
import type {
  AppendBatch,
  AppendOutcome,
  DecidedBatch,
  DismissOutcome,
  EventKind,
  RefusedRecord,
  ReplayMark,
  StoredEvent,
  WriteStore,
} from './contract.js';
import { assignSeqs, maxAt, planBatch } from './plan-batch.js';

function dismissSync(store: Store, id: number, r: { at: number; by: string; note: string }): DismissOutcome {
  return store.transaction(() => {
    const row = store.quarantine.get(id);
    if (!row) return 'not_found';
    if (row.state !== 'open') return { alreadyReviewed: row.state };
    store.quarantine.review(id, { state: 'dismissed', at: r.at, by: r.by, note: r.note });
    return 'dismissed';
  });
}

function markReplayedSync(store: Store, id: number, r: ReplayMark): boolean {
  return store.transaction(() => {
    if (store.quarantine.get(id)?.state !== 'open') return false;
    store.quarantine.review(id, { state: 'replayed', at: r.at, by: r.by, note: null, eventIds: [...r.eventIds], raw: r.raw });
    return true;
  });
}

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

  function quarantineSync(sourceId: number, kind: string, at: number, records: readonly RefusedRecord[]): void {
    for (const r of records) store.quarantine.add(sourceId, kind, at, r.eventId, r.raw, r.errors);
  }

  function appendDecidedSync(b: DecidedBatch): number[] | null {
    return store.transaction(() => {
      const ids = b.events.map((e) => e.eventId);
      // Nothing else writes between the caller's read and this transaction on one node; checked all the same.
      if (store.events.indexedPayloads(b.sourceId, ids).size > 0) return null;
      const seqs = b.events.map((e) => store.events.append(b.sourceId, e.eventId, e.kind, e.itemId, e.type, e.at, b.receivedAt, e.payload));
      store.events.indexIds(b.events.map((e, i) => ({ sourceId: b.sourceId, eventId: e.eventId, seq: seqs[i] })));
      store.events.indexItems(b.events.map((e, i) => ({ kind: e.kind, itemId: e.itemId, seq: seqs[i] })));
      quarantineSync(b.sourceId, b.kind, b.receivedAt, b.refused);
      if (b.events.length) store.sources.markSeen(b.sourceId, b.receivedAt, maxAt(b.events));
      return seqs;
    });
  }

  function eventsOfItemsSync(kind: EventKind, itemIds: readonly string[]) {
    const found = new Map<string, StoredEvent[]>();
    for (const id of new Set(itemIds)) {
      const events = store.events.ofItem(kind, id);
      if (events.length) found.set(id, events);
    }
    return found;
  }

  // The contract is asynchronous (PostgreSQL's is); SQLite answers at once, errors as rejections.
  const later = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));
  return {
    engine: 'sqlite',
    addSource: (name, kind, keyHash, now) => later(() => store.sources.create(name, kind, keyHash, now).id),
    appendBatch: (b) => later(() => appendSync(b)),
    appendDecided: (b) => later(() => appendDecidedSync(b)),
    loggedPayloads: (sourceId, ids) => later(() => store.events.indexedPayloads(sourceId, ids)),
    eventsOfItems: (kind, itemIds) => later(() => eventsOfItemsSync(kind, itemIds)),
    quarantineRecords: (sourceId, kind, at, records) => later(() => store.transaction(() => quarantineSync(sourceId, kind, at, records))),
    eventsOfItem: (kind, itemId) => later(() => store.events.ofItem(kind, itemId)),
    eventsAfter: (seq, limit) => later(() => [...store.events.after(seq, limit)]),
    maxSeq: () => later(() => store.events.maxSeq()),
    sourceSeen: (sourceId) =>
      later(() => {
        const s = store.sources.list().find((x) => x.id === sourceId);
        return { lastSeenAt: s?.lastSeenAt ?? null, lastEventAt: s?.lastEventAt ?? null };
      }),
    listQuarantine: (f) => later(() => store.quarantine.page(f)),
    quarantineRecord: (id) => later(() => store.quarantine.get(id)),
    quarantineBySourceRule: (f) => later(() => store.quarantine.countsBySourceRule(f)),
    quarantineByDay: (f) => later(() => store.quarantine.countsByDay(f)),
    dismissQuarantine: (id, r) => later(() => dismissSync(store, id, r)),
    markReplayed: (id, r) => later(() => markReplayedSync(store, id, r)),
    meta: (key) => later(() => store.meta.get(key)),
    setMeta: (entries) => later(() => store.transaction(() => Object.entries(entries).forEach(([k, v]) => store.meta.set(k, v)))),
    close: () => later(() => store.close()),
  };
}
