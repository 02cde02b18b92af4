import { describe, expect, it } from 'vitest';
import {
  daysFromCivil,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  parseDayKey,
  parseDueDate,
  parseIsoWithOffset,
} from '../../../server/domain/time.js';

/**
 * The timestamp parsers read character codes; these are the regex implementations they replaced,
 * kept here as the reference: both must agree on every input, valid or not.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

function referenceIso(s: string): number | null {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMs = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMs = (m[9] === '-' ? -1 : 1) * (oh * MS_PER_HOUR + om * MS_PER_MINUTE);
  }
  return daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millis - offsetMs;
}

function referenceDayKey(key: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const [year, month, day] = [1, 2, 3].map((i) => Number(m[i]));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

const VALID = [
  '2026-11-22T08:30:00+07:00',
  '2026-11-22T08:30:00.250+07:00',
  '2026-11-22T01:30:00Z',
  '2026-11-22T01:30:00z',
  '2026-11-22t01:30:00Z',
  '2026-11-22 01:30:00Z',
  '2026-11-22T01:30Z',
  '2026-11-22T08:30+0700',
  '2026-11-22T08:30:59-05:30',
  '2026-11-22T08:30:00,5Z',
  '2026-11-22T08:30:00.1Z',
  '2026-11-22T08:30:00.12Z',
  '2026-11-22T08:30:00.123Z',
  '2026-11-22T08:30:00.1239Z',
  '2026-11-22T08:30:00.999999999Z',
  '2026-11-22T08:30:00.000000001+07:00',
  '2024-02-29T23:59:59.999+07:00',
  '2000-02-29T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999-23:59',
  '2026-12-31T23:59:59+23:59',
  '1969-12-31T23:59:59.999Z',
];

const INVALID = [
  '',
  '2026-11-22',
  '2026-11-22T08:30:00',
  '2026-11-22T08:30',
  '2026-02-30T08:00:00+07:00',
  '2026-02-29T08:00:00Z',
  '1900-02-29T08:00:00Z',
  '2026-04-31T08:00:00Z',
  '2026-00-10T08:00:00Z',
  '2026-13-10T08:00:00Z',
  '2026-11-00T08:00:00Z',
  '2026-11-22T24:00:00Z',
  '2026-11-22T23:60:00Z',
  '2026-11-22T23:59:60Z',
  '2026-11-22T08:30:00+24:00',
  '2026-11-22T08:30:00+07:60',
  '2026-11-22T08:30:00+7:00',
  '2026-11-22T08:30:00+07:0',
  '2026-11-22T08:30:00+07::00',
  '2026-11-22T08:30:00+07:000',
  '2026-11-22T08:30:00 +07:00',
  '2026-11-22T08:30:00.Z',
  '2026-11-22T08:30:00.1234567890Z',
  '2026-11-22T08:30.5Z',
  '2026-11-22T08:30:0Z',
  '2026-11-22T8:30:00Z',
  '2026-11-22X08:30:00Z',
  '2026-11-22T08-30-00Z',
  '2026/11/22T08:30:00Z',
  '26-11-22T08:30:00Z',
  '+2026-11-22T08:30:00Z',
  '2026-11-22T08:30:00ZZ',
  '2026-11-22T08:30:00Z\n',
  ' 2026-11-22T08:30:00Z',
  '2026-11-22T08:30:00z ',
  '２026-11-22T08:30:00Z',
  '2026-11-22T08:30:00٫5Z',
  '2026-1a-22T08:30:00Z',
  '2026-11-22T08:30:00GMT',
  '2026-11-22T08:30:00-',
  '2026-11-22T08:30:00+',
  'not a date at all, but long enough',
];

describe('parseIsoWithOffset (character codes) agrees with the regex it replaced', () => {
  it.each(VALID)('accepts %s with the same instant', (s) => {
    const expected = referenceIso(s);
    expect(expected).not.toBeNull();
    expect(parseIsoWithOffset(s)).toBe(expected);
  });

  it.each(INVALID)('rejects %j', (s) => {
    expect(referenceIso(s)).toBeNull();
    expect(parseIsoWithOffset(s)).toBeNull();
  });

  it('agrees on every prefix and on single-character changes of valid timestamps', () => {
    const alphabet = ['0', '1', '2', '5', '9', '-', ':', '.', ',', 'T', 't', ' ', 'Z', 'z', '+', 'x', '/', '\u0660'];
    let checked = 0;
    for (const s of VALID) {
      for (let n = 0; n <= s.length; n++) {
        const prefix = s.slice(0, n);
        expect(parseIsoWithOffset(prefix), prefix).toBe(referenceIso(prefix));
        checked++;
      }
      for (let i = 0; i < s.length; i++) {
        for (const c of alphabet) {
          for (const mutated of [s.slice(0, i) + c + s.slice(i + 1), s.slice(0, i) + c + s.slice(i), s.slice(0, i) + s.slice(i + 1)]) {
            expect(parseIsoWithOffset(mutated), mutated).toBe(referenceIso(mutated));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('agrees on random timestamps across the calendar, offsets and fractions', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const p = (n: number, w: number) => String(n).padStart(w, '0');
    for (let k = 0; k < 5_000; k++) {
      const date = `${p(1900 + rand(250), 4)}-${p(rand(14), 2)}-${p(rand(33), 2)}`;
      const time = `${p(rand(26), 2)}:${p(rand(62), 2)}${rand(3) ? `:${p(rand(62), 2)}` : ''}`;
      const frac = rand(3) === 0 ? `.${p(rand(1_000_000), 1 + rand(9)).slice(0, 9)}` : '';
      const off = rand(3) === 0 ? 'Z' : `${rand(2) ? '+' : '-'}${p(rand(26), 2)}${rand(2) ? ':' : ''}${p(rand(62), 2)}`;
      const s = `${date}T${time}${time.length > 5 ? frac : ''}${off}`;
      expect(parseIsoWithOffset(s), s).toBe(referenceIso(s));
    }
  });
});

describe('parseDayKey (character codes) agrees with the regex it replaced', () => {
  const keys = [
    '2026-11-22',
    '2024-02-29',
    '2026-02-29',
    '2026-02-30',
    '2026-13-01',
    '2026-00-01',
    '2026-01-00',
    '2026-1-01',
    '2026-11-22T',
    ' 2026-11-22',
    '2026/11/22',
    '',
    '0000-01-01',
    '9999-12-31',
  ];
  it.each(keys)('%j', (k) => {
    expect(parseDayKey(k)).toBe(referenceDayKey(k));
  });

  it('keeps a bare due date meaning the whole Vietnam day', () => {
    expect(parseDueDate('2026-03-05')).toBe(parseIsoWithOffset('2026-03-05T23:59:59.999+07:00'));
    expect(parseDueDate('2026-02-30')).toBeNull();
    expect(parseDueDate('2026-03-05T10:00:00+07:00')).toBe(parseIsoWithOffset('2026-03-05T03:00:00Z'));
  });
});
