/**
 * One test suite for the officials' reads and the buck-passing lists (server/db/officials-store/contract.ts),
 * run against each engine by its own test file: officials-store-sqlite.test.ts, officials-store-postgres.test.ts.
 * Each engine holds the same seed (tests/helpers/item-seed.ts, with its cases and requests); its answers
 * must be those of SQLite's officials and read repositories over the seed file, and the city-wide
 * scorecards computed from its pages the same cards.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialsStore } from '../../../server/db/officials-store/contract.js';
import type { OfficialsRepo } from '../../../server/db/officials-repo.js';
import type { ReadRepo } from '../../../server/db/read-repo.js';
import { computeOfficialsSnapshot, computeOfficialsSnapshotAsync } from '../../../server/http/officials-snapshot.js';
import { BUCK_PASSING_RULES, BUCK_PASSING_SORTS } from '../../../shared/contract/buck-passing.js';
import { SEED_HANDLERS, SEED_NOW, SEED_UNITS } from '../../helpers/item-seed.js';
import { ctx, vn } from '../metrics/factories.js';

/** Rows whose query sets no order, compared as a multiset. */
const bag = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

export interface SeededOfficials {
  /** The engine's store over the seed. */
  officials: OfficialsStore;
  /** SQLite's repositories over the seed file: the reference answers. */
  reference: { officials: OfficialsRepo; read: ReadRepo };
  close(): Promise<void>;
}

/** November, one week of it, and an empty window before the seed. */
const WINDOWS = [
  { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') },
  { from: vn('2026-11-09T00:00'), to: vn('2026-11-16T00:00') },
  { from: vn('2026-09-01T00:00'), to: vn('2026-10-01T00:00') },
];
const IDS = [...SEED_HANDLERS.map((h) => h.id), 'cb-unknown'];

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** `open`: the engine's store holding the seed, with the reference; the suite closes it. */
export function describeOfficialsStore(engine: string, open: () => Promise<SeededOfficials>): void {
  const withSeed = (fn: (s: SeededOfficials) => Promise<void>) => async () => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`officials store (${engine})`, () => {
    it(
      'answers every window’s steps, dossier by dossier, and the cases and requests counted per official as the repository does',
      withSeed(async ({ officials, reference }) => {
        for (const w of WINDOWS) {
          const steps = await collect(officials.windowSteps({ ...w, now: SEED_NOW }));
          expect(steps).toEqual([...reference.officials.windowSteps({ ...w, now: SEED_NOW })]);
          const attributed = await officials.windowAttributed(w);
          expect(bag(attributed)).toEqual(bag(reference.officials.windowAttributed(w)));
          if (w === WINDOWS[0]) {
            expect(steps.length).toBeGreaterThan(20);
            expect(new Set(attributed.map((a) => a.kind))).toEqual(new Set(['buckPassingCases', 'reminders', 'explanationRequests']));
          }
        }
      }),
    );

    it(
      'answers one official’s steps, counted cases and requests, cases, held dossiers and identity, and nothing for an unknown one',
      withSeed(async ({ officials, reference }) => {
        const ref = reference.officials;
        for (const id of IDS) {
          const from = WINDOWS[0].from;
          expect(await officials.officialSteps({ id, from, now: SEED_NOW })).toEqual(ref.officialSteps({ id, from, now: SEED_NOW }));
          for (const w of WINDOWS)
            expect(bag(await officials.officialAttributed({ id, ...w }))).toEqual(bag(ref.officialAttributed({ id, ...w })));
          expect(bag(await officials.officialCases({ id, from: 0 }))).toEqual(bag(ref.officialCases({ id, from: 0 })));
          const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
          expect((await officials.heldDossiers(id)).sort(byId)).toEqual(ref.heldDossiers(id).sort(byId));
          expect(await officials.identity(id)).toEqual(ref.identity(id));
        }
        expect(await officials.identity('cb-unknown')).toBeNull();
        expect((await officials.heldDossiers('cb-01')).length).toBeGreaterThan(0);
      }),
    );

    it(
      'pages the buck-passing cases of the city, a ward, an official and a rule in every order as the read repository does',
      withSeed(async ({ officials, reference }) => {
        const scopes = [
          { unit: null, official: null },
          { unit: SEED_UNITS[1], official: null },
          { unit: null, official: SEED_HANDLERS[0].id },
        ];
        for (const s of scopes)
          for (const rule of [null, ...BUCK_PASSING_RULES])
            for (const sort of BUCK_PASSING_SORTS)
              for (const dir of ['asc', 'desc'] as const)
                for (const [limit, offset] of [
                  [20, 0],
                  [2, 1],
                ]) {
                  const q = { ...s, ...WINDOWS[0], rule, sort, dir, limit, offset };
                  const got = await officials.buckPassingPage(q);
                  const want = reference.read.buckPassingPage(q);
                  expect({ ...got, byRule: bag(got.byRule) }).toEqual({ ...want, byRule: bag(want.byRule) });
                }
        expect(
          (await officials.buckPassingPage({ ...scopes[0], ...WINDOWS[0], rule: null, sort: 'recent', dir: 'desc', limit: 50, offset: 0 }))
            .total,
        ).toBe(9);
      }),
    );

    it(
      'computes the city-wide scorecards from the store’s pages as from the file',
      withSeed(async ({ officials, reference }) => {
        for (const w of WINDOWS.slice(0, 2)) {
          const window = { ...w, period: 'month' as const };
          const args = { window, now: SEED_NOW } as Parameters<typeof computeOfficialsSnapshot>[2];
          const got = await computeOfficialsSnapshotAsync(officials, ctx.calendar, args);
          expect(got).toEqual(computeOfficialsSnapshot(reference.officials, ctx.calendar, args));
          expect(got.cards.length).toBeGreaterThan(0);
        }
      }),
    );
  });
}
