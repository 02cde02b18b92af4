/**
 * One test suite for the service index's stored side (server/db/index-store/contract.ts), run against
 * each engine by its own test file: index-store-sqlite.test.ts, index-store-postgres.test.ts. A closed
 * window's counts must be those of SQLite's repository over the seed (tests/helpers/item-seed.ts); the
 * portal's figures must be kept, replaced, counted and versioned as `npm run index:import` expects.
 */
import { describe, expect, it } from 'vitest';
import type { IndexStore } from '../../../server/db/index-store/contract.js';
import type { ServiceIndexRepo } from '../../../server/db/service-index-repo.js';
import type { PortalRow } from '../../../server/domain/portal-index-file.js';
import { SEED_NOW, SEED_UNITS } from '../../helpers/item-seed.js';
import { vn } from '../metrics/factories.js';

export interface SeededIndex {
  /** The engine's store over the seed (its portal tables empty). */
  index: IndexStore;
  /** SQLite's closed-period repository over the seed file: the reference answers. */
  reference: ServiceIndexRepo;
  close(): Promise<void>;
}

const WINDOWS = [
  { from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') },
  { from: vn('2026-11-09T00:00'), to: vn('2026-11-16T00:00') },
  { from: vn('2026-10-01T00:00'), to: vn('2026-11-01T00:00') },
];
const row = (line: number, code: string, period: string, total: number, groups: PortalRow['groups'] = {}): PortalRow => ({
  line,
  code,
  period,
  total,
  groups,
  raw: `${code},${period},${total}`,
});
const FILE = { source: 'portal-2026-10.csv', sha256: 'a'.repeat(64) };
const AT = vn('2026-11-05T09:00');

/** `open`: the engine's store holding the seed, with the reference; the suite closes it. */
export function describeIndexStore(engine: string, open: () => Promise<SeededIndex>): void {
  const withSeed = (fn: (s: SeededIndex) => Promise<void>) => async () => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`index store (${engine})`, () => {
    it(
      'answers a closed window’s counts per code, and when they next change with the clock, as the repository does',
      withSeed(async ({ index, reference }) => {
        let some = 0;
        for (const w of WINDOWS) {
          for (const now of [SEED_NOW, vn('2026-11-12T10:00'), vn('2026-12-15T10:00')]) {
            for (const code of [...SEED_UNITS, 'STP', 'no-such-code']) {
              const got = await index.closed.unitCountsBetween(code, w.from, w.to, now);
              expect(got).toEqual(reference.unitCountsBetween(code, w.from, w.to, now));
              if (got !== null) some++;
            }
          }
        }
        expect(some).toBeGreaterThan(10);
      }),
    );

    it(
      'keeps an import’s figures and rejected rows, counts them, and moves the version only when a figure changed',
      withSeed(async ({ index }) => {
        const { portal } = index;
        expect(await portal.version()).toBe(0);
        const accepted = [row(2, SEED_UNITS[0], '2026-10', 81.5, { online: 9.25, payment: 7 }), row(3, 'city', '2026-10', 84.16)];
        const rejected = [{ line: 4, reason: 'unit "99999" is not in the jurisdiction', raw: '99999,2026-10,70' }];
        expect(await portal.importFile(FILE, accepted, rejected, AT)).toEqual({ added: 2, replaced: 0, unchanged: 0, rejectedKept: 1 });
        expect(await portal.version()).toBe(1);
        expect(await portal.figuresOf('2026-10')).toEqual([
          {
            code: SEED_UNITS[0],
            period: '2026-10',
            total: 81.5,
            groups: { online: 9.25, payment: 7 },
            source: FILE.source,
            importedAt: AT,
          },
          { code: 'city', period: '2026-10', total: 84.16, groups: {}, source: FILE.source, importedAt: AT },
        ]);
        // The same file again: nothing changes, nothing is kept twice.
        expect(await portal.importFile(FILE, accepted, rejected, AT + 1)).toEqual({ added: 0, replaced: 0, unchanged: 2, rejectedKept: 0 });
        expect(await portal.version()).toBe(1);
        const later = { source: 'portal-fix.csv', sha256: 'b'.repeat(64) };
        expect(await portal.importFile(later, [row(2, 'city', '2026-10', 85)], [], AT + 2)).toEqual({
          added: 0,
          replaced: 1,
          unchanged: 0,
          rejectedKept: 0,
        });
        expect(await portal.version()).toBe(2);
        expect((await portal.figuresOf('2026-10')).find((f) => f.code === 'city')).toMatchObject({ total: 85, source: later.source });
        expect(await portal.figuresOf('2026-Q3')).toEqual([]);
        expect(await portal.rejected()).toEqual([{ ...rejected[0], source: FILE.source, importedAt: AT }]);
      }),
    );
  });
}
