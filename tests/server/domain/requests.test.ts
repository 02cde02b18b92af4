import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../server/domain/calendar.js';
import { loadCalendarYears } from '../../../server/config/calendar-loader.js';
import { answerDueAt, answerDueDayProblem, defaultAnswerDueDay, holderWhenSent } from '../../../server/domain/requests.js';
import type { Hold } from '../../../server/domain/types.js';

const cal = createWorkCalendar(loadCalendarYears());
const vn = (local: string) => Date.parse(`${local}+07:00`);

describe('defaultAnswerDueDay: 2 working days on the official calendar', () => {
  it('is Tuesday for a request sent on a Friday morning', () => {
    expect(defaultAnswerDueDay(vn('2026-12-04T10:30:00'), cal, 2)).toBe('2026-12-08');
  });

  it('skips a day off: sent Friday 20/11/2026, with Tuesday 24/11 (Ngày Văn hóa Việt Nam) off, it is Wednesday 25/11', () => {
    expect(defaultAnswerDueDay(vn('2026-11-20T10:30:00'), cal, 2)).toBe('2026-11-25');
  });

  it('counts from the next working morning when sent on a Saturday or after hours', () => {
    expect(defaultAnswerDueDay(vn('2026-12-05T10:00:00'), cal, 2)).toBe('2026-12-08');
    expect(defaultAnswerDueDay(vn('2026-12-04T20:00:00'), cal, 2)).toBe('2026-12-08');
  });

  it('skips Tết 2026: sent Friday 13/2 at 14:00, it is Tuesday 24/2', () => {
    expect(defaultAnswerDueDay(vn('2026-02-13T14:00:00'), cal, 2)).toBe('2026-02-24');
  });

  it('follows the setting: 1 working day from Friday morning is Monday', () => {
    expect(defaultAnswerDueDay(vn('2026-12-04T10:30:00'), cal, 1)).toBe('2026-12-07');
  });
});

describe('answerDueAt', () => {
  it('is the last millisecond of the due day in Vietnam time, as a bare due date is', () => {
    expect(answerDueAt('2026-12-08')).toBe(vn('2026-12-08T23:59:59.999'));
  });
});

describe('answerDueDayProblem: a date the sender chose', () => {
  const sent = vn('2026-12-04T10:30:00');
  it('accepts today and a later working day', () => {
    expect(answerDueDayProblem('2026-12-04', sent, cal)).toBeNull();
    expect(answerDueDayProblem('2026-12-10', sent, cal)).toBeNull();
  });
  it('refuses a day before the day it is sent, a day off, a non-date and a date over a year ahead, saying which', () => {
    expect(answerDueDayProblem('2026-12-03', sent, cal)).toMatch(/before today \(2026-12-04\)/);
    expect(answerDueDayProblem('2026-12-05', sent, cal)).toMatch(/not a working day/);
    expect(answerDueDayProblem('2026-11-24', vn('2026-11-20T10:00:00'), cal)).toMatch(/not a working day/);
    expect(answerDueDayProblem('2026-02-30', sent, cal)).toMatch(/not a date/);
    expect(answerDueDayProblem('2028-01-10', sent, cal)).toMatch(/more than 366 days/);
  });
});

describe('holderWhenSent: the official a request about a dossier is attributed to', () => {
  const hold = (handlerId: string, from: number, to: number | null): Hold => ({
    handlerId,
    handlerName: handlerId,
    handlerUnit: '26740',
    from,
    to,
    stepDueAt: null,
  });
  it('is the official holding it now', () => {
    expect(holderWhenSent([hold('a', 1, 2), hold('b', 2, null)])?.handlerId).toBe('b');
  });
  it('is the last one who held it when nobody does (finished)', () => {
    expect(holderWhenSent([hold('a', 1, 2), hold('b', 2, 5)])?.handlerId).toBe('b');
  });
  it('is nobody for a dossier never assigned', () => {
    expect(holderWhenSent([])).toBeNull();
  });
});
