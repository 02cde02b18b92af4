// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { sameRanking, worstRows, type UnitRow } from '../../../../client/features/overview/unit-rows';
import { useStable } from '../../../../client/lib/use-stable';

afterEach(cleanup);

const row = (code: string, value: number | null, level: UnitRow['level'] = 'bad'): UnitRow => ({
  code,
  name: code,
  nameEn: code,
  type: 'Phường',
  metrics: null,
  value,
  level,
});

describe('the worst-units ranking under live updates', () => {
  it('counts as unchanged only when the same units keep the same values and classes in the same order', () => {
    const a = worstRows([row('1', 5), row('2', 9), row('3', null)], 'overdue', 10);
    expect(a.map((r) => r.code)).toEqual(['2', '1']);
    expect(sameRanking(a, worstRows([row('1', 5), row('2', 9), row('3', null)], 'overdue', 10))).toBe(true);
    expect(sameRanking(a, worstRows([row('1', 6), row('2', 9)], 'overdue', 10))).toBe(false); // a value moved
    expect(sameRanking(a, worstRows([row('1', 5, 'warn'), row('2', 9)], 'overdue', 10))).toBe(false); // a class moved
    expect(sameRanking(a, worstRows([row('1', 10), row('2', 9)], 'overdue', 10))).toBe(false); // the order moved
  });

  it('hands the chart the same array while nothing it draws changed, so a memoised chart skips the update', () => {
    const seen: UnitRow[][] = [];
    function Probe({ rows }: { rows: UnitRow[] }) {
      seen.push(useStable(worstRows(rows, 'overdue', 10), sameRanking));
      return null;
    }
    const view = render(<Probe rows={[row('1', 5), row('2', 9)]} />);
    view.rerender(<Probe rows={[row('1', 5), row('2', 9)]} />);
    view.rerender(<Probe rows={[row('1', 7), row('2', 9)]} />);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[1]);
    expect(seen[2].map((r) => r.value)).toEqual([9, 7]);
  });
});
