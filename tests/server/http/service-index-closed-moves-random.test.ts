/**
 * Random event streams about last month's dossiers — several events of one dossier in one batch,
 * events at the same instant, late events about November, out-of-order ones, hand-overs, endings,
 * ratings — and, after every batch, November's kept index of each unit equals the index computed
 * afresh from the store. Whichever way the kept counts followed the batch (moved in memory or re-read),
 * the figure a leader reads is the store's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndexCounts } from '../../../server/metrics/index-counts.js';
import { serviceIndex } from '../../../server/domain/service-index.js';
import { DEFAULT_SERVICE_INDEX_SETTINGS } from '../../../server/domain/service-index-settings.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const NOV_FROM = Date.parse('2026-11-01T00:00:00+07:00');
const NOV_TO = Date.parse('2026-12-01T00:00:00+07:00');
const NOW = Date.parse('2026-12-04T12:00:00+07:00');
const UNITS = ['26740', '26737', '26743'];
const DOSSIERS = 24;
const BATCHES = 100;
const HOUR = 3_600_000;

/** A small seeded generator (mulberry32): the same stream on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const TYPES = [
  'assigned',
  'supplement_requested',
  'supplement_received',
  'processed',
  'returned',
  'rated',
  'withdrawn',
  'refused',
  'apology_issued',
];

/** One random event of dossier `d` at `at`. */
function randomEvent(rnd: () => number, d: number, n: number, at: number): Record<string, unknown> {
  const type = TYPES[Math.floor(rnd() * TYPES.length)];
  const base = { id: `R${d}-${n}`, type, dossierId: `R${d}`, at: iso(at) };
  if (type === 'assigned') return { ...base, handler: { id: `H${n % 3}`, name: 'Trần Thị B', unit: UNITS[d % 3] } };
  if (type === 'supplement_received' && rnd() < 0.5) return { ...base, dueAt: iso(at + 5 * 24 * HOUR) };
  if (type === 'rated')
    return { ...base, rating: rnd() < 0.5 ? 'satisfied' : 'unsatisfied', ...(rnd() < 0.3 ? { complaint: 'Chậm' } : {}) };
  if (type === 'apology_issued') return { ...base, proposedDueAt: iso(at + 3 * 24 * HOUR), reason: 'Cần xác minh thêm' };
  if (type === 'processed' && rnd() < 0.3) return { ...base, electronicResult: rnd() < 0.5, complaint: rnd() < 0.2 };
  return base;
}

describe('last month’s kept index under random event streams', () => {
  let srv: TestServer;
  const receivedAt: number[] = [];
  beforeAll(async () => {
    srv = await startTestServer({ start: NOW });
    const rnd = seeded(20261207);
    const events = Array.from({ length: DOSSIERS }, (_, d) => {
      receivedAt[d] = NOV_FROM + Math.floor(rnd() * 29 * 24) * HOUR;
      return receivedEvent({
        id: `R${d}-r`,
        dossierId: `R${d}`,
        unit: UNITS[d % 3],
        at: iso(receivedAt[d]),
        dueAt: iso(receivedAt[d] + (2 + Math.floor(rnd() * 20)) * 24 * HOUR),
        channel: rnd() < 0.6 ? 'online' : 'in_person',
        digitized: rnd() < 0.7,
        electronicResult: rnd() < 0.6,
        reusedData: false,
        fromPersonalDataStore: true,
        citizenDataConnected: true,
        complaint: false,
      });
    });
    const r = await srv.post('/api/v1/ingest/dossiers', { events });
    expect(r.body.rejected, JSON.stringify(r.body)).toBe(0);
  });
  afterAll(async () => {
    await srv.close();
  });

  function fresh(code: string) {
    const now = srv.clock.now();
    const c = srv.runtime.store.serviceIndex.indexCountsBetween(NOV_FROM, NOV_TO, now, [code]).get(code)!;
    const overdue = srv.runtime.store.read.overdueAt({ at: NOV_TO - 1 }).dossiers.find((x) => x.code === code)?.n ?? 0;
    return serviceIndex(buildIndexCounts(c.flow, { open: c.openAtEnd, overdue }), DEFAULT_SERVICE_INDEX_SETTINGS);
  }
  const november = async (code: string) => (await srv.get(`/api/v1/units/${code}/index?period=2026-11`)).body.index;

  it('equals the store’s figure after every batch, mostly without reading the store', async () => {
    for (const code of UNITS) await november(code); // keep November before the stream starts
    const repo = srv.runtime.store.serviceIndex;
    const read = repo.unitCountsBetween;
    let reads = 0;
    repo.unitCountsBetween = (...a) => (reads++, read(...a));
    const rnd = seeded(7);
    let n = 0;
    let clock = Date.parse('2026-12-01T08:00:00+07:00');
    for (let b = 0; b < BATCHES; b++) {
      const events: Record<string, unknown>[] = [];
      const size = 1 + Math.floor(rnd() * 4);
      for (let i = 0; i < size; i++) {
        const d = Math.floor(rnd() * DOSSIERS);
        const roll = rnd();
        // Mostly live (after November, in order, sometimes the same instant); some late, some out of order.
        const late = receivedAt[d] + Math.floor(rnd() * (NOV_TO - receivedAt[d]));
        const at = roll < 0.6 ? (clock += Math.floor(rnd() * 2) * 60_000) : roll < 0.8 ? late : clock - Math.floor(rnd() * 48) * HOUR;
        events.push(randomEvent(rnd, d, n++, Math.min(at, NOW - 1)));
      }
      const res = await srv.post('/api/v1/ingest/dossiers', { events });
      if (res.body.rejected) console.log('REJ', JSON.stringify(res.body).slice(0, 400));
      for (const code of UNITS) expect(await november(code), `batch ${b} ${code}: ${JSON.stringify(events)}`).toEqual(fresh(code));
    }
    repo.unitCountsBetween = read;
    // Re-reads are left for a new dossier received in November and for the clock (none here moves).
    expect(reads).toBeLessThan(BATCHES / 10);
  }, 120_000);
});
