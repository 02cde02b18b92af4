import { describe, expect, it } from 'vitest';
import { requestState, stateMatches, textLength, type RequestFacts } from '../../shared/request-state.js';

const SENT = Date.parse('2026-12-04T10:30:00+07:00');
/** The end of Tuesday 8 December 2026: two working days after Friday 10:30. */
const DUE = Date.parse('2026-12-08T23:59:59.999+07:00');
const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({ answerDueAt: DUE, readAt: null, answeredAt: null, ...over });

describe('requestState: each transition', () => {
  it('sent: nobody of the unit has read it', () => {
    expect(requestState(facts(), SENT)).toBe('sent');
  });

  it('sent → read: acknowledged (Đã tiếp nhận)', () => {
    expect(requestState(facts({ readAt: SENT + 60_000 }), SENT + 120_000)).toBe('read');
  });

  it('read → answered: answered before its due date (Đã giải trình)', () => {
    expect(requestState(facts({ readAt: SENT + 60_000, answeredAt: SENT + 3_600_000 }), SENT + 7_200_000)).toBe('answered');
  });

  it('sent → answered without an acknowledgement first, and answered at the due instant itself is on time', () => {
    expect(requestState(facts({ answeredAt: DUE }), DUE + 1)).toBe('answered');
  });

  it('sent → overdue: unanswered from the millisecond after its due instant, not at it', () => {
    expect(requestState(facts(), DUE)).toBe('sent');
    expect(requestState(facts(), DUE + 1)).toBe('overdue');
  });

  it('read → overdue: an acknowledgement does not stop the clock', () => {
    expect(requestState(facts({ readAt: SENT + 1 }), DUE + 1)).toBe('overdue');
  });

  it('overdue → answered_late: answered after its due date, and it stays so later on', () => {
    const late = facts({ readAt: SENT + 1, answeredAt: DUE + 3_600_000 });
    expect(requestState(late, DUE + 3_600_000)).toBe('answered_late');
    expect(requestState(late, DUE + 30 * 86_400_000)).toBe('answered_late');
  });

  it('a reminder (no answer due date) is never overdue: sent, then read', () => {
    expect(requestState(facts({ answerDueAt: null }), DUE + 365 * 86_400_000)).toBe('sent');
    expect(requestState(facts({ answerDueAt: null, readAt: SENT }), DUE + 365 * 86_400_000)).toBe('read');
  });
});

describe('stateMatches: the list filters', () => {
  it('"answered" takes answered and answered late; "open" every unanswered state; the others only themselves', () => {
    expect(['answered', 'answered_late', 'sent'].map((s) => stateMatches(s as never, 'answered'))).toEqual([true, true, false]);
    expect(['sent', 'read', 'overdue', 'answered', 'answered_late'].map((s) => stateMatches(s as never, 'open'))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(stateMatches('overdue', 'overdue')).toBe(true);
    expect(stateMatches('read', 'sent')).toBe(false);
  });
});

describe('textLength', () => {
  it('counts Vietnamese letters once whether they come composed or decomposed (NFC)', () => {
    const composed = 'Giải trình';
    expect(textLength(composed)).toBe(10);
    expect(textLength(composed.normalize('NFD'))).toBe(10);
  });
});
