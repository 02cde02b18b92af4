/**
 * The API description over the real server: served at GET /api/v1/openapi.json, covering every route
 * of the API router (or excluding it on purpose), and describing real answers: each answer with a zod
 * schema parses with it, and validates against the document's JSON Schema of that operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { listRoutes } from '../../../../server/http/route-list.js';
import { describeApi } from '../../../../server/http/openapi/routes.js';
import { isUndocumented, OPERATIONS, UNDOCUMENTED } from '../../../../server/http/openapi/operations.js';
import {
  dossierListPageSchema,
  dvcqgAnswerSchema,
  errorBodySchema,
  ingestAnswerSchema,
  taskListPageSchema,
} from '../../../../shared/contract/api-schemas.js';
import { operationOf, validatorOf } from '../../../helpers/openapi-check.js';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../../helpers/test-server.js';

const doc = describeApi('test');
const validate = validatorOf(doc);

/** The answer parses with its zod schema, and validates against the document's schema of `status` for the operation. */
function expectDescribed(schema: z.ZodType, method: string, path: string, status: number, body: unknown): void {
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, `${method} ${path} ${status} (zod)`).toEqual([]);
  const op = operationOf(doc, method, path);
  const answer = op?.responses?.[String(status)];
  const described = answer?.$ref ? doc.components.responses[answer.$ref.split('/').pop()] : answer;
  expect(validate(described.content['application/json'].schema, body), `${method} ${path} ${status} (document)`).toEqual([]);
}

const taskAssigned = {
  id: 'T-1:1',
  type: 'assigned',
  taskId: 'T-1',
  at: '2026-11-02T08:00:00+07:00',
  title: 'Rà soát hồ sơ đất đai tồn đọng',
  document: { number: '123/UBND-VX', date: '2026-11-01' },
  issuer: 'UBND Thành phố',
  assignee: '26740',
  dueAt: '2026-11-10',
};

const dvcqgRecord = {
  MaHoSo: 'G-1',
  MaTTHC: '1.001193',
  TenTTHC: 'Đăng ký khai sinh',
  TenLinhVuc: 'Hộ tịch',
  KenhThucHien: '2',
  NgayTiepNhan: '20261120081500',
  NgayHenTra: '20261125170000',
  TrangThaiHoSo: '4',
  DonViXuLy: 'UBND Phường Bến Thành',
  QuaTrinhXuLy: [{ NguoiXuLy: 'Nguyễn Thị Lan', ChucDanh: 'Công chức', ThoiDiemXuLy: '20261120083000' }],
};

describe('GET /api/v1/openapi.json and real answers', () => {
  let srv: TestServer;
  let leader: RoleClient;
  beforeAll(async () => {
    srv = await startTestServer();
    leader = await srv.as('city_leader');
  });
  afterAll(async () => {
    await srv.close();
  });

  it('serves the description built at start, public and cacheable', async () => {
    const res = await fetch(`${srv.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await res.json()).toEqual(doc);
  });

  it('describes every route of the API router or excludes it on purpose, describes no route that does not exist, and excludes nothing unused', () => {
    const routes = listRoutes(srv.runtime.app.api).map((r) => `${r.method} ${r.path}`);
    const described = new Set(OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    expect(routes.filter((r) => !described.has(r) && !isUndocumented(r))).toEqual([]);
    expect([...described].filter((d) => !routes.includes(d))).toEqual([]);
    expect(routes.filter((r) => described.has(r) && isUndocumented(r))).toEqual([]);
    for (const u of UNDOCUMENTED) {
      const used = routes.some((r) => ('route' in u ? r === u.route : isUndocumented(r) && r.split(' ')[1].startsWith(u.prefix)));
      expect(used, JSON.stringify(u)).toBe(true);
    }
  });

  it('describes native ingest answers: accepted, duplicate and rejected with field errors, for dossiers and tasks', async () => {
    const first = await srv.post('/api/v1/ingest/dossiers', { events: [receivedEvent()] });
    expect(first.body.accepted).toBe(1);
    const res = await srv.post('/api/v1/ingest/dossiers', {
      events: [receivedEvent(), receivedEvent({ id: 'e-2', dossierId: 'D-2', unit: '99999' })],
    });
    expect(res.body).toMatchObject({ accepted: 0, duplicate: 1, rejected: 1 });
    expectDescribed(ingestAnswerSchema, 'POST', '/api/v1/ingest/dossiers', 200, res.body);
    const tasks = await srv.post('/api/v1/ingest/tasks', { events: [taskAssigned] }, srv.taskKey);
    expect(tasks.body.accepted).toBe(1);
    expectDescribed(ingestAnswerSchema, 'POST', '/api/v1/ingest/tasks', 200, tasks.body);
  });

  it('describes X-Ingest-Mode as the handler reads it: history accepted from a source allowed to, a mode it does not list refused (400)', async () => {
    const header = (operationOf(doc, 'POST', '/api/v1/ingest/dossiers')?.parameters as any[]).find((p) => p.name === 'X-Ingest-Mode');
    srv.runtime.store.sources.update('test-dossiers', { historyLoad: true });
    try {
      expect(validate(header.schema, 'history')).toEqual([]);
      const history = await srv.post('/api/v1/ingest/dossiers', { events: [receivedEvent({ id: 'h-1', dossierId: 'H-1' })] }, undefined, {
        'X-Ingest-Mode': 'history',
      });
      expect(history.body).toMatchObject({ accepted: 1 });
      expectDescribed(ingestAnswerSchema, 'POST', '/api/v1/ingest/dossiers', 200, history.body);
      expect(validate(header.schema, 'fast')).not.toEqual([]);
      const fast = await srv.post('/api/v1/ingest/dossiers', { events: [receivedEvent({ id: 'h-2' })] }, undefined, {
        'X-Ingest-Mode': 'fast',
      });
      expect(fast.status).toBe(400);
      expect(fast.body.error.message).toMatch(/X-Ingest-Mode/);
      expectDescribed(errorBodySchema, 'POST', '/api/v1/ingest/dossiers', 400, fast.body);
    } finally {
      srv.runtime.historyLoad.end();
      srv.runtime.store.sources.update('test-dossiers', { historyLoad: false });
    }
  });

  it('describes the DVCQG answer: an accepted record with its events, and a rejected one naming the field', async () => {
    const res = await srv.post('/api/v1/ingest/dvcqg', {
      service: 'DongBoHoSoMC',
      isUpdating: false,
      data: [dvcqgRecord, { ...dvcqgRecord, MaHoSo: 'G-2', TrangThaiHoSo: '12' }],
    });
    expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });
    expectDescribed(dvcqgAnswerSchema, 'POST', '/api/v1/ingest/dvcqg', 200, res.body);
  });

  it('describes refusals: a missing key (401), a body without events (400), a bad query (400), an unknown unit (404)', async () => {
    const noKey = await srv.post('/api/v1/ingest/dossiers', { events: [] }, null);
    expect(noKey.status).toBe(401);
    expectDescribed(errorBodySchema, 'POST', '/api/v1/ingest/dossiers', 401, noKey.body);
    const noEvents = await srv.post('/api/v1/ingest/dossiers', { event: [] });
    expect(noEvents.status).toBe(400);
    expectDescribed(errorBodySchema, 'POST', '/api/v1/ingest/dossiers', 400, noEvents.body);
    const badQuery = await leader.get('/api/v1/units/26740/dossiers?pageSize=9999');
    expect(badQuery.status).toBe(400);
    expectDescribed(errorBodySchema, 'GET', '/api/v1/units/:code/dossiers', 400, badQuery.body);
    const unknown = await leader.get('/api/v1/units/99999/dossiers');
    expect(unknown.status).toBe(404);
    expectDescribed(errorBodySchema, 'GET', '/api/v1/units/:code/dossiers', 404, unknown.body);
  });

  it('describes dossier and task lists, a drilled list included, with items in them', async () => {
    const dossiers = await leader.get('/api/v1/units/city/dossiers?status=in_progress');
    expect(dossiers.body.items.length).toBeGreaterThan(0);
    expectDescribed(dossierListPageSchema, 'GET', '/api/v1/units/:code/dossiers', 200, dossiers.body);
    const drilled = await leader.get('/api/v1/departments/STP/dossiers?indicator=online_dossiers&side=denominator&period=month');
    expect(drilled.body.drill).toMatchObject({ indicator: 'online_dossiers', side: 'denominator' });
    expectDescribed(dossierListPageSchema, 'GET', '/api/v1/departments/:code/dossiers', 200, drilled.body);
    const tasks = await leader.get('/api/v1/units/26740/tasks?status=open_overdue');
    expect(tasks.body.items.length).toBe(1);
    expectDescribed(taskListPageSchema, 'GET', '/api/v1/units/:code/tasks', 200, tasks.body);
  });
});
