import { describe, expect, it } from 'vitest';
import { dayText, instantOf, parseDayText, parseTimeText, readMoment, timeText } from '../../../../client/features/replay/moment-input';

const at = (iso: string) => Date.parse(iso);

describe('the picker’s fields of an instant', () => {
  it('write the date day first and the time on a 24-hour clock, in Vietnam time', () => {
    // 03:00 UTC is 10:00 in Vietnam; 17:30 UTC is already the next day there.
    expect(dayText(at('2026-12-07T03:00:00Z'))).toBe('07/12/2026');
    expect(timeText(at('2026-12-07T03:00:00Z'))).toBe('10:00');
    expect(dayText(at('2026-12-06T17:30:00Z'))).toBe('07/12/2026');
    expect(timeText(at('2026-12-06T17:30:00Z'))).toBe('00:30');
    expect(timeText(at('2026-12-07T08:05:00Z'))).toBe('15:05');
  });
});

describe('parseDayText', () => {
  it.each([
    ['07/12/2026', { year: 2026, month: 12, day: 7 }],
    ['7/12/2026', { year: 2026, month: 12, day: 7 }],
    [' 7-12-2026 ', { year: 2026, month: 12, day: 7 }],
    ['7.12.26', { year: 2026, month: 12, day: 7 }],
    ['7 12 2026', { year: 2026, month: 12, day: 7 }],
    ['07122026', { year: 2026, month: 12, day: 7 }],
    ['071226', { year: 2026, month: 12, day: 7 }],
    ['29/02/2028', { year: 2028, month: 2, day: 29 }],
  ])('reads %s day first', (text, fields) => {
    expect(parseDayText(text)).toEqual(fields);
  });

  it.each(['12/31/2026', '31/11/2026', '29/02/2027', '2026-12-07', '7/12', '', 'hôm qua', '0/12/2026'])(
    'refuses %s (not a day of the calendar, or not day first)',
    (text) => {
      expect(parseDayText(text)).toBeNull();
    },
  );
});

describe('parseTimeText', () => {
  it.each([
    ['10:00', { hour: 10, minute: 0 }],
    ['9:05', { hour: 9, minute: 5 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['10h', { hour: 10, minute: 0 }],
    ['10h30', { hour: 10, minute: 30 }],
    ['10.30', { hour: 10, minute: 30 }],
    ['14', { hour: 14, minute: 0 }],
    ['1430', { hour: 14, minute: 30 }],
    ['930', { hour: 9, minute: 30 }],
  ])('reads %s on a 24-hour clock', (text, fields) => {
    expect(parseTimeText(text)).toEqual(fields);
  });

  it.each(['24:00', '10:60', '10 AM', '10:00 PM', '', '1:2', '12345'])('refuses %s', (text) => {
    expect(parseTimeText(text)).toBeNull();
  });
});

describe('readMoment', () => {
  const range = { from: at('2026-11-02T03:00:00Z'), to: at('2026-12-07T03:30:00Z') };

  it('gives the instant of a Vietnam date and time', () => {
    expect(readMoment('06/12/2026', '10:00', range)).toEqual({ ok: true, at: at('2026-12-06T10:00:00+07:00') });
    expect(instantOf({ year: 2026, month: 12, day: 7 }, { hour: 0, minute: 30 })).toBe(at('2026-12-06T17:30:00Z'));
  });

  it('says which field is wrong, or that the moment is outside what the bar reaches', () => {
    expect(readMoment('12/31/2026', '10:00', range)).toEqual({ ok: false, error: 'day' });
    expect(readMoment('06/12/2026', '10 PM', range)).toEqual({ ok: false, error: 'time' });
    expect(readMoment('01/10/2026', '10:00', range)).toEqual({ ok: false, error: 'before' });
    expect(readMoment('07/12/2026', '11:00', range)).toEqual({ ok: false, error: 'after' });
  });
});
