import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
const TASKS = '/api/v1/ingest/tasks';

describe('POST /api/v1/ingest/dossiers', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await srv.close();
  });

  it('accepts valid events and answers one result per event, in order', async () => {
    const res = await srv.post(DOSSIERS, {
      events: [
        receivedEvent(),
        {
          id: 'e2',
          type: 'assigned',
          dossierId: 'D-1',
          at: '2026-11-20T08:10:00+07:00',
          handler: { id: 'cb1', name: 'Nguyễn Văn A', unit: '26740' },
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.index, r.id, r.status])).toEqual([
      [0, 'e-recv-1', 'accepted'],
      [1, 'e2', 'accepted'],
    ]);
    const detail = await (await srv.as('city_leader')).get('/api/v1/dossiers/D-1');
    expect(detail.body.holds[0].handlerName).toBe('Nguyễn Văn A');
  });

  it('answers duplicate for the same id with the same content, whatever the key order', async () => {
    await srv.post(DOSSIERS, { events: [receivedEvent()] });
    const { procedure, ...rest } = receivedEvent();
    const reordered = { procedure, ...rest };
    const res = await srv.post(DOSSIERS, { events: [reordered] });
    expect(res.body.results[0].status).toBe('duplicate');
    expect(srv.runtime.store.events.count()).toBe(1);
  });

  it('rejects a re-used id with different content as a conflict', async () => {
    await srv.post(DOSSIERS, { events: [receivedEvent()] });
    const res = await srv.post(DOSSIERS, { events: [receivedEvent({ channel: 'postal' })] });
    expect(res.body.results[0]).toMatchObject({
      status: 'rejected',
      errors: [{ path: 'id', message: expect.stringContaining('conflict') }],
    });
  });

  it('answers a repeat within one batch as a duplicate with the same content and as a conflict with other content', async () => {
    const { procedure, ...rest } = receivedEvent();
    const res = await srv.post(DOSSIERS, {
      events: [receivedEvent(), { procedure, ...rest }, receivedEvent({ channel: 'postal' })],
    });
    expect(res.body.results.map((r: any) => r.status)).toEqual(['accepted', 'duplicate', 'rejected']);
    expect(res.body.results[2].errors).toEqual([{ path: 'id', message: expect.stringContaining('conflict') }]);
    expect(srv.runtime.store.events.count()).toBe(1);
  });

  it('rejects an unknown unit code, a date without offset, a future `at` and a wrong type, saying what and where', async () => {
    const res = await srv.post(DOSSIERS, {
      events: [
        receivedEvent({ id: 'a', unit: '99999' }),
        receivedEvent({ id: 'b', dossierId: 'D-2', at: '2026-11-20T08:00:00' }),
        receivedEvent({ id: 'c', dossierId: 'D-3', at: '2026-11-20T09:30:00+07:00', dueAt: '2026-11-30' }),
        receivedEvent({ id: 'd', dossierId: 'D-4', procedure: { code: 'x', name: 'y', field: 'z', legalDays: 'three' } }),
        { id: 'e', type: 'teleported', dossierId: 'D-5', at: '2026-11-20T08:00:00+07:00' },
      ],
    });
    const [a, b, c, d, e] = res.body.results;
    expect(a.errors).toEqual([{ path: 'unit', message: expect.stringContaining('unknown code "99999"') }]);
    expect(b.errors).toEqual([{ path: 'at', message: expect.stringContaining('offset') }]);
    expect(c.errors).toEqual([{ path: 'at', message: expect.stringContaining('more than 5 minutes') }]);
    expect(d.errors).toEqual([{ path: 'procedure.legalDays', message: expect.stringContaining('number') }]);
    expect(e.errors[0]).toMatchObject({ path: 'type', message: expect.stringContaining('unknown type') });
  });

  it('lists every error of an event at once: a malformed date and an unknown unit together', async () => {
    const res = await srv.post(DOSSIERS, {
      events: [receivedEvent({ id: 'both', dossierId: 'D-both', unit: '99999', at: '2026-11-20 08:00' })],
    });
    expect(res.body.results[0].errors).toEqual([
      { path: 'at', message: expect.stringContaining('offset') },
      { path: 'unit', message: expect.stringContaining('unknown code "99999"') },
    ]);
  });

  it('rejects an event more than 5 minutes after the server clock', async () => {
    const res = await srv.post(DOSSIERS, { events: [receivedEvent({ at: '2026-11-20T09:06:00+07:00' })] });
    expect(res.body.results[0].errors).toEqual([{ path: 'at', message: expect.stringContaining('more than 5 minutes') }]);
    const ok = await srv.post(DOSSIERS, { events: [receivedEvent({ id: 'f', at: '2026-11-20T09:04:00+07:00' })] });
    expect(ok.body.results[0].status).toBe('accepted');
  });

  it('keeps rejected events in quarantine with their raw payload and errors', async () => {
    const bad = receivedEvent({ unit: '00000' });
    await srv.post(DOSSIERS, { events: [bad] });
    const q = await (await srv.as('admin')).get('/api/v1/quarantine');
    expect(q.body.total).toBe(1);
    expect(q.body.items[0]).toMatchObject({ source: 'test-dossiers', eventId: 'e-recv-1', raw: bad, errors: [{ path: 'unit' }] });
  });

  it('rejects an event dated before the dossier was received', async () => {
    await srv.post(DOSSIERS, { events: [receivedEvent()] });
    const res = await srv.post(DOSSIERS, { events: [{ id: 'p', type: 'processed', dossierId: 'D-1', at: '2026-11-19T08:00:00+07:00' }] });
    expect(res.body.results[0].errors[0]).toMatchObject({
      path: 'at',
      message: expect.stringContaining('before the dossier was received'),
    });
  });

  it('folds out-of-order arrivals into the same projection as in-order ones', async () => {
    const assigned = {
      id: 'e2',
      type: 'assigned',
      dossierId: 'D-1',
      at: '2026-11-20T08:30:00+07:00',
      handler: { id: 'cb1', name: 'A', unit: '26740' },
    };
    const processed = { id: 'e3', type: 'processed', dossierId: 'D-1', at: '2026-11-20T08:50:00+07:00' };
    await srv.post(DOSSIERS, { events: [receivedEvent(), processed] });
    await srv.post(DOSSIERS, { events: [assigned] });
    const d = await (await srv.as('city_leader')).get('/api/v1/dossiers/D-1');
    expect(d.body.holds).toHaveLength(1);
    expect(d.body.holds[0].to).toBe('2026-11-20T08:50:00.000+07:00');
    expect(d.body.timeliness).toBe('early');
  });

  it('commits accepted events durably before answering', async () => {
    await srv.post(DOSSIERS, { events: [receivedEvent()] });
    const other = openDatabase(srv.dbFile);
    expect(other.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    other.close();
  });

  it('answers 400 for a body that is not JSON or has no events array', async () => {
    const notJson = await srv.post(DOSSIERS, '{"events": [');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
    // It says why and where, in the parser's words.
    expect(notJson.body.error.message).toMatch(/^the request body is not valid JSON: .*(JSON|position)/);
    const noEvents = await srv.post(DOSSIERS, { items: [] });
    expect(noEvents.status).toBe(400);
    expect(noEvents.body.error.message).toContain('"events" array');
  });

  it('answers 401 without a valid key and 403 for a key of the other kind', async () => {
    expect((await srv.post(DOSSIERS, { events: [] }, null)).status).toBe(401);
    expect((await srv.post(DOSSIERS, { events: [] }, 'bdt_wrong')).status).toBe(401);
    const wrongKind = await srv.post(DOSSIERS, { events: [] }, srv.taskKey);
    expect(wrongKind.status).toBe(403);
    expect(wrongKind.body.error.message).toContain('task source');
  });

  it('answers 413 over 5,000 events or over the body size limit', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({ id: String(i) }));
    expect((await srv.post(DOSSIERS, { events: many })).status).toBe(413);
    const huge = { events: [receivedEvent({ procedure: { code: 'x', name: 'n'.repeat(9_000_000), field: 'f', legalDays: 1 } })] };
    expect((await srv.post(DOSSIERS, huge)).status).toBe(413);
  });

  it('does not let a revoked key write', async () => {
    srv.runtime.store.sources.revoke('test-dossiers', srv.clock.now());
    expect((await srv.post(DOSSIERS, { events: [receivedEvent()] })).status).toBe(401);
  });
});

describe('POST /api/v1/ingest/tasks', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await srv.close();
  });

  it('accepts a task, its extension and completion, and rejects an unknown assignee', async () => {
    const res = await srv.post(
      TASKS,
      {
        events: [
          {
            id: 't1',
            type: 'assigned',
            taskId: 'T-1',
            at: '2026-11-02T08:00:00+07:00',
            title: 'Rà soát hồ sơ tồn đọng',
            document: { number: '123/UBND-VX', date: '2026-11-01' },
            issuer: 'UBND Thành phố',
            assignee: 'STP',
            dueAt: '2026-11-10',
          },
          { id: 't2', type: 'extended', taskId: 'T-1', at: '2026-11-09T08:00:00+07:00', dueAt: '2026-11-30', reason: 'Chờ số liệu' },
          {
            id: 't3',
            type: 'assigned',
            taskId: 'T-2',
            at: '2026-11-02T08:00:00+07:00',
            title: 'x',
            document: { number: '1/UBND', date: '2026-11-01' },
            issuer: 'UBND',
            assignee: 'NOPE',
          },
        ],
      },
      srv.taskKey,
    );
    expect(res.body.results.map((r: any) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(res.body.results[2].errors[0].path).toBe('assignee');
    const t = await (await srv.as('city_leader')).get('/api/v1/tasks/T-1');
    expect(t.body).toMatchObject({
      extensions: 1,
      dueAt: '2026-11-30T23:59:59.999+07:00',
      timeliness: 'open_in_term',
      assigneeName: 'Sở Tư pháp',
    });
  });
});
