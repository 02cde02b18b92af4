import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { Projector, recoverProjections } from '../../../server/projection/projector.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { PERIODS } from '../../../server/metrics/types.js';
import type { Runtime } from '../../../server/runtime.js';
import { startTestServer, T0, type TestServer } from '../../helpers/test-server.js';
import { logOnlyIngest } from '../../helpers/log-only-ingest.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const jurisdiction = loadJurisdiction();

/** A few thousand events of a seeded city over the 12 days before T0 (more at a larger scale), in batches of 500. */
function cityBatches(scale = 0.015): { dossiers: unknown[][]; tasks: unknown[] } {
  const gen = createCityGenerator({ seed: 3, jurisdiction, procedures: loadProcedures(), calendar, scale, badEventRate: 0 });
  const { dossiers, tasks } = gen.generate(T0 - 12 * MS_PER_DAY, T0);
  const out: unknown[][] = [];
  for (let i = 0; i < dossiers.length; i += 500) out.push(dossiers.slice(i, i + 500));
  return { dossiers: out, tasks };
}

/** Every projection row and lookup row of a database file, in key order (the rowid of a row left out). */
function tables(dbFile: string) {
  const db = openDatabase(dbFile);
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      dossiers: all('SELECT * FROM dossiers ORDER BY id'),
      holds: all('SELECT * FROM holds ORDER BY dossier_id, idx'),
      tasks: all('SELECT * FROM tasks ORDER BY id'),
      eventIds: all('SELECT * FROM event_ids ORDER BY source_id, event_id'),
      itemEvents: all('SELECT * FROM item_events ORDER BY kind, item_id, seq'),
      projectedSeq: Number(db.prepare(`SELECT value FROM meta WHERE key = 'projections.seq'`).pluck().get()),
    };
  } finally {
    db.close();
  }
}

function allMetrics(rt: Runtime) {
  const out: Record<string, unknown> = {};
  for (const scope of rt.engine.scopes()) for (const p of PERIODS) out[`${scope}|${p}`] = rt.engine.metrics(scope, p);
  return out;
}

/**
 * tests/helpers/crash-server.ts in a child process, with the projection writer holding writes back;
 * resolves once it listens. `output()` is its stdout so far (its log at `logLevel`).
 */
async function startCrashServer(
  dbFile: string,
  projectionFlushMs: number,
  logLevel = 'silent',
): Promise<{ child: ChildProcess; url: string; dossierKey: string; output(): string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tests/helpers/crash-server.ts'), dbFile, String(projectionFlushMs), logLevel],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => (buf += d.toString()));
  const ready = await new Promise<{ url: string; dossierKey: string }>((res, rej) => {
    const onData = () => {
      const m = /^READY (.*)$/m.exec(buf);
      if (m) {
        child.stdout!.off('data', onData);
        res(JSON.parse(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => rej(new Error(`crash server exited with ${code} before it was ready`)));
  });
  return { child, ...ready, output: () => buf };
}

/**
 * A database whose log holds `batches` and whose projections hold none of it: what a kill leaves
 * when the process dies after the log's commits and before the projection writer's. Answers the
 * number of events logged and of dossiers they touch.
 */
function backlog(dbFile: string, batches: unknown[][]): { events: number; dossiers: number } {
  const store = createStore(openDatabase(dbFile), dbFile);
  try {
    const source = store.sources.upsertKey('test-dossiers', 'dossier', hashSourceKey('k'.repeat(24)), T0);
    const ingest = logOnlyIngest(store, jurisdiction, { calendar, settings });
    let events = 0;
    for (const b of batches) events += ingest.ingest(source, 'dossier', b).filter((r) => r.status === 'accepted').length;
    return { events, dossiers: store.events.countItemsAfter(0, store.events.maxSeq()) };
  } finally {
    store.close();
  }
}

async function postRaw(url: string, key: string, events: unknown[]): Promise<Response> {
  return fetch(`${url}/api/v1/ingest/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ events }),
  });
}

async function post(url: string, key: string, events: unknown[]): Promise<{ accepted: number; rejected: number }> {
  const res = await fetch(`${url}/api/v1/ingest/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; rejected: number };
}

describe('recovery of the projections after a crash', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('rebuilds the projections from the log after the process is killed between the log commit and the projection write', async () => {
    const { dossiers } = cityBatches();
    const dir = mkdtempSync(join(tmpdir(), 'bdt-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbFile = join(dir, 'dashboard.db');

    // The writer holds its writes back for an hour: it writes only when a read asks for it. Half the
    // batches are projected (a read in the middle), the other half only logged when the process dies.
    const crashing = await startCrashServer(dbFile, 3_600_000);
    cleanups.push(() => void crashing.child.kill('SIGKILL'));
    let accepted = 0;
    const half = dossiers.length >> 1;
    for (const batch of dossiers.slice(0, half)) accepted += (await post(crashing.url, crashing.dossierKey, batch)).accepted;
    // Any read waits for the projections: health's counts are one the public may make.
    expect((await fetch(`${crashing.url}/api/v1/health`)).status).toBe(200);
    const projectedBefore = accepted;
    for (const batch of dossiers.slice(half)) accepted += (await post(crashing.url, crashing.dossierKey, batch)).accepted;
    expect(accepted).toBeGreaterThan(1000);
    const exited = new Promise((res) => crashing.child.once('exit', res));
    crashing.child.kill('SIGKILL');
    await exited;
    const left = tables(dbFile);
    expect(left.projectedSeq).toBe(projectedBefore);
    expect(left.eventIds).toHaveLength(projectedBefore);

    // The same events into a server that runs to the end, for reference.
    const reference: TestServer = await startTestServer();
    cleanups.push(() => reference.close());
    for (const batch of dossiers) await reference.post('/api/v1/ingest/dossiers', { events: batch });
    reference.runtime.projections.sync();

    const restarted = await startTestServer({ dir, start: T0 });
    cleanups.push(() => restarted.close());
    expect(allMetrics(restarted.runtime)).toEqual(allMetrics(reference.runtime));
    const overdue = '/api/v1/units/city/dossiers?status=overdue&pageSize=500';
    expect((await (await restarted.as('city_leader')).get(overdue)).body).toEqual(
      (await (await reference.as('city_leader')).get(overdue)).body,
    );

    restarted.runtime.projections.sync();
    const recovered = tables(restarted.dbFile);
    const expected = tables(reference.dbFile);
    expect(recovered.projectedSeq).toBe(accepted);
    expect(recovered.dossiers.length).toBeGreaterThan(300);
    expect(recovered).toEqual(expected);
  }, 120_000);

  it('refolds the items whose rows the writer committed past its mark before it died', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-crash-'));
    try {
      const ctx = { calendar, settings };
      const { dossiers, tasks } = cityBatches();
      // Two databases with the same log: one projected in one go; in the other the writer projects
      // the first half of the log, then dies in the middle of its pass over the second half.
      const logged = (file: string, afterFirstHalf: (store: Store) => void = () => {}): Store => {
        const store = createStore(openDatabase(join(dir, file)), file);
        const source = store.sources.upsertKey('test-dossiers', 'dossier', hashSourceKey('k'.repeat(24)), T0);
        const taskSource = store.sources.upsertKey('test-tasks', 'task', hashSourceKey('t'.repeat(24)), T0);
        const ingest = logOnlyIngest(store, jurisdiction, ctx);
        const half = dossiers.length >> 1;
        for (const b of dossiers.slice(0, half)) ingest.ingest(source, 'dossier', b);
        afterFirstHalf(store);
        for (const b of dossiers.slice(half)) ingest.ingest(source, 'dossier', b);
        ingest.ingest(taskSource, 'task', tasks);
        return store;
      };
      const whole = logged('whole.db');
      new Projector(whole, ctx).catchUp();
      whole.close();

      let mark = 0;
      let atMark: ReturnType<typeof tables> | null = null;
      const dying = logged('dying.db', (store) => {
        mark = new Projector(store, ctx).catchUp();
        atMark = tables(join(dir, 'dying.db'));
      });
      expect(mark).toBeGreaterThan(0);
      let transactions = 0;
      const diesOnThird = {
        ...dying,
        // As if ingest waited for the lock all along: a transaction per step, whatever their size.
        writerWaiting: () => true,
        transaction<T>(fn: () => T): T {
          if (++transactions === 3) throw new Error('killed');
          return dying.transaction(fn);
        },
      } as Store;
      expect(() => new Projector(diesOnThird, ctx).catchUp()).toThrow('killed');
      const left = tables(join(dir, 'dying.db'));
      // Rows past the mark: written by the dead pass, yet the mark says they are not projected.
      expect(left.projectedSeq).toBe(mark);
      expect(left.dossiers).not.toEqual(atMark!.dossiers);

      expect(recoverProjections(dying, ctx)).toBeGreaterThan(300);
      dying.close();
      expect(tables(join(dir, 'dying.db'))).toEqual(tables(join(dir, 'whole.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('listens while it refolds a backlog: /health answers 503 recovering with its progress, then ok', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbFile = join(dir, 'dashboard.db');
    const { dossiers } = cityBatches(0.04);
    const left = backlog(dbFile, dossiers.slice(0, -1));
    expect(left.dossiers).toBeGreaterThan(2000);

    const server = await startCrashServer(dbFile, 500, 'info');
    cleanups.push(() => void server.child.kill('SIGKILL'));
    type Health = { status: string; progress?: { done: number; total: number; percent: number; events: number; eventsTotal: number } };
    const answers: { status: number; retryAfter: string | null; body: Health }[] = [];
    let otherRoute: { status: number; retryAfter: string | null; body: { error: { code: string } } } | null = null;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const res = await fetch(`${server.url}/api/v1/health`);
      answers.push({ status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Health });
      if (res.status === 200) break;
      if (!otherRoute) {
        const r = await fetch(`${server.url}/api/v1/overview?period=month`);
        otherRoute = { status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as { error: { code: string } } };
      }
      await new Promise((r) => setTimeout(r, 20));
    }

    const recovering = answers.filter((a) => a.body.status === 'recovering');
    expect(recovering.length).toBeGreaterThan(0);
    for (const a of recovering) {
      expect(a.status).toBe(503);
      expect(a.retryAfter).toBe('5');
    }
    // The progress counts the backlog's dossiers, and only goes forward.
    const counted = recovering.map((a) => a.body.progress!).filter((p) => p.total > 0);
    expect(counted.length).toBeGreaterThan(0);
    for (const p of counted) {
      expect(p.total).toBe(left.dossiers);
      expect(p.eventsTotal).toBe(left.events);
      expect(p.done).toBeLessThanOrEqual(p.total);
    }
    for (let i = 1; i < counted.length; i++) expect(counted[i].done).toBeGreaterThanOrEqual(counted[i - 1].done);
    expect(otherRoute).toMatchObject({ status: 503, retryAfter: '5', body: { error: { code: 'recovering' } } });

    const last = answers[answers.length - 1];
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'ok', database: { events: left.events, dossiers: left.dossiers } });
    const log = server.output();
    expect(log).toMatch(/unclean stop: the projections are behind the event log/);
    expect(log).toMatch(
      new RegExp(`recovered: ${left.dossiers.toLocaleString('en-US')} dossiers and tasks refolded from the log in \\d+\\.\\d s`),
    );
  }, 120_000);

  it('refuses ingest while it recovers, and after it neither loses nor doubles an event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbFile = join(dir, 'dashboard.db');
    const { dossiers } = cityBatches(0.04);
    const held = dossiers[dossiers.length - 1];
    const left = backlog(dbFile, dossiers.slice(0, -1));

    const server = await startCrashServer(dbFile, 500);
    cleanups.push(() => void server.child.kill('SIGKILL'));
    // At once: the recovery of the backlog takes longer than the first answer.
    const during = await postRaw(server.url, server.dossierKey, held);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(((await during.json()) as { error: { code: string } }).error.code).toBe('recovering');
    expect(((await (await fetch(`${server.url}/api/v1/health`)).json()) as { status: string }).status).toBe('recovering');

    // The source retries after Retry-After, as told: the batch is logged once.
    let res = during;
    while (res.status === 503) {
      await new Promise((r) => setTimeout(r, 100));
      res = await postRaw(server.url, server.dossierKey, held);
    }
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(held.length);
    // Resent after the recovery: the backlog's events and the retried batch are each known once.
    const again = await post(server.url, server.dossierKey, [...dossiers[0], ...held]);
    expect(again).toMatchObject({ accepted: 0, rejected: 0 });
    const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { status: string; database: { events: number } };
    expect(health).toMatchObject({ status: 'ok', database: { events: left.events + held.length } });

    // And the projections are those of a server that took every batch without a crash.
    const killed = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGKILL');
    await killed;
    const reference: TestServer = await startTestServer();
    cleanups.push(() => reference.close());
    for (const batch of dossiers) await reference.post('/api/v1/ingest/dossiers', { events: batch });
    reference.runtime.projections.sync();
    const restarted = await startTestServer({ dir, start: T0 });
    cleanups.push(() => restarted.close());
    restarted.runtime.projections.sync();
    expect(tables(restarted.dbFile)).toEqual(tables(reference.dbFile));
  }, 180_000);
});
