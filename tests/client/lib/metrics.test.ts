import { describe, expect, it } from 'vitest';
import { compareWorstFirst, metricValue } from '../../../client/lib/metrics';
import { metrics } from '../fixtures/metrics';

describe('metricValue', () => {
  it('reads each metric', () => {
    const m = metrics({ onTimeRate: 0.9, overdue: 12, dueSoon: 4, received: 4000 });
    expect(metricValue(m, 'onTimeRate')).toBe(0.9);
    expect(metricValue(m, 'overdue')).toBe(12);
    expect(metricValue(m, 'dueSoon')).toBe(4);
    expect(metricValue(m, 'overduePer1000')).toBe(3);
  });

  it('reads buck-passing cases per 1,000 dossiers received, both counted over the dossiers received in the period', () => {
    expect(metricValue(metrics({ received: 4000, buckPassingCases: 6 }), 'buckPassingPer1000')).toBe(1.5);
    expect(metricValue(metrics({ received: 0, buckPassingCases: 0 }), 'buckPassingPer1000')).toBeNull();
  });

  it('is null when it cannot be computed', () => {
    expect(metricValue(metrics({ received: 0, overdue: 3 }), 'overduePer1000')).toBeNull();
    expect(metricValue(metrics(), 'onTimeRate')).toBeNull();
    expect(metricValue(undefined, 'overdue')).toBeNull();
  });
});

describe('compareWorstFirst', () => {
  it('puts the lowest rate and the highest count first, missing values last', () => {
    expect([0.9, null, 0.7, 0.95].sort((a, b) => compareWorstFirst('onTimeRate', a, b))).toEqual([0.7, 0.9, 0.95, null]);
    expect([3, null, 10, 0].sort((a, b) => compareWorstFirst('overdue', a, b))).toEqual([10, 3, 0, null]);
  });
});
