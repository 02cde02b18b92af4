/**
 * The server with the service index's stored side and the past reads on PostgreSQL (issue 17, slice 3)
 * and everything else on SQLite, whose file holds no dossier: a closed month's index counts its
 * dossiers in PostgreSQL, and the national portal's figures imported there stand beside ours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexStore } from '../../../server/db/index-store/contract.js';
import { createPgIndexStore } from '../../../server/db/index-store/pg-index-store.js';
import type { PastStore } from '../../../server/db/past-store/contract.js';
import { createPgPastStore } from '../../../server/db/past-store/pg-past-store.js';
import { F_EARLY, F_LATE, F_ON_TIME } from '../../../server/metrics/counters.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, SEED_UNITS, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { vn } from '../metrics/factories.js';

const postgres = usePostgres();
let index: IndexStore;
let past: PastStore;
let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'index-on-pg-'));
const NOW = vn('2026-12-02T10:00');
const NOV = { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') };

beforeAll(async () => {
  const pool = await postgres.migratedPool('index_app');
  const seed = seededSqlite(join(dir, 'seed.db'));
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  seed.store.close();
  index = createPgIndexStore(pool);
  past = createPgPastStore(pool);
  server = await startTestServer({ index, past, start: NOW });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await index?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the service index of closed periods on PostgreSQL', () => {
  it('counts a closed month’s dossiers of every ward in PostgreSQL', async () => {
    const leader = await server.as('city_leader');
    const res = await leader.get('/api/v1/index?period=2026-11');
    expect(res.status).toBe(200);
    let total = 0;
    for (const code of SEED_UNITS) {
      const c = await index.closed.unitCountsBetween(code, NOV.from, NOV.to, NOW);
      const dossiers = c === null ? 0 : c.flow[F_EARLY] + c.flow[F_ON_TIME] + c.flow[F_LATE] + c.openAtEnd;
      expect(res.body.units.find((u: { code: string }) => u.code === code)?.dossiers).toBe(dossiers);
      total += dossiers;
    }
    expect(total).toBeGreaterThan(0);
    expect(res.body.city.dossiers).toBe(total);
    expect(server.runtime.store.read.counts()).toEqual({ dossiers: 0, tasks: 0 });
  });

  it('sets the portal’s figures imported into PostgreSQL beside ours, and a later import’s at the next request', async () => {
    const leader = await server.as('city_leader');
    const file = { source: 'portal-2026-11.csv', sha256: 'c'.repeat(64) };
    const row = { line: 2, code: 'city', period: '2026-11', total: 77.5, groups: {}, raw: 'city,2026-11,77.5' };
    await index.portal.importFile(file, [row], [], NOW);
    const first = await leader.get('/api/v1/index?period=2026-11');
    expect(first.body.city.portal).toMatchObject({ total: 77.5, source: file.source });
    await index.portal.importFile({ ...file, sha256: 'd'.repeat(64) }, [{ ...row, total: 79 }], [], NOW + 1);
    const second = await leader.get('/api/v1/city/index?period=2026-11');
    expect(second.body.row.portal).toMatchObject({ total: 79 });
    expect(server.runtime.store.portalIndex.version()).toBe(0);
  });
});
