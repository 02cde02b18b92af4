/**
 * The server with its reminders and explanation requests on PostgreSQL (issue 17, slice 3), with the
 * users, the item pages and the officials' pages there too, and everything else on SQLite: sending,
 * reading and answering a request, the live notice a ward leader gets and the answer the sender gets,
 * the clock noting overdue requests, and the lists, all against PostgreSQL; the SQLite file holds none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessStore } from '../../../server/db/access-store/contract.js';
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { createPgItemStore } from '../../../server/db/item-store/pg-item-store.js';
import type { ItemStore } from '../../../server/db/item-store/contract.js';
import type { OfficialsStore } from '../../../server/db/officials-store/contract.js';
import { openPgOfficialsStore } from '../../../server/db/officials-store/pg-officials-store.js';
import { openPgPool } from '../../../server/db/pg/pool.js';
import type { RequestsStore } from '../../../server/db/requests-store/contract.js';
import { openPgRequestsStore } from '../../../server/db/requests-store/pg-requests-store.js';
import type { RequestCreated, RequestUpdated } from '../../../shared/contract/requests.js';
import { copyTablesToPostgres } from '../../helpers/copy-to-postgres.js';
import { ITEM_TABLES, SEED_NOW, SEED_UNITS, seededSqlite } from '../../helpers/item-seed.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server.js';

const postgres = usePostgres();
let access: AccessStore;
let items: ItemStore;
let officials: OfficialsStore;
let requests: RequestsStore;
let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'requests-on-pg-'));
const WARD = SEED_UNITS[0];

beforeAll(async () => {
  const url = await postgres.database('requests_app');
  const pool = await openPgPool(url);
  const seed = seededSqlite(join(dir, 'seed.db'));
  await copyTablesToPostgres(seed.db, pool, ITEM_TABLES);
  seed.store.close();
  items = createPgItemStore(pool);
  [access, officials, requests] = await Promise.all([openPgAccessStore(url), openPgOfficialsStore(url), openPgRequestsStore(url)]);
  server = await startTestServer({ access, items, officials, requests, start: SEED_NOW });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await Promise.all([requests?.close(), officials?.close(), access?.close(), items?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const explanation = (dossierId: string) => ({
  kind: 'explanation',
  subject: { type: 'dossier', id: dossierId },
  message: 'Đề nghị giải trình lý do hồ sơ quá hạn.',
});

describe('reminders and explanation requests on PostgreSQL', () => {
  it('sends a request about a PostgreSQL dossier, notifies the ward leader live, and stores it there, not in the SQLite file', async () => {
    const sup = await server.as('supervisor');
    const leader = await (await server.as('unit_leader', `unit:${WARD}`)).socket();
    const atLeader = waitFor<RequestCreated>(leader, 'request:created');
    const sent = await sup.post('/api/v1/reminders', explanation('HS-003'));
    expect(sent.status).toBe(201);
    expect((await atLeader).request).toEqual(sent.body);
    expect(sent.body).toMatchObject({ unit: WARD, state: 'sent', holder: { id: 'cb-02' } });
    expect((await requests.get(sent.body.id))?.subjectId).toBe('HS-003');
    expect(server.runtime.store.reminders.get(sent.body.id)).toBeNull();
    const list = await (await server.as('unit_leader', `unit:${WARD}`)).get(`/api/v1/units/${WARD}/reminders`);
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual((await requests.ofUnit(WARD)).map((r) => r.id));
    const onDossier = await (await server.as('city_leader')).get('/api/v1/dossiers/HS-003/reminders');
    expect(onDossier.body.items.map((r: { id: number }) => r.id)).toContain(sent.body.id);
  });

  it('reads and answers it in PostgreSQL, and the sender hears both live', async () => {
    const sup = await server.as('supervisor');
    const ward = await server.as('unit_leader', `unit:${WARD}`);
    const sender = await sup.socket();
    const id = (await sup.post('/api/v1/reminders', explanation('HS-003'))).body.id;
    const read = waitFor<RequestUpdated>(sender, 'request:updated', (m) => m.change === 'read' && m.request.id === id);
    expect((await ward.post(`/api/v1/reminders/${id}/acknowledge`)).status).toBe(200);
    expect((await read).request).toMatchObject({ id, state: 'read', acknowledgedBy: ward.username });
    const answered = waitFor<RequestUpdated>(sender, 'request:updated', (m) => m.change === 'answered' && m.request.id === id);
    expect((await ward.post(`/api/v1/reminders/${id}/answer`, { text: 'Đã bổ sung hồ sơ.' })).status).toBe(200);
    expect((await answered).request).toMatchObject({ id, state: 'answered' });
    expect((await requests.get(id))?.answer).toBe('Đã bổ sung hồ sơ.');
    expect((await ward.post(`/api/v1/reminders/${id}/answer`, { text: 'lần hai' })).status).toBe(409);
    const mine = await sup.get('/api/v1/reminders/mine');
    expect(mine.body.unread).toBeGreaterThan(0);
    expect((await sup.post('/api/v1/reminders/answers-seen', { ids: [id] })).body.seen).toEqual([id]);
  });

  it('notes the seed’s overdue explanation requests in PostgreSQL by the clock, once, and lists an official’s requests from there', async () => {
    for (let i = 0; i < 200 && (await requests.pendingOverdue(SEED_NOW)).length > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await requests.pendingOverdue(SEED_NOW)).toEqual([]);
    expect((await requests.get(2))?.overdueNotedAt).not.toBeNull();
    const audit = await (await server.as('admin')).get('/api/v1/audit?action=explanation.overdue');
    expect(audit.body.items.map((a: { target: string }) => a.target).sort()).toEqual(['reminder:10', 'reminder:2', 'reminder:6']);
    const page = await (await server.as('city_leader')).get('/api/v1/officials/cb-01?period=2026-11');
    expect(page.body.requests.map((r: { id: number }) => r.id)).toEqual(
      (await requests.byHolder('cb-01', Date.parse('2026-11-01T00:00+07:00'), Date.parse('2026-12-01T00:00+07:00'))).map((r) => r.id),
    );
    expect(page.body.requests.length).toBeGreaterThan(0);
  });
});
