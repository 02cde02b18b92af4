/**
 * Service-index answers for client tests, computed by the server's own formulas (server/domain) from
 * dossier counts, so the fixture's points, subtotals and total are consistent as the API sends them.
 */
import { serviceIndex } from '../../../server/domain/service-index';
import { emptyIndexCounts, type IndexCounts } from '../../../server/domain/service-index-facts';
import { DEFAULT_SERVICE_INDEX_SETTINGS } from '../../../server/domain/service-index-settings';
import type { IndexRow, NoDataRule, PortalFigure, ScopeIndexResponse, ServiceIndex } from '../../../shared/contract/service-index';

/** A ward's month: 40 dossiers, 34 processed on time, some online, some paid online; no reuse field known. */
export const WARD_COUNTS: IndexCounts = {
  ...emptyIndexCounts(),
  progressOnTime: 34,
  progressTotal: 40,
  received: 40,
  receivedOnline: 14,
  feeDossiers: 10,
  paidOnline: 7,
  electronicResultKnown: 30,
  electronicResult: 21,
  digitisedKnown: 30,
  digitised: 18,
  personalStoreKnown: 30,
  personalStore: 6,
  populationKnown: 30,
  population: 27,
  satisfactionKnown: 40,
  satisfactionBad: 3,
};

export function wardIndex(rule: NoDataRule = 'full', counts: IndexCounts = WARD_COUNTS): ServiceIndex {
  return serviceIndex(counts, { ...DEFAULT_SERVICE_INDEX_SETTINGS, noDataRule: rule });
}

export function row(over: Partial<IndexRow> = {}): IndexRow {
  return {
    code: '26740',
    kind: 'unit',
    name: 'Phường Sài Gòn',
    total: 80.5,
    grade: 'good',
    computedPoints: 46.5,
    computedMax: 66,
    rank: 1,
    change: 1.25,
    improvementRank: 3,
    dossiers: 40,
    portal: null,
    ...over,
  };
}

export const PORTAL: PortalFigure = {
  total: 84.1,
  groups: { progress: 19.5, online: 12 },
  difference: -3.6,
  flagged: true,
  differingGroups: [
    { group: 'progress', ours: 17, portal: 19.5, difference: -2.5 },
    { group: 'online', ours: 11.2, portal: 12, difference: -0.8 },
  ],
  importedAt: '2026-12-05T07:00:00.000+07:00',
  source: 'dvcqg-2026-11.csv',
};

/** GET /units/26740/index for November 2026, with the portal's figure when given. */
export function scopeResponse(index: ServiceIndex, portal: PortalFigure | null = null): ScopeIndexResponse {
  // Not returned as a literal: the contract gains `portalDifferenceLimit` with the portal import, and a
  // literal would be refused by the contract on one side of that change.
  const body = {
    portalDifferenceLimit: 2,
    asOf: '2026-12-04T10:30:00.000+07:00',
    window: {
      period: '2026-11',
      kind: 'month' as const,
      from: '2026-11-01T00:00:00.000+07:00',
      to: '2026-12-01T00:00:00.000+07:00',
      current: false,
    },
    scope: 'unit:26740',
    row: row({ total: index.total, grade: index.grade, computedPoints: index.computedPoints, computedMax: index.computedMax, portal }),
    index,
    previous: null,
    gradeCutoffs: DEFAULT_SERVICE_INDEX_SETTINGS.gradeCutoffs,
  };
  return body;
}
