import type { UnitDetailResponse } from '../../../shared/contract/api';
import { unitForecast } from '../fixtures/forecast';

/** A unit's detail as the public gets it (no officials). */
export function detailFixture(): UnitDetailResponse {
  const m = {
    received: 10,
    receivedOnline: 5,
    inProgress: 4,
    overdue: 1,
    dueSoon: 1,
    awaitingSupplement: 0,
    paused: 0,
    finishedEarly: 3,
    finishedOnTime: 2,
    finishedLate: 1,
    withdrawn: 0,
    overdueNew: 0,
    onTimeRate: 0.8,
    onTimeRateBasis: 'backlog' as const,
    processingDaysMedian: 2,
    processingDaysP90: 4,
    onlineShare: 0.5,
    apologies: 0,
    buckPassingCases: 0,
    tasks: { assigned: 0, openInTerm: 0, openOverdue: 0, doneOnTime: 0, doneLate: 0, noDeadline: 0 },
  };
  return {
    asOf: '2025-11-14T09:30:00+07:00',
    window: { period: 'live', from: '2025-10-15T00:00:00+07:00', to: '2025-11-14T09:30:00+07:00' },
    scope: 'unit:26734',
    unit: {
      code: '26734',
      type: 'Phường',
      name: 'Bến Thành',
      fullName: 'Phường Bến Thành',
      nameEn: 'Ben Thanh',
      lat: 10.77,
      lon: 106.69,
      areaKm2: 1.6,
      population: 50000,
    },
    department: null,
    metrics: m,
    previous: null,
    previousToDate: null,
    byField: [],
    byProcedure: [],
    byOfficial: [],
    trend: [],
    processingHistogram: [],
    forecast: unitForecast(),
  } as UnitDetailResponse;
}
