import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const at = (local: string) => Date.parse(`${local}+07:00`);
const recv = (id: string, received: string, due: string) =>
  receivedEvent({ id: `${id}:1`, dossierId: id, at: `${received}+07:00`, dueAt: due.length === 10 ? due : `${due}+07:00` });
const ev = (id: string, n: number, type: string, when: string, extra: Record<string, unknown> = {}) => ({
  id: `${id}:${n}`,
  type,
  dossierId: id,
  at: `${when}+07:00`,
  ...extra,
});

// Friday 20/11/2026 is a working day; Saturday 21 and Sunday 22 are days off; Monday 23 works.
describe('changes against the previous period compare like with like', () => {
  let srv: TestServer;
  let liveAtEndOfSunday: number;
  let sundayMorning: { status: number; body: any };

  beforeAll(async () => {
    srv = await startTestServer({ start: at('2026-11-20T09:00:00') });
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        // Past due, open: overdue.
        recv('A', '2026-11-16T08:00:00', '2026-11-18T17:00:00'),
        // Past due but waiting for the citizen's supplement: the clock is stopped, not overdue.
        recv('B', '2026-11-16T08:00:00', '2026-11-19T17:00:00'),
        ev('B', 2, 'supplement_requested', '2026-11-18T09:00:00'),
        recv('B2', '2026-11-16T08:00:00', '2026-11-19T17:00:00'),
        ev('B2', 2, 'supplement_requested', '2026-11-19T09:00:00'),
        // Two supplement requests: overdue by the national rule with a due date far ahead.
        recv('C', '2026-11-16T08:00:00', '2026-11-30T17:00:00'),
        ev('C', 2, 'supplement_requested', '2026-11-17T09:00:00'),
        ev('C', 3, 'supplement_received', '2026-11-18T09:00:00'),
        ev('C', 4, 'supplement_requested', '2026-11-19T09:00:00'),
        // Due at the end of Friday (a bare date): overdue from Saturday 00:00, late in working time from Monday.
        recv('D', '2026-11-17T08:00:00', '2026-11-20'),
        // Finished late on Friday morning.
        recv('E', '2026-11-18T08:00:00', '2026-11-19T17:00:00'),
        ev('E', 2, 'processed', '2026-11-20T08:30:00'),
      ],
    });
    expect(r.body.results.filter((x: { status: string }) => x.status !== 'accepted')).toEqual([]);

    srv.clock.set(at('2026-11-22T10:00:00'));
    sundayMorning = await srv.get('/api/v1/overview?period=today');
    srv.clock.set(at('2026-11-22T23:59:59.999'));
    liveAtEndOfSunday = (await srv.get('/api/v1/overview?period=today')).body.city.overdue;

    srv.clock.set(at('2026-11-23T10:00:00'));
    const monday = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        ev('A', 2, 'processed', '2026-11-23T09:00:00'),
        ev('B', 3, 'supplement_received', '2026-11-23T09:30:00'),
        recv('F', '2026-11-23T08:00:00', '2026-11-26T17:00:00'),
      ],
    });
    expect(monday.body.accepted).toBe(3);
  });
  afterAll(async () => {
    await srv.close();
  });

  it('counts the overdue backlog at the end of yesterday from the store exactly as the live engine counted it then', async () => {
    // A, C and D; not B or B2, whose clocks were stopped for the citizen.
    expect(liveAtEndOfSunday).toBe(3);
    const { body } = await srv.get('/api/v1/overview?period=today');
    expect(body.previousCity.overdue).toBe(liveAtEndOfSunday);
  });

  it('judges today by what finished today and what became overdue today, not by the whole backlog', async () => {
    const { body } = await srv.get('/api/v1/overview?period=today');
    // D's first working hour late is Monday morning; A finished late on Monday; C was overdue before today.
    expect(body.city).toMatchObject({ overdue: 2, overdueNew: 1, finishedLate: 1, onTimeRateBasis: 'new' });
    expect(body.city.onTimeRate).toBe(0);
    // Sunday: nothing finished, nothing became overdue in working time: no rate, not 0 %.
    expect(body.previousCity).toMatchObject({ overdueNew: 0, finishedLate: 0, onTimeRate: null });
  });

  it('keeps the DVCQG rule for the month: every dossier overdue now is in the denominator', async () => {
    const { body } = await srv.get('/api/v1/overview?period=month');
    expect(body.city.onTimeRateBasis).toBe('backlog');
    // Finished in November: E and A, both late; overdue now: C and D.
    expect(body.city.onTimeRate).toBe(0);
    expect(body.city.overdue).toBe(2);
  });

  it('shows no on-time rate on a day off, says it is one, and offers the last working day with its figures', async () => {
    expect(sundayMorning.status).toBe(200);
    const { body } = sundayMorning;
    expect(body.city.onTimeRate).toBeNull();
    expect(body.city.overdueNew).toBe(0);
    expect(body.day).toMatchObject({ date: '2026-11-22', workingDay: false, lastWorkingDay: { date: '2026-11-20' } });
    // Friday: E finished late; nothing had become overdue in working time that day and was still so at its end.
    expect(body.day.lastWorkingDay.city).toMatchObject({ finishedLate: 1, overdueNew: 0, onTimeRate: 0 });
    // The units of the map get the same rule: none is judged 0 % for a day on which nobody worked.
    for (const m of Object.values(body.units) as { onTimeRate: number | null }[]) expect(m.onTimeRate).toBeNull();
  });

  it('gives a unit page the same previous-period figures as the city', async () => {
    const { body } = await (await srv.as('city_leader')).get('/api/v1/units/26740?period=today&officials=0');
    expect(body.previous).toMatchObject({ overdue: 3, onTimeRateBasis: 'new' });
    expect(body.previousToDate).not.toBeNull();
  });

  it('compares received today with yesterday up to the same time, not with all of yesterday', async () => {
    // Monday 10:00: F was received at 08:00 today. Friday is not "yesterday"; Sunday had nothing.
    // Move to Tuesday 08:30 with one receipt at 08:10 today, against Monday's 08:00 (counted) and none after.
    srv.clock.set(at('2026-11-24T08:30:00'));
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [recv('G', '2026-11-24T08:10:00', '2026-11-27T17:00:00'), recv('H', '2026-11-23T09:30:00', '2026-11-27T17:00:00')],
    });
    expect(r.body.accepted).toBe(2);
    const { body } = await srv.get('/api/v1/overview?period=today');
    expect(body.city.received).toBe(1);
    // Monday until 08:30: F (08:00), not H (09:30).
    expect(body.previousCityToDate.received).toBe(1);
    expect(body.previousCity.received).toBe(2);
  });
});
