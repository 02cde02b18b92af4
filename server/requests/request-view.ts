/** A stored request (epoch ms) as the API and the live events show it (ISO instants, its state now). */
import type { ReminderRow } from '../db/reminders-repo.js';
import { toVnIso } from '../domain/time.js';
import type { RequestState, RequestView } from '../../shared/contract/requests.js';
import { requestState } from '../../shared/request-state.js';
import type { ScopeKey } from '../metrics/types.js';

const iso = (t: number | null): string | null => (t === null ? null : toVnIso(t));

/** The state of a stored request at `now` (the one rule, shared/request-state.ts). */
export function stateOf(r: ReminderRow, now: number): RequestState {
  return requestState({ answerDueAt: r.answerDueAt, readAt: r.acknowledgedAt, answeredAt: r.answeredAt }, now);
}

export function toRequestView(r: ReminderRow, now: number, unitName: (code: string) => string): RequestView {
  return {
    id: r.id,
    kind: r.kind,
    unit: r.unit,
    unitName: unitName(r.unit),
    subject: { type: r.subjectType, id: r.subjectId, title: r.subjectTitle },
    dossierId: r.dossierId,
    message: r.message,
    sentBy: r.sentBy,
    sentByUsername: r.sentByUsername,
    sentAt: toVnIso(r.sentAt),
    holder: r.holderId !== null ? { id: r.holderId, name: r.holderName ?? '', unit: r.holderUnit ?? '' } : null,
    answerDueAt: iso(r.answerDueAt),
    acknowledgedBy: r.acknowledgedBy,
    acknowledgedAt: iso(r.acknowledgedAt),
    answer: r.answer,
    answeredBy: r.answeredBy,
    answeredAt: iso(r.answeredAt),
    answerSeenAt: iso(r.answerSeenAt),
    state: stateOf(r, now),
  };
}

/** Where a stored request goes and who sent it, for the access rules (policy.ts RequestParties). */
export function partiesOf(r: ReminderRow, scopeOf: (code: string) => ScopeKey | null): { to: ScopeKey; sentById: number } | null {
  const to = scopeOf(r.unit);
  return to ? { to, sentById: r.sentById } : null;
}
