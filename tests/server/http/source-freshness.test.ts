import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';
import { createRuntime } from '../../../server/runtime.js';
import { manualClock } from '../../../server/clock.js';
import { createLogger } from '../../../server/logger.js';
import type { ClockTicked } from '../../../server/realtime/events.js';

const MIN = 60_000;
const at = (iso: string): number => Date.parse(iso);
const bySource = (body: { sources: { name: string }[] }, name: string) => body.sources.find((s) => s.name === name) as any;

describe('source freshness on /health and in clock ticks', () => {
  let srv: TestServer;
  beforeAll(async () => {
    // Friday 4 December 2026, 16:55: both sources send a batch just before the office closes.
    srv = await startTestServer({ start: at('2026-12-04T16:55:00+07:00') });
    srv.runtime.store.sources.setSilence('test-tasks', { hours: 'always', silentAfterMs: 10 * MIN });
    const d = await srv.post('/api/v1/ingest/dossiers', {
      events: [receivedEvent({ id: 'f1', dossierId: 'F-1', at: '2026-12-04T16:50:00+07:00', dueAt: '2026-12-09' })],
    });
    expect(d.body.accepted).toBe(1);
    const t = await srv.post(
      '/api/v1/ingest/tasks',
      {
        events: [
          {
            id: 't1',
            type: 'assigned',
            taskId: 'T-1',
            at: '2026-12-04T16:50:00+07:00',
            title: 'Rà soát',
            document: { number: '1/UBND', date: '2026-12-01' },
            issuer: 'UBND',
            assignee: '26740',
            dueAt: '2026-12-30',
          },
        ],
      },
      srv.taskKey,
    );
    expect(t.body.accepted).toBe(1);
  });
  afterAll(async () => {
    await srv.close();
  });

  it('on Sunday an office-hours source is live and a 24/7 source is silent', async () => {
    srv.clock.set(at('2026-12-06T10:00:00+07:00'));
    const res = await srv.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(bySource(res.body, 'test-dossiers')).toMatchObject({
      state: 'live',
      silent: false,
      hours: 'office',
      silentAfterMs: 10 * MIN,
      quietMs: 5 * MIN,
      lagMs: at('2026-12-06T10:00:00+07:00') - at('2026-12-04T16:55:00+07:00'),
      lastEventAt: '2026-12-04T16:50:00.000+07:00',
      lastSeenAt: '2026-12-04T16:55:00.000+07:00',
    });
    expect(bySource(res.body, 'test-tasks')).toMatchObject({ state: 'silent', silent: true, hours: 'always', silentAfterMs: 10 * MIN });
  });

  it('an office-hours source is late on Monday morning after half its threshold of working time, silent after all of it', async () => {
    srv.clock.set(at('2026-12-07T07:31:00+07:00'));
    expect(bySource((await srv.get('/api/v1/health')).body, 'test-dossiers')).toMatchObject({ state: 'late', quietMs: 6 * MIN });
    srv.clock.set(at('2026-12-07T07:36:00+07:00'));
    expect(bySource((await srv.get('/api/v1/health')).body, 'test-dossiers')).toMatchObject({ state: 'silent', quietMs: 11 * MIN });
  });

  it('says on /health that there is no calendar for 2027 (today is December 2026)', async () => {
    srv.clock.set(at('2026-12-06T10:00:00+07:00'));
    const res = await srv.get('/api/v1/health');
    expect(res.body.calendar).toMatchObject({ status: 'missing_next_year', year: 2027, years: [2025, 2026] });
    expect(res.body.calendar.message).toContain('2027.json');
  });

  it('lets an admin create a 24/7 source with its own threshold, and refuses unknown hours', async () => {
    const admin = await srv.as('admin');
    const ok = await admin.post('/api/v1/admin/sources', { name: 'night-src', kind: 'task', silentAfterMinutes: 30, hours: 'always' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ silentAfterMs: 30 * MIN, hours: 'always' });
    const bad = await admin.post('/api/v1/admin/sources', { name: 'bad-src', kind: 'task', hours: 'weekdays' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('hours');
    const health = await srv.get('/api/v1/health');
    expect(bySource(health.body, 'night-src')).toMatchObject({
      state: 'silent',
      hours: 'always',
      silentAfterMs: 30 * MIN,
      lastEventAt: null,
    });
    srv.runtime.store.sources.revoke('night-src', srv.clock.now());
  });

  it('pushes the same states and the calendar warning to a public socket', async () => {
    srv.clock.set(at('2026-12-06T10:00:00+07:00'));
    const s = await srv.socket();
    const tick = await new Promise<ClockTicked>((resolve) => s.once('clock:ticked', resolve));
    expect(tick.sources.map((x) => [x.name, x.state])).toEqual([
      ['test-dossiers', 'live'],
      ['test-tasks', 'silent'],
    ]);
    expect(tick.calendar).toMatchObject({ status: 'missing_next_year', year: 2027 });
  });
});

describe('a year without a calendar file', () => {
  it('logs a warning at start and /health says weekends only are in effect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-cal-'));
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const runtime = createRuntime({
      dbFile: join(dir, 'dashboard.db'),
      clock: manualClock(at('2027-01-05T09:00:00+07:00')),
      logger: createLogger('warn', sink),
      build: 'test',
      clientDir: null,
      boundariesDir: join(dir, 'boundaries'),
    });
    try {
      const warn = lines.map((l) => JSON.parse(l)).find((l) => l.calendar);
      expect(warn).toMatchObject({ level: 40, calendar: { status: 'missing_current_year', year: 2027 } });
      expect(warn.msg).toMatch(/only Saturdays and Sundays are days off/);
      await new Promise<void>((resolve) => runtime.app.http.listen(0, '127.0.0.1', resolve));
      const { port } = runtime.app.http.address() as { port: number };
      const body = await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json();
      expect(body.calendar).toMatchObject({ status: 'missing_current_year', year: 2027 });
    } finally {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
