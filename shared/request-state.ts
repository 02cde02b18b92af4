/**
 * The one rule for a request's state, run by the server (lists, pushes, the overdue sweep) and the
 * client (a request on screen turns overdue when the server's clock passes its due date). Pure.
 */
import type { RequestState, RequestStateFilter } from './contract/requests.js';

/** The facts the state is derived from (epoch ms; null when it has not happened / there is none). */
export interface RequestFacts {
  answerDueAt: number | null;
  readAt: number | null;
  answeredAt: number | null;
}

/**
 * The state at `now`. An answer settles it for good: `answered`, or `answered_late` when it came after
 * the due date (it never goes back to `overdue`). Unanswered: `overdue` once `now` is past the due date
 * (a request due at the end of a day is overdue from the next day's first millisecond), else `read`
 * when acknowledged, else `sent`.
 */
export function requestState(r: RequestFacts, now: number): RequestState {
  if (r.answeredAt !== null) return r.answerDueAt !== null && r.answeredAt > r.answerDueAt ? 'answered_late' : 'answered';
  if (r.answerDueAt !== null && now > r.answerDueAt) return 'overdue';
  return r.readAt !== null ? 'read' : 'sent';
}

/** Whether a state passes a list filter (`answered` takes both answered states; `open` every unanswered one). */
export function stateMatches(state: RequestState, filter: RequestStateFilter): boolean {
  switch (filter) {
    case 'answered':
      return state === 'answered' || state === 'answered_late';
    case 'open':
      return state === 'sent' || state === 'read' || state === 'overdue';
    default:
      return state === filter;
  }
}

/** Length of a message or answer as the limits count it: characters (code points) after Unicode NFC. */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s.normalize('NFC')) n++;
  return n;
}
