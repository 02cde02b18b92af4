/**
 * The projection writer and the metrics' restore on PostgreSQL, wired into the server (issue 17, slice 2):
 * with the write, access and item stores there and createRuntime({ projection }), an ingested batch is
 * in the lists and the dossier's page as soon as its answer came back (the reads wait for the writer),
 * from PostgreSQL's rows; and a second server started on the same database restores the same metrics
 * from those rows, with nothing in its SQLite file.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessStore } from '../../../server/db/access-store/contract.js';
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { createPgItemStore } from '../../../server/db/item-store/pg-item-store.js';
import { openPgPool } from '../../../server/db/pg/pool.js';
import { createPgProjectionStore } from '../../../server/db/projection-store/pg-projection-store.js';
import type { WriteStore } from '../../../server/db/write-store/contract.js';
import { openPgWriteStore } from '../../../server/db/write-store/pg-write-store.js';
import { generateSourceKey, hashSourceKey } from '../../../server/ingest/keys.js';
import { PERIODS } from '../../../server/metrics/types.js';
import type { Runtime } from '../../../server/runtime.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { receivedEvent, startTestServer, T0, type TestServer } from '../../helpers/test-server.js';

const postgres = usePostgres();
const key = generateSourceKey();
let url: string;
const opened: { close(): Promise<void> }[] = [];
const pools: pg.Pool[] = [];

/** A server on PostgreSQL's write, access, item and projection stores (fresh SQLite file for the rest). */
async function serverOnPostgres(): Promise<TestServer> {
  const access: AccessStore = await openPgAccessStore(url);
  const write: WriteStore = await openPgWriteStore(url);
  const pool = await openPgPool(url);
  opened.push(access, write);
  pools.push(pool);
  await access.sources.upsertKey('pg-dossiers', 'dossier', hashSourceKey(key), T0);
  return startTestServer({ access, write, items: createPgItemStore(pool), projection: createPgProjectionStore(pool) });
}

beforeAll(async () => {
  url = await postgres.database('projections_app');
}, 120_000);
afterAll(async () => {
  for (const s of opened) await s.close().catch(() => {});
  for (const p of pools) await p.end().catch(() => {});
});

const at = (h: number, m = 0) => `2026-11-20T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+07:00`;
const handler = { id: 'cb1', name: 'Nguyễn Văn A', unit: '26740' };

function allMetrics(rt: Runtime) {
  const out: Record<string, unknown> = {};
  for (const scope of rt.engine.scopes()) for (const p of PERIODS) out[`${scope}|${p}`] = rt.engine.metrics(scope, p);
  return out;
}

describe('projections on PostgreSQL', () => {
  it('lists an ingested dossier at once from its rows, and a restart restores the same metrics from them', async () => {
    const first = await serverOnPostgres();
    let metrics: Record<string, unknown>;
    try {
      const events = [
        receivedEvent({ id: 'P1-r', dossierId: 'P1', at: '2026-11-10T08:00:00+07:00', unit: '26740' }),
        receivedEvent({ id: 'P2-r', dossierId: 'P2', at: at(8), unit: '26740' }),
        { id: 'P1-a', type: 'assigned', dossierId: 'P1', at: at(8, 10), handler },
        { id: 'P2-p', type: 'processed', dossierId: 'P2', at: at(8, 30) },
      ];
      const res = await first.post('/api/v1/ingest/dossiers', { events }, key);
      expect(res.status).toBe(200);
      const leader = await first.as('city_leader');
      const page = await leader.get('/api/v1/dossiers/P1');
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.body)).toContain('Nguyễn Văn A');
      const list = await leader.get('/api/v1/units/26740/dossiers?status=in_progress&pageSize=50');
      expect(list.body.items.map((d: { id: string }) => d.id)).toContain('P1');
      const rows = await pools[0].query<{ id: string; open: number }>('SELECT id, open FROM dossiers ORDER BY id');
      expect(rows.rows).toEqual([
        { id: 'P1', open: 1 },
        { id: 'P2', open: 0 },
      ]);
      expect(first.runtime.store.read.counts()).toEqual({ dossiers: 0, tasks: 0 });
      metrics = allMetrics(first.runtime);
      // What the restart must bring back: P1 open, P2 received and finished today.
      expect(first.runtime.engine.metrics('unit:26740', 'today')).toMatchObject({ inProgress: 1, received: 1 });
    } finally {
      await first.close();
    }
    const second = await serverOnPostgres();
    try {
      expect(allMetrics(second.runtime)).toEqual(metrics);
      expect(second.runtime.store.read.counts()).toEqual({ dossiers: 0, tasks: 0 });
    } finally {
      await second.close();
    }
  }, 180_000);
});
