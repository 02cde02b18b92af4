import { describe, expect, it } from 'vitest';
import { DATA_TRUST_THRESHOLDS, levelOf, thresholdsFor } from '../../../client/lib/color-scale';
import { compareWorstFirst, metricValue, type MapMetrics } from '../../../client/lib/metrics';

const m = (): MapMetrics => ({ received: 10 }) as unknown as MapMetrics;

describe('the data-trust map metric', () => {
  it('reads the figure beside the metrics, null (grey) when the unit has none or it was not loaded', () => {
    expect(metricValue({ ...m(), dataTrust: 87.5 }, 'dataTrust')).toBe(87.5);
    expect(metricValue({ ...m(), dataTrust: null }, 'dataTrust')).toBeNull();
    expect(metricValue(m(), 'dataTrust')).toBeNull();
  });

  it('colours higher as better on fixed cut points (≥ 98 good, ≥ 90 warn), least trusted first', () => {
    const t = thresholdsFor('dataTrust', [10, 50, 99]);
    expect(t).toEqual(DATA_TRUST_THRESHOLDS);
    expect(levelOf('dataTrust', 99.2, t)).toBe('good');
    expect(levelOf('dataTrust', 93, t)).toBe('warn');
    expect(levelOf('dataTrust', 70, t)).toBe('bad');
    expect(levelOf('dataTrust', null, t)).toBe('none');
    expect(compareWorstFirst('dataTrust', 70, 99)).toBeLessThan(0);
  });
});
