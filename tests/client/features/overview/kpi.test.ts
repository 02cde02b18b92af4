import { describe, expect, it } from 'vitest';
import { kpiChange } from '../../../../client/features/overview/kpi';
import { worstRows, buildRows } from '../../../../client/features/overview/unit-rows';
import { metrics } from '../../fixtures/metrics';
import { DEFAULT_ON_TIME_THRESHOLDS } from '../../../../client/lib/color-scale';

describe('kpiChange', () => {
  it('judges a fall of overdue as good and a fall of the on-time rate as bad', () => {
    expect(kpiChange(8, 10, false)).toEqual({ diff: -2, direction: 'down', tone: 'good' });
    expect(kpiChange(0.9, 0.95, true)?.tone).toBe('bad');
  });

  it('keeps volumes neutral', () => {
    expect(kpiChange(120, 100, null)).toEqual({ diff: 20, direction: 'up', tone: 'neutral' });
  });

  it('calls tiny changes flat and is null without a previous value', () => {
    expect(kpiChange(0.9501, 0.95, true, 0.0005)?.direction).toBe('flat');
    expect(kpiChange(0.9501, 0.95, true, 0.0005)?.tone).toBe('neutral');
    expect(kpiChange(5, null, false)).toBeNull();
    expect(kpiChange(null, 5, false)).toBeNull();
  });
});

describe('unit rows', () => {
  const units = [
    { code: '1', name: 'A', nameEn: 'A', type: 'Phường' as const, fullName: 'Phường A', lat: 0, lon: 0, areaKm2: 1, population: 1 },
    { code: '2', name: 'B', nameEn: 'B', type: 'Xã' as const, fullName: 'Xã B', lat: 0, lon: 0, areaKm2: 1, population: 1 },
    { code: '3', name: 'C', nameEn: 'C', type: 'Phường' as const, fullName: 'Phường C', lat: 0, lon: 0, areaKm2: 1, population: 1 },
  ];
  const m: Record<string, ReturnType<typeof metrics>> = {
    '1': metrics({ onTimeRate: 0.97 }),
    '2': metrics({ onTimeRate: 0.8 }),
  };

  it('colours each unit and leaves units without numbers as no data', () => {
    const rows = buildRows(units, (c) => m[c], 'onTimeRate', DEFAULT_ON_TIME_THRESHOLDS);
    expect(rows.map((r) => r.level)).toEqual(['good', 'bad', 'none']);
    expect(rows[1].type).toBe('Xã');
  });

  it('lists the worst first, without units lacking a value', () => {
    const rows = buildRows(units, (c) => m[c], 'onTimeRate', DEFAULT_ON_TIME_THRESHOLDS);
    expect(worstRows(rows, 'onTimeRate', 10).map((r) => r.code)).toEqual(['2', '1']);
  });
});
