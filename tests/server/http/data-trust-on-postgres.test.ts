/**
 * The server with data trust on PostgreSQL (issue 17, slice 3) and everything else on SQLite: the
 * figures of every ward, a ward's page of flags and a supervisor's review answer from PostgreSQL (the
 * seed's flags, copied there), the review is kept there and audited, and the SQLite file holds none of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JUMP_EVALUATED_KEY, type DataTrustStore } from '../../../server/db/data-trust-store/contract.js';
import { createPgDataTrustStore } from '../../../server/db/data-trust-store/pg-data-trust-store.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { DATA_TRUST_TABLES, SEED_FLAGS, seedDataTrust } from '../../helpers/data-trust-seed.js';
import { SEED_NOW, SEED_UNITS, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const postgres = usePostgres();
let dataTrust: DataTrustStore;
let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'data-trust-on-pg-'));
const WARD = SEED_UNITS[1];

beforeAll(async () => {
  const pool = await postgres.migratedPool('data_trust_app');
  const seed = seededSqlite(join(dir, 'seed.db'));
  seedDataTrust(seed.store);
  await copyTablesToPostgres(seed.db, pool, DATA_TRUST_TABLES);
  seed.store.close();
  dataTrust = createPgDataTrustStore(pool);
  server = await startTestServer({ dataTrust, start: SEED_NOW });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await dataTrust?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('data trust on PostgreSQL', () => {
  it('answers every ward’s figure and a ward’s flags from PostgreSQL, none of them in the SQLite file', async () => {
    const leader = await server.as('city_leader');
    const summary = await leader.get('/api/v1/data-trust?period=month');
    expect(summary.status).toBe(200);
    const flagged = summary.body.figures.reduce(
      (n: number, f: { byRule: { flags: number }[] }) => n + f.byRule.reduce((m, r) => m + r.flags, 0),
      0,
    );
    expect(flagged).toBe(SEED_FLAGS);
    expect(summary.body.city.dossiers).toBeGreaterThan(0);
    const page = await leader.get(`/api/v1/units/${WARD}/data-trust/flags?period=month&pageSize=50`);
    expect(page.status).toBe(200);
    const all = (await dataTrust.allFlags()).filter((f) => f.unit === WARD);
    expect(page.body.total).toBe(all.length);
    expect(page.body.items.map((f: { id: string }) => f.id).sort()).toEqual(all.map((f) => f.id).sort());
    expect(server.runtime.store.dataTrust.allFlags()).toEqual([]);
  });

  it('keeps a supervisor’s review in PostgreSQL, audited, and answers 404 for a flag it does not hold', async () => {
    const flag = (await dataTrust.allFlags()).find((f) => f.unit === WARD && f.review === null && f.dossierId !== null)!;
    const supervisor = await server.as('supervisor', `unit:${WARD}`);
    const path = `/api/v1/units/${WARD}/data-trust/flags/${encodeURIComponent(flag.id)}/review`;
    const ok = await supervisor.post(path, { verdict: 'confirmed', note: 'Đã đối chiếu hồ sơ giấy' });
    expect(ok.status).toBe(200);
    expect(ok.body.flag).toMatchObject({ id: flag.id, status: 'confirmed', review: { verdict: 'confirmed', by: supervisor.username } });
    expect((await dataTrust.flag(flag.id))?.review).toMatchObject({ verdict: 'confirmed', note: 'Đã đối chiếu hồ sơ giấy' });
    const audit = server.runtime.store.audit.page({ action: 'data_trust.reviewed', actor: null, limit: 5, offset: 0 });
    expect(audit.items[0]).toMatchObject({ target: flag.id, outcome: 'ok' });
    const missing = await supervisor.post(`/api/v1/units/${WARD}/data-trust/flags/none%3Abackdated/review`, {
      verdict: 'confirmed',
      note: 'x',
    });
    expect(missing.status).toBe(404);
    expect(server.runtime.store.dataTrust.allFlags()).toEqual([]);
  });

  it('runs the live clock’s daily-jump sweep on PostgreSQL: its judged mark is kept there, not in the SQLite file', async () => {
    // The first sweep judges the closed working days of the history weeks; the live step runs it within a tick.
    await expect.poll(() => dataTrust.jumpEvaluatedDay(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(server.runtime.store.meta.get(JUMP_EVALUATED_KEY)).toBeNull();
    expect(server.runtime.store.dataTrust.allFlags()).toEqual([]);
  });
});
