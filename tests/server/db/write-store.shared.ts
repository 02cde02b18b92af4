/**
 * One repository test suite for the write path's store (server/db/write-store/contract.ts), run
 * against each engine by its own test file: write-store-sqlite.test.ts, write-store-postgres.test.ts.
 * Both must give the same answers.
 */
import { describe, expect, it } from 'vitest';
import type { EventKind, NewEvent, WriteStore } from '../../../server/db/write-store/contract.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';

export const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);

/** A valid-looking event: its payload is the JSON the source sent (key order as given). */
export function ev(id: string, itemId: string, at: number, extra: Record<string, unknown> = {}): NewEvent {
  return { eventId: id, kind: 'dossier', itemId, type: 'received', at, payload: JSON.stringify({ id, dossierId: itemId, at, ...extra }) };
}

export async function addSource(store: WriteStore, name: string, kind: EventKind = 'dossier'): Promise<number> {
  return store.addSource(name, kind, hashSourceKey(name.padEnd(24, 'k')), T0);
}

const statuses = (outcomes: { status: string }[]) => outcomes.map((o) => o.status);

/** `open`: a fresh, empty store of the engine; the suite closes it. */
export function describeWriteStore(engine: string, open: () => Promise<WriteStore>): void {
  const withStore = (fn: (store: WriteStore, source: number) => Promise<void>) => async () => {
    const store = await open();
    try {
      await fn(store, await addSource(store, 'so-tu-phap'));
    } finally {
      await store.close();
    }
  };

  describe(`the write store on ${engine}`, () => {
    it(
      'logs new events under gap-free seqs, in batch order, and reads them back in arrival order',
      withStore(async (store, src) => {
        const first = await store.appendBatch({
          sourceId: src,
          kind: 'dossier',
          receivedAt: T0,
          events: [ev('a', 'D-1', T0), ev('b', 'D-2', T0)],
        });
        const second = await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0 + 1, events: [ev('c', 'D-1', T0 + 5)] });
        expect([...first, ...second]).toEqual([
          { eventId: 'a', status: 'accepted', seq: 1 },
          { eventId: 'b', status: 'accepted', seq: 2 },
          { eventId: 'c', status: 'accepted', seq: 3 },
        ]);
        expect(await store.maxSeq()).toBe(3);
        const after = await store.eventsAfter(1, 10);
        expect(after.map((e) => [e.seq, e.eventId, e.kind, e.itemId, e.arrivedAt, e.sourceId])).toEqual([
          [2, 'b', 'dossier', 'D-2', T0, src],
          [3, 'c', 'dossier', 'D-1', T0 + 1, src],
        ]);
        expect((await store.eventsAfter(0, 1)).map((e) => e.eventId)).toEqual(['a']);
        expect(after[0].payload).toBe(ev('b', 'D-2', T0).payload);
      }),
    );

    it(
      'answers duplicate for an id resent with the same content, whatever the key order, and logs nothing',
      withStore(async (store, src) => {
        await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0, events: [ev('a', 'D-1', T0, { unit: 'x' })] });
        const reordered = { ...ev('a', 'D-1', T0), payload: JSON.stringify({ unit: 'x', at: T0, dossierId: 'D-1', id: 'a' }) };
        const out = await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0 + 9, events: [reordered] });
        expect(out).toEqual([{ eventId: 'a', status: 'duplicate' }]);
        expect(await store.maxSeq()).toBe(1);
        expect((await store.listQuarantine({ limit: 10, offset: 0 })).total).toBe(0);
      }),
    );

    it(
      'rejects an id re-used with different content as a conflict and quarantines it with its raw payload',
      withStore(async (store, src) => {
        await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0, events: [ev('a', 'D-1', T0)] });
        const changed = ev('a', 'D-1', T0 + 60_000);
        const [out] = await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0 + 1, events: [changed] });
        const conflict = { path: 'id', message: 'conflict: event id "a" was already accepted from this source with different content' };
        expect(out).toEqual({ eventId: 'a', status: 'rejected', errors: [conflict] });
        const q = await store.listQuarantine({ limit: 10, offset: 0 });
        expect(q.total).toBe(1);
        expect(q.items[0]).toMatchObject({ source: 'so-tu-phap', kind: 'dossier', eventId: 'a', rule: 'conflict', state: 'open' });
        expect(q.items[0].raw).toEqual(JSON.parse(changed.payload));
        expect(q.items[0].errors).toEqual([conflict]);
        expect(await store.maxSeq()).toBe(1);
      }),
    );

    it(
      'treats a repeat within one batch like a resend: duplicate if the same, conflict if not',
      withStore(async (store, src) => {
        const events = [ev('a', 'D-1', T0), ev('a', 'D-1', T0), ev('a', 'D-1', T0 + 1), ev('b', 'D-1', T0)];
        const out = await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0, events });
        expect(statuses(out)).toEqual(['accepted', 'duplicate', 'rejected', 'accepted']);
        expect(out[3]).toEqual({ eventId: 'b', status: 'accepted', seq: 2 });
      }),
    );

    it(
      'keeps idempotency per source: the same id from another source is another event',
      withStore(async (store, src) => {
        const other = await addSource(store, 'so-xay-dung');
        await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0, events: [ev('a', 'D-1', T0)] });
        const out = await store.appendBatch({ sourceId: other, kind: 'dossier', receivedAt: T0, events: [ev('a', 'D-9', T0)] });
        expect(statuses(out)).toEqual(['accepted']);
        expect((await store.eventsAfter(0, 10)).map((e) => e.sourceId)).toEqual([src, other]);
      }),
    );

    it(
      "reads an item's events in time order, then arrival order, and no other item's",
      withStore(async (store, src) => {
        await store.appendBatch({
          sourceId: src,
          kind: 'dossier',
          receivedAt: T0,
          events: [ev('late', 'D-1', T0 + 2_000), ev('x', 'D-2', T0)],
        });
        await store.appendBatch({
          sourceId: src,
          kind: 'dossier',
          receivedAt: T0,
          events: [ev('tie-1', 'D-1', T0 + 1_000), ev('tie-2', 'D-1', T0 + 1_000)],
        });
        await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0, events: [ev('early', 'D-1', T0)] });
        const items = await store.eventsOfItem('dossier', 'D-1');
        expect(items.map((e) => e.eventId)).toEqual(['early', 'tie-1', 'tie-2', 'late']);
        expect(items[0]).toEqual({
          seq: 5,
          sourceId: src,
          eventId: 'early',
          type: 'received',
          at: T0,
          payload: ev('early', 'D-1', T0).payload,
        });
        expect(await store.eventsOfItem('task', 'D-1')).toEqual([]);
      }),
    );

    it(
      "marks the source seen when it logs events (its latest event's time), not for a batch of repeats",
      withStore(async (store, src) => {
        expect(await store.sourceSeen(src)).toEqual({ lastSeenAt: null, lastEventAt: null });
        await store.appendBatch({
          sourceId: src,
          kind: 'dossier',
          receivedAt: T0 + 50,
          events: [ev('a', 'D-1', T0 + 7), ev('b', 'D-1', T0 + 3)],
        });
        expect(await store.sourceSeen(src)).toEqual({ lastSeenAt: T0 + 50, lastEventAt: T0 + 7 });
        await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0 + 99, events: [ev('a', 'D-1', T0 + 7)] });
        expect(await store.sourceSeen(src)).toEqual({ lastSeenAt: T0 + 50, lastEventAt: T0 + 7 });
      }),
    );

    it(
      'quarantines refused records with their raw text and errors, newest first, filtered and paged',
      withStore(async (store, src) => {
        const other = await addSource(store, 'so-xay-dung');
        const required = [{ path: 'dossierId', message: 'is required' }];
        const future = [{ path: 'at', message: "2027-01-01T00:00:00+07:00 is after the server's clock" }];
        await store.appendBatch({
          sourceId: src,
          kind: 'dossier',
          receivedAt: T0,
          events: [],
          refused: [{ eventId: 'r1', raw: '{"id":"r1"}', errors: required }],
        });
        await store.appendBatch({
          sourceId: src,
          kind: 'dossier',
          receivedAt: T0 + 1,
          events: [],
          refused: [{ eventId: null, raw: 'not json', errors: future }],
        });
        await store.appendBatch({
          sourceId: other,
          kind: 'dossier',
          receivedAt: T0 + 2,
          events: [],
          refused: [{ eventId: 'r3', raw: '[1]', errors: required }],
        });
        const all = await store.listQuarantine({ limit: 2, offset: 0 });
        expect(all.total).toBe(3);
        expect(all.items.map((r) => [r.eventId, r.source, r.rule])).toEqual([
          ['r3', 'so-xay-dung', 'required'],
          [null, 'so-tu-phap', 'future'],
        ]);
        expect(all.items[1]).toMatchObject({
          raw: 'not json',
          errors: future,
          receivedAt: T0 + 1,
          reviewedAt: null,
          replayedEventIds: null,
        });
        const next = await store.listQuarantine({ limit: 2, offset: 2 });
        expect(next.items.map((r) => r.raw)).toEqual([{ id: 'r1' }]);
        const filtered = await store.listQuarantine({ source: 'so-tu-phap', rule: 'required', limit: 10, offset: 0 });
        expect(filtered.items.map((r) => r.eventId)).toEqual(['r1']);
        expect((await store.listQuarantine({ from: T0 + 1, to: T0 + 2, limit: 10, offset: 0 })).items.map((r) => r.raw)).toEqual([
          'not json',
        ]);
        expect(await store.maxSeq()).toBe(0);
      }),
    );

    it(
      'dismisses an open record once: a second dismissal and an unknown id are told apart',
      withStore(async (store, src) => {
        const errors = [{ path: 'id', message: 'is required' }];
        await store.appendBatch({
          sourceId: src,
          kind: 'dossier',
          receivedAt: T0,
          events: [],
          refused: [{ eventId: null, raw: '{}', errors }],
        });
        const [{ id }] = (await store.listQuarantine({ limit: 1, offset: 0 })).items;
        expect(await store.dismissQuarantine(id, { at: T0 + 5, by: 'admin', note: 'thử nghiệm' })).toBe('dismissed');
        expect(await store.dismissQuarantine(id, { at: T0 + 6, by: 'other', note: '' })).toEqual({ alreadyReviewed: 'dismissed' });
        expect(await store.dismissQuarantine(id + 100, { at: T0, by: 'admin', note: '' })).toBe('not_found');
        const dismissed = await store.listQuarantine({ state: 'dismissed', limit: 10, offset: 0 });
        expect(dismissed.items[0]).toMatchObject({ id, state: 'dismissed', reviewedAt: T0 + 5, reviewedBy: 'admin', note: 'thử nghiệm' });
        expect((await store.listQuarantine({ state: 'open', limit: 10, offset: 0 })).total).toBe(0);
      }),
    );

    it(
      'marks an open record replayed once, reads one record, and counts them per source × rule and per Vietnam day',
      withStore(async (store, src) => {
        const required = [{ path: 'id', message: 'is required' }];
        const unknown = [{ path: 'unit', message: 'unknown code "99999"' }];
        const other = await addSource(store, 'so-xay-dung');
        // 16:59 UTC is 23:59 in Vietnam (day d); 17:00 UTC the next Vietnam day.
        const late = Date.UTC(2026, 0, 5, 16, 59);
        await store.quarantineRecords(src, 'dossier', late, [{ eventId: 'x1', raw: '{"id":"x1"}', errors: unknown }]);
        await store.quarantineRecords(src, 'dossier', late + 60_000, [
          { eventId: 'x2', raw: '{}', errors: required },
          { eventId: 'x3', raw: '{}', errors: unknown },
        ]);
        await store.quarantineRecords(other, 'dossier', late, [{ eventId: 'y1', raw: '{}', errors: required }]);
        const ids = new Map((await store.listQuarantine({ limit: 10, offset: 0 })).items.map((r) => [r.eventId, r.id]));
        const x1 = ids.get('x1')!;
        const mark = { at: T0 + 7, by: 'admin', eventIds: ['x1'], raw: '{"id":"x1","unit":"26740"}' };
        expect(await store.markReplayed(x1, mark)).toBe(true);
        expect(await store.markReplayed(x1, { ...mark, by: 'other' })).toBe(false);
        expect(await store.markReplayed(x1 + 100, mark)).toBe(false);
        expect(await store.dismissQuarantine(x1, { at: T0, by: 'other', note: 'n' })).toEqual({ alreadyReviewed: 'replayed' });
        expect(await store.quarantineRecord(x1)).toMatchObject({
          id: x1,
          source: 'so-tu-phap',
          eventId: 'x1',
          raw: { id: 'x1' },
          errors: unknown,
          rule: 'unknown_code',
          state: 'replayed',
          reviewedAt: T0 + 7,
          reviewedBy: 'admin',
          note: null,
          replayedEventIds: ['x1'],
          replayedRaw: { id: 'x1', unit: '26740' },
        });
        expect(await store.quarantineRecord(x1 + 100)).toBeNull();
        expect(await store.quarantineBySourceRule({})).toEqual([
          { source: 'so-tu-phap', rule: 'unknown_code', total: 2, open: 1 },
          { source: 'so-tu-phap', rule: 'required', total: 1, open: 1 },
          { source: 'so-xay-dung', rule: 'required', total: 1, open: 1 },
        ]);
        expect(await store.quarantineBySourceRule({ state: 'replayed' })).toEqual([
          { source: 'so-tu-phap', rule: 'unknown_code', total: 1, open: 0 },
        ]);
        const day = Math.floor((late + 7 * 3_600_000) / 86_400_000);
        expect(await store.quarantineByDay({})).toEqual([
          { day, total: 2 },
          { day: day + 1, total: 2 },
        ]);
        expect(await store.quarantineByDay({ source: 'so-xay-dung' })).toEqual([{ day, total: 1 }]);
      }),
    );

    it(
      'keeps meta values beside the log: set together, read back, replaced',
      withStore(async (store) => {
        expect(await store.meta('demo.seed')).toBeNull();
        await store.setMeta({ 'demo.seed': '17', 'demo.start': String(T0) });
        expect([await store.meta('demo.seed'), await store.meta('demo.start')]).toEqual(['17', String(T0)]);
        await store.setMeta({ 'demo.seed': '18' });
        expect([await store.meta('demo.seed'), await store.meta('demo.start')]).toEqual(['18', String(T0)]);
      }),
    );

    it(
      'rolls a failed batch back entirely: no event, no quarantine, no seen mark, no seq used',
      withStore(async (store, src) => {
        await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0, events: [ev('a', 'D-1', T0)] });
        // A kind the log's CHECK refuses: the store fails on the batch's last event, after writing the rest.
        const bad = { ...ev('bad', 'D-1', T0 + 9), kind: 'bogus' as EventKind };
        const refused = [{ eventId: 'r', raw: '{}', errors: [{ path: 'id', message: 'is required' }] }];
        const batch = [ev('b', 'D-1', T0 + 1), ev('a', 'D-1', T0 + 1), bad];
        await expect(store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0 + 9, events: batch, refused })).rejects.toThrow();
        expect(await store.maxSeq()).toBe(1);
        expect((await store.listQuarantine({ limit: 10, offset: 0 })).total).toBe(0);
        expect(await store.sourceSeen(src)).toEqual({ lastSeenAt: T0, lastEventAt: T0 });
        const again = await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0 + 10, events: [ev('b', 'D-1', T0 + 1)] });
        expect(again).toEqual([{ eventId: 'b', status: 'accepted', seq: 2 }]);
      }),
    );
    it(
      'logs a decided batch with its refused records, or nothing when one of its ids was logged meanwhile',
      withStore(async (store, src) => {
        const errors = [{ path: 'at', message: 'is required' }];
        const refused = [{ eventId: 'r', raw: '{"id":"r"}', errors }];
        const decided = { sourceId: src, kind: 'dossier' as const, receivedAt: T0 + 2, refused };
        expect(await store.appendDecided({ ...decided, events: [ev('a', 'D-1', T0), ev('b', 'D-2', T0 + 1)] })).toEqual([1, 2]);
        expect(await store.sourceSeen(src)).toEqual({ lastSeenAt: T0 + 2, lastEventAt: T0 + 1 });
        // Another writer logged `b` after this caller read the payloads: nothing of the batch is written.
        expect(await store.appendDecided({ ...decided, events: [ev('c', 'D-1', T0 + 3), ev('b', 'D-2', T0 + 1)] })).toBeNull();
        expect(await store.maxSeq()).toBe(2);
        expect((await store.listQuarantine({ limit: 10, offset: 0 })).items.map((r) => [r.eventId, r.raw, r.errors])).toEqual([
          ['r', { id: 'r' }, errors],
        ]);
        // The repeat is re-used from the same source only: another source logs its own `b`.
        const other = await addSource(store, 'so-xay-dung');
        expect(await store.appendDecided({ ...decided, sourceId: other, refused: [], events: [ev('b', 'D-3', T0)] })).toEqual([3]);
        const payloads = await store.loggedPayloads(src, ['a', 'b', 'zz']);
        expect([...payloads].sort()).toEqual([
          ['a', ev('a', 'D-1', T0).payload],
          ['b', ev('b', 'D-2', T0 + 1).payload],
        ]);
        expect((await store.loggedPayloads(src, [])).size).toBe(0);
      }),
    );

    it(
      "reads several items' events at once, each in time order then arrival order",
      withStore(async (store, src) => {
        const events = [ev('a', 'D-1', T0 + 5), ev('b', 'D-2', T0), ev('c', 'D-1', T0 + 1), ev('d', 'D-1', T0 + 1)];
        await store.appendBatch({ sourceId: src, kind: 'dossier', receivedAt: T0, events });
        const items = await store.eventsOfItems('dossier', ['D-1', 'D-2', 'D-9', 'D-1']);
        expect([...items.keys()].sort()).toEqual(['D-1', 'D-2']);
        expect(items.get('D-1')!.map((e) => [e.eventId, e.seq])).toEqual([
          ['c', 3],
          ['d', 4],
          ['a', 1],
        ]);
        expect(items.get('D-1')).toEqual(await store.eventsOfItem('dossier', 'D-1'));
        expect((await store.eventsOfItems('task', ['D-1'])).size).toBe(0);
      }),
    );

    it(
      'quarantines records refused before they became events, under their own kind',
      withStore(async (store, src) => {
        const errors = [{ path: 'MaHoSo', message: 'is required' }];
        await store.quarantineRecords(src, 'dvcqg', T0 + 4, [{ eventId: null, raw: '{"TrangThaiHoSo":1}', errors }]);
        const page = await store.listQuarantine({ limit: 10, offset: 0 });
        expect(page.items.map((r) => [r.kind, r.source, r.receivedAt, r.raw, r.errors])).toEqual([
          ['dvcqg', 'so-tu-phap', T0 + 4, { TrangThaiHoSo: 1 }, errors],
        ]);
        expect(await store.maxSeq()).toBe(0);
      }),
    );
  });
}
