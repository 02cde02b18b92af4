import { describe, expect, it } from 'vitest';
import type { OfficialRow } from '../../../shared/contract/api';
import { officialBadges, officialsWorstFirst } from '../../../client/features/unit/officials';

function official(over: Partial<OfficialRow>): OfficialRow {
  return {
    id: 'o',
    name: 'Cán bộ',
    unit: '26734',
    holdingNow: 0,
    overdueHeldNow: 0,
    stepsDone: 10,
    stepOnTimeShare: 1,
    medianHoldDays: 1,
    buckPassingCases: 0,
    ...over,
  };
}

describe('officialsWorstFirst', () => {
  it('puts officials holding overdue dossiers first, then buck-passers, then slow ones', () => {
    const rows = [
      official({ id: 'good', name: 'An' }),
      official({ id: 'slow', name: 'Bình', stepOnTimeShare: 0.4 }),
      official({ id: 'buckPassing', name: 'Chi', buckPassingCases: 3 }),
      official({ id: 'overdue', name: 'Dũng', overdueHeldNow: 2 }),
      official({ id: 'unknown', name: 'Em', stepOnTimeShare: null }),
    ];
    expect(officialsWorstFirst(rows).map((r) => r.id)).toEqual(['overdue', 'buckPassing', 'slow', 'good', 'unknown']);
  });
});

describe('officialBadges', () => {
  it('flags overdue holdings, slow steps and buck-passing cases', () => {
    expect(officialBadges(official({ overdueHeldNow: 1, stepOnTimeShare: 0.5, buckPassingCases: 2 }))).toEqual([
      'overdue',
      'slow',
      'buckPassing',
    ]);
    expect(officialBadges(official({}))).toEqual([]);
    expect(officialBadges(official({ stepOnTimeShare: null }))).toEqual([]);
  });
});
