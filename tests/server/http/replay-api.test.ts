/**
 * GET /overview?at=…: the overview at a past instant, as received or as corrected, through the real
 * app; the same access rule as live; bad and future instants refused with what, where and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayInfoSchema } from '../../../shared/contract/api-schemas.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { createCheckpointWriter, REPLAY_CHECKPOINTS } from '../../../server/replay/checkpoint-writer.js';
import { receivedEvent, startTestServer, T0, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();
const q = (t: number, asOf?: string) => `/api/v1/overview?at=${encodeURIComponent(iso(t))}${asOf ? `&asOf=${asOf}` : ''}`;

describe('GET /overview?at= (the time machine)', () => {
  let srv: TestServer;
  let ward: RoleClient;
  let leader: RoleClient;

  beforeAll(async () => {
    srv = await startTestServer();
    // D-1 about 08:00 arrives at 09:00; D-2 about 08:30 is synced late, at 11:00.
    expect((await srv.post('/api/v1/ingest/dossiers', { events: [receivedEvent()] })).status).toBe(200);
    srv.clock.set(T0 + 2 * HOUR);
    const late = receivedEvent({ id: 'e-recv-2', dossierId: 'D-2', unit: '26743', at: '2026-11-20T08:30:00+07:00' });
    expect((await srv.post('/api/v1/ingest/dossiers', { events: [late] })).status).toBe(200);
    srv.clock.set(T0 + 3 * HOUR);
    ward = await srv.as('unit_leader', 'unit:26740');
    leader = await srv.as('city_leader');
  });
  afterAll(() => srv.close());

  it('as received counts what had arrived by then; as corrected also what was synced later about times before it', async () => {
    const received = await leader.get(q(T0 + HOUR));
    expect(received.status).toBe(200);
    expect(received.body.city.received).toBe(1);
    expect(replayInfoSchema.parse(received.body.replay).firstArrival).toBe('2026-11-20T09:00:00.000+07:00');
    expect(received.body.replay).toMatchObject({ at: '2026-11-20T10:00:00.000+07:00', asOf: 'received', rules: 'now' });
    const corrected = await leader.get(q(T0 + HOUR, 'corrected'));
    expect(corrected.body.city.received).toBe(2);
    expect(corrected.body.replay.asOf).toBe('corrected');
    // Before anything arrived, nothing was shown.
    expect((await leader.get(q(T0 - HOUR))).body.city.received).toBe(0);
    expect((await leader.get(q(T0 - HOUR, 'corrected'))).body.city.received).toBe(1);
  });

  it('answers the live overview (no replay block) without `at`', async () => {
    const live = await srv.get('/api/v1/overview');
    expect(live.body.replay).toBeUndefined();
    expect(live.body.city.received).toBe(2);
  });

  it('shows a unit leader the scopes the live overview shows them, no more', async () => {
    const res = await ward.get(q(T0 + 2 * HOUR, 'corrected'));
    const live = await ward.get('/api/v1/overview');
    expect(res.status).toBe(200);
    expect(res.body.city === null).toBe(live.body.city === null);
    expect(Object.keys(res.body.units).sort()).toEqual(Object.keys(live.body.units).sort());
    expect(Object.keys(res.body.departments).sort()).toEqual(Object.keys(live.body.departments).sort());
    expect(res.body.units['26740'].received).toBe(1);
  });

  it('without the public view, a unit leader replays their own unit only', async () => {
    const closed = await startTestServer({ security: { publicView: false } });
    try {
      expect((await closed.post('/api/v1/ingest/dossiers', { events: [receivedEvent()] })).status).toBe(200);
      closed.clock.set(T0 + HOUR);
      const leader = await closed.as('unit_leader', 'unit:26740');
      const res = await leader.get(q(T0 + HOUR));
      expect(res.status).toBe(200);
      expect(res.body.city).toBeNull();
      expect(Object.keys(res.body.units)).toEqual(['26740']);
      expect(res.body.units['26740'].received).toBe(1);
      expect((await (await closed.as('public')).get(q(T0 + HOUR))).status).toBe(401);
    } finally {
      await closed.close();
    }
  });

  it('is not for the public view: replaying costs the live server, so it asks to sign in', async () => {
    const res = await (await srv.as('public')).get(q(T0 + HOUR));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('login_required');
  });

  it('as corrected inside a history that arrived all at once starts from its checkpoints by event time, within the bound', async () => {
    const small = await startTestServer({ replayMaxItems: 1 });
    try {
      // Three days of history, all received at T0 (as the demo's seed): no arrival checkpoint stands before them.
      const days = [3, 2, 1].map((d) => receivedEvent({ id: `e-h-${d}`, dossierId: `H-${d}`, at: iso(T0 - d * 24 * HOUR) }));
      expect((await small.post('/api/v1/ingest/dossiers', { events: days })).status).toBe(200);
      const { store, calendar } = small.runtime;
      const ctx = { calendar, settings: DEFAULT_DOMAIN_SETTINGS };
      await createCheckpointWriter({
        repo: store.replay,
        ctx,
        transaction: (fn) => store.transaction(fn),
        ...REPLAY_CHECKPOINTS,
      }).catchUp();
      small.clock.set(T0 + HOUR);
      const leader = await small.as('city_leader');
      // Half an hour after the second day's dossier: one item to fold onto the checkpoint after the first.
      const res = await leader.get(q(T0 - 2 * 24 * HOUR + HOUR / 2, 'corrected'));
      expect(res.status).toBe(200);
      expect(res.body.city.received).toBe(2);
      expect(res.body.replay.checkpointAt).not.toBeNull();
      expect((await leader.get(q(T0 - 2 * 24 * HOUR + HOUR / 2))).body.city.received).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('refuses a replay that would refold more items than its bound, saying how many and what to ask instead', async () => {
    const small = await startTestServer({ replayMaxItems: 1 });
    try {
      const second = receivedEvent({ id: 'e-recv-2', dossierId: 'D-2', unit: '26743' });
      expect((await small.post('/api/v1/ingest/dossiers', { events: [receivedEvent(), second] })).status).toBe(200);
      small.clock.set(T0 + HOUR);
      const res = await (await small.as('city_leader')).get(q(T0 + HOUR, 'corrected'));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('replay_too_far');
      expect(res.body.error.message).toMatch(
        /^at: .* as corrected is too far from a stored checkpoint: 2 dossiers and tasks would be refolded \(at most 1\)/,
      );
    } finally {
      await small.close();
    }
  });

  it('refuses an instant that is not one, or is in the future, saying which parameter and why', async () => {
    const bad = await leader.get('/api/v1/overview?at=hôm-qua');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^at: .*offset/);
    const noOffset = await leader.get('/api/v1/overview?at=2026-11-20T10:00');
    expect(noOffset.status).toBe(400);
    const future = await leader.get(q(T0 + 4 * HOUR));
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/^at: .*future/);
    const asOf = await leader.get(`${q(T0)}&asOf=later`);
    expect(asOf.status).toBe(400);
    expect(asOf.body.error.message).toContain('asOf');
  });
});
