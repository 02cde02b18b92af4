/**
 * The server with the overview's past reads on PostgreSQL (issue 17, slice 3) and everything else on
 * SQLite, whose file holds no dossier: the previous period's overdue backlog, "cùng kỳ"'s part of a day,
 * a closed month's backlog, what became overdue recently and the health's row counts answer from
 * PostgreSQL (the seed's rows, copied there).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PastStore } from '../../../server/db/past-store/contract.js';
import { createPgPastStore } from '../../../server/db/past-store/pg-past-store.js';
import { vnDayIndex } from '../../../server/domain/time.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, SEED_DOSSIERS, SEED_TASKS, SEED_UNITS, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { vn } from '../metrics/factories.js';

const postgres = usePostgres();
let past: PastStore;
let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'past-on-pg-'));
/** Early December: November is the previous month (and a closed one), its first morning "cùng kỳ"'s part of a day. */
const NOW = vn('2026-12-02T10:00');
const DEC_1 = vn('2026-12-01T00:00');
const NOV_1 = vn('2026-11-01T00:00');

beforeAll(async () => {
  const pool = await postgres.migratedPool('past_app');
  const seed = seededSqlite(join(dir, 'seed.db'));
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  seed.store.close();
  past = createPgPastStore(pool);
  server = await startTestServer({ past, start: NOW });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await past?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** PostgreSQL's overdue dossiers and tasks at instant `at`, summed over the seed's codes. */
async function overdueAt(at: number, newFrom = 0, newTo = 0) {
  const { dossiers, tasks } = await past.overdueAt({ at, newFromDay: newFrom, newToDay: newTo });
  const sum = (rows: { n: number }[]) => rows.reduce((n, r) => n + r.n, 0);
  return { dossiers: sum(dossiers), dossiersNew: dossiers.reduce((n, r) => n + r.nNew, 0), tasks: sum(tasks) };
}

describe('the overview’s past figures on PostgreSQL', () => {
  it('judges the previous month with PostgreSQL’s overdue backlog at its end, and counts "cùng kỳ"’s part of a day there', async () => {
    const leader = await server.as('city_leader');
    const res = await leader.get('/api/v1/overview?period=month');
    expect(res.status).toBe(200);
    const atEnd = await overdueAt(DEC_1 - 1, vnDayIndex(NOV_1), vnDayIndex(DEC_1));
    expect(atEnd.dossiers).toBeGreaterThan(0);
    expect(res.body.previousCity.overdue).toBe(atEnd.dossiers);
    expect(res.body.previousCity.overdueNew).toBe(atEnd.dossiersNew);
    expect(res.body.previousCity.tasks.openOverdue).toBe(atEnd.tasks);
    // The engine holds no day of November: "cùng kỳ" (1 Nov to 2 Nov 10:00) is PostgreSQL's 2 Nov morning.
    const codes = [...SEED_UNITS, 'STP'];
    const { received } = await past.flowsBetween({ codes, from: vn('2026-11-02T00:00'), to: vn('2026-11-02T10:00') });
    const receivedThen = received.reduce((n, r) => n + r.n, 0);
    expect(receivedThen).toBeGreaterThan(0);
    expect(res.body.previousCityToDate.received).toBe(receivedThen);
    expect(server.runtime.store.read.counts()).toEqual({ dossiers: 0, tasks: 0 });
  });

  it('judges a closed month, its unit page and the one before with PostgreSQL’s backlog at their ends', async () => {
    const leader = await server.as('city_leader');
    const res = await leader.get('/api/v1/overview?period=2026-11');
    expect(res.status).toBe(200);
    expect(res.body.city.overdue).toBe((await overdueAt(DEC_1 - 1)).dossiers);
    expect(res.body.previousCity.overdue).toBe((await overdueAt(NOV_1 - 1)).dossiers);
    const unit = SEED_UNITS[1];
    const page = await leader.get(`/api/v1/units/${unit}?period=2026-11`);
    expect(page.status).toBe(200);
    const { dossiers } = await past.overdueAt({ at: DEC_1 - 1 });
    expect(page.body.metrics.overdue).toBe(dossiers.find((r) => r.code === unit)?.n ?? 0);
    expect(page.body.metrics.overdue).toBeGreaterThan(0);
  });

  it('counts what became overdue today and the rows held from PostgreSQL', async () => {
    const leader = await server.as('city_leader');
    const alerts = await leader.get('/api/v1/alerts/recent?code=city');
    expect(alerts.status).toBe(200);
    const counts = await past.newlyOverdue({ unit: null, dayStart: vn('2026-12-02T00:00'), hourAgo: NOW - 3_600_000, now: NOW });
    expect(alerts.body.newlyOverdue.today).toBe(counts.reduce((n, c) => n + c.today, 0));
    const health = await leader.get('/api/v1/health');
    expect(health.body.database).toMatchObject({ dossiers: SEED_DOSSIERS, tasks: SEED_TASKS });
  });
});
