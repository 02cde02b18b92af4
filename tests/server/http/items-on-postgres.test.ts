/**
 * The server with its dossier and task lists and item pages on PostgreSQL (issue 17, slice 3) and
 * everything else on SQLite: the lists, a dossier's and a task's page with its timeline, a unit's detail tables, the recent
 * alerts and the list exports answer from PostgreSQL (the seed's rows, copied there), and the SQLite
 * file holds none of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemStore } from '../../../server/db/item-store/contract.js';
import { createPgItemStore } from '../../../server/db/item-store/pg-item-store.js';
import { drillWhere } from '../../../server/db/service-index-drill.js';
import { computeUnitDetailAsync } from '../../../server/http/unit-detail.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, SEED_NOW, SEED_UNITS, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const postgres = usePostgres();
let items: ItemStore;
let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'items-on-pg-'));

beforeAll(async () => {
  const pool = await postgres.migratedPool('items_app');
  const seed = seededSqlite(join(dir, 'seed.db'));
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  seed.store.close();
  items = createPgItemStore(pool);
  server = await startTestServer({ items, start: SEED_NOW });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await items?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe('dossier and task lists on PostgreSQL', () => {
  it('lists a ward’s dossiers and a department’s tasks from PostgreSQL, none of them in the SQLite file', async () => {
    const leader = await server.as('city_leader');
    const unit = SEED_UNITS[0];
    const page = await leader.get(`/api/v1/units/${unit}/dossiers?status=overdue&pageSize=50`);
    expect(page.status).toBe(200);
    const q = { unit, filter: 'overdue' as const, now: SEED_NOW, limit: 50, offset: 0 };
    const fromPg = await items.dossierPage({ ...q, dueSoonUntil: SEED_NOW });
    expect(page.body.total).toBe(fromPg.total);
    expect(page.body.total).toBeGreaterThan(0);
    expect(ids(page.body.items)).toEqual(ids(fromPg.items));
    expect(page.body.items[0].timeliness).toBe('overdue');
    const sorted = await leader.get(`/api/v1/units/${unit}/dossiers?status=done&sort=procedureName&dir=desc`);
    expect(ids(sorted.body.items)).toEqual(
      ids((await items.dossierPage({ ...q, dueSoonUntil: SEED_NOW, filter: 'done', sort: 'procedureName', dir: 'desc', limit: 20 })).items),
    );
    const tasks = await leader.get('/api/v1/departments/STP/tasks?status=open_overdue');
    expect(tasks.status).toBe(200);
    expect(tasks.body.total).toBe(
      (await items.taskPage({ assignee: 'STP', filter: 'open_overdue', now: SEED_NOW, limit: 1, offset: 0 })).total,
    );
    expect(tasks.body.total).toBeGreaterThan(0);
    expect(server.runtime.store.read.counts()).toEqual({ dossiers: 0, tasks: 0 });
  });

  it('opens a dossier and a task with their timelines from PostgreSQL, and answers 404 for one it does not hold', async () => {
    const leader = await server.as('city_leader');
    const dossier = await leader.get('/api/v1/dossiers/HS-003');
    expect(dossier.status).toBe(200);
    expect(dossier.body.unit).toBe(SEED_UNITS[0]);
    expect(dossier.body.supplementRequests).toBe(2);
    expect(dossier.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'assigned',
      'supplement_requested',
      'supplement_received',
      'supplement_requested',
      'supplement_received',
    ]);
    const task = await leader.get('/api/v1/tasks/NV-001');
    expect([task.status, task.body.status, task.body.timeline.length]).toEqual([200, 'completed', 2]);
    expect((await leader.get('/api/v1/dossiers/HS-none')).status).toBe(404);
    // A ward's leader does not learn that another ward's dossier exists.
    const ward = await server.as('unit_leader', `unit:${SEED_UNITS[0]}`);
    expect((await ward.get('/api/v1/dossiers/HS-003')).status).toBe(200);
    expect((await ward.get('/api/v1/dossiers/HS-001')).status).toBe(404);
    expect(server.runtime.store.read.dossier('HS-003')).toBeNull();
  });

  it('computes a ward’s detail tables from PostgreSQL’s pool, not from workers over the SQLite file', async () => {
    const leader = await server.as('city_leader');
    const unit = await leader.get(`/api/v1/units/${SEED_UNITS[0]}?period=month`);
    expect(unit.status).toBe(200);
    const window = { period: 'month' as const, from: Date.parse('2026-11-01T00:00:00+07:00'), to: Date.parse('2026-12-01T00:00:00+07:00') };
    const expected = await computeUnitDetailAsync(items.unitDetail, server.runtime.calendar, {
      unit: SEED_UNITS[0],
      window,
      now: SEED_NOW,
      withOfficials: true,
    });
    expect(unit.body.byField).toEqual(expected.byField);
    expect(unit.body.byOfficial).toEqual(expected.byOfficial);
    expect(unit.body.processingHistogram).toEqual(expected.processingHistogram);
    expect(unit.body.byField.length).toBeGreaterThan(0);
    expect(unit.body.byOfficial.length).toBeGreaterThan(0);
  });

  it('answers the recent alerts and a list export from PostgreSQL', async () => {
    const leader = await server.as('city_leader');
    const alerts = await leader.get(`/api/v1/alerts/recent?code=${SEED_UNITS[0]}`);
    expect(alerts.status).toBe(200);
    expect(alerts.body.items.some((a: { kind: string }) => a.kind === 'dossier')).toBe(true);
    const csv = await fetch(`${server.url}/api/v1/exports/dossiers?code=${SEED_UNITS[0]}&status=overdue&format=csv`, {
      headers: { cookie: leader.cookie ?? '' },
    });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    const overdue = await items.dossierPage({
      unit: SEED_UNITS[0],
      filter: 'overdue',
      now: SEED_NOW,
      dueSoonUntil: SEED_NOW,
      limit: 100,
      offset: 0,
    });
    for (const s of overdue.items) expect(text).toContain(s.id);
  });

  it('drills a ward’s dossier list into a service index count on PostgreSQL, as the store answers it', async () => {
    const leader = await server.as('city_leader');
    for (const side of ['numerator', 'denominator'] as const) {
      const page = await leader.get(
        `/api/v1/units/${SEED_UNITS[0]}/dossiers?indicator=progress_on_time&side=${side}&period=2026-11&pageSize=50`,
      );
      expect(page.status).toBe(200);
      const window = { from: Date.parse('2026-11-01T00:00+07:00'), to: SEED_NOW + 1 };
      const q = { unit: SEED_UNITS[0], filter: 'overdue' as const, now: SEED_NOW, dueSoonUntil: SEED_NOW, limit: 50, offset: 0 };
      const fromPg = await items.dossierPage({ ...q, drill: drillWhere('progress_on_time', side, window) });
      expect(page.body.total).toBe(fromPg.total);
      expect(ids(page.body.items)).toEqual(ids(fromPg.items));
      expect(page.body.total).toBeGreaterThan(0);
    }
  });
});
