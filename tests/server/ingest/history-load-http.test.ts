/**
 * History-load mode over the real HTTP server and real SQLite files (README "Bulk backfill"): the same
 * seeded city's events sent live and as a history load give the same projections, metrics, data-trust
 * flags and early-warning forecasts; sending them again doubles nothing; only a source allowed to may
 * use the mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { MS_PER_DAY, toVnIso } from '../../../server/domain/time.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { horizonsAt } from '../../../server/http/forecast-view.js';
import { PERIODS } from '../../../server/metrics/types.js';
import { HISTORY_UNTIL_KEY } from '../../../server/projection/data-trust-rows.js';
import type { Runtime } from '../../../server/runtime.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { receivedEvent, startTestServer, T0, type TestServer } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const HISTORY = { 'X-Ingest-Mode': 'history' };

/** A seeded city's dossier events over the 12 days before T0, in batches of 500 (a few thousand events). */
function cityBatches(): unknown[][] {
  const gen = createCityGenerator({
    seed: 7,
    jurisdiction: loadJurisdiction(),
    procedures: loadProcedures(),
    calendar,
    scale: 0.015,
    badEventRate: 0,
  });
  const { dossiers } = gen.generate(T0 - 12 * MS_PER_DAY, T0);
  const out: unknown[][] = [];
  for (let i = 0; i < dossiers.length; i += 500) out.push(dossiers.slice(i, i + 500));
  return out;
}

/** Every projection and data-trust row of a database file, in key order. */
function tables(dbFile: string) {
  const db = openDatabase(dbFile);
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      dossiers: all('SELECT * FROM dossiers ORDER BY id'),
      holds: all('SELECT * FROM holds ORDER BY dossier_id, idx'),
      eventIds: all('SELECT * FROM event_ids ORDER BY source_id, event_id'),
      itemEvents: all('SELECT * FROM item_events ORDER BY kind, item_id, seq'),
      flags: all('SELECT * FROM data_trust_flags ORDER BY id'),
      completions: all('SELECT * FROM data_trust_completions ORDER BY dossier_id'),
      unitDays: all('SELECT * FROM data_trust_unit_days ORDER BY 1, 2'),
      events: db.prepare('SELECT COUNT(*) FROM events').pluck().get(),
      historyUntil: db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(HISTORY_UNTIL_KEY),
    };
  } finally {
    db.close();
  }
}

/** The metrics engine's every scope and period, and the early warning's forecast of every scope. */
function liveFigures(rt: Runtime) {
  const metrics: Record<string, unknown> = {};
  const forecasts: Record<string, unknown> = {};
  const h = horizonsAt({ calendar: rt.calendar, settings: rt.settings }, T0, 'month');
  for (const scope of rt.engine.scopes()) {
    for (const p of PERIODS) metrics[`${scope}|${p}`] = rt.engine.metrics(scope, p);
    forecasts[scope] = rt.warnings.forecast(scope, h);
  }
  return { metrics, forecasts };
}

async function send(server: TestServer, batches: unknown[][], headers: Record<string, string> = {}) {
  let accepted = 0;
  let duplicate = 0;
  for (const events of batches) {
    const r = await server.post('/api/v1/ingest/dossiers', { events }, undefined, headers);
    expect(r.status).toBe(200);
    accepted += r.body.accepted;
    duplicate += r.body.duplicate;
  }
  return { accepted, duplicate };
}

type Answer = { id: string | null; status: string };

async function sendPlan(server: TestServer, plan: { events: unknown[]; history: boolean }[]): Promise<Answer[][]> {
  const answers: Answer[][] = [];
  for (const { events, history } of plan) {
    const r = await server.post('/api/v1/ingest/dossiers', { events }, undefined, history ? HISTORY : {});
    expect(r.status).toBe(200);
    answers.push((r.body.results as Answer[]).map(({ id, status }) => ({ id, status })));
  }
  return answers;
}

type WireEvent = { id: string; dossierId: string; type: string; at: string };

/**
 * Two events dated an hour before their dossier's receipt, both refused by the order check: one in its
 * receipt's batch (batch 1), one in the next (batch 2), each a copy of a later event of its dossier.
 */
function withEventsBeforeReceipt(batches: unknown[][]): unknown[][] {
  const out = batches.map((b) => [...(b as WireEvent[])]);
  const received = out[1].filter((e) => e.type === 'received');
  const early = (n: number, r: WireEvent): WireEvent => {
    const later = out.flat().find((e) => e.dossierId === r.dossierId && e.type !== 'received');
    if (!later) throw new Error(`no later event of ${r.dossierId}`);
    return { ...later, id: `early-${n}`, at: toVnIso(Date.parse(r.at) - 3_600_000) };
  };
  const withLater = received.filter((r) => out.flat().some((e) => e.dossierId === r.dossierId && e.type !== 'received'));
  out[1].push(early(1, withLater[0]));
  out[2].unshift(early(2, withLater[1]));
  return out;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<TestServer> {
  const s = await startTestServer({ start: T0 });
  servers.push(s);
  return s;
}

describe('history-load mode', () => {
  it('gives the same projections, metrics, data-trust flags and forecasts as a live ingest of the same events', async () => {
    const batches = cityBatches();
    const total = batches.reduce((n, b) => n + b.length, 0);
    expect(total).toBeGreaterThan(2_000);

    // Live, with the history mark set by hand around it as the demo does: the history load's semantics.
    const live = await server();
    live.runtime.store.meta.set(HISTORY_UNTIL_KEY, 'pending');
    expect(await send(live, batches)).toEqual({ accepted: total, duplicate: 0 });
    live.runtime.store.meta.set(HISTORY_UNTIL_KEY, String(live.clock.now()));
    live.runtime.projections.sync();

    const history = await server();
    history.runtime.store.sources.update('test-dossiers', { historyLoad: true });
    expect(await send(history, batches, HISTORY)).toEqual({ accepted: total, duplicate: 0 });
    expect(history.runtime.historyLoad.status()).toMatchObject({ active: true, batches: batches.length });
    expect(history.runtime.store.meta.get(HISTORY_UNTIL_KEY)).toBe('pending');
    // Sent again (a resumed import): every event a duplicate, nothing doubled.
    expect(await send(history, batches.slice(0, 2), HISTORY)).toEqual({ accepted: 0, duplicate: 1_000 });
    history.runtime.historyLoad.end();
    history.runtime.projections.sync();
    expect(history.runtime.historyLoad.status().active).toBe(false);

    const a = tables(live.dbFile);
    const b = tables(history.dbFile);
    expect(b.events).toBe(total);
    expect(b.dossiers.length).toBeGreaterThan(500);
    expect(b.completions.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(liveFigures(history.runtime)).toEqual(liveFigures(live.runtime));
  }, 120_000);

  it("gives the same figures when the writer's passes split the load: dossiers finished in one pass, named again in a later one", async () => {
    const batches = cityBatches();
    const total = batches.reduce((n, b) => n + b.length, 0);
    // The engine's state of such a dossier before its later events is its row then (metrics/history-rows.ts).
    const finishedIn = new Map<string, number>();
    batches.forEach((b, i) => (b as WireEvent[]).forEach((e) => e.type === 'processed' && finishedIn.set(e.dossierId, i)));
    const namedAgain = batches.flatMap((b, i) => (b as WireEvent[]).filter((e) => (finishedIn.get(e.dossierId) ?? i) < i));
    expect(namedAgain.length).toBeGreaterThan(50);

    const live = await server();
    live.runtime.store.meta.set(HISTORY_UNTIL_KEY, 'pending');
    expect(await send(live, batches)).toEqual({ accepted: total, duplicate: 0 });
    live.runtime.store.meta.set(HISTORY_UNTIL_KEY, String(live.clock.now()));
    live.runtime.projections.sync();

    const history = await server();
    history.runtime.store.sources.update('test-dossiers', { historyLoad: true });
    for (const b of batches) {
      expect(await send(history, [b], HISTORY)).toMatchObject({ duplicate: 0 });
      // A writer pass per batch, its dossiers applied to the engine from their rows.
      history.runtime.projections.sync();
    }
    history.runtime.historyLoad.end();
    history.runtime.projections.sync();

    expect(tables(history.dbFile)).toEqual({ ...tables(live.dbFile), historyUntil: expect.any(String) });
    expect(liveFigures(history.runtime)).toEqual(liveFigures(live.runtime));
  }, 120_000);

  it('answers and ends as a live ingest when live batches, dossiers known before and events before receipt mix with the load', async () => {
    const batches = withEventsBeforeReceipt(cityBatches());
    // Batch 0 live before the load; batch 4 live in the middle of it: its dossiers have load events the
    // writer has not folded yet, which the live path must read as folded (it waits for the writer).
    const plan = batches.map((events, i) => ({ events, history: i > 0 && i !== 4 }));

    const live = await server();
    live.runtime.store.meta.set(HISTORY_UNTIL_KEY, 'pending');
    const liveAnswers = await sendPlan(
      live,
      plan.map((p) => ({ ...p, history: false })),
    );
    live.runtime.store.meta.set(HISTORY_UNTIL_KEY, String(live.clock.now()));
    live.runtime.projections.sync();

    const history = await server();
    history.runtime.store.sources.update('test-dossiers', { historyLoad: true });
    const historyAnswers = await sendPlan(history, plan);
    history.runtime.historyLoad.end();
    history.runtime.projections.sync();

    // The same answer for every event, the two early events of the load refused by the order check.
    expect(historyAnswers).toEqual(liveAnswers);
    const refused = historyAnswers.flat().filter((r) => r.status === 'rejected');
    expect(refused.map((r) => r.id)).toEqual(['early-1', 'early-2']);
    const a = tables(live.dbFile);
    const b = tables(history.dbFile);
    expect(b).toEqual({ ...a, historyUntil: b.historyUntil });
    expect(liveFigures(history.runtime)).toEqual(liveFigures(live.runtime));
  }, 120_000);

  it('is refused to a source not allowed to (403) and for an unknown mode (400), logging nothing', async () => {
    const s = await server();
    const events = [receivedEvent({ id: 'r-1', dossierId: 'H-1' })];
    const refused = await s.post('/api/v1/ingest/dossiers', { events }, undefined, HISTORY);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/source:set -- --name test-dossiers --history-load yes/);
    const unknown = await s.post('/api/v1/ingest/dossiers', { events }, undefined, { 'X-Ingest-Mode': 'fast' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/X-Ingest-Mode/);
    expect(s.runtime.store.events.maxSeq()).toBe(0);
    expect(s.runtime.historyLoad.status().active).toBe(false);
    expect(s.runtime.store.meta.get(HISTORY_UNTIL_KEY)).toBeNull();
  });
});
