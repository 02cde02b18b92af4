import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import { WriteGate } from '../../../server/db/write-gate.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { Projector } from '../../../server/projection/projector.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { T0 } from '../../helpers/test-server.js';
import { logOnlyIngest } from '../../helpers/log-only-ingest.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const ctx = { calendar: loadWorkCalendar(undefined, settings.officeHours), settings };
const jurisdiction = loadJurisdiction();

/** A seeded city's dossier events over six days (a few thousand at scale 0.01), and a logger of them into a store. */
function cityLog(file: string, seed: number, scale = 0.01) {
  const store = createStore(openDatabase(file), file);
  const source = store.sources.upsertKey('test-dossiers', 'dossier', hashSourceKey('k'.repeat(24)), T0);
  const ingest = logOnlyIngest(store, jurisdiction, ctx);
  const gen = createCityGenerator({
    seed,
    jurisdiction,
    procedures: loadProcedures(),
    calendar: ctx.calendar,
    scale,
    badEventRate: 0,
  });
  const { dossiers } = gen.generate(T0 - 6 * MS_PER_DAY, T0);
  const log = (events: typeof dossiers) => {
    for (let i = 0; i < events.length; i += 500) ingest.ingest(source, 'dossier', events.slice(i, i + 500));
  };
  return { store, dossiers, log };
}

/** A store with a few thousand logged events of a seeded city (more at a larger scale), nothing projected yet. */
function loggedStore(file: string, scale?: number): Store {
  const { store, dossiers, log } = cityLog(file, 5, scale);
  log(dossiers);
  return store;
}

function tables(file: string) {
  const db = openDatabase(file);
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      dossiers: all('SELECT * FROM dossiers ORDER BY id'),
      holds: all('SELECT * FROM holds ORDER BY dossier_id, idx'),
      eventIds: all('SELECT * FROM event_ids ORDER BY source_id, event_id'),
      itemEvents: all('SELECT * FROM item_events ORDER BY kind, item_id, seq'),
      projectedSeq: Number(db.prepare(`SELECT value FROM meta WHERE key = 'projections.seq'`).pluck().get()),
    };
  } finally {
    db.close();
  }
}

/** The store with its transactions counted and `writerWaiting` answering `waiting`. */
function counted(store: Store, waiting: boolean) {
  const counter = { transactions: 0 };
  const wrapped = {
    ...store,
    writerWaiting: () => waiting,
    transaction<T>(fn: () => T): T {
      counter.transactions++;
      return store.transaction(fn);
    },
  } as Store;
  return { store: wrapped, counter };
}

/**
 * The store's events logged in two halves, each projected as it arrives: by one projector, or by a new
 * one each time; in a history load's passes when `history` (their lookup rows written by SQLite).
 */
function projectInHalves(file: string, freshProjectorEachHalf: boolean, history = false): void {
  const { store, dossiers, log } = cityLog(file, 6);
  const half = Math.floor(dossiers.length / 2);
  let projector = new Projector(store, ctx, Infinity);
  for (const part of [dossiers.slice(0, half), dossiers.slice(half)]) {
    log(part);
    if (freshProjectorEachHalf) projector = new Projector(store, ctx, Infinity);
    projector.setHistoryLoad(history);
    projector.catchUp();
  }
  store.close();
}

describe('projection writer transactions', () => {
  it('commits at the next step while the ingest path waits for the write lock, and writes the same rows either way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-projector-tx-'));
    try {
      const alone = counted(loggedStore(join(dir, 'alone.db')), false);
      const contended = counted(loggedStore(join(dir, 'contended.db')), true);
      const logged = alone.store.events.maxSeq();
      expect(logged).toBeGreaterThan(1_000);

      // No time budget: the counts do not depend on the machine's speed.
      expect(new Projector(alone.store, ctx, Infinity).catchUp()).toBe(logged);
      expect(new Projector(contended.store, ctx, Infinity).catchUp()).toBe(logged);
      // Alone, a pass takes few long transactions; contended, one per step (each row, each 64 lookup rows).
      expect(alone.counter.transactions).toBeLessThan(10);
      expect(contended.counter.transactions).toBeGreaterThan(20 * alone.counter.transactions);
      alone.store.close();
      contended.store.close();
      expect(tables(join(dir, 'contended.db'))).toEqual(tables(join(dir, 'alone.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("ends a backlog pass's transaction for a waiting ingest batch after a thousand rows, not at every step, with the same rows", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-projector-backlog-'));
    try {
      const alone = counted(loggedStore(join(dir, 'alone.db'), 0.05), false);
      const contended = counted(loggedStore(join(dir, 'contended.db'), 0.05), true);
      const logged = alone.store.events.maxSeq();
      // A backlog: a pass of at least 10,000 events (projector.ts BACKLOG_EVENTS).
      expect(logged).toBeGreaterThan(10_000);

      expect(new Projector(alone.store, ctx, Infinity).catchUp()).toBe(logged);
      expect(new Projector(contended.store, ctx, Infinity).catchUp()).toBe(logged);
      // Alone, transactions of 8,192 rows; contended, of about 1,024 (before: as alone, and the ingest
      // path waited a whole transaction). Each step is a row or 64 lookup rows: per step would be thousands.
      expect(contended.counter.transactions).toBeGreaterThan(4 * alone.counter.transactions);
      expect(contended.counter.transactions).toBeLessThan(logged / 100);
      alone.store.close();
      contended.store.close();
      expect(tables(join(dir, 'contended.db'))).toEqual(tables(join(dir, 'alone.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('folds the later events of a dossier it no longer keeps in memory (finished ones are dropped) from its row, to the same rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-projector-cache-'));
    try {
      projectInHalves(join(dir, 'kept.db'), false);
      projectInHalves(join(dir, 'read-back.db'), true);
      expect(tables(join(dir, 'kept.db'))).toEqual(tables(join(dir, 'read-back.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("writes a history load's lookup rows in SQL to the same lookup tables and rows as a live pass's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-projector-history-'));
    try {
      projectInHalves(join(dir, 'live.db'), false);
      projectInHalves(join(dir, 'history.db'), false, true);
      const history = tables(join(dir, 'history.db'));
      expect(history.itemEvents.length).toBeGreaterThan(1_000);
      expect(history.eventIds.length).toBe(history.itemEvents.length);
      expect(history).toEqual(tables(join(dir, 'live.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('ends a transaction once it has run for its time budget, with the same rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-projector-budget-'));
    try {
      const unbounded = counted(loggedStore(join(dir, 'unbounded.db')), false);
      const budgeted = counted(loggedStore(join(dir, 'budgeted.db')), false);
      expect(new Projector(unbounded.store, ctx, Infinity).catchUp()).toBe(new Projector(budgeted.store, ctx, 0).catchUp());
      // A budget of 0 ms: every step is over it, so every step commits.
      expect(budgeted.counter.transactions).toBeGreaterThan(20 * unbounded.counter.transactions);
      unbounded.store.close();
      budgeted.store.close();
      expect(tables(join(dir, 'budgeted.db'))).toEqual(tables(join(dir, 'unbounded.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('tells the writer that the side with priority waits for the gate, and only the writer', () => {
    const buffer = WriteGate.createBuffer();
    const main = new WriteGate(buffer);
    const writer = new WriteGate(buffer);
    expect(writer.priorityWaiting).toBe(false);
    // The main thread's acquire marks itself as waiting before it takes the lock (cell WANTED = 1).
    new Int32Array(buffer)[1] = 1;
    expect(writer.priorityWaiting).toBe(true);
    const db = openDatabase(':memory:');
    expect(createStore(db, ':memory:', { gate: writer, priority: false }).writerWaiting()).toBe(true);
    expect(createStore(db, ':memory:', { gate: main, priority: true }).writerWaiting()).toBe(false);
    expect(createStore(db, ':memory:').writerWaiting()).toBe(false);
    new Int32Array(buffer)[1] = 0;
    expect(writer.priorityWaiting).toBe(false);
    db.close();
  });
});
