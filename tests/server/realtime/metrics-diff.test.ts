import { describe, expect, it } from 'vitest';
import { changedMetrics } from '../../../server/realtime/metrics-diff.js';
import { emptyScopeMetrics } from '../../../shared/contract/metrics.js';

describe('changedMetrics', () => {
  const before = { ...emptyScopeMetrics(), received: 4, inProgress: 2, onTimeRate: 0.5 };

  it('lists only the fields that differ', () => {
    expect(changedMetrics(before, { ...before, received: 5, onTimeRate: null })).toEqual({ received: 5, onTimeRate: null });
  });

  it('is null when nothing differs, whole when nothing was sent', () => {
    expect(changedMetrics(before, { ...before, tasks: { ...before.tasks } })).toBeNull();
    expect(changedMetrics(undefined, before)).toEqual(before);
  });

  it('sends the task counters whole when one of them moved', () => {
    const tasks = { ...before.tasks, openOverdue: 1 };
    expect(changedMetrics(before, { ...before, tasks })).toEqual({ tasks });
  });
});
