import { describe, expect, it } from 'vitest';
import { marksAfter, placeMarks } from '../../../../client/features/replay/rule-marks';

const mark = (at: string, what = '2026-12-07') => ({ at, kind: 'calendar' as const, what: [what], appliesAfterRestart: true });
const T = (iso: string) => Date.parse(iso);

describe('rule-change marks on the time bar', () => {
  it('places the marks within the slider’s range along it, oldest first, and leaves out the others', () => {
    const range = { from: T('2026-12-01T00:00:00+07:00'), to: T('2026-12-11T00:00:00+07:00') };
    const placed = placeMarks(
      [mark('2026-12-06T00:00:00+07:00'), mark('2026-11-01T00:00:00+07:00'), mark('2026-12-01T00:00:00+07:00'), mark('bad')],
      range,
    );
    expect(placed.map((p) => p.left)).toEqual([0, 50]);
    expect(placeMarks([mark('2026-12-06T00:00:00+07:00')], { from: 5, to: 5 })).toEqual([]);
  });

  it('finds the changes after the moment shown (the replay then uses newer rules than that moment’s)', () => {
    const marks = [mark('2026-12-02T10:00:00+07:00', 'a'), mark('2026-12-05T10:00:00+07:00', 'b')];
    expect(marksAfter(marks, T('2026-12-03T10:00:00+07:00')).map((m) => m.what[0])).toEqual(['b']);
    expect(marksAfter(marks, T('2026-12-05T10:00:00+07:00'))).toEqual([]);
  });
});
