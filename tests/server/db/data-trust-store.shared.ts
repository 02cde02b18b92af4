/**
 * One test suite for data trust's reads and reviews (server/db/data-trust-store/contract.ts), run
 * against each engine by its own test file: data-trust-store-sqlite.test.ts, data-trust-store-postgres.test.ts.
 * Each engine holds the same flags (tests/helpers/data-trust-seed.ts); its answers must be those of
 * SQLite's repository over the seed file, and a review must be read back as the repository reads one.
 */
import { describe, expect, it } from 'vitest';
import { loadCalendarYears } from '../../../server/config/calendar-loader.js';
import { createDailyJumpSweep } from '../../../server/data-trust/daily-sweep.js';
import type { DataTrustStore, FlagQuery, UnitDayRow } from '../../../server/db/data-trust-store/contract.js';
import { createWorkCalendar } from '../../../server/domain/calendar.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import type { DataTrustRepo } from '../../../server/db/data-trust-repo.js';
import { vnDayIndex } from '../../../server/domain/time.js';
import { DATA_TRUST_RULES } from '../../../shared/contract/data-trust.js';
import { SEED_FLAGS } from '../../helpers/data-trust-seed.js';
import { SEED_UNITS } from '../../helpers/item-seed.js';
import { vn } from '../metrics/factories.js';

/** Rows whose query sets no order, compared as a multiset. */
const bag = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

export interface SeededDataTrust {
  /** The engine's store over the seed. */
  dataTrust: DataTrustStore;
  /** SQLite's repository over the seed file: the reference answers. */
  reference: DataTrustRepo;
  /** Adds to units' daily figures in the engine (what the projection writer does as dossiers arrive). */
  addUnitDays(rows: readonly UnitDayRow[]): Promise<void>;
  close(): Promise<void>;
}

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = createWorkCalendar(loadCalendarYears(), settings.officeHours);

const WINDOWS = [
  { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') },
  { from: vn('2026-11-09T00:00'), to: vn('2026-11-16T00:00') },
  { from: vn('2026-09-01T00:00'), to: vn('2026-10-01T00:00') },
];

/** `open`: the engine's store holding the seed, with the reference; the suite closes it. */
export function describeDataTrustStore(engine: string, open: () => Promise<SeededDataTrust>): void {
  const withSeed = (fn: (s: SeededDataTrust) => Promise<void>) => async () => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`data trust store (${engine})`, () => {
    it(
      'answers every unit’s daily figures and the flags of a window with their verdicts as the repository does',
      withSeed(async ({ dataTrust, reference }) => {
        for (const w of WINDOWS) {
          const [fromDay, toDay] = [vnDayIndex(w.from), vnDayIndex(w.to - 1)];
          expect(await dataTrust.unitDays(fromDay, toDay)).toEqual(reference.unitDays(fromDay, toDay));
          expect(bag(await dataTrust.flagsBetween(w.from, w.to))).toEqual(bag(reference.flagsBetween(w.from, w.to)));
        }
        expect((await dataTrust.flagsBetween(WINDOWS[0].from, WINDOWS[0].to)).length).toBe(SEED_FLAGS);
      }),
    );

    it(
      'answers a page of flags under every filter, in the same order, with the totals per rule',
      withSeed(async ({ dataTrust, reference }) => {
        for (const unit of [null, ...SEED_UNITS]) {
          for (const rule of [null, DATA_TRUST_RULES[0], 'daily_jump' as const]) {
            for (const status of [null, 'open', 'justified', 'confirmed'] as const) {
              const q: FlagQuery & { limit: number; offset: number } = { unit, ...WINDOWS[0], rule, status, limit: 4, offset: 2 };
              const got = await dataTrust.flagsPage(q);
              const want = reference.flagsPage(q);
              expect({ ...got, byRule: bag(got.byRule) }).toEqual({ ...want, byRule: bag(want.byRule) });
            }
          }
        }
      }),
    );

    it(
      'reads one flag and every flag as stored, and nothing for an unknown id',
      withSeed(async ({ dataTrust, reference }) => {
        const all = await dataTrust.allFlags();
        expect(all).toEqual(reference.allFlags());
        expect(all.some((f) => f.review !== null) && all.some((f) => f.evidence.some((e) => e.figure))).toBe(true);
        for (const f of all.slice(0, 6)) expect(await dataTrust.flag(f.id)).toEqual(reference.flag(f.id));
        expect(await dataTrust.flag('no-such-flag')).toBeNull();
      }),
    );

    it(
      'keeps a review and replaces it with a later one, the flag itself unchanged',
      withSeed(async ({ dataTrust }) => {
        const open = (await dataTrust.allFlags()).find((f) => f.review === null)!;
        await dataTrust.review(open.id, 'justified', 'đã giải trình', 'giam-sat', vn('2026-11-21T09:00'));
        await dataTrust.review(open.id, 'confirmed', 'xác nhận sai lệch', 'lanh-dao', vn('2026-11-21T10:00'));
        const after = await dataTrust.flag(open.id);
        expect(after).toEqual({
          ...open,
          review: { verdict: 'confirmed', note: 'xác nhận sai lệch', by: 'lanh-dao', at: vn('2026-11-21T10:00') },
        });
      }),
    );

    it(
      'the daily-jump sweep judges a closed working day once: its flags and its mark in one write, none by a sweep that read an old mark',
      withSeed(async ({ dataTrust, addUnitDays }) => {
        const friday = vnDayIndex(vn('2026-11-20T12:00'));
        // Six weeks of about 10 dossiers a day in a unit of its own, then 60 on Friday 20/11.
        const rows = Array.from({ length: 42 }, (_, i) => friday - 42 + i).map((day) => ({
          unit: '99001',
          day,
          received: 9 + (day % 3),
          finished: 0,
          onTime: 0,
        }));
        await addUnitDays([...rows, { unit: '99001', day: friday, received: 60, finished: 0, onTime: 0 }]);
        expect(await dataTrust.jumpEvaluatedDay()).toBeNull();
        expect(await dataTrust.recordDailyJumps([], null, friday - 1)).toBe(true);
        expect(await dataTrust.recordDailyJumps([], null, friday - 1)).toBe(false);
        expect(await dataTrust.jumpEvaluatedDay()).toBe(friday - 1);

        let now = vn('2026-11-20T16:00');
        const sweep = () => createDailyJumpSweep({ trust: dataTrust, calendar, settings, now: () => now }).sweep();
        expect(await sweep()).toBe(0);
        now = vn('2026-11-20T17:05');
        // Two nodes' sweeps at once: the day is judged by one of them.
        expect((await Promise.all([sweep(), sweep()])).sort()).toEqual([0, 1]);
        expect(await dataTrust.jumpEvaluatedDay()).toBe(friday);
        const flag = await dataTrust.flag('99001:daily_jump:2026-11-20:volume');
        expect(flag).toMatchObject({
          rule: 'daily_jump',
          unit: '99001',
          dossierId: null,
          receivedAt: vn('2026-11-20T00:00'),
          review: null,
        });
        expect(flag!.evidence[0].figure).toMatchObject({ name: 'volume', value: 60, median: 10 });
        // Reviewed, then judged again by a sweep that read the old mark: nothing is written, the review stays.
        await dataTrust.review(flag!.id, 'justified', 'Ngày cao điểm', 'user:sup', now);
        expect(await dataTrust.recordDailyJumps([{ ...flag!, raisedAt: now + 1 }], friday - 1, friday)).toBe(false);
        expect(await dataTrust.flag(flag!.id)).toMatchObject({ raisedAt: flag!.raisedAt, review: { verdict: 'justified' } });
        // A sweep after a restart, on Saturday, judges nothing twice.
        now = vn('2026-11-21T10:00');
        expect(await sweep()).toBe(0);
        expect((await dataTrust.allFlags()).filter((f) => f.unit === '99001').map((f) => f.id)).toEqual([flag!.id]);
      }),
    );
  });
}
