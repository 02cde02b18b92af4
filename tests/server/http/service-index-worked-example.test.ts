/**
 * The worked example of issue 13: one ward (26740), one closed month (October 2026), 27 hand-built
 * dossiers sent through the ingest API, stored, and read back from GET /api/v1/units/26740/index
 * ?period=2026-10. Every expected figure below is computed by hand from DOMAIN.md's formulas.
 * The server's clock stands at Friday 20 November 2026 09:00 (October is closed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totalUnderRule } from '../../../server/domain/service-index.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

type Fields = Record<string, boolean | number>;
const t = (day: string, hm = '08:00') => `2026-${day}T${hm}:00+07:00`;
let seq = 0;
const ev = (dossierId: string, type: string, at: string, extra: Record<string, unknown> = {}) => ({
  id: `${dossierId}-${++seq}`,
  type,
  dossierId,
  at,
  ...extra,
});
const recv = (id: string, at: string, due: string, channel: string, fields: Fields = {}, unit = '26740') =>
  receivedEvent({ id: `${id}-${++seq}`, dossierId: id, at, dueAt: due, channel, unit, ...fields });

// Field shorthands (absent = unknown). e = electronicResult, d = digitized, r = reusedData,
// s = fromPersonalDataStore, p = citizenDataConnected, c = complaint.
const F = (e: boolean, d: boolean, r: boolean, s: boolean, p: boolean, c: boolean) => ({
  electronicResult: e,
  digitized: d,
  reusedData: r,
  fromPersonalDataStore: s,
  citizenDataConnected: p,
  complaint: c,
});

// One dossier per line reads as the table the comments compute.
// prettier-ignore
const EVENTS = [
  // D01 online, early (done 6/10, due 8/10); no fee; e d r s p; no complaint.
  recv('D01', t('10-05'), t('10-08', '17:00'), 'online', { fee: 0, ...F(true, true, true, true, true, false) }),
  ev('D01', 'processed', t('10-06', '10:00')),
  // D02 online, on time (done on the due date); fee paid online; e d p.
  recv('D02', t('10-05', '09:00'), t('10-07', '17:00'), 'online', { fee: 20_000, paidOnline: true, ...F(true, true, false, false, true, false) }),
  ev('D02', 'processed', t('10-07', '15:00')),
  // D03 in person, late (done 9/10, due 8/10); no fee; d only (no electronic result).
  recv('D03', t('10-06'), t('10-08', '17:00'), 'in_person', { hasFee: false, ...F(false, true, false, false, false, false) }),
  ev('D03', 'processed', t('10-09', '10:00')),
  // D04 in person, early; fee paid at the counter; nothing digital.
  recv('D04', t('10-07'), t('10-09', '17:00'), 'in_person', { hasFee: true, paidOnline: false, ...F(false, false, false, false, false, false) }),
  ev('D04', 'processed', t('10-08', '10:00')),
  // D05 online, early; fee paid online; e d r p; no complaint at the end, then rated unsatisfied → complaint.
  recv('D05', t('10-12'), t('10-14', '17:00'), 'online', { fee: 50_000, paidOnline: true, ...F(true, true, true, false, true, false) }),
  ev('D05', 'processed', t('10-13', '10:00')),
  ev('D05', 'rated', t('10-15', '09:00'), { rating: 'unsatisfied' }),
  // D06 online, on time; the source sends no index field at all (all unknown).
  recv('D06', t('10-12', '09:00'), t('10-15', '17:00'), 'online'),
  ev('D06', 'processed', t('10-15', '11:00')),
  // D07 in person, one supplement with a new due date (19/10), done on it: on time; no fee; e d.
  recv('D07', t('10-13'), t('10-16', '17:00'), 'in_person', { fee: 0, ...F(true, true, false, false, false, false) }),
  ev('D07', 'supplement_requested', t('10-14', '09:00')),
  ev('D07', 'supplement_received', t('10-15', '09:00'), { dueAt: t('10-19', '17:00') }),
  ev('D07', 'processed', t('10-19', '10:00')),
  // D08 in person, two supplements: late for the index whatever the dates; fee paid at the counter; nothing digital.
  recv('D08', t('10-14'), t('10-20', '17:00'), 'in_person', { hasFee: true, paidOnline: false, ...F(false, false, false, false, false, false) }),
  ev('D08', 'supplement_requested', t('10-15', '09:00')),
  ev('D08', 'supplement_received', t('10-16', '09:00'), { dueAt: t('10-21', '17:00') }),
  ev('D08', 'supplement_requested', t('10-19', '09:00')),
  ev('D08', 'supplement_received', t('10-20', '09:00'), { dueAt: t('10-22', '17:00') }),
  ev('D08', 'processed', t('10-21', '10:00')),
  // D09 online, apology letter proposing 23/10, done 23/10: still late (the letter does not move the due date); e d r s p.
  recv('D09', t('10-19'), t('10-21', '17:00'), 'online', { fee: 0, ...F(true, true, true, true, true, false) }),
  ev('D09', 'apology_issued', t('10-21', '16:00'), { proposedDueAt: '2026-10-23', reason: 'Chờ xác minh' }),
  ev('D09', 'processed', t('10-23', '10:00')),
  // D10 in person, overdue and still open (due 23/10); no fee, not digitised; the rest unknown.
  recv('D10', t('10-20'), t('10-23', '17:00'), 'in_person', { hasFee: false, digitized: false }),
  // D11 online, open at the end of October and not yet due (due 3/11), done 2/11; fee paid online; e d p (result sent at the end).
  recv('D11', t('10-29'), t('11-03', '17:00'), 'online', { hasFee: true, paidOnline: true, digitized: true, reusedData: false, fromPersonalDataStore: false, citizenDataConnected: true }),
  ev('D11', 'processed', t('11-02', '10:00'), { electronicResult: true, complaint: false }),
  // D12 in person, awaiting its one supplement since 29/10 (clock stopped, due 2/11): open, not overdue; no fee; digitised, result unknown.
  recv('D12', t('10-28'), t('11-02', '17:00'), 'in_person', { hasFee: false, digitized: true }),
  ev('D12', 'supplement_requested', t('10-29', '09:00')),
  // D13 online, early; no fee; e d r p.
  recv('D13', t('10-21'), t('10-23', '17:00'), 'online', { fee: 0, ...F(true, true, true, false, true, false) }),
  ev('D13', 'processed', t('10-22', '10:00')),
  // D14 online, on time; fee paid at the counter; e d s p.
  recv('D14', t('10-22'), t('10-26', '17:00'), 'online', { hasFee: true, paidOnline: false, ...F(true, true, false, true, true, false) }),
  ev('D14', 'processed', t('10-26', '10:00')),
  // D15 in person, early; no fee; d.
  recv('D15', t('10-22', '09:00'), t('10-26', '17:00'), 'in_person', { fee: 0, ...F(false, true, false, false, false, false) }),
  ev('D15', 'processed', t('10-23', '10:00')),
  // D16 postal, early; fee paid by other means; nothing digital.
  recv('D16', t('10-23'), t('10-28', '17:00'), 'postal', { hasFee: true, paidOnline: false, ...F(false, false, false, false, false, false) }),
  ev('D16', 'processed', t('10-27', '10:00')),
  // D17 online, on time; no fee; e d r s p.
  recv('D17', t('10-26'), t('10-28', '17:00'), 'online', { fee: 0, ...F(true, true, true, true, true, false) }),
  ev('D17', 'processed', t('10-28', '09:00')),
  // D18 in person, late (done 30/10, due 29/10); fee with the payment channel unknown; e d p.
  recv('D18', t('10-26', '09:00'), t('10-29', '17:00'), 'in_person', { fee: 30_000, ...F(true, true, false, false, true, false) }),
  ev('D18', 'processed', t('10-30', '10:00')),
  // D19 online, early; fee paid online; e d r p.
  recv('D19', t('10-27'), t('10-29', '17:00'), 'online', { hasFee: true, paidOnline: true, ...F(true, true, true, false, true, false) }),
  ev('D19', 'processed', t('10-28', '10:00')),
  // D20 in person, early; no fee; nothing digital.
  recv('D20', t('10-27', '09:00'), t('10-30', '17:00'), 'in_person', { fee: 0, ...F(false, false, false, false, false, false) }),
  ev('D20', 'processed', t('10-29', '10:00')),
  // D21 received in September, done early on 1/10: in October's progress only.
  recv('D21', t('09-28'), t('10-02', '17:00'), 'online', { fee: 0, ...F(true, true, true, true, true, false) }),
  ev('D21', 'processed', t('10-01', '10:00')),
  // D22 received in September, done late on 2/10: in October's progress only.
  recv('D22', t('09-29'), t('10-01', '17:00'), 'in_person', { fee: 0, ...F(false, false, false, false, false, false) }),
  ev('D22', 'processed', t('10-02', '10:00')),
  // D23 in person, withdrawn by the citizen: received in October, out of progress; digitised, the rest unknown.
  recv('D23', t('10-08'), t('10-12', '17:00'), 'in_person', { digitized: true }),
  ev('D23', 'withdrawn', t('10-09', '10:00')),
  // D24 refused (not accepted): counted nowhere.
  recv('D24', t('10-08', '09:00'), t('10-12', '17:00'), 'online', { fee: 0, ...F(true, true, true, true, true, false) }),
  ev('D24', 'refused', t('10-08', '10:00')),
  // D25 another ward's dossier: not this ward's.
  recv('D25', t('10-08'), t('10-12', '17:00'), 'online', { fee: 0, ...F(true, true, true, true, true, false) }, '26743'),
  // D26 received in November: not October's.
  recv('D26', t('11-03'), t('11-05', '17:00'), 'online', { fee: 0, ...F(true, true, true, true, true, false) }),
  // D27 received in September, overdue at the end of October (due 5/10), done 4/11: open at the end, overdue then.
  recv('D27', t('09-30'), t('10-05', '17:00'), 'in_person', { fee: 0, ...F(false, false, false, false, false, false) }),
  ev('D27', 'processed', t('11-04', '10:00')),
];

describe('the worked example: ward 26740, October 2026, computed by hand from DOMAIN.md', () => {
  let srv: TestServer;
  let body: any;
  const indicator = (id: string) => body.index.indicators.find((i: { id: string }) => i.id === id);

  beforeAll(async () => {
    srv = await startTestServer();
    const r = await srv.post('/api/v1/ingest/dossiers', { events: EVENTS });
    expect(r.body.rejected, JSON.stringify(r.body.results.filter((x: { status: string }) => x.status === 'rejected'))).toBe(0);
    const res = await srv.get('/api/v1/units/26740/index?period=2026-10');
    expect(res.status).toBe(200);
    body = res.body;
  });
  afterAll(async () => {
    await srv.close();
  });

  it('is about October, closed', () => {
    expect(body.window).toMatchObject({ period: '2026-10', kind: 'month', current: false });
  });

  it('on-time processing: 20 × 16 ÷ 23 = 13.91', () => {
    // Done in October: early D01 D04 D05 D13 D15 D16 D19 D20 D21 (9), on time D02 D06 D07 D14 D17 (5),
    // late D03 D08(two supplements) D09(apology) D18 D22 (5) → 19. Open at the end: D10 (overdue),
    // D11 (due 3/11), D12 (awaiting supplement), D27 (overdue) → 4, of them not overdue 2.
    // (9 + 5 + 2) ÷ (19 + 4) = 16 ÷ 23 = 0.695652 → × 20 = 13.913 → 13.91.
    expect(indicator('progress_on_time')).toMatchObject({ numerator: 16, denominator: 23, points: 13.91, applicable: true });
  });

  it('online dossiers: 10 of 21 received, below the 50 % threshold: 0.47619 × 12 ÷ 0.5 = 11.43', () => {
    // Received in October, counted (D01–D20, D23; not the refused D24): 21. Online: D01 D02 D05 D06
    // D09 D11 D13 D14 D17 D19 = 10. 10 ÷ 21 = 0.476190 → 11.428 → 11.43.
    expect(indicator('online_dossiers')).toMatchObject({ numerator: 10, denominator: 21, points: 11.43 });
  });

  it('online payment: 4 paid online of 8 fee-bearing with a known payment: 0.5 × 10 = 5', () => {
    // Fee-bearing: D02 D04 D05 D08 D11 D14 D16 D19 (paidOnline known) and D18 (unknown: left out).
    // Paid online: D02 D05 D11 D19.
    expect(indicator('online_payment')).toMatchObject({ numerator: 4, denominator: 8, points: 5 });
  });

  it('electronic result: 11 of 17 known: 6 × 0.647059 = 3.88', () => {
    // Unknown: D06 D10 D12 D23. Electronic: D01 D02 D05 D07 D09 D11 D13 D14 D17 D18 D19 = 11.
    expect(indicator('electronic_result')).toMatchObject({ numerator: 11, denominator: 17, points: 3.88 });
  });

  it('digitised dossier: 11 of 18 known, threshold 80 %: 0.611111 × 4 ÷ 0.8 = 3.06', () => {
    // Unknown: D06 (nothing), D12 and D23 (digitised, result unknown). D10 is known: not digitised.
    expect(indicator('digitised_dossier')).toMatchObject({ numerator: 11, denominator: 18, points: 3.06 });
  });

  it('reuse of digitised data: 6 of 17, threshold 80 %: 0.352941 × 2 ÷ 0.8 = 0.88', () => {
    // Reused: D01 D05 D09 D13 D17 D19.
    expect(indicator('digitised_data_reuse')).toMatchObject({ numerator: 6, denominator: 17, points: 0.88 });
  });

  it('personal data store: 4 of 17: 4 × 0.235294 = 0.94', () => {
    // D01 D09 D14 D17.
    expect(indicator('personal_data_store')).toMatchObject({ numerator: 4, denominator: 17, points: 0.94 });
  });

  it('population data: 10 of 17: 2 × 0.588235 = 1.18', () => {
    // D01 D02 D05 D09 D11 D13 D14 D17 D18 D19.
    expect(indicator('population_data')).toMatchObject({ numerator: 10, denominator: 17, points: 1.18 });
  });

  it('dossier satisfaction: 12 of 17, threshold 90 %: 0.705882 × 6 ÷ 0.9 = 4.71', () => {
    // Complaint known: 17 (not D06 D10 D12 D23). Bad, counted once: D05 (unsatisfied rating),
    // D03 D08 D09 D18 (late). 17 − 5 = 12.
    expect(indicator('dossier_satisfaction')).toMatchObject({ numerator: 12, denominator: 17, points: 4.71 });
  });

  it('totals 44.99 of 66 computable points; 78.99 (Khá) with full points for what cannot be computed', () => {
    // 13.91 + 11.43 + 5 + 3.88 + 3.06 + 0.88 + 0.94 + 1.18 + 4.71 = 44.99; 20+12+10+6+4+2+4+2+6 = 66.
    expect(body.index).toMatchObject({ computedPoints: 44.99, computedMax: 66, rule: 'full', total: 78.99, grade: 'fair' });
    // The scaled rule: 44.99 × 100 ÷ 66 = 68.166 → 68.17 (Trung bình).
    expect(totalUnderRule(body.index.computedPoints, body.index.computedMax, 'scaled')).toBe(68.17);
    const sum = body.index.indicators.reduce((s: number, i: { points: number | null }) => s + (i.points ?? 0), 0);
    expect(Math.abs(sum - 44.99)).toBeLessThan(0.005);
  });

  it('shows the catalogue and petition indicators as not applicable, with their reason', () => {
    expect(indicator('transparency')).toMatchObject({ applicable: false, reason: 'catalogue_data', points: null });
    expect(indicator('petitions_on_time')).toMatchObject({ applicable: false, reason: 'petition_data' });
  });

  it('ranks the ward among wards in the city ranking, with the same total', async () => {
    const { body: ranking } = await srv.get('/api/v1/index?period=2026-10');
    const row = ranking.units.find((u: { code: string }) => u.code === '26740');
    expect(row).toMatchObject({ total: 78.99, grade: 'fair', kind: 'unit' });
    expect(row.rank).toBeGreaterThanOrEqual(1);
    expect(ranking.departments.every((d: { kind: string }) => d.kind === 'department')).toBe(true);
    // Only 26740 and 26743 (D25, overdue) had dossiers: every other ward is listed without a total,
    // grade or rank, not with 100 untouched points.
    const others = ranking.units.filter((u: { code: string }) => u.code !== '26740' && u.code !== '26743');
    expect(others.length).toBeGreaterThan(100);
    for (const u of others) expect(u).toMatchObject({ total: null, grade: null, rank: null, dossiers: 0 });
    expect(ranking.units.find((u: { code: string }) => u.code === '26743')).toMatchObject({ dossiers: 1, rank: 2 });
  });
});
