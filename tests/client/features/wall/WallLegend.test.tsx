// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { initI18n } from '../../../../client/i18n';
import { WallLegend } from '../../../../client/features/wall/scenes/Legend';
import { levelOf, type Thresholds } from '../../../../client/lib/color-scale';
import type { MetricKey } from '../../../../client/lib/metrics';

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);

const legend = (metric: MetricKey, thresholds: Thresholds) => {
  render(<WallLegend metric={metric} thresholds={thresholds} />);
  return screen.getAllByRole('listitem').map((li): [string | null, string | null] => [li.getAttribute('data-level'), li.textContent]);
};

describe('the wall map legend', () => {
  it('reads whole-dossier counts as ranges of integers, not "≤ 0" and "> 1"', () => {
    expect(legend('overdue', { good: 0, warn: 1 })).toEqual([
      ['good', 'Ít (0)'],
      ['warn', 'Vừa (1)'],
      ['bad', 'Nhiều (≥ 2)'],
      ['none', 'Chưa có số liệu'],
    ]);
    cleanup();
    expect(legend('dueSoon', { good: 2, warn: 5 }).slice(0, 3)).toEqual([
      ['good', 'Ít (0–2)'],
      ['warn', 'Vừa (3–5)'],
      ['bad', 'Nhiều (≥ 6)'],
    ]);
  });

  it('says of each count class exactly the values the map colours with it', () => {
    const t = { good: 2, warn: 5 };
    const words = { good: 'Ít (0–2)', warn: 'Vừa (3–5)', bad: 'Nhiều (≥ 6)' } as const;
    const items = new Map(legend('overdue', t));
    for (let n = 0; n <= 8; n++) expect(items.get(levelOf('overdue', n, t))).toBe(words[levelOf('overdue', n, t) as keyof typeof words]);
  });

  it('drops the empty middle class when both cuts are the same count', () => {
    expect(legend('overdue', { good: 0, warn: 0 }).map(([, text]) => text)).toEqual(['Ít (0)', 'Nhiều (≥ 1)', 'Chưa có số liệu']);
  });

  it('reads the data-trust figure as higher is better, in its own words', () => {
    expect(legend('dataTrust', { good: 98, warn: 90 }).slice(0, 3)).toEqual([
      ['good', 'Tin cậy (≥ 98)'],
      ['warn', 'Cần xem lại (≥ 90)'],
      ['bad', 'Đáng ngờ (< 90)'],
    ]);
  });

  it('keeps "≤" cuts for rates per 1,000, which are not whole numbers', () => {
    expect(legend('overduePer1000', { good: 2.5, warn: 7.5 }).slice(0, 3)).toEqual([
      ['good', 'Ít (≤ 2,5)'],
      ['warn', 'Vừa (≤ 7,5)'],
      ['bad', 'Nhiều (> 7,5)'],
    ]);
  });
});
