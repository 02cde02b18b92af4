/**
 * Requests on an item's timeline: each request where it was sent, its acknowledgement, its turning
 * overdue and its answer, each at its own instant, to sit in place among the item's events. Pure.
 */
import type { RequestView } from '../../../shared/contract/requests';
import { parseVnInstant } from '../../../shared/datetime';
import { liveState } from './requests-model';

export type RequestMomentKind = 'sent' | 'read' | 'overdue' | 'answered';

export interface RequestMoment {
  key: string;
  kind: RequestMomentKind;
  /** ISO instant. */
  at: string;
  request: RequestView;
}

/** The moments of each request, oldest first; "overdue" once the server's `now` is past an unanswered (or late-answered) request's due date. */
export function requestMoments(requests: readonly RequestView[], now: number): RequestMoment[] {
  const out: RequestMoment[] = [];
  for (const r of requests) {
    out.push({ key: `rq-${r.id}-sent`, kind: 'sent', at: r.sentAt, request: r });
    if (r.acknowledgedAt && r.acknowledgedAt !== r.answeredAt)
      out.push({ key: `rq-${r.id}-read`, kind: 'read', at: r.acknowledgedAt, request: r });
    const state = liveState(r, now);
    if (r.answerDueAt && (state === 'overdue' || state === 'answered_late')) {
      out.push({ key: `rq-${r.id}-overdue`, kind: 'overdue', at: r.answerDueAt, request: r });
    }
    if (r.answeredAt) out.push({ key: `rq-${r.id}-answered`, kind: 'answered', at: r.answeredAt, request: r });
  }
  return out.sort((a, b) => (parseVnInstant(a.at) ?? 0) - (parseVnInstant(b.at) ?? 0));
}
