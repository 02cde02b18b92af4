import { describe, expect, it } from 'vitest';
import {
  competitionRanks,
  gradeOf,
  indicatorResults,
  round2,
  serviceIndex,
  thresholdPoints,
  totalUnderRule,
} from '../../../server/domain/service-index.js';
import { emptyIndexCounts, type IndexCounts } from '../../../server/domain/service-index-facts.js';
import { DEFAULT_SERVICE_INDEX_SETTINGS } from '../../../server/domain/service-index-settings.js';
import type { IndicatorId } from '../../../shared/contract/service-index.js';

const counts = (over: Partial<IndexCounts>): IndexCounts => ({ ...emptyIndexCounts(), ...over });
const indicator = (c: IndexCounts, id: IndicatorId) => {
  const found = indicatorResults(c).find((i) => i.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
};
const cutoffs = DEFAULT_SERVICE_INDEX_SETTINGS.gradeCutoffs;

describe('the threshold rule (ratio ≥ threshold → full points, else ratio × max ÷ threshold; 2 decimals)', () => {
  it('gives full points at exactly the threshold', () => expect(thresholdPoints(0.5, 12, 0.5)).toBe(12));
  it('gives full points above the threshold', () => expect(thresholdPoints(0.93, 6, 0.9)).toBe(6));
  it('scales below the threshold by ratio × max ÷ threshold', () => expect(thresholdPoints(0.4, 12, 0.5)).toBe(9.6));
  it('rounds to 2 decimals, half away from zero', () => {
    expect(thresholdPoints(2 / 3, 4, 0.8)).toBe(3.33);
    expect(round2(0.125)).toBe(0.13);
    expect(round2(1.005)).toBe(1.01);
  });
  it('is a plain ratio × max with threshold 1', () => expect(thresholdPoints(0.875, 20, 1)).toBe(17.5));
  it('gives 0 for a ratio of 0', () => expect(thresholdPoints(0, 10, 1)).toBe(0));
});

describe('each computable indicator, by its formula in DOMAIN.md', () => {
  it('on-time processing: 20 × (finished early or on time + open not yet due) ÷ (finished + open)', () => {
    const i = indicator(counts({ progressOnTime: 45, progressTotal: 50 }), 'progress_on_time');
    expect(i).toMatchObject({ group: 'progress', max: 20, numerator: 45, denominator: 50, applicable: true, points: 18 });
  });
  it('online dossiers: share received online, full 12 points from 50 %', () => {
    expect(indicator(counts({ received: 10, receivedOnline: 5 }), 'online_dossiers').points).toBe(12);
    expect(indicator(counts({ received: 10, receivedOnline: 3 }), 'online_dossiers').points).toBe(7.2);
  });
  it('online payment: paid online ÷ fee-bearing dossiers, plain ratio × 10', () => {
    const i = indicator(counts({ feeDossiers: 8, paidOnline: 6 }), 'online_payment');
    expect(i).toMatchObject({ group: 'payment', max: 10, ratio: 0.75, points: 7.5 });
  });
  it('electronic result: electronic results ÷ dossiers with a known result, ratio × 6', () => {
    expect(indicator(counts({ electronicResultKnown: 4, electronicResult: 3 }), 'electronic_result').points).toBe(4.5);
  });
  it('digitised dossier: threshold 80 % of 4 points', () => {
    expect(indicator(counts({ digitisedKnown: 10, digitised: 8 }), 'digitised_dossier').points).toBe(4);
    expect(indicator(counts({ digitisedKnown: 10, digitised: 6 }), 'digitised_dossier').points).toBe(3);
  });
  it('reuse of digitised data: threshold 80 % of 2 points', () => {
    expect(indicator(counts({ reuseKnown: 10, reuse: 4 }), 'digitised_data_reuse').points).toBe(1);
  });
  it('personal data store: ratio × 4', () => {
    expect(indicator(counts({ personalStoreKnown: 10, personalStore: 1 }), 'personal_data_store').points).toBe(0.4);
  });
  it('population data: ratio × 2', () => {
    expect(indicator(counts({ populationKnown: 3, population: 2 }), 'population_data').points).toBe(1.33);
  });
  it('dossier satisfaction: (dossiers − overdue or complained, once) ÷ dossiers, full 6 points from 90 %', () => {
    expect(indicator(counts({ satisfactionKnown: 10, satisfactionBad: 1 }), 'dossier_satisfaction').points).toBe(6);
    const low = indicator(counts({ satisfactionKnown: 10, satisfactionBad: 3 }), 'dossier_satisfaction');
    expect(low).toMatchObject({ numerator: 7, denominator: 10, points: 4.67 });
  });
});

describe('indicators that cannot be computed', () => {
  it('says "chưa có dữ liệu" (no_data) when no dossier of the period has the fields, never 0 points', () => {
    const i = indicator(counts({ received: 5, receivedOnline: 2 }), 'online_payment');
    expect(i).toMatchObject({ applicable: false, reason: 'no_data', numerator: 0, denominator: 0, points: null, ratio: null });
  });
  it('marks transparency and the catalogue criteria as catalogue data, petitions as petition data', () => {
    const c = emptyIndexCounts();
    expect(indicator(c, 'transparency')).toMatchObject({ max: 18, applicable: false, reason: 'catalogue_data', numerator: null });
    expect(indicator(c, 'e_certified_copies')).toMatchObject({ max: 2, reason: 'catalogue_data' });
    expect(indicator(c, 'petitions_on_time')).toMatchObject({ max: 6, reason: 'petition_data' });
    expect(indicator(c, 'petitions_satisfaction')).toMatchObject({ max: 6, reason: 'petition_data' });
  });
  it('keeps every group at its maximum of DOMAIN.md, 100 in all', () => {
    const groups = serviceIndex(emptyIndexCounts(), DEFAULT_SERVICE_INDEX_SETTINGS).groups;
    expect(Object.fromEntries(groups.map((g) => [g.group, g.max]))).toEqual({
      transparency: 18,
      progress: 20,
      online: 12,
      payment: 10,
      digitisation: 22,
      satisfaction: 18,
    });
    const all = indicatorResults(emptyIndexCounts());
    for (const g of groups) expect(all.filter((i) => i.group === g.group).reduce((s, i) => s + i.max, 0)).toBe(g.max);
  });
});

describe('the total under the no-data rule', () => {
  it('full: counts every indicator without points at its maximum (the portal for communes)', () => {
    expect(totalUnderRule(27.5, 32, 'full')).toBe(95.5);
  });
  it('scaled: scales the computed points to 100', () => {
    expect(totalUnderRule(27.5, 32, 'scaled')).toBe(85.94);
  });
  it('scaled: is 0 when nothing is computable', () => expect(totalUnderRule(0, 0, 'scaled')).toBe(0));
  it('adds up the indicators and groups the total is made of', () => {
    const c = counts({ progressOnTime: 9, progressTotal: 10, received: 10, receivedOnline: 3 });
    const idx = serviceIndex(c, { ...DEFAULT_SERVICE_INDEX_SETTINGS, noDataRule: 'scaled' });
    // progress 18 of 20, online 7.2 of 12 → 25.2 of 32 → 78.75
    expect(idx).toMatchObject({ computedPoints: 25.2, computedMax: 32, total: 78.75, grade: 'fair', rule: 'scaled' });
    expect(idx.groups.find((g) => g.group === 'online')).toMatchObject({ points: 7.2, applicableMax: 12 });
  });
});

describe('grades at their boundaries (≥ 90 Xuất sắc, 80 Tốt, 70 Khá, 50 Trung bình, else Yếu)', () => {
  it('90 is Xuất sắc, 89.99 Tốt', () => {
    expect(gradeOf(90, cutoffs)).toBe('excellent');
    expect(gradeOf(89.99, cutoffs)).toBe('good');
  });
  it('80 is Tốt, 79.99 Khá', () => {
    expect(gradeOf(80, cutoffs)).toBe('good');
    expect(gradeOf(79.99, cutoffs)).toBe('fair');
  });
  it('70 is Khá, 69.99 Trung bình', () => {
    expect(gradeOf(70, cutoffs)).toBe('fair');
    expect(gradeOf(69.99, cutoffs)).toBe('average');
  });
  it('50 is Trung bình, 49.99 Yếu', () => {
    expect(gradeOf(50, cutoffs)).toBe('average');
    expect(gradeOf(49.99, cutoffs)).toBe('weak');
  });
  it('follows the middle cut-offs set in settings', () => {
    expect(gradeOf(75, { ...cutoffs, good: 75 })).toBe('good');
  });
});

describe('ranks among peers', () => {
  it('shares a rank between ties and skips the next (1, 2, 2, 4); no value, no rank', () => {
    expect(competitionRanks([90, 80, 80, 70, null])).toEqual([1, 2, 2, 4, null]);
  });
});
