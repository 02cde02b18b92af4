/**
 * The officials' counts of a unit page aggregated in SQL (read-repo.ts and pg-detail-reads.ts
 * officialTotals) against the fold over the holds they replace (metrics/breakdowns.ts foldHoldTotals),
 * run on each engine by its own test file: official-totals-sqlite.test.ts, official-totals-postgres.test.ts.
 * Over a city of dossiers passed between officials (tests/helpers/holds-city-seed.ts), for random
 * windows bounded at the holds' own instants, random scopes and random instants of `now`: the same
 * officials in the same order, every count, every finished step, and the same scorecards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AsyncUnitDetailReads } from '../../../server/db/item-store/contract.js';
import type { ReadRepo } from '../../../server/db/read-repo.js';
import { foldHoldTotals, officialScorecards, scorecardsOfTotals, type OfficialHoldTotals } from '../../../server/metrics/breakdowns.js';
import { HOLDS_CITY_NOW, HOLDS_CITY_UNITS } from '../../helpers/holds-city-seed.js';
import { ctx } from '../metrics/factories.js';

export interface SeededHoldsCity {
  /** The engine's detail queries over the seed. */
  reads: AsyncUnitDetailReads;
  /** SQLite's read repository over the seed file: its holds are the fold's input. */
  reference: ReadRepo;
  close(): Promise<void>;
}

/** One ward, two wards as a province's communes, the whole city. */
const SCOPES = [{ unit: HOLDS_CITY_UNITS[0] }, { unit: null, units: [HOLDS_CITY_UNITS[1], HOLDS_CITY_UNITS[2]] }, { unit: null }];
/** Cases counted for a few officials: the scorecards' order reads them. */
const CASES = new Map([
  ['cb-01', 2],
  ['cb-03', 1],
  ['cb-06', 2],
]);

/** Totals with their finished steps as (start, end) pairs in one order: SQL lists them in no set order. */
const withPairs = (totals: readonly OfficialHoldTotals[]) =>
  totals.map(({ doneFrom, doneTo, ...t }) => ({
    ...t,
    done: doneFrom.map((f, i) => [f, doneTo[i]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]),
  }));

export function describeOfficialTotals(engine: string, open: () => Promise<SeededHoldsCity>): void {
  describe(`the officials' counts in SQL on ${engine}`, () => {
    it("counts every official's holds as the fold over the holds does, for random windows, scopes and instants", async () => {
      const { reads, reference, close } = await open();
      try {
        const every = reference.holds({ unit: null, from: 0, now: HOLDS_CITY_NOW });
        // Bounded at the holds' own instants (and a millisecond either side), where a step is in or out.
        const instants = every.flatMap((h) => [h.fromAt, h.toAt, h.stepDueAt]).filter((t): t is number => t !== null);
        const instant = fc.tuple(fc.constantFrom(...instants), fc.integer({ min: -1, max: 1 })).map(([t, d]) => t + d);
        let done = 0;
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...SCOPES), instant, instant, instant, async (scope, a, b, now) => {
            const w = { from: Math.min(a, b), to: Math.max(a, b) + 1 };
            const holds = reference.holds({ ...scope, from: w.from, now });
            const totals = await reads.officialTotals({ ...scope, from: w.from, to: w.to, now });
            expect(withPairs(totals)).toEqual(withPairs(foldHoldTotals(holds, w)));
            expect(totals.reduce((n, t) => n + t.holds, 0)).toBe(holds.length);
            expect(scorecardsOfTotals(totals, ctx.calendar, CASES)).toEqual(officialScorecards(holds, w, ctx.calendar, CASES));
            done += totals.reduce((n, t) => n + t.stepsDone, 0);
          }),
          { numRuns: 80 },
        );
        expect(every.length).toBeGreaterThan(400);
        expect(done).toBeGreaterThan(1000);
      } finally {
        await close();
      }
    });

    it("names each official from their first hold of the view, and counts the city's month as the fold does", async () => {
      const { reads, reference, close } = await open();
      try {
        const w = { from: HOLDS_CITY_NOW - 30 * 86_400_000, to: HOLDS_CITY_NOW };
        const holds = reference.holds({ unit: null, from: w.from, now: HOLDS_CITY_NOW });
        const totals = await reads.officialTotals({ unit: null, ...w, now: HOLDS_CITY_NOW });
        expect(totals.map((t) => t.id)).toEqual([...new Set(holds.map((h) => h.handlerId))]);
        for (const t of totals) expect(t.name).toBe(holds.find((h) => h.handlerId === t.id)?.handlerName);
        // The seed's renamed and moved officials appear under both names and units: the rule is seen.
        const names = new Set(holds.filter((h) => h.handlerId === 'cb-04').map((h) => h.handlerName));
        expect(names.size).toBe(2);
        expect(totals.some((t) => t.holdingNow > 0 && t.overdueHeldNow > 0 && t.stepsTimed > t.stepsOnTime)).toBe(true);
      } finally {
        await close();
      }
    });
  });
}
