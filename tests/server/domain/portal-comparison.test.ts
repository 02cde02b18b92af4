import { describe, expect, it } from 'vitest';
import { comparePortal, ourGroupPoints, type PublishedFigure } from '../../../server/domain/portal-comparison.js';
import { serviceIndex } from '../../../server/domain/service-index.js';
import { emptyIndexCounts, type IndexCounts } from '../../../server/domain/service-index-facts.js';
import { DEFAULT_SERVICE_INDEX_SETTINGS } from '../../../server/domain/service-index-settings.js';

const counts = (over: Partial<IndexCounts>): IndexCounts => ({ ...emptyIndexCounts(), ...over });
/** Progress 18/20 (45 of 50 on time), online 7.2/12 (3 of 10), the rest without dossier data. */
const ours = serviceIndex(
  counts({ progressOnTime: 45, progressTotal: 50, received: 10, receivedOnline: 3 }),
  DEFAULT_SERVICE_INDEX_SETTINGS,
);
const published = (total: number, groups: PublishedFigure['groups'] = {}): PublishedFigure => ({
  total,
  groups,
  importedAt: '2026-12-05T08:00:00.000+07:00',
  source: 'portal.csv',
});
const LIMIT = DEFAULT_SERVICE_INDEX_SETTINGS.portalDifferenceLimit;

describe('comparePortal', () => {
  it('computes our total as the ranking does (the figures these tests compare against)', () => {
    // full rule: 18 + 7.2 + the 68 points of the indicators without data.
    expect(ours.total).toBe(93.2);
  });

  it('gives the difference as our total minus the portal’s, to 2 decimals', () => {
    expect(comparePortal(93.2, ours, published(92.07), LIMIT).difference).toBe(1.13);
    expect(comparePortal(93.2, ours, published(94.3), LIMIT).difference).toBe(-1.1);
  });

  it('does not flag a difference of exactly the limit', () => {
    const p = comparePortal(93.2, ours, published(91.2), LIMIT);
    expect(p.difference).toBe(2);
    expect(p.flagged).toBe(false);
  });

  it('flags a difference just above the limit, either way', () => {
    expect(comparePortal(93.2, ours, published(91.19), LIMIT)).toMatchObject({ difference: 2.01, flagged: true });
    expect(comparePortal(93.2, ours, published(95.21), LIMIT)).toMatchObject({ difference: -2.01, flagged: true });
  });

  it('follows the setting: a limit of 1 flags a difference of 1.5', () => {
    expect(comparePortal(93.2, ours, published(91.7), 1).flagged).toBe(true);
    expect(comparePortal(93.2, ours, published(91.7), 2).flagged).toBe(false);
  });

  it('lists the groups that differ, largest difference first, with both sides', () => {
    const p = comparePortal(93.2, ours, published(90, { progress: 19.5, online: 6.7, transparency: 15, payment: 10 }), LIMIT);
    expect(p.differingGroups).toEqual([
      { group: 'transparency', ours: 18, portal: 15, difference: 3 },
      { group: 'progress', ours: 18, portal: 19.5, difference: -1.5 },
      { group: 'online', ours: 7.2, portal: 6.7, difference: 0.5 },
    ]);
  });

  it('compares only the groups the file gave: a missing group is not a difference', () => {
    const p = comparePortal(93.2, ours, published(93.2, { progress: 17 }), LIMIT);
    expect(p.groups).toEqual({ progress: 17 });
    expect(p.differingGroups.map((g) => g.group)).toEqual(['progress']);
    expect(comparePortal(93.2, ours, published(93.2), LIMIT).differingGroups).toEqual([]);
  });

  it('has no difference, flag or differing group when we have nothing to judge (our total null)', () => {
    const p = comparePortal(null, ours, published(60, { progress: 5 }), LIMIT);
    expect(p).toMatchObject({ total: 60, difference: null, flagged: false, differingGroups: [] });
  });

  it('carries the portal’s figure, the import time and the file name through', () => {
    const p = comparePortal(93.2, ours, published(93, { satisfaction: 17.5 }), LIMIT);
    expect(p).toMatchObject({
      total: 93,
      groups: { satisfaction: 17.5 },
      importedAt: '2026-12-05T08:00:00.000+07:00',
      source: 'portal.csv',
    });
  });
});

describe('ourGroupPoints', () => {
  it('under `full`, counts indicators without data at their maximum, so the groups add up to the total', () => {
    const g = ourGroupPoints(ours);
    expect(g).toEqual({ transparency: 18, progress: 18, online: 7.2, payment: 10, digitisation: 22, satisfaction: 18 });
    expect(Object.values(g).reduce((s: number, v) => s + (v as number), 0)).toBeCloseTo(ours.total, 9);
  });

  it('under `scaled`, scales a group’s computed points to its maximum and gives none for a group without data', () => {
    const scaled = serviceIndex(counts({ progressOnTime: 45, progressTotal: 50, satisfactionKnown: 10, satisfactionBad: 2 }), {
      ...DEFAULT_SERVICE_INDEX_SETTINGS,
      noDataRule: 'scaled',
    });
    // Satisfaction: 0.8 of a 0.9 threshold → 5.33 (rounded) of its 6 computable points → 5.33 × 18 ÷ 6 = 15.99 of 18.
    expect(ourGroupPoints(scaled)).toEqual({
      transparency: null,
      progress: 18,
      online: null,
      payment: null,
      digitisation: null,
      satisfaction: 15.99,
    });
  });
});
