/**
 * The server with its officials' pages, city-wide scorecards and buck-passing lists on PostgreSQL
 * (issue 17, slice 3) beside its item pages there, and everything else on SQLite: the officials list
 * (scorecards computed from PostgreSQL's pages, not by workers over the file), one official's page and
 * the buck-passing lists answer from the seed's rows copied into PostgreSQL; the SQLite file holds none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemStore } from '../../../server/db/item-store/contract.js';
import { createPgItemStore } from '../../../server/db/item-store/pg-item-store.js';
import type { OfficialsStore } from '../../../server/db/officials-store/contract.js';
import { openPgOfficialsStore } from '../../../server/db/officials-store/pg-officials-store.js';
import { openPgPool } from '../../../server/db/pg/pool.js';
import { computeOfficialsSnapshotAsync } from '../../../server/http/officials-snapshot.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, SEED_HANDLERS, SEED_NOW, SEED_UNITS, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { vn } from '../metrics/factories.js';

const postgres = usePostgres();
let items: ItemStore;
let officials: OfficialsStore;
let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'officials-on-pg-'));
const NOVEMBER = { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') };

beforeAll(async () => {
  const url = await postgres.database('officials_app');
  const pool = await openPgPool(url);
  const seed = seededSqlite(join(dir, 'seed.db'));
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  seed.store.close();
  items = createPgItemStore(pool);
  officials = await openPgOfficialsStore(url);
  server = await startTestServer({ items, officials, start: SEED_NOW });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await officials?.close();
  await items?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('officials and buck-passing lists on PostgreSQL', () => {
  it('lists the city’s officials with scorecards computed from PostgreSQL, none of their steps in the SQLite file', async () => {
    const leader = await server.as('city_leader');
    const list = await leader.get('/api/v1/officials?period=2026-11&sort=name&dir=asc');
    expect(list.status).toBe(200);
    const ids = SEED_HANDLERS.map((h) => h.id);
    expect(list.body.items.map((o: { id: string }) => o.id).sort()).toEqual(ids);
    const snapshot = await computeOfficialsSnapshotAsync(officials, server.runtime.calendar, {
      window: { ...NOVEMBER, period: 'month' },
      now: SEED_NOW,
    });
    const cb01 = snapshot.cards.find((c) => c.id === 'cb-01')!;
    const row = list.body.items.find((o: { id: string }) => o.id === 'cb-01');
    expect(row.stepsDone).toBe(cb01.all.stepsDone);
    expect(row.buckPassingCases).toBeGreaterThan(0);
    expect(row.reminders + row.explanationRequests).toBeGreaterThan(0);
    expect(server.runtime.store.officials.identity('cb-01')).toBeNull();
  });

  it('opens an official’s page from PostgreSQL, and answers 404 for one it does not hold', async () => {
    const leader = await server.as('city_leader');
    const page = await leader.get('/api/v1/officials/cb-02?period=2026-11');
    expect(page.status).toBe(200);
    expect(page.body.official).toMatchObject({ id: 'cb-02', name: 'Trần Thị Bình', unit: '26740' });
    expect(page.body.holdings.length).toBe((await officials.heldDossiers('cb-02')).length);
    expect(page.body.stepsTotal).toBeGreaterThan(0);
    expect((await leader.get('/api/v1/officials/cb-unknown')).status).toBe(404);
  });

  it('pages the city’s, a ward’s and an official’s buck-passing cases from PostgreSQL', async () => {
    const leader = await server.as('city_leader');
    const city = await leader.get('/api/v1/city/buck-passing?period=2026-11&sort=lost&dir=desc');
    expect(city.status).toBe(200);
    expect(city.body.total).toBe(9);
    expect(city.body.byRule.find((r: { rule: string }) => r.rule === 'bounce').cases).toBe(9);
    const ward = await leader.get(`/api/v1/units/${SEED_UNITS[0]}/buck-passing?period=2026-11`);
    const q = { unit: SEED_UNITS[0], ...NOVEMBER, rule: null, official: null, sort: 'recent' as const, dir: 'desc' as const };
    const fromPg = await officials.buckPassingPage({ ...q, limit: 20, offset: 0 });
    expect(ward.body.total).toBe(fromPg.total);
    expect(ward.body.items.map((c: { dossierId: string }) => c.dossierId)).toEqual(fromPg.items.map((c) => c.dossierId));
    const mine = await leader.get('/api/v1/city/buck-passing?period=2026-11&official=cb-03');
    expect(mine.body.total).toBe((await officials.buckPassingPage({ ...q, unit: null, official: 'cb-03', limit: 1, offset: 0 })).total);
    expect(server.runtime.store.read.buckPassingPage({ ...q, unit: null, limit: 1, offset: 0 }).total).toBe(0);
  });
});
