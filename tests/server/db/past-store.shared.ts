/**
 * One test suite for the overview's past reads (server/db/past-store/contract.ts), run against each
 * engine by its own test file: past-store-sqlite.test.ts, past-store-postgres.test.ts. Each engine
 * holds the same seed (tests/helpers/item-seed.ts); its answers must be those of SQLite's read
 * repository over the seed file, at instants before, inside and after the seed's month.
 */
import { describe, expect, it } from 'vitest';
import type { PastStore } from '../../../server/db/past-store/contract.js';
import type { ReadRepo } from '../../../server/db/read-repo.js';
import { vnDayIndex } from '../../../server/domain/time.js';
import { SEED_NOW, SEED_UNITS } from '../../helpers/item-seed.js';
import { vn } from '../metrics/factories.js';

/** Rows whose query sets no order, compared as a multiset; SQLite's SUM of no true row is null, counted as 0. */
const bag = (rows: readonly object[]) =>
  rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? 0])))).sort();

export interface SeededPast {
  /** The engine's store over the seed. */
  past: PastStore;
  /** SQLite's read repository over the seed file: the reference answers. */
  reference: ReadRepo;
  close(): Promise<void>;
}

const H = 3_600_000;
const INSTANTS = [vn('2026-10-01T00:00'), vn('2026-11-08T17:00'), vn('2026-11-15T00:00') - 1, SEED_NOW, vn('2026-12-31T00:00')];
const CODES = [...SEED_UNITS, 'STP', 'no-such-code'];

/** `open`: the engine's store holding the seed, with the reference; the suite closes it. */
export function describePastStore(engine: string, open: () => Promise<SeededPast>): void {
  const withSeed = (fn: (s: SeededPast) => Promise<void>) => async () => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`past store (${engine})`, () => {
    it(
      'counts the dossiers and tasks stored as the repository does',
      withSeed(async ({ past, reference }) => {
        expect(await past.counts()).toEqual(reference.counts());
      }),
    );

    it(
      'answers the flows of a part of a day per code, received and finished by outcome, and the cases of the dossiers received',
      withSeed(async ({ past, reference }) => {
        let seen = 0;
        for (let i = 1; i < INSTANTS.length; i++) {
          for (const w of [
            { from: INSTANTS[i - 1], to: INSTANTS[i] },
            { from: INSTANTS[i] - 9 * H, to: INSTANTS[i] },
          ]) {
            const got = await past.flowsBetween({ codes: CODES, ...w });
            const want = reference.flowsBetween({ codes: CODES, ...w });
            expect(bag(got.received)).toEqual(bag(want.received));
            expect(bag(got.finished)).toEqual(bag(want.finished));
            expect(bag(await past.buckPassingReceivedBetween(w))).toEqual(bag(reference.buckPassingReceivedBetween(w)));
            seen += got.received.length + got.finished.length;
          }
        }
        expect(seen).toBeGreaterThan(5);
      }),
    );

    it(
      'answers the overdue backlog at past instants, with the dossiers whose lateness began in a window of days',
      withSeed(async ({ past, reference }) => {
        let overdue = 0;
        for (const at of INSTANTS) {
          for (const days of [{}, { newFromDay: vnDayIndex(at) - 7, newToDay: vnDayIndex(at) + 1 }]) {
            const got = await past.overdueAt({ at, ...days });
            const want = reference.overdueAt({ at, ...days });
            expect(bag(got.dossiers)).toEqual(bag(want.dossiers));
            expect(bag(got.tasks)).toEqual(bag(want.tasks));
            overdue += got.dossiers.length + got.tasks.length;
          }
        }
        expect(overdue).toBeGreaterThan(3);
      }),
    );

    it(
      'answers what became overdue today and in the last hour, city-wide and for one code, in the same order',
      withSeed(async ({ past, reference }) => {
        for (const now of [SEED_NOW, vn('2026-11-12T16:30'), vn('2026-11-30T08:00')]) {
          for (const unit of [null, ...CODES]) {
            const q = { unit, dayStart: now - 9 * H, hourAgo: now - H, now };
            expect(bag(await past.newlyOverdue(q))).toEqual(bag(reference.newlyOverdue(q)));
            const order = (rows: { code: string }[]) => rows.map((r) => r.code);
            expect(order(await past.newlyOverdue({ ...q, dayStart: now - 20 * 24 * H }))).toEqual(
              order(reference.newlyOverdue({ ...q, dayStart: now - 20 * 24 * H })),
            );
          }
        }
      }),
    );

    it(
      'counts the open dossiers overdue now per unit as the repository does',
      withSeed(async ({ past, reference }) => {
        for (const now of INSTANTS) expect([...(await past.overdueCounts(now))].sort()).toEqual([...reference.overdueCounts(now)].sort());
      }),
    );
  });
}
