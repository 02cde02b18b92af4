/**
 * Per-source clock skew over the real server: on /health, in the clock tick, in the admin's sources,
 * and again after a restart (refilled from the log's tail).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, T0, waitFor, type TestServer } from '../../helpers/test-server.js';
import { generateSourceKey, hashSourceKey } from '../../../server/ingest/keys.js';
import { toVnIso } from '../../../server/domain/time.js';
import type { ClockTicked } from '../../../server/realtime/events.js';
import { HISTORY_UNTIL_KEY } from '../../../server/projection/data-trust-rows.js';

const MIN = 60_000;
const iso = (ms: number) => toVnIso(ms);
const bySource = (sources: { name: string }[], name: string) => sources.find((s) => s.name === name) as any;

function taskEvent(id: string, at: number): Record<string, unknown> {
  return {
    id,
    type: 'assigned',
    taskId: `T-${id}`,
    at: iso(at),
    title: 'Rà soát',
    document: { number: '1/UBND', date: '2026-11-01' },
    issuer: 'UBND',
    assignee: '26740',
    dueAt: '2026-12-30',
  };
}

describe('clock skew per source', () => {
  let srv: TestServer;
  const lateKey = generateSourceKey();

  beforeAll(async () => {
    srv = await startTestServer();
    srv.runtime.store.sources.upsertKey('late-ward', 'dossier', hashSourceKey(lateKey), srv.clock.now());
    // Dossiers: arriving 2, 3 and 4 minutes after they happened (median +3 min).
    const d = await srv.post('/api/v1/ingest/dossiers', {
      events: [2, 3, 4].map((m) => receivedEvent({ id: `s${m}`, dossierId: `S-${m}`, at: iso(T0 - m * MIN) })),
    });
    expect(d.body.accepted).toBe(3);
    // Tasks: a source clock 2 minutes ahead of ours.
    const t = await srv.post(
      '/api/v1/ingest/tasks',
      { events: [taskEvent('t1', T0 + 2 * MIN), taskEvent('t2', T0 + 2 * MIN)] },
      srv.taskKey,
    );
    expect(t.body.accepted).toBe(2);
    // A ward sending its day 40 minutes late.
    const late = await srv.post(
      '/api/v1/ingest/dossiers',
      { events: [receivedEvent({ id: 'l1', dossierId: 'L-1', at: iso(T0 - 40 * MIN) })] },
      lateKey,
    );
    expect(late.body.accepted).toBe(1);
  });
  afterAll(async () => {
    await srv.close();
    rmSync(srv.dir, { recursive: true, force: true });
  });

  it('shows on /health the median of arrival − at, its sample size, and a warning past 15 minutes', async () => {
    const res = await srv.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(bySource(res.body.sources, 'test-dossiers')).toMatchObject({
      clockSkewMs: 3 * MIN,
      clockSkewSamples: 3,
      clockSkewLarge: false,
      clockSkewWarnMs: 15 * MIN,
    });
    expect(bySource(res.body.sources, 'test-tasks')).toMatchObject({ clockSkewMs: -2 * MIN, clockSkewSamples: 2, clockSkewLarge: false });
    expect(bySource(res.body.sources, 'late-ward')).toMatchObject({ clockSkewMs: 40 * MIN, clockSkewSamples: 1, clockSkewLarge: true });
  });

  it('counts neither duplicates nor rejected events', async () => {
    const again = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        receivedEvent({ id: 's2', dossierId: 'S-2', at: iso(T0 - 2 * MIN) }),
        receivedEvent({ id: 'bad', dossierId: 'B-1', at: iso(T0 - 300 * MIN), unit: '99999' }),
      ],
    });
    expect(again.body).toMatchObject({ duplicate: 1, rejected: 1 });
    const res = await srv.get('/api/v1/health');
    expect(bySource(res.body.sources, 'test-dossiers')).toMatchObject({ clockSkewMs: 3 * MIN, clockSkewSamples: 3 });
  });

  it('is null with no samples for a source that has sent nothing', async () => {
    srv.runtime.store.sources.upsertKey('quiet', 'task', hashSourceKey(generateSourceKey()), srv.clock.now());
    const res = await srv.get('/api/v1/health');
    expect(bySource(res.body.sources, 'quiet')).toMatchObject({ clockSkewMs: null, clockSkewSamples: 0, clockSkewLarge: false });
  });

  it('travels with the clock tick the header’s sources panel reads', async () => {
    const socket = await srv.socket();
    const tick = await waitFor<ClockTicked>(socket, 'clock:ticked');
    expect(bySource(tick.sources, 'late-ward')).toMatchObject({ clockSkewMs: 40 * MIN, clockSkewLarge: true });
    socket.disconnect();
  });

  it('is in the admin’s list of sources', async () => {
    const admin = await srv.as('admin');
    const res = await admin.get('/api/v1/admin/sources');
    expect(res.status).toBe(200);
    expect(bySource(res.body.items, 'test-dossiers')).toMatchObject({ clockSkewMs: 3 * MIN, clockSkewSamples: 3 });
    expect(bySource(res.body.items, 'quiet')).toMatchObject({ clockSkewMs: null, clockSkewSamples: 0 });
  });

  it('survives a restart: refilled from the last events of the log', async () => {
    await srv.close({ keepFiles: true });
    srv = await startTestServer({ dir: srv.dir, start: T0 + 60 * MIN });
    const res = await srv.get('/api/v1/health');
    expect(bySource(res.body.sources, 'test-dossiers')).toMatchObject({ clockSkewMs: 3 * MIN, clockSkewSamples: 3 });
    expect(bySource(res.body.sources, 'test-tasks')).toMatchObject({ clockSkewMs: -2 * MIN, clockSkewSamples: 2 });
    expect(bySource(res.body.sources, 'late-ward')).toMatchObject({ clockSkewMs: 40 * MIN, clockSkewSamples: 1 });
  });

  it('leaves out a history load (data trust’s mark): its events were late by nature', async () => {
    // Everything so far arrived at T0; the mark says it was a history load, as the demo's seed does.
    srv.runtime.store.meta.set(HISTORY_UNTIL_KEY, String(T0 + 30 * MIN));
    let res = await srv.get('/api/v1/health');
    expect(bySource(res.body.sources, 'late-ward')).toMatchObject({ clockSkewMs: null, clockSkewSamples: 0, clockSkewLarge: false });
    srv.clock.set(T0 + 61 * MIN);
    const live = await srv.post('/api/v1/ingest/dossiers', {
      events: [receivedEvent({ id: 'live1', dossierId: 'LIVE-1', at: iso(T0 + 60 * MIN) })],
    });
    expect(live.body.accepted).toBe(1);
    res = await srv.get('/api/v1/health');
    expect(bySource(res.body.sources, 'test-dossiers')).toMatchObject({ clockSkewMs: MIN, clockSkewSamples: 1 });
    // While a history load runs, no figure at all.
    srv.runtime.store.meta.set(HISTORY_UNTIL_KEY, 'pending');
    res = await srv.get('/api/v1/health');
    expect(bySource(res.body.sources, 'test-dossiers')).toMatchObject({ clockSkewMs: null, clockSkewSamples: 0 });
  });
});
