/**
 * The asynchronous ingest path (server/ingest/async-ingest.ts) on two nodes' pools over one PostgreSQL
 * database: a batch that loses the race to another node (its ids logged between its read and its
 * transaction) is read and decided again, so every event is logged once and each node answers what
 * happened; and several batches at once on one node are taken one at a time, in order.
 */
import { describe, expect, it } from 'vitest';
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import type { WriteStore } from '../../../server/db/write-store/contract.js';
import { openPgWriteStore } from '../../../server/db/write-store/pg-write-store.js';
import { createAsyncIngestService } from '../../../server/ingest/async-ingest.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { loadCalendarYears } from '../../../server/config/calendar-loader.js';
import { createWorkCalendar } from '../../../server/domain/calendar.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import type { AppliedChanges } from '../../../server/ingest/service.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { receivedEvent, T0 } from '../../helpers/test-server.js';

const postgres = usePostgres();
const settings = DEFAULT_DOMAIN_SETTINGS;
const domain = { calendar: createWorkCalendar(loadCalendarYears(), settings.officeHours), settings };
const at = (m: number) => `2026-11-20T08:${String(m).padStart(2, '0')}:00+07:00`;

function node(write: WriteStore, applied: AppliedChanges[] = []) {
  return createAsyncIngestService({
    write,
    domain,
    now: () => T0,
    isKnownCode: () => true,
    jurisdictionName: 'hcmc',
    onApplied: (c) => applied.push(c),
  });
}

async function setUp(name: string) {
  const url = await postgres.database(name);
  const access = await openPgAccessStore(url);
  const source = await access.sources.upsertKey('so-tu-phap', 'dossier', hashSourceKey('k'.repeat(24)), T0);
  const [a, b] = [await openPgWriteStore(url), await openPgWriteStore(url)];
  return { source, a, b, close: () => Promise.all([access.close(), a.close(), b.close()]) };
}

describe('the asynchronous ingest path on PostgreSQL', () => {
  it('decides again a batch another node logged between its read and its transaction', async () => {
    const { source, a, b, close } = await setUp('race');
    try {
      const events = [0, 1, 2].map((i) => receivedEvent({ id: `R${i}`, dossierId: `R${i}`, at: at(i) }));
      const other = node(b);
      let raced = false;
      // Node A reads the batch's ids, then node B logs the same batch before A's transaction.
      const slow: WriteStore = {
        ...a,
        async loggedPayloads(sourceId, ids) {
          const found = await a.loggedPayloads(sourceId, ids);
          if (!raced) {
            raced = true;
            expect((await other.ingest(source, 'dossier', events)).map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
          }
          return found;
        },
      };
      const applied: AppliedChanges[] = [];
      const answers = await node(slow, applied).ingest(source, 'dossier', [
        ...events,
        receivedEvent({ id: 'R3', dossierId: 'R3', at: at(3) }),
      ]);
      expect(answers.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'accepted']);
      expect(await a.maxSeq()).toBe(4);
      expect(applied.map((c) => [c.firstSeq, c.lastSeq, c.dossiers.map((d) => d.next.id)])).toEqual([[4, 4, ['R3']]]);
    } finally {
      await close();
    }
  });

  it('takes one node’s concurrent batches one at a time, in the order they came', async () => {
    const { source, a, close } = await setUp('turns');
    try {
      const applied: AppliedChanges[] = [];
      const one = node(a, applied);
      const batches = [0, 1, 2, 3].map((i) => [receivedEvent({ id: `T${i}`, dossierId: 'T', at: at(i), unit: '26740' })]);
      const answers = await Promise.all(batches.map((events) => one.ingest(source, 'dossier', events)));
      expect(answers.map((r) => r[0].status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
      expect(applied.map((c) => c.lastSeq)).toEqual([1, 2, 3, 4]);
      expect((await a.eventsOfItem('dossier', 'T')).map((e) => e.eventId)).toEqual(['T0', 'T1', 'T2', 'T3']);
    } finally {
      await close();
    }
  });
});
