/**
 * One test suite for the dossier and task lists and the item pages (server/db/item-store/contract.ts),
 * run against each engine by its own test file: item-store-sqlite.test.ts, item-store-postgres.test.ts.
 * Each engine holds the same seed (tests/helpers/item-seed.ts); its answers must be those of SQLite's
 * read repository over the seed file, for every filter, sort, scope and page, and what the domain says.
 */
import { describe, expect, it } from 'vitest';
import { DOSSIER_SORT_KEYS, TASK_SORT_KEYS, type DossierFilter, type ReadRepo, type TaskFilter } from '../../../server/db/read-repo.js';
import type { ItemStore } from '../../../server/db/item-store/contract.js';
import { classifyDossier } from '../../../server/domain/dossier.js';
import { SEED_DOSSIERS, SEED_HANDLERS, SEED_NOW, SEED_TASKS, SEED_UNITS } from '../../helpers/item-seed.js';
import { ctx, vn } from '../metrics/factories.js';
import { computeUnitDetail, computeUnitDetailAsync } from '../../../server/http/unit-detail.js';
import { DRILLABLE_INDICATORS, drillWhere } from '../../../server/db/service-index-drill.js';

const DOSSIER_FILTERS: DossierFilter[] = ['overdue', 'due_soon', 'in_progress', 'paused', 'awaiting_supplement', 'late', 'done'];
const TASK_FILTERS: TaskFilter[] = ['open_in_term', 'open_overdue', 'done_on_time', 'done_late', 'no_deadline', 'cancelled'];
/** One ward, two wards as a province's communes, the whole city. */
const SCOPES = [{ unit: SEED_UNITS[0] }, { unit: null, units: [SEED_UNITS[1], SEED_UNITS[2]] }, { unit: null }];
const DUE_SOON_UNTIL = SEED_NOW + 2 * 86_400_000;
const NOVEMBER = { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') };

/** Rows whose query sets no order, compared as a multiset. */
const bag = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

export interface SeededItems {
  /** The engine's store over the seed. */
  items: ItemStore;
  /** SQLite's read repository over the seed file: the reference answers. */
  reference: ReadRepo;
  close(): Promise<void>;
}

/** `open`: the engine's store holding the seed, with the reference; the suite closes it. */
export function describeItemStore(engine: string, open: () => Promise<SeededItems>): void {
  const withSeed = (fn: (s: SeededItems) => Promise<void>) => async () => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`dossier and task lists on ${engine}`, () => {
    it(
      'pages every dossier filter, sort and scope as the read repository does',
      withSeed(async ({ items, reference }) => {
        let listed = 0;
        for (const scope of SCOPES)
          for (const filter of DOSSIER_FILTERS)
            for (const sort of [undefined, ...DOSSIER_SORT_KEYS])
              for (const dir of ['asc', 'desc'] as const) {
                const q = { ...scope, filter, now: SEED_NOW, dueSoonUntil: DUE_SOON_UNTIL, limit: 7, offset: 3, sort, dir };
                const got = await items.dossierPage(q);
                expect(got, `${filter} ${sort} ${dir} ${JSON.stringify(scope)}`).toEqual(reference.dossierPage(q));
                listed += got.items.length;
              }
        expect(listed).toBeGreaterThan(500);
      }),
    );

    it(
      'pages the dossiers behind each side of every drillable service index indicator as the read repository does',
      withSeed(async ({ items, reference }) => {
        let listed = 0;
        for (const scope of SCOPES)
          for (const indicator of DRILLABLE_INDICATORS)
            for (const side of ['numerator', 'denominator'] as const) {
              const drill = drillWhere(indicator, side, NOVEMBER);
              const q = { ...scope, filter: 'overdue' as const, drill, now: SEED_NOW, dueSoonUntil: DUE_SOON_UNTIL, limit: 10, offset: 0 };
              const got = await items.dossierPage(q);
              expect(got, `${indicator} ${side} ${JSON.stringify(scope)}`).toEqual(reference.dossierPage(q));
              listed += got.total;
            }
        expect(listed).toBeGreaterThan(100);
      }),
    );

    it(
      'pages every task filter, sort and scope as the read repository does',
      withSeed(async ({ items, reference }) => {
        let listed = 0;
        const scopes = [{ assignee: 'STP' }, { assignee: null, assignees: [...SEED_UNITS] }, { assignee: null }];
        for (const scope of scopes)
          for (const filter of TASK_FILTERS)
            for (const sort of [undefined, ...TASK_SORT_KEYS])
              for (const dir of ['asc', 'desc'] as const) {
                const q = { ...scope, filter, now: SEED_NOW, limit: 5, offset: 1, sort, dir };
                const got = await items.taskPage(q);
                expect(got, `${filter} ${sort} ${dir} ${JSON.stringify(scope)}`).toEqual(reference.taskPage(q));
                listed += got.items.length;
              }
        expect(listed).toBeGreaterThan(100);
      }),
    );

    it(
      'lists overdue dossiers by due date, each overdue by the domain, with the past-due and holder filters',
      withSeed(async ({ items, reference }) => {
        const base = { unit: null, filter: 'overdue' as const, now: SEED_NOW, dueSoonUntil: DUE_SOON_UNTIL, limit: 100, offset: 0 };
        const all = await items.dossierPage(base);
        expect(all.total).toBe(all.items.length);
        expect(all.total).toBeGreaterThan(3);
        for (const s of all.items) expect(classifyDossier(s, SEED_NOW, ctx).timeliness).toBe('overdue');
        const dues = all.items.map((s) => s.dueAt as number);
        expect(dues).toEqual([...dues].sort((a, b) => a - b));
        const pastDue = await items.dossierPage({ ...base, pastDue: true });
        expect(pastDue.items.every((s) => (s.dueAt as number) < SEED_NOW)).toBe(true);
        expect(pastDue).toEqual(reference.dossierPage({ ...base, pastDue: true }));
        const holder = SEED_HANDLERS[1].id;
        const held = await items.dossierPage({ ...base, filter: 'in_progress', holder });
        expect(held.total).toBeGreaterThan(0);
        expect(held.items.every((s) => s.holds.at(-1)?.handlerId === holder && s.holds.at(-1)?.to === null)).toBe(true);
        expect(held).toEqual(reference.dossierPage({ ...base, filter: 'in_progress', holder }));
      }),
    );
  });

  describe(`a unit's detail tables on ${engine}`, () => {
    it(
      'answers every detail query of a ward, two wards and the city as the read repository does, and the same tables',
      withSeed(async ({ items, reference }) => {
        const windows = [
          { period: 'month' as const, from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') },
          { period: 'week' as const, from: vn('2026-11-16T00:00'), to: vn('2026-11-23T00:00') },
        ];
        const r = items.unitDetail;
        let holds = 0;
        for (const scope of SCOPES)
          for (const w of windows) {
            const q = { ...scope, from: w.from, to: w.to, now: SEED_NOW };
            expect(bag(await r.byField(q))).toEqual(bag(reference.byField(q)));
            expect(bag(await r.byProcedure(q))).toEqual(bag(reference.byProcedure(q)));
            // Both groupings in one pass: the same rows as each alone, on either engine.
            for (const both of [await r.breakdowns(q), reference.breakdowns(q)]) {
              expect(bag(both.byField)).toEqual(bag(reference.byField(q)));
              expect(bag(both.byProcedure)).toEqual(bag(reference.byProcedure(q)));
            }
            expect(bag(await r.finishedProcessing(q))).toEqual(bag(reference.finishedProcessing(q)));
            expect(await r.processingHistogram(q)).toEqual(reference.processingHistogram(q));
            const trend = { ...scope, from: w.from - 31 * 86_400_000, to: SEED_NOW + 1, now: SEED_NOW };
            expect(await r.dailyFlows(trend)).toEqual(reference.dailyFlows(trend));
            expect(bag(await r.overdueSpans(trend))).toEqual(bag(reference.overdueSpans(trend)));
            const h = { ...scope, from: w.from, now: SEED_NOW };
            expect(await r.holds(h)).toEqual(reference.holds(h));
            holds += (await r.holds(h)).length;
            for (const ids of [null, SEED_HANDLERS.map((x) => x.id)]) {
              const c = { from: w.from, to: w.to, ids };
              expect(await r.buckPassingByOfficial(c)).toEqual(reference.buckPassingByOfficial(c));
            }
            const args = { unit: scope.unit, window: w, now: SEED_NOW, withOfficials: true };
            const a = scope.units ? { ...args, province: { code: '79', units: scope.units } } : args;
            const tables = computeUnitDetail(reference, ctx.calendar, a);
            expect(await computeUnitDetailAsync(r, ctx.calendar, a)).toEqual(tables);
            // The page's histogram, made from the finished rows, is the store's own count of them.
            const bins = reference.processingHistogram(q).map((b) => ({ fromDays: b.bin, toDays: b.bin + 1, count: b.n }));
            expect(tables.processingHistogram).toEqual(bins);
          }
        expect(holds).toBeGreaterThan(50);
        const month = { unit: null, from: windows[0].from, to: windows[0].to, ids: null };
        expect((await r.buckPassingByOfficial(month)).size).toBe(3);
      }),
    );
  });

  describe(`a dossier's and a task's page on ${engine}`, () => {
    it(
      'answers each item, its unit and its timeline, and nothing for an unknown id',
      withSeed(async ({ items, reference }) => {
        for (const id of ['HS-000', 'HS-003', 'HS-013', `HS-${SEED_DOSSIERS - 1}`]) {
          expect(await items.dossier(id)).toEqual(reference.dossier(id));
          expect(await items.dossierUnit(id)).toBe(reference.dossierUnit(id));
        }
        for (const id of ['NV-000', 'NV-003', `NV-0${SEED_TASKS - 1}`]) {
          expect(await items.task(id)).toEqual(reference.task(id));
          expect(await items.taskAssignee(id)).toBe(reference.taskAssignee(id));
        }
        expect(await items.dossier('HS-none')).toBeNull();
        expect(await items.dossierUnit('HS-none')).toBeUndefined();
        expect(await items.task('NV-none')).toBeNull();
        expect(await items.taskAssignee('NV-none')).toBeUndefined();
        const timeline = await items.itemEvents('dossier', 'HS-003');
        expect(timeline.map((e) => e.type)).toEqual([
          'received',
          'assigned',
          'supplement_requested',
          'supplement_received',
          'supplement_requested',
          'supplement_received',
        ]);
        expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort((a, b) => a - b));
        expect(JSON.parse(timeline[0].payload)).toMatchObject({ id: 'HS-003-e1', type: 'received', dossierId: 'HS-003' });
        expect((await items.itemEvents('task', 'NV-001')).map((e) => e.type)).toEqual(['assigned', 'completed']);
        expect(await items.itemEvents('dossier', 'HS-none')).toEqual([]);
      }),
    );
  });
}
