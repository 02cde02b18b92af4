import fc from 'fast-check';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/db/connection.js';
import { createProjectionsRepo, type StoredOverdueSpan } from '../../../server/db/projections-repo.js';
import { createReadRepo } from '../../../server/db/read-repo.js';
import { foldDossier } from '../../../server/domain/dossier.js';
import type { DossierState } from '../../../server/domain/types.js';
import { dossierRowExtras, storedOverdueSpans } from '../../../server/projection/row-extras.js';
import { ctx, dossierEvent, received, supplementReceived, vn } from '../metrics/factories.js';
import { H, HISTORY_T0, HISTORY_UNITS, historyEvents, historyPlan, type HistoryPlan } from '../domain/dossier-histories.js';

const extras = dossierRowExtras(ctx);
const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../server/db/migrations');

// A dossier's spans are kept in its row when they are one span lasting until its end, else in
// overdue_spans (migration 012). Whatever the place, what is stored and what the read queries answer
// must be what the full spans (domain/overdue-spans.ts) say.
describe('overdue span storage', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bdt-spans-'));
    db = openDatabase(join(dir, 'dashboard.db'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every stored span, per dossier, from both places. */
  function storedSpans(): Map<string, StoredOverdueSpan[]> {
    const byId = new Map<string, StoredOverdueSpan[]>();
    const add = (id: string, s: StoredOverdueSpan) => byId.set(id, [...(byId.get(id) ?? []), s]);
    const rows = db.prepare('SELECT id, overdue_from, end_at, overdue_work_day FROM dossiers WHERE overdue_from IS NOT NULL').raw().all();
    for (const [id, from, to, workDay] of rows as [string, number, number | null, number][]) add(id, { from, to, workDay });
    const spanRows = db.prepare('SELECT dossier_id, from_at, to_at, work_day FROM overdue_spans ORDER BY dossier_id, idx').raw().all();
    for (const [id, from, to, workDay] of spanRows as [string, number, number | null, number][]) add(id, { from, to, workDay });
    return byId;
  }

  /**
   * Saves each dossier's history as the projection writer does: a row at the first cut, then the
   * state at each later cut over the one before (several events per write, as in a pass).
   * `legacy`: the first write's spans are moved to overdue_spans, where a file older than migration
   * 012 kept every span, so that the later writes must move them back without counting them twice.
   */
  function saveHistories(plans: { plan: HistoryPlan; cuts: number[]; legacy: boolean }[]): DossierState[] {
    const repo = createProjectionsRepo(db);
    // One transaction, as the writer's: a commit per statement would fsync each.
    return db.transaction(() => {
      db.exec('DELETE FROM dossiers; DELETE FROM holds; DELETE FROM overdue_spans;');
      return plans.map(({ plan, cuts, legacy }, i) => {
        const id = `D${i}`;
        const events = historyEvents(id, plan);
        const ends = [...new Set([...cuts.map((c) => (c % events.length) + 1), events.length])].sort((a, b) => a - b);
        let prev: DossierState | null = null;
        for (const n of ends) {
          const next = foldDossier(events.slice(0, n), ctx, id);
          repo.saveDossier(prev, next, extras(next));
          if (prev === null && legacy) moveRowSpanToTable(id);
          prev = next;
        }
        return prev as DossierState;
      });
    })();
  }

  function moveRowSpanToTable(id: string): void {
    const row = db.prepare('SELECT unit, overdue_from, end_at, overdue_work_day FROM dossiers WHERE id = ?').raw().get(id) as unknown[];
    if (row[1] === null) return;
    db.prepare('INSERT INTO overdue_spans (dossier_id, idx, unit, from_at, to_at, work_day) VALUES (?, 0, ?, ?, ?, ?)').run(id, ...row);
    db.prepare('UPDATE dossiers SET overdue_from = NULL, overdue_work_day = NULL WHERE id = ?').run(id);
  }

  const histories = fc.array(fc.record({ plan: historyPlan, cuts: fc.array(fc.nat(), { maxLength: 4 }), legacy: fc.boolean() }), {
    minLength: 1,
    maxLength: 6,
  });

  it('keeps each dossier exactly the spans the full definition gives, in its row or in overdue_spans (property)', () => {
    fc.assert(
      fc.property(histories, (plans) => {
        const finals = saveHistories(plans);
        const stored = storedSpans();
        for (const s of finals) {
          const expected = s.unit === null ? [] : storedOverdueSpans(s, ctx);
          expect({ id: s.id, spans: stored.get(s.id) ?? [] }).toEqual({ id: s.id, spans: expected });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answers the past backlog, the newly overdue and the trend as the full spans do (property)', () => {
    const probe = fc.record({
      atH: fc.integer({ min: 0, max: 700 }),
      newFromH: fc.integer({ min: 0, max: 700 }),
      lenH: fc.integer({ min: 1, max: 200 }),
    });
    fc.assert(
      fc.property(histories, fc.array(probe, { minLength: 1, maxLength: 5 }), (plans, probes) => {
        const finals = saveHistories(plans);
        const read = createReadRepo(db);
        const spans = finals.flatMap((s) => storedOverdueSpans(s, ctx).map((sp) => ({ ...sp, unit: s.unit as string })));
        for (const p of probes) {
          const at = HISTORY_T0 + p.atH * H + 1;
          const newFromDay = Math.floor((HISTORY_T0 + p.newFromH * H) / 86_400_000);
          const newToDay = newFromDay + Math.ceil(p.lenH / 24);
          const holding = spans.filter((sp) => sp.from <= at && (sp.to === null || sp.to > at));
          const expectedAt = HISTORY_UNITS.map((code) => {
            const mine = holding.filter((sp) => sp.unit === code);
            return { code, n: mine.length, nNew: mine.filter((sp) => sp.workDay >= newFromDay && sp.workDay < newToDay).length };
          }).filter((r) => r.n > 0);
          expect(sortBy(read.overdueAt({ at, newFromDay, newToDay }).dossiers, (r) => r.code)).toEqual(expectedAt);

          const from = at - p.lenH * H;
          for (const unit of [null, ...HISTORY_UNITS]) {
            const inUnit = spans.filter((sp) => unit === null || sp.unit === unit);
            const trend = inUnit
              .filter((sp) => sp.from <= at && (sp.to === null || sp.to >= from))
              .map((sp) => ({ from: sp.from, to: sp.to }));
            expect(sortSpans(read.overdueSpans({ unit, from, now: at }))).toEqual(sortSpans(trend));
          }

          const hourAgo = at - H;
          const since = Math.min(from, hourAgo);
          const fresh = spans.filter((sp) => sp.to === null && sp.from >= since && sp.from <= at);
          const expectedNew = HISTORY_UNITS.map((code) => {
            const mine = fresh.filter((sp) => sp.unit === code);
            return { code, today: mine.filter((sp) => sp.from >= from).length, lastHour: mine.filter((sp) => sp.from >= hourAgo).length };
          }).filter((r) => fresh.some((sp) => sp.unit === r.code));
          const answer = read.newlyOverdue({ unit: null, dayStart: from, hourAgo, now: at });
          expect(sortBy(answer, (r) => r.code)).toEqual(sortBy(expectedNew, (r) => r.code));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a single span to the end in the row, and two spans or none elsewhere', () => {
    const simple = foldDossier([received('S', vn('2026-11-16T08:00'), vn('2026-11-18T17:00'))], ctx);
    const twice = foldDossier(
      [
        received('T', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')),
        dossierEvent('T', 'supplement_requested', vn('2026-11-19T09:00')),
        supplementReceived('T', vn('2026-11-23T09:00'), vn('2026-11-26T17:00')),
      ],
      ctx,
    );
    const onTime = foldDossier(
      [received('O', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')), dossierEvent('O', 'processed', vn('2026-11-17T10:00'))],
      ctx,
    );
    db.exec('DELETE FROM dossiers; DELETE FROM holds; DELETE FROM overdue_spans;');
    const repo = createProjectionsRepo(db);
    for (const s of [simple, twice, onTime]) repo.saveDossier(null, s, extras(s));
    const rowSpans = db.prepare('SELECT id, overdue_from FROM dossiers WHERE overdue_from IS NOT NULL').raw().all();
    expect(rowSpans).toEqual([['S', vn('2026-11-18T17:00') + 1]]);
    expect(db.prepare('SELECT dossier_id, idx FROM overdue_spans ORDER BY idx').raw().all()).toEqual([
      ['T', 0],
      ['T', 1],
    ]);
  });

  it('reads the spans a file kept before migration 012 after it, and moves one to its row at the next write', () => {
    const old = join(dir, 'migrations-v11');
    mkdirSync(old);
    for (const f of readdirSync(MIGRATIONS).filter((f) => /^0(0\d|1[01])_/.test(f))) copyFileSync(join(MIGRATIONS, f), join(old, f));
    const file = join(dir, 'old.db');
    const late = foldDossier([received('L', vn('2026-11-16T08:00'), vn('2026-11-18T17:00'))], ctx);
    const v11 = openDatabase(file, old);
    createProjectionsRepo(v11).saveDossier(null, late, extras(late));
    v11.close();

    const upgraded = openDatabase(file);
    try {
      const one = (sql: string) => upgraded.prepare(sql).raw().get();
      const at = vn('2026-11-20T10:00');
      const overdueThen = [{ code: '26734', n: 1, nNew: 0 }];
      expect(one('SELECT COUNT(*), MIN(from_at) FROM overdue_spans')).toEqual([1, vn('2026-11-18T17:00') + 1]);
      expect(createReadRepo(upgraded).overdueAt({ at }).dossiers).toEqual(overdueThen);
      const ended = foldDossier(
        [received('L', vn('2026-11-16T08:00'), vn('2026-11-18T17:00')), dossierEvent('L', 'processed', vn('2026-11-23T10:00'))],
        ctx,
      );
      createProjectionsRepo(upgraded).saveDossier(late, ended, extras(ended));
      expect(one('SELECT COUNT(*) FROM overdue_spans')).toEqual([0]);
      expect(one('SELECT overdue_from, end_at FROM dossiers')).toEqual([vn('2026-11-18T17:00') + 1, vn('2026-11-23T10:00')]);
      expect(createReadRepo(upgraded).overdueAt({ at }).dossiers).toEqual(overdueThen);
    } finally {
      upgraded.close();
    }
  });
});

function sortSpans(xs: { from: number; to: number | null }[]) {
  return xs.slice().sort((a, b) => a.from - b.from || (a.to ?? Infinity) - (b.to ?? Infinity));
}

function sortBy<T>(xs: T[], key: (x: T) => string): T[] {
  return xs.slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
