/**
 * One test suite for the early warning's pushed alerts (server/db/at-risk-store/contract.ts), run
 * against each engine by its own test file: at-risk-store-sqlite.test.ts, at-risk-store-postgres.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { AtRiskStore } from '../../../server/db/at-risk-store/contract.js';

const DUE = Date.parse('2026-12-02T17:00:00+07:00');
const DAY = 86_400_000;

/** `open`: a fresh, empty store of the engine; the suite closes it. */
export function describeAtRiskStore(engine: string, open: () => Promise<AtRiskStore>): void {
  const withStore = (fn: (store: AtRiskStore) => Promise<void>) => async () => {
    const store = await open();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };

  describe(`the early warning's pushed alerts on ${engine}`, () => {
    it(
      'records pushes once by dossier and due time, and answers those due from an instant by due time then dossier',
      withStore(async (store) => {
        expect(await store.current(0)).toEqual([]);
        await store.record([], DUE - DAY);
        await store.record(
          [
            { id: 'B', dueAt: DUE },
            { id: 'A', dueAt: DUE + DAY },
            { id: 'A', dueAt: DUE },
            { id: 'B', dueAt: DUE },
          ],
          DUE - DAY,
        );
        await store.record([{ id: 'A', dueAt: DUE }], DUE - 1);
        expect(await store.current(0)).toEqual([
          { id: 'A', dueAt: DUE },
          { id: 'B', dueAt: DUE },
          { id: 'A', dueAt: DUE + DAY },
        ]);
        expect(await store.current(DUE)).toHaveLength(3);
        expect(await store.current(DUE + 1)).toEqual([{ id: 'A', dueAt: DUE + DAY }]);
      }),
    );

    it(
      'prunes the pushes due before an instant and says how many',
      withStore(async (store) => {
        await store.record(
          [
            { id: 'A', dueAt: DUE },
            { id: 'B', dueAt: DUE + 1 },
            { id: 'C', dueAt: DUE + DAY },
          ],
          DUE - DAY,
        );
        expect(await store.prune(DUE + 1)).toBe(1);
        expect(await store.prune(DUE + 1)).toBe(0);
        expect((await store.current(0)).map((r) => r.id)).toEqual(['B', 'C']);
        expect(await store.prune(DUE + 2 * DAY)).toBe(2);
        expect(await store.current(0)).toEqual([]);
      }),
    );

    it(
      'keeps ids as given (case and Vietnamese letters) and due times to the millisecond',
      withStore(async (store) => {
        const rows = [
          { id: 'HS-Đà-001', dueAt: DUE + 123 },
          { id: 'hs-đà-001', dueAt: DUE + 123 },
        ];
        await store.record(rows, DUE);
        expect(await store.current(DUE + 123)).toEqual(rows);
      }),
    );
  });
}
