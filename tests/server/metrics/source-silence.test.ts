import { describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { LATE_SHARE, sourceSilence, type SourceSilenceInput } from '../../../server/metrics/source-silence.js';

const calendar = loadWorkCalendar();
const at = (iso: string): number => Date.parse(iso);
const MIN = 60_000;

function input(over: Partial<SourceSilenceInput>): SourceSilenceInput {
  return {
    lastSeenAt: at('2026-12-04T16:55:00+07:00'),
    now: at('2026-12-04T17:00:00+07:00'),
    silentAfterMs: 10 * MIN,
    hours: 'office',
    ...over,
  };
}

describe('sourceSilence', () => {
  it('a source that only sends in office hours is not silent on Sunday', () => {
    // Last batch Friday 16:55; Sunday 6 December 2026 at 10:00 only 5 working minutes have passed.
    const s = sourceSilence(input({ now: at('2026-12-06T10:00:00+07:00') }), calendar);
    expect(s.state).toBe('live');
    expect(s.quietMs).toBe(5 * MIN);
    expect(s.lagMs).toBe(at('2026-12-06T10:00:00+07:00') - at('2026-12-04T16:55:00+07:00'));
  });

  it('an office-hours source is not silent at night nor over the lunch break', () => {
    expect(sourceSilence(input({ now: at('2026-12-04T23:30:00+07:00') }), calendar).state).toBe('live');
    const lunch = input({ lastSeenAt: at('2026-12-03T11:28:00+07:00'), now: at('2026-12-03T12:55:00+07:00') });
    expect(sourceSilence(lunch, calendar)).toMatchObject({ state: 'live', quietMs: 2 * MIN });
  });

  it('an office-hours source is not silent on an official day off (2 September)', () => {
    const s = sourceSilence(input({ lastSeenAt: at('2026-08-28T16:58:00+07:00'), now: at('2026-09-02T15:00:00+07:00') }), calendar);
    expect(s).toMatchObject({ state: 'live', quietMs: 2 * MIN });
  });

  it('an office-hours source quiet for longer than its threshold of working time is silent on Monday morning', () => {
    const s = sourceSilence(input({ now: at('2026-12-07T07:50:00+07:00') }), calendar);
    expect(s).toMatchObject({ state: 'silent', quietMs: 25 * MIN });
  });

  it('a 24/7 source is silent after N minutes at night', () => {
    const s = sourceSilence(
      input({ hours: 'always', lastSeenAt: at('2026-12-05T23:00:00+07:00'), now: at('2026-12-05T23:11:00+07:00') }),
      calendar,
    );
    expect(s).toMatchObject({ state: 'silent', lagMs: 11 * MIN, quietMs: 11 * MIN });
  });

  it('a 24/7 source is live within its threshold on a Sunday', () => {
    const s = sourceSilence(
      input({ hours: 'always', lastSeenAt: at('2026-12-06T10:00:00+07:00'), now: at('2026-12-06T10:04:00+07:00') }),
      calendar,
    );
    expect(s.state).toBe('live');
  });

  it(`is late once quiet for more than ${LATE_SHARE * 100}% of its threshold, silent only past it`, () => {
    const base = { hours: 'always' as const, lastSeenAt: at('2026-12-03T09:00:00+07:00'), silentAfterMs: 20 * MIN };
    expect(sourceSilence(input({ ...base, now: at('2026-12-03T09:10:00+07:00') }), calendar).state).toBe('live');
    expect(sourceSilence(input({ ...base, now: at('2026-12-03T09:10:01+07:00') }), calendar).state).toBe('late');
    expect(sourceSilence(input({ ...base, now: at('2026-12-03T09:20:00+07:00') }), calendar).state).toBe('late');
    expect(sourceSilence(input({ ...base, now: at('2026-12-03T09:20:01+07:00') }), calendar).state).toBe('silent');
  });

  it('uses the per-source threshold: a source allowed 2 working hours is live after 90 minutes', () => {
    const s = sourceSilence(
      input({ lastSeenAt: at('2026-12-03T08:00:00+07:00'), now: at('2026-12-03T09:00:00+07:00'), silentAfterMs: 120 * MIN }),
      calendar,
    );
    expect(s.state).toBe('live');
    expect(
      sourceSilence(
        input({ lastSeenAt: at('2026-12-03T08:00:00+07:00'), now: at('2026-12-03T09:30:00+07:00'), silentAfterMs: 120 * MIN }),
        calendar,
      ).state,
    ).toBe('late');
  });

  it('a source that never sent is silent, with no lag', () => {
    expect(sourceSilence(input({ lastSeenAt: null }), calendar)).toEqual({ state: 'silent', lagMs: null, quietMs: null });
  });

  it('a batch stamped after the server clock counts as just heard', () => {
    expect(sourceSilence(input({ lastSeenAt: at('2026-12-04T17:05:00+07:00') }), calendar)).toMatchObject({
      state: 'live',
      lagMs: 0,
      quietMs: 0,
    });
  });
});
