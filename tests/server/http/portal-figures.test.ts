import { describe, expect, it } from 'vitest';
import type { StoredPortalFigure } from '../../../server/db/portal-index-repo.js';
import { createPortalFigures, storedPeriodName } from '../../../server/http/portal-figures.js';
import { resolvePeriod } from '../../../server/metrics/named-periods.js';

const NOW = Date.parse('2026-12-01T00:30:00+07:00'); // just after midnight on the first of a month

/** A repository that counts its loads; `version` moves as an import would move it. */
function fakeRepo() {
  const repo = {
    loads: [] as string[],
    current: 1,
    figures: new Map<string, StoredPortalFigure[]>([
      ['2026-12', [{ code: '26740', period: '2026-12', total: 80, groups: {}, source: 'a.csv', importedAt: NOW }]],
    ]),
    async figuresOf(period: string) {
      repo.loads.push(period);
      return repo.figures.get(period) ?? [];
    },
    version: async () => repo.current,
  };
  return repo;
}

describe('storedPeriodName', () => {
  it('names the current month, quarter and year as the import stores them, in Vietnam time', () => {
    expect(storedPeriodName(resolvePeriod('month', NOW))).toBe('2026-12');
    expect(storedPeriodName(resolvePeriod('quarter', NOW))).toBe('2026-Q4');
    expect(storedPeriodName(resolvePeriod('year', NOW))).toBe('2026');
    expect(storedPeriodName(resolvePeriod('2026-Q3', NOW))).toBe('2026-Q3');
  });
  it('has no name for today or a week (the portal publishes none)', () => {
    expect(storedPeriodName(resolvePeriod('week', NOW))).toBeNull();
  });
});

describe('createPortalFigures', () => {
  it('loads a period’s figures once and reuses them while no import changes anything', async () => {
    const repo = fakeRepo();
    const figures = createPortalFigures(repo);
    const month = resolvePeriod('month', NOW);
    expect((await figures.of(month)).get('26740')).toEqual({
      total: 80,
      groups: {},
      source: 'a.csv',
      importedAt: '2026-12-01T00:30:00.000+07:00',
    });
    await figures.of(month);
    await figures.of(resolvePeriod('2026-12', NOW));
    expect(repo.loads).toEqual(['2026-12']);
  });

  it('loads again after an import moved the counter', async () => {
    const repo = fakeRepo();
    const figures = createPortalFigures(repo);
    const month = resolvePeriod('month', NOW);
    await figures.of(month);
    repo.figures.set('2026-12', [{ code: '26740', period: '2026-12', total: 75, groups: {}, source: 'b.csv', importedAt: NOW }]);
    repo.current = 2;
    expect((await figures.of(month)).get('26740')?.total).toBe(75);
    expect(repo.loads).toEqual(['2026-12', '2026-12']);
  });
});
