/**
 * The drill from a service index count to its dossiers: for every computable indicator, both sides,
 * every scope with data, the current month (live counts) and closed periods (counts from the store),
 * the dossier list's `total` is the numerator or denominator GET …/index shows; bad parameters are
 * 400s naming the parameter; the list's access checks still apply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPUTABLE_INDICATORS, type IndicatorResult } from '../../../shared/contract/service-index.js';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const nov = (day: string, hm = '08:00') => `2026-11-${day}T${hm}:00+07:00`;
const oct = (day: string, hm = '08:00') => `2026-10-${day}T${hm}:00+07:00`;
let seq = 0;
const ev = (dossierId: string, type: string, at: string, extra: Record<string, unknown> = {}) => ({
  id: `${dossierId}-${++seq}`,
  type,
  dossierId,
  at,
  ...extra,
});
const recv = (id: string, unit: string, at: string, due: string, extra: Record<string, unknown> = {}) =>
  receivedEvent({ id: `${id}-${++seq}`, dossierId: id, unit, at, dueAt: due, ...extra });
const all = {
  digitized: true,
  electronicResult: true,
  reusedData: false,
  fromPersonalDataStore: true,
  citizenDataConnected: true,
  complaint: false,
};

const EVENTS = [
  // October, ward 26740: late, early, open and overdue at its end, open at its end and finished since.
  recv('O1', '26740', oct('05'), oct('08', '17:00'), { fee: 5_000, paidOnline: false, ...all, complaint: false }),
  ev('O1', 'processed', oct('20', '10:00')),
  recv('O2', '26740', oct('10'), oct('14', '17:00'), { channel: 'in_person', digitized: false, complaint: true }),
  recv('O4', '26740', oct('20'), oct('27', '17:00'), { fee: 20_000, paidOnline: true, ...all }),
  ev('O4', 'processed', oct('22', '10:00')),
  recv('O5', '26740', oct('26'), nov('05', '17:00'), { hasFee: false, electronicResult: false }),
  ev('O5', 'processed', nov('10', '10:00')),
  recv('A5', '26740', oct('30'), nov('03', '17:00'), { ...all }),
  ev('A5', 'processed', nov('03', '09:00')),
  // November.
  recv('A1', '26740', nov('02'), nov('04', '17:00'), { fee: 10_000, paidOnline: true, ...all }),
  ev('A1', 'processed', nov('03', '10:00')),
  recv('A2', '26740', nov('05'), nov('09', '17:00'), { channel: 'in_person', ...all, complaint: true }),
  ev('A2', 'processed', nov('10', '10:00')),
  recv('A3', '26740', nov('18'), nov('20', '17:00'), { hasFee: false, ...all }),
  recv('A4', '26740', nov('10'), nov('12', '17:00'), { channel: 'in_person', digitized: false, complaint: false }),
  recv('B1', '26743', nov('16'), nov('19', '17:00'), { hasFee: true, paidOnline: false }),
  ev('B1', 'processed', nov('19', '09:00'), { electronicResult: false }),
  recv('B2', '26743', nov('17'), nov('25', '17:00'), { channel: 'postal' }),
  ev('B2', 'supplement_requested', nov('18')),
  recv('S1', 'STP', nov('09'), nov('13', '17:00'), { ...all }),
  ev('S1', 'supplement_requested', nov('10')),
  ev('S1', 'supplement_received', nov('11')),
  ev('S1', 'supplement_requested', nov('12')),
];

const SCOPES = [
  ['units', '26740'],
  ['units', '26743'],
  ['departments', 'STP'],
  ['units', 'city'],
] as const;

describe('the drill from an index count to the dossiers behind it', () => {
  let srv: TestServer;
  let leader: RoleClient;
  beforeAll(async () => {
    srv = await startTestServer();
    const r = await srv.post('/api/v1/ingest/dossiers', { events: EVENTS });
    expect(r.body.rejected, JSON.stringify(r.body.results.filter((x: { status: string }) => x.status === 'rejected'))).toBe(0);
    leader = await srv.as('city_leader');
  });
  afterAll(async () => {
    await srv.close();
  });

  const indexPath = (kind: string, code: string, period: string) =>
    code === 'city' ? `/api/v1/city/index?period=${period}` : `/api/v1/${kind}/${code}/index?period=${period}`;
  const listPath = (kind: string, code: string, q: string) => `/api/v1/${kind}/${code}/dossiers?${q}&pageSize=100`;

  /** Every computable indicator's two sides in every scope: the list's total against the index's count. */
  async function expectListsMatchCounts(period: string): Promise<number> {
    let counted = 0;
    for (const [kind, code] of SCOPES) {
      const index = await leader.get(indexPath(kind, code, period));
      expect(index.status, `${code} ${period}`).toBe(200);
      const byId = new Map((index.body.index.indicators as IndicatorResult[]).map((i) => [i.id, i]));
      for (const indicator of COMPUTABLE_INDICATORS) {
        for (const side of ['numerator', 'denominator'] as const) {
          const list = await leader.get(listPath(kind, code, `indicator=${indicator}&side=${side}&period=${period}`));
          expect(list.status, `${code} ${indicator} ${side} ${period}`).toBe(200);
          expect(list.body.total, `${code} ${indicator} ${side} ${period}`).toBe(byId.get(indicator)?.[side]);
          expect(list.body.items).toHaveLength(list.body.total);
          counted += list.body.total;
        }
      }
    }
    return counted;
  }

  it('lists as many dossiers as each count of the current month, live, at 09:00 and after A3 falls overdue', async () => {
    expect(await expectListsMatchCounts('month')).toBeGreaterThan(50);
    srv.clock.set(Date.parse(nov('20', '17:30')));
    expect(await expectListsMatchCounts('2026-11')).toBeGreaterThan(50);
  });

  it('lists as many dossiers as each count of a closed month, quarter and year', async () => {
    expect(await expectListsMatchCounts('2026-10')).toBeGreaterThan(20);
    await expectListsMatchCounts('2026-Q4');
    await expectListsMatchCounts('2026');
  });

  it('lists October’s progress in ward 26740: finished in it, or open at its end and not overdue then', async () => {
    const ids = async (side: string) =>
      (
        (await leader.get(listPath('units', '26740', `indicator=progress_on_time&side=${side}&period=2026-10`))).body.items as {
          id: string;
        }[]
      )
        .map((d) => d.id)
        .sort();
    expect(await ids('denominator')).toEqual(['A5', 'O1', 'O2', 'O4', 'O5']);
    expect(await ids('numerator')).toEqual(['A5', 'O4', 'O5']);
    const drilled = await leader.get(listPath('units', '26740', 'indicator=progress_on_time&side=numerator&period=2026-10'));
    expect(drilled.body.drill).toMatchObject({
      indicator: 'progress_on_time',
      side: 'numerator',
      window: { period: '2026-10', kind: 'month', current: false },
    });
  });

  it('answers 400 naming the parameter for a bad indicator, side or period, or one without the other', async () => {
    const message = async (q: string) => {
      const r = await leader.get(listPath('units', '26740', q));
      expect(r.status, q).toBe(400);
      return String(r.body.error.message);
    };
    expect(await message('indicator=transparency&side=numerator')).toMatch(/^indicator:/);
    expect(await message('indicator=online_dossiers&side=top')).toMatch(/^side:/);
    expect(await message('indicator=online_dossiers')).toMatch(/^side: required/);
    expect(await message('side=numerator')).toMatch(/^indicator: required/);
    expect(await message('indicator=online_dossiers&side=numerator&period=today')).toMatch(/^period: .*month, quarter or year/);
    expect(await message('indicator=online_dossiers&side=numerator&period=2026-13')).toMatch(/^period:/);
  });

  it('keeps the list’s access checks: another ward’s leader is refused, the ward’s own is answered', async () => {
    const q = 'indicator=online_dossiers&side=denominator&period=month';
    const other = await srv.as('unit_leader', 'unit:26743');
    expect((await other.get(listPath('units', '26740', q))).status).toBe(403);
    const own = await srv.as('unit_leader', 'unit:26740');
    const r = await own.get(listPath('units', '26740', q));
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThan(0);
  });
});
