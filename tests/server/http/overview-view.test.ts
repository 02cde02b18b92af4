/** What a caller may see of an overview level, worked out once per principal object and level. */
import { describe, expect, it } from 'vitest';
import { PUBLIC, type Principal } from '../../../server/auth/policy.js';
import type { ScopeKey } from '../../../server/metrics/types.js';
import { createOverviewViews } from '../../../server/http/overview-view.js';
import type { OverviewLevelPlan } from '../../../server/http/overview-level.js';

const level: OverviewLevelPlan = { top: 'city', units: ['1', '2', '3'], departments: true, provinces: [], level: undefined };
const leader: Principal = { role: 'unit_leader', userId: 7, username: 'lan', displayName: 'Lan', scope: 'unit:2', scopes: ['unit:2'] };

function views() {
  let asked = 0;
  const may = (p: Principal, scope: ScopeKey) => {
    asked++;
    return p.role !== 'unit_leader' || scope === 'unit:2';
  };
  return { viewOf: createOverviewViews(['STP'], may), asked: () => asked };
}

describe('overview views', () => {
  it('asks the policy once per principal, period and level; the same view after', () => {
    const v = views();
    const first = v.viewOf(leader, 'month', undefined, level);
    const n = v.asked();
    expect(v.viewOf(leader, 'month', undefined, level)).toBe(first);
    expect(v.asked()).toBe(n);
    expect(first.seen).toEqual({ units: ['2'], departments: [], provinces: [], whole: false });
    expect(first.key).toBe('month||0|2||');
  });

  it('keeps principals, periods and levels apart', () => {
    const v = views();
    const pub = v.viewOf(PUBLIC, 'month', undefined, level);
    expect(pub.seen).toEqual({ units: ['1', '2', '3'], departments: ['STP'], provinces: [], whole: true });
    expect(v.viewOf(leader, 'month', undefined, level).key).not.toBe(pub.key);
    expect(v.viewOf(PUBLIC, 'week', undefined, level).key).toBe('week||1|1,2,3|STP|');
    const other = { ...leader };
    expect(v.viewOf(other, 'month', undefined, level)).not.toBe(v.viewOf(leader, 'month', undefined, level));
  });
});
