/**
 * The dashboard learns of a history load over the real server and a real SQLite file: GET /health
 * `historyLoad`, `history-load:changed` pushed to every socket on its start and when it is over, and
 * the clock ticks carrying it meanwhile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClockTicked } from '../../../shared/contract/events.js';
import type { HistoryLoadState } from '../../../shared/contract/history-load.js';
import { receivedEvent, startTestServer, waitFor, type TestServer } from '../../helpers/test-server.js';

const HISTORY = { 'X-Ingest-Mode': 'history' };
const events = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => receivedEvent({ id: `h-${from + i}`, dossierId: `H-${from + i}` }));

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

describe('history load on the dashboard', () => {
  it('is told on start and end, in health and in the clock ticks, and is null again once projected', async () => {
    s = await startTestServer();
    s.runtime.store.sources.update('test-dossiers', { historyLoad: true });
    const socket = await s.socket();
    expect((await s.get('/api/v1/health')).body.historyLoad).toBeNull();

    // A live batch is no history load.
    expect((await s.post('/api/v1/ingest/dossiers', { events: events(0, 3) })).status).toBe(200);
    expect((await s.get('/api/v1/health')).body.historyLoad).toBeNull();

    const started = waitFor<HistoryLoadState | null>(socket, 'history-load:changed');
    expect((await s.post('/api/v1/ingest/dossiers', { events: events(10, 20) }, undefined, HISTORY)).status).toBe(200);
    expect(await started).toMatchObject({ phase: 'loading', sources: ['test-dossiers'], eventsReceived: 20 });
    expect((await s.post('/api/v1/ingest/dossiers', { events: events(30, 5) }, undefined, HISTORY)).status).toBe(200);

    const health = (await s.get('/api/v1/health')).body;
    expect(health.historyLoad).toMatchObject({ phase: 'loading', sources: ['test-dossiers'], eventsReceived: 25 });
    expect(health.historyLoad.projectedPercent).toBeGreaterThanOrEqual(0);
    expect(health.historyLoad.projectedPercent).toBeLessThanOrEqual(100);
    const tick = await waitFor<ClockTicked>(socket, 'clock:ticked');
    expect(tick.historyLoad).toMatchObject({ sources: ['test-dossiers'], eventsReceived: 25 });

    // Its batches stop: told until the writer projected its last event, then null everywhere.
    const over = waitFor<HistoryLoadState | null>(socket, 'history-load:changed', (m) => m === null, 10_000);
    s.runtime.historyLoad.end();
    s.runtime.projections.sync();
    expect(await over).toBeNull();
    expect((await s.get('/api/v1/health')).body.historyLoad).toBeNull();
    expect((await waitFor<ClockTicked>(socket, 'clock:ticked')).historyLoad).toBeNull();
  }, 30_000);
});
