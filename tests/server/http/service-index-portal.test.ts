/**
 * GET /index and a scope's index carry the national portal's figure beside ours, once `npm run
 * index:import` has stored it from another process (here: another connection to the same file), with
 * the difference, the flag above the setting's 2 points and the groups that differ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createPortalIndexRepo } from '../../../server/db/portal-index-repo.js';
import type { PortalRow } from '../../../server/domain/portal-index-file.js';
import type { IndexRankingResponse, IndexRow } from '../../../shared/contract/service-index.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const t = (day: string, hm = '08:00') => `2026-11-${day}T${hm}:00+07:00`;
const EVENTS = [
  receivedEvent({
    id: 'a1',
    dossierId: 'A1',
    unit: '26740',
    at: t('02'),
    dueAt: t('04', '17:00'),
    digitized: true,
    electronicResult: true,
  }),
  { id: 'a1-done', type: 'processed', dossierId: 'A1', at: t('03', '10:00') },
  receivedEvent({ id: 'a2', dossierId: 'A2', unit: '26740', at: t('05'), dueAt: t('09', '17:00'), channel: 'in_person' }),
  { id: 'a2-done', type: 'processed', dossierId: 'A2', at: t('10', '10:00') },
  receivedEvent({ id: 'b1', dossierId: 'B1', unit: '26743', at: t('16'), dueAt: t('19', '17:00') }),
];

let srv: TestServer;
/** Stores figures as the CLI does: from a connection of its own, as another process would. */
function importFromAnotherProcess(source: string, rows: Omit<PortalRow, 'line' | 'raw'>[]) {
  const db = openDatabase(srv.dbFile);
  try {
    const lines = rows.map((r, i) => ({ ...r, line: i + 2, raw: '' }));
    return createPortalIndexRepo(db).importFile({ source, sha256: source }, lines, [], Date.parse('2026-11-20T07:00:00+07:00'));
  } finally {
    db.close();
  }
}
const ranking = async (period = 'month'): Promise<IndexRankingResponse> => {
  const r = await srv.get(`/api/v1/index?period=${period}`);
  expect(r.status).toBe(200);
  return r.body;
};
const unitRow = (body: IndexRankingResponse, code: string) => body.units.find((u) => u.code === code) as IndexRow;

describe('the national portal’s figure beside ours', () => {
  let ours: IndexRankingResponse;
  beforeAll(async () => {
    srv = await startTestServer();
    const r = await srv.post('/api/v1/ingest/dossiers', { events: EVENTS });
    expect(r.body.rejected).toBe(0);
    ours = await ranking();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('is null before any import, and the response names the limit in force', () => {
    expect(ours.portalDifferenceLimit).toBe(2);
    expect(unitRow(ours, '26740').portal).toBeNull();
    expect(ours.city?.portal).toBeNull();
  });

  it('appears after an import in another process: difference, the flag above 2 points, none at exactly 2', async () => {
    const a = unitRow(ours, '26740').total as number;
    const b = unitRow(ours, '26743').total as number;
    const city = ours.city?.total as number;
    importFromAnotherProcess('portal-2026-11.csv', [
      { code: '26740', period: '2026-11', total: a - 3, groups: { transparency: 15 } },
      { code: '26743', period: '2026-11', total: b - 2, groups: {} },
      { code: 'city', period: '2026-11', total: city + 0.5, groups: {} },
    ]);
    const body = await ranking();
    expect(unitRow(body, '26740').portal).toEqual({
      total: a - 3,
      groups: { transparency: 15 },
      difference: 3,
      flagged: true,
      // Transparency: no dossier computes it, so ours counts its 18 points (the `full` rule, as the portal does).
      differingGroups: [{ group: 'transparency', ours: 18, portal: 15, difference: 3 }],
      importedAt: '2026-11-20T07:00:00.000+07:00',
      source: 'portal-2026-11.csv',
    });
    expect(unitRow(body, '26743').portal).toMatchObject({ difference: 2, flagged: false });
    expect(body.city?.portal).toMatchObject({ difference: -0.5, flagged: false });
    // A ward without an imported figure keeps null.
    expect(body.units.find((u) => u.code !== '26740' && u.code !== '26743')?.portal).toBeNull();
  });

  it('answers the same under the period’s name, and in one unit’s index', async () => {
    expect(unitRow(await ranking('2026-11'), '26740').portal).toMatchObject({ difference: 3, flagged: true });
    const unit = await srv.get('/api/v1/units/26740/index?period=month');
    expect(unit.status).toBe(200);
    expect(unit.body.portalDifferenceLimit).toBe(2);
    expect(unit.body.row.portal).toMatchObject({ difference: 3, flagged: true });
    const city = await srv.get('/api/v1/city/index?period=2026-11');
    expect(city.body.row.portal).toMatchObject({ difference: -0.5 });
  });

  it('is not carried over to another period', async () => {
    expect(unitRow(await ranking('2026-10'), '26740').portal).toBeNull();
    expect(unitRow(await ranking('quarter'), '26740').portal).toBeNull();
  });

  it('follows a newer import at once (the cached figures are dropped when the import counter moves)', async () => {
    const a = unitRow(ours, '26740').total as number;
    importFromAnotherProcess('portal-2026-11-v2.csv', [{ code: '26740', period: '2026-11', total: a - 1, groups: {} }]);
    const row = unitRow(await ranking(), '26740');
    expect(row.portal).toMatchObject({ difference: 1, flagged: false, differingGroups: [], source: 'portal-2026-11-v2.csv' });
  });
});
